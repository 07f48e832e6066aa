import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { isoDateInParis } from '$lib/format';
import { coverageForQuery, CoverageRequestError } from '$lib/server/coverage';
import { UserFacingError } from '$lib/server/errors';

/**
 * The coverage report as JSON, for the parameters of the query string (date `AAAA-MM-JJ`;
 * thresholds `radiusCs`, `radiusEvs`, `isolation` in km, or `radiusCsMinutes`, `radiusEvsMinutes`,
 * `isolationMinutes` when `analysis.metric` is `minutes`); 400 with a French message on a bad
 * parameter or a threshold in the other unit, 422 when the data cannot be analysed.
 */
export const GET: RequestHandler = async ({ locals, url }) => {
	try {
		const report = await coverageForQuery(locals.db, url.searchParams, isoDateInParis(new Date()));
		return json(report, { headers: { 'Cache-Control': 'private, no-store' } });
	} catch (error) {
		if (error instanceof CoverageRequestError) return json({ message: error.message }, { status: 400 });
		if (error instanceof UserFacingError) return json({ message: error.message }, { status: 422 });
		throw error;
	}
};
