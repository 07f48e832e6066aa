/**
 * `GET /api/funding/export/csv` or `/xlsx` (with the filters of the funding pages): the lines the
 * signed-in user may see, as a CSV for French spreadsheets (`;`, UTF-8 with BOM, decimal comma)
 * or an XLSX workbook with real numbers. The import columns come first: the file imports back.
 */
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { rowScope } from '$lib/domain/policy';
import { parseFundingFilters } from '$lib/funding/filters';
import { exportFunding } from '$lib/server/import/funding';

export const GET: RequestHandler = async ({ locals, params, url }) => {
	if (!locals.user) error(401, 'Connexion requise');
	if (params.format !== 'csv' && params.format !== 'xlsx') error(404, 'Format inconnu : csv ou xlsx');
	const filters = parseFundingFilters(url.searchParams);
	const file = await exportFunding(locals.db, rowScope(locals.user, 'read'), params.format, filters);
	const name = `financements${filters.year ? `-${filters.year}` : ''}.${params.format}`;
	return new Response(file.bytes as unknown as BodyInit, {
		headers: {
			'content-type': file.contentType,
			'content-disposition': `attachment; filename="${name}"`,
			'cache-control': 'private, no-store'
		}
	});
};
