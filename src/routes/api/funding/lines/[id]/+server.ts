/**
 * `GET /api/funding/lines/<id>`: one funding line, if the signed-in user may see it (row scope
 * applied in the query). A line of another partner that is not published answers 404, exactly like
 * a line that does not exist, so its existence is not revealed either.
 */
import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { rowScope } from '$lib/domain/policy';
import * as funding from '$lib/server/db/funding';

export const GET: RequestHandler = async ({ locals, params }) => {
	if (!locals.user) error(401, 'Connexion requise');
	const id = /^\d{1,9}$/.test(params.id) ? Number(params.id) : null;
	const line = id === null ? null : await funding.getLine(locals.db, rowScope(locals.user, 'read'), id);
	if (!line) error(404, 'Ligne de financement introuvable');
	return json({ line }, { headers: { 'cache-control': 'private, no-store' } });
};
