/**
 * Key figures of one situation (the current one or a scenario), read from a coverage run: what
 * the comparison table shows and what deltas are taken between.
 *
 * Families are the communes' `needs.familles` summed over the communes concerned (CAF open data
 * rounds small counts: the sum is an order of magnitude, not an official total). A QPV is
 * « reached » when a counted structure lies within the reinforce rule's `qpvDistanceKm` of its
 * reference point (straight line). Accessibility is the 2SFCA score (structures per 10,000
 * inhabitants within reach), averaged with population weights.
 */
import type { CoverageContext } from '../analysis/context';
import type { CoverageResult } from '../analysis/coverage';
import { COVERAGE_CATEGORIES, type CoverageCategory } from '../analysis/category';
import type { StructureSet } from '../analysis/structure-set';
import type { CountAndPopulation } from '../analysis/summary';

/** The needs key holding a commune's number of families. */
export const FAMILIES_KEY = 'familles';

/** Key figures of a situation. Populations in inhabitants, distances in km. */
export interface ScenarioFigures {
	communes: number;
	population: number;
	covered: CountAndPopulation;
	/** Share of the population covered, [0, 1]; null when the population is 0. */
	shareCovered: number | null;
	/** Families (sum of `needs.familles`) in all communes and in covered ones; null when no commune has the figure. */
	families: number | null;
	coveredFamilies: number | null;
	/** Dépourvues = categories `depourvue` + `depourvue_isolee`. */
	depourvues: CountAndPopulation;
	categories: Record<CoverageCategory, CountAndPopulation>;
	/** QPVs reached by a counted structure; null when no QPV list was given. */
	qpv: { total: number; reached: number; population: number; reachedPopulation: number } | null;
	/** Counted structures. */
	structures: { cs: number; evs: number };
	/** Population-weighted mean and median of the 2SFCA score (per 10,000 inhabitants). */
	accessibility: { mean: number | null; median: number | null };
	/** Population-weighted median and 90th percentile of the distance to the nearest structure, km. */
	nearestStructureKm: { median: number | null; p90: number | null };
}

/** Families of each commune (NaN where unknown). */
export function familiesOf(context: CoverageContext): Float64Array {
	const out = new Float64Array(context.communes.length);
	context.communes.forEach((c, i) => {
		const v = c.needs?.[FAMILIES_KEY];
		out[i] = v != null && Number.isFinite(v) && v >= 0 ? v : NaN;
	});
	return out;
}

/** Whether each QPV of the context is reached in `set` (empty when the context has no QPV). */
export function qpvReached(set: StructureSet, qpvDistanceKm: number): Uint8Array {
	const { qpvNearest } = set;
	const out = new Uint8Array(qpvNearest.index.length);
	for (let k = 0; k < out.length; k++) out[k] = qpvNearest.index[k] >= 0 && qpvNearest.km[k] <= qpvDistanceKm ? 1 : 0;
	return out;
}

/**
 * The key figures of a coverage run.
 *
 * @param set the structure set the run used
 * @param result the run (`computeCoverage(context, set)`)
 * @param families families per commune (`familiesOf(context)`, computed once per context)
 */
export function scenarioFigures(set: StructureSet, result: CoverageResult, families: Float64Array): ScenarioFigures {
	const { context } = set;
	const { summary } = result;
	let familiesTotal = 0;
	let coveredFamilies = 0;
	let known = 0;
	let accessSum = 0;
	result.communes.forEach((c, i) => {
		accessSum += c.accessibility * c.population;
		const f = families[i];
		if (Number.isNaN(f)) return;
		known++;
		familiesTotal += f;
		if (c.covered) coveredFamilies += f;
	});
	const categories = Object.fromEntries(
		COVERAGE_CATEGORIES.map((k) => [k, { ...summary.categories[k] }])
	) as Record<CoverageCategory, CountAndPopulation>;
	const depourvues = {
		communes: categories.depourvue.communes + categories.depourvue_isolee.communes,
		population: categories.depourvue.population + categories.depourvue_isolee.population
	};
	let qpv: ScenarioFigures['qpv'] = null;
	if (context.qpvs) {
		const reached = qpvReached(set, result.parameters.reinforce.qpvDistanceKm);
		qpv = { total: context.qpvs.length, reached: 0, population: 0, reachedPopulation: 0 };
		context.qpvs.forEach((q, k) => {
			qpv!.population += q.population;
			if (reached[k]) {
				qpv!.reached++;
				qpv!.reachedPopulation += q.population;
			}
		});
	}
	return {
		communes: summary.communes,
		population: summary.population,
		covered: { ...summary.covered },
		shareCovered: summary.shareCovered,
		families: known > 0 ? familiesTotal : null,
		coveredFamilies: known > 0 ? coveredFamilies : null,
		depourvues,
		categories,
		qpv,
		structures: { cs: summary.structures.countedCs, evs: summary.structures.countedEvs },
		accessibility: { mean: summary.population > 0 ? accessSum / summary.population : null, median: summary.accessibilityMedian },
		nearestStructureKm: { ...summary.nearestStructureKm }
	};
}
