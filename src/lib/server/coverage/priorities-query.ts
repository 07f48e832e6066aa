/**
 * The query of Territoires › Priorités and of its CSV export, read once for both:
 * `?rayonCs=&rayonEvs=&isolement=` (in the unit of the analysis: km, or minutes when
 * `analysis.metric` is `minutes` at the date), `date=AAAA-MM-JJ`, `epci=SIREN`, `categorie=`, `q=`.
 * The threshold names and units are those of the coverage page, so its link carries the same view.
 */
import type { Kysely } from 'kysely';
import { resolveCoverageOptions } from '$lib/analysis';
import type { Database } from '../db/schema';
import { loadCoverageParameters } from './parameters';
import { epciNames, filterPriorities, isPriorityCategory, priorityRows, PRIORITY_CATEGORIES, type PriorityCategory, type PriorityRow } from './priorities';
import { runCoverageAnalysis, type CoverageRun } from './report';
import { parseCoverageRequest, type CoverageRequest } from './request';
import { priorityOrientationOn, type PriorityOrientation } from '$lib/planning/priority-zonages';
import * as referenceParameters from '../db/reference-parameters';
import * as zonages from '../db/zonages';

/** Query parameter names (thresholds in the unit of the analysis, named after their km option). */
export const PRIORITY_KEYS = {
	radiusCsKm: 'rayonCs',
	radiusEvsKm: 'rayonEvs',
	isolationKm: 'isolement',
	date: 'date',
	epci: 'epci',
	category: 'categorie',
	q: 'q',
	zonage: 'zonage'
} as const;

const NAMES = {
	date: 'La date',
	radiusCsKm: 'Le rayon d’un centre social',
	radiusEvsKm: 'Le rayon d’un espace de vie sociale',
	isolationKm: 'La distance d’isolement'
};

export interface PrioritiesView {
	request: CoverageRequest;
	run: CoverageRun;
	filters: { category: PriorityCategory | null; epci: string | null; q: string; zonage: 'prioritaire' | null };
	/** The orientation of the cadre in force (QPV and ZFRR first), null before 2027; and the ZFRR list used. */
	orientation: PriorityOrientation | null;
	zfrr: { communes: number; lists: { validFrom: string; communes: number; source: string | null }[] };
	/** Every priority commune (before filters). */
	all: PriorityRow[];
	/** The rows that pass the filters, largest population first. */
	rows: PriorityRow[];
	/** Communes and inhabitants per priority category, after the EPCI and text filters. */
	counts: Record<PriorityCategory, { communes: number; population: number }>;
	epcis: { siren: string; name: string }[];
}

/**
 * Runs the analysis for the query and filters the priority communes.
 * @throws CoverageRequestError (French) on a bad threshold or date
 */
export async function prioritiesForQuery(db: Kysely<Database>, query: URLSearchParams, today: string): Promise<PrioritiesView> {
	// The thresholds are in the unit of the analysis at the date: read it first.
	const { date } = parseCoverageRequest({ date: query.get(PRIORITY_KEYS.date) }, today, NAMES);
	const minutes = resolveCoverageOptions((await loadCoverageParameters(db, date)).options).metric === 'minutes';
	const request = parseCoverageRequest(
		minutes
			? {
					date,
					radiusCsMinutes: query.get(PRIORITY_KEYS.radiusCsKm),
					radiusEvsMinutes: query.get(PRIORITY_KEYS.radiusEvsKm),
					isolationMinutes: query.get(PRIORITY_KEYS.isolationKm)
				}
			: {
					date,
					radiusCsKm: query.get(PRIORITY_KEYS.radiusCsKm),
					radiusEvsKm: query.get(PRIORITY_KEYS.radiusEvsKm),
					isolationKm: query.get(PRIORITY_KEYS.isolationKm)
				},
		today,
		NAMES
	);
	const rawCategory = query.get(PRIORITY_KEYS.category);
	const [run, epcis, zfrr, zfrrLists, params] = await Promise.all([
		runCoverageAnalysis(db, request, NAMES),
		epciNames(db),
		zonages.communesOn(db, 'zfrr', date),
		zonages.lists(db, 'zfrr'),
		referenceParameters.list(db, ['planning.priority_zonages'])
	]);
	const epci = query.get(PRIORITY_KEYS.epci);
	const filters = {
		category: isPriorityCategory(rawCategory) ? rawCategory : null,
		epci: epci && epcis.has(epci) ? epci : null,
		q: (query.get(PRIORITY_KEYS.q) ?? '').trim().slice(0, 100),
		zonage: query.get(PRIORITY_KEYS.zonage) === 'prioritaire' ? ('prioritaire' as const) : null
	};
	const all = priorityRows(run, epcis, zfrr);
	const scoped = filterPriorities(all, { epci: filters.epci, q: filters.q, zonage: filters.zonage });
	const counts = Object.fromEntries(PRIORITY_CATEGORIES.map((k) => [k, { communes: 0, population: 0 }])) as PrioritiesView['counts'];
	for (const r of scoped) {
		counts[r.category].communes++;
		counts[r.category].population += r.population;
	}
	return {
		request,
		run,
		filters,
		all,
		rows: filters.category ? scoped.filter((r) => r.category === filters.category) : scoped,
		counts,
		epcis: [...epcis].map(([siren, name]) => ({ siren, name })),
		orientation: priorityOrientationOn(params, date),
		zfrr: { communes: zfrr.size, lists: zfrrLists }
	};
}
