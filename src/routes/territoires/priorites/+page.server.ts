import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { isoDateInParis } from '$lib/format';
import { intParam } from '$lib/ui/url';
import { UserFacingError } from '$lib/server/errors';
import { CoverageRequestError, formatParameterRegime, formatParameterValue, prioritiesForQuery } from '$lib/server/coverage';

const PAGE_SIZE = 50;
const SHOWN_KM = new Set(['radiusCsKm', 'radiusEvsKm', 'isolationKm', 'catchmentKm', 'metric']);
/** With travel times, the thresholds in minutes and the estimate's parameters. */
const SHOWN_MINUTES = new Set(['metric', 'radiusCsMinutes', 'radiusEvsMinutes', 'isolationMinutes', 'catchmentMinutes', 'detourFactor', 'speedKmh']);

/** Priority communes of the coverage analysis for the thresholds and date of the query. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const today = isoDateInParis(new Date());
	const { n } = await locals.db.selectFrom('commune').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
	if (Number(n) === 0) return { empty: true as const, today };
	try {
		const view = await prioritiesForQuery(locals.db, url.searchParams, today);
		const pageCount = Math.max(1, Math.ceil(view.rows.length / PAGE_SIZE));
		const page = Math.min(intParam(url.searchParams, 'page', 1), pageCount);
		return {
			empty: false as const,
			today,
			date: view.request.date,
			filters: view.filters,
			rows: view.rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
			matching: view.rows.length,
			matchingPopulation: view.rows.reduce((sum, r) => sum + r.population, 0),
			page,
			pageCount,
			total: view.all.length,
			counts: view.counts,
			epcis: view.epcis,
			communes: view.run.result.communes.length,
			population: view.run.result.summary.population,
			parameters: view.run.report.parameters.sources
				.filter((s) => (view.run.report.parameters.metric === 'minutes' ? SHOWN_MINUTES : SHOWN_KM).has(s.option))
				.map((s) => ({ option: s.option, label: s.label, display: formatParameterValue(s), regimeText: formatParameterRegime(s) })),
			needIndicators: Object.keys(view.run.inputs.needYears).length > 0,
			orientation: view.orientation,
			zfrr: view.zfrr,
			travelText: view.run.report.travelTimes?.text ?? null,
			csvQuery: (() => {
				const q = new URLSearchParams(url.searchParams);
				q.delete('page');
				return q.toString();
			})()
		};
	} catch (e) {
		if (e instanceof CoverageRequestError) error(400, e.message);
		if (e instanceof UserFacingError) error(422, e.message);
		throw e;
	}
};
