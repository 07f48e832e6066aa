/**
 * `GET /api/coverage?radiusCs=&radiusEvs=&isolation=&date=` (km), or
 * `radiusCsMinutes=&radiusEvsMinutes=&isolationMinutes=` when `analysis.metric` is `minutes`:
 * the same report as `maillage analyze coverage --json`. Kept apart from the route file so tests
 * call it directly.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { runCoverageAnalysis, type CoverageReport } from './report';
import { API_NAMES, parseCoverageRequest, rawRequestFromQuery } from './request';

/**
 * The report for a query string; `today` is the default date.
 * @throws CoverageRequestError (French) on a bad parameter, or a threshold in the unit the analysis
 *   does not use — the route answers 400
 */
export async function coverageForQuery(db: Kysely<Database>, query: URLSearchParams, today: string): Promise<CoverageReport> {
	const request = parseCoverageRequest(rawRequestFromQuery(query), today, API_NAMES);
	return (await runCoverageAnalysis(db, request, API_NAMES)).report;
}
