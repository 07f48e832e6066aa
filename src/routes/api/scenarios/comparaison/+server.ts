import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { isoDateInParis } from '$lib/format';
import { comparisonTable } from '$lib/planning';
import * as scenarios from '$lib/server/db/scenarios';
import { toCsv } from '$lib/io/csv-writer';
import { downloadResponse } from '$lib/server/http/download';

/**
 * The comparison of the current situation with up to 3 scenarios (`?ids=1,2,3`), as CSV
 * (`format=csv`: `;`, UTF-8 with BOM, French labels, one line per indicator) or JSON.
 */
export const GET: RequestHandler = async ({ url, locals }) => {
	const ids = url.searchParams
		.getAll('ids')
		.flatMap((v) => v.split(','))
		.map(Number)
		.filter((n) => Number.isInteger(n) && n > 0);
	const date = isoDateInParis(new Date());
	const comparison = await scenarios.compareStored(locals.db, date, ids);
	if (url.searchParams.get('format') === 'csv') {
		const { headers, rows } = comparisonTable(comparison.columns);
		return downloadResponse(toCsv(headers, rows), `maillage-comparaison-scenarios-${date}.csv`);
	}
	return json(
		{
			date: comparison.date,
			missing: comparison.missing,
			columns: comparison.columns.map(({ categories: _categories, ...c }) => c)
		},
		{ headers: { 'Cache-Control': 'private, no-store' } }
	);
};
