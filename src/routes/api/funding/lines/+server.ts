/**
 * `GET /api/funding/lines?annee=…&financeur=…`: the funding lines the signed-in user may see,
 * with the filters of the funding pages (same URL parameters), their count and their sum.
 * `limit` (default 500, at most 5 000) and `offset` page through them.
 */
import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { rowScope } from '$lib/domain/policy';
import { parseFundingFilters } from '$lib/funding/filters';
import * as funding from '$lib/server/db/funding';

export const GET: RequestHandler = async ({ locals, url }) => {
	if (!locals.user) error(401, 'Connexion requise');
	const filters = parseFundingFilters(url.searchParams);
	const limit = Math.min(5000, Math.max(1, Number(url.searchParams.get('limit')) || 500));
	const offset = Math.max(0, Number(url.searchParams.get('offset')) || 0);
	const page = await funding.listLines(locals.db, rowScope(locals.user, 'read'), filters, { limit, offset });
	return json({ filters, total: page.total, totalAmount: page.totalAmount, limit, offset, lines: page.lines }, { headers: { 'cache-control': 'private, no-store' } });
};
