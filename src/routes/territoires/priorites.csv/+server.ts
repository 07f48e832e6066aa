import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { isoDateInParis } from '$lib/format';
import { CoverageRequestError, prioritiesForQuery, type PriorityRow } from '$lib/server/coverage';
import { UserFacingError } from '$lib/server/errors';
import { toCsv, type CsvCell } from '$lib/io/csv-writer';
import { downloadResponse } from '$lib/server/http/download';

const HEADERS = [
	'Code INSEE',
	'Commune',
	'SIREN de l’EPCI',
	'EPCI',
	'Population',
	'Catégorie',
	'Couverte',
	'Isolée',
	'À renforcer',
	'Structure la plus proche',
	'Distance à la structure la plus proche (km)',
	'Distance au centre social le plus proche (km)',
	'Distance à l’espace de vie sociale le plus proche (km)',
	'Distance au pôle d’activités le plus proche (km)',
	'Accessibilité (structures pour 10 000 habitants)',
	'Raisons',
	'QPV (codes)',
	'ZFRR',
	'Date d’analyse',
	'Rayon CS (km)',
	'Rayon EVS (km)',
	'Distance d’isolement (km)'
] as const;

const round = (value: number | null, digits: number) => (value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits);
const flag = (value: boolean | null) => (value === null ? 'indéterminé' : value);

/**
 * The priority communes as CSV (`;`, UTF-8 with BOM, French headers, decimal comma), with the
 * same query as the page (thresholds, date, EPCI, category, text).
 */
export const GET: RequestHandler = async ({ locals, url }) => {
	const today = isoDateInParis(new Date());
	try {
		const view = await prioritiesForQuery(locals.db, url.searchParams, today);
		const p = view.run.report.parameters;
		const body = toCsv(
			HEADERS,
			view.rows.map((r: PriorityRow): CsvCell[] => [
				r.code,
				r.name,
				r.epciSiren,
				r.epciName,
				r.population,
				r.categoryLabel,
				r.covered,
				flag(r.isolated),
				flag(r.reinforce),
				r.nearestStructureName,
				round(r.nearestStructureKm, 2),
				round(r.nearestCsKm, 2),
				round(r.nearestEvsKm, 2),
				round(r.nearestPoleKm, 2),
				round(r.accessibility, 3),
				r.reasons.join(' ; '),
				r.qpvCodes.join(' ; '),
				r.zfrr,
				view.request.date,
				p.radiusCsKm,
				p.radiusEvsKm,
				p.isolationKm
			])
		);
		return downloadResponse(body, `maillage-communes-prioritaires-${view.request.date}.csv`);
	} catch (e) {
		if (e instanceof CoverageRequestError) error(400, e.message);
		if (e instanceof UserFacingError) error(422, e.message);
		throw e;
	}
};
