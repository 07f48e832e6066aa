import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { isoDateInParis } from '$lib/format';
import { UserFacingError } from '$lib/server/errors';
import { loadQpvView, qpvViewDate, type QpvViewRow } from '$lib/server/coverage/qpv-view';
import { toCsv, type CsvCell } from '$lib/io/csv-writer';
import { downloadResponse } from '$lib/server/http/download';

const HEADERS = [
	'Code du QPV',
	'Quartier prioritaire',
	'Génération',
	'Communes (codes INSEE)',
	'Communes',
	'Population',
	'Centre social le plus proche',
	'Distance au centre social (km, depuis le contour)',
	'Espace de vie sociale le plus proche',
	'Distance à l’EVS (km, depuis le contour)',
	'Structure dans le QPV',
	'Desservi',
	'Distance retenue (km)',
	'Date'
] as const;

const km = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(v * 100) / 100);

/**
 * The QPV without any AVS structure inside or within the QPV distance (`?tous=1`: every QPV), at
 * `?date=`, as CSV (`;`, UTF-8 with BOM, French headers, decimal comma).
 */
export const GET: RequestHandler = async ({ locals, url }) => {
	const today = isoDateInParis(new Date());
	const { date, error: dateError } = qpvViewDate(url.searchParams.get('date'), today);
	if (dateError) error(400, dateError);
	try {
		const view = await loadQpvView(locals.db, date);
		const all = url.searchParams.get('tous') === '1';
		const rows = all ? view.rows : view.unserved;
		const body = toCsv(
			HEADERS,
			rows.map((r: QpvViewRow): CsvCell[] => [
				r.code,
				r.name,
				r.generation ?? 'inconnue',
				r.communes.map((c) => c.code).join(' ; '),
				r.communes.map((c) => c.name ?? c.code).join(' ; '),
				r.population,
				r.nearestCs?.name ?? null,
				km(r.nearestCs?.km),
				r.nearestEvs?.name ?? null,
				km(r.nearestEvs?.km),
				r.inside,
				r.served,
				view.threshold.km,
				view.date
			])
		);
		return downloadResponse(body, `maillage-qpv-${all ? 'tous' : 'sans-structure'}-${view.date}.csv`);
	} catch (e) {
		if (e instanceof UserFacingError) error(422, e.message);
		throw e;
	}
};
