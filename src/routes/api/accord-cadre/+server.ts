/**
 * `GET /api/accord-cadre`: every accord-cadre as the signed-in user may see it — commitments of
 * its row scope with their realisation, yearly balances and alerts computed over the funding lines
 * it may see (same data as the page).
 */
import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { isoDateInParis } from '$lib/format';
import * as accordCadre from '$lib/server/db/accord-cadre';

export const GET: RequestHandler = async ({ locals }) => {
	if (!locals.user) error(401, 'Connexion requise');
	const currentYear = Number(isoDateInParis(new Date()).slice(0, 4));
	return json({ currentYear, accords: await accordCadre.followUps(locals.db, locals.user, currentYear) }, { headers: { 'cache-control': 'private, no-store' } });
};
