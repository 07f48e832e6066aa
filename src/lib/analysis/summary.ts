/**
 * Key figures of a coverage run: population covered, communes and inhabitants per category,
 * structures per 10,000 inhabitants, population-weighted median and 90th percentile of the
 * distance to the nearest structure (see `weighted-quantile.ts` for the definition).
 */
import type { AgrementStatus } from './agrement';
import { COVERAGE_CATEGORIES, type CoverageCategory } from './category';
import type { StructureSet } from './structure-set';
import { weightedQuantiles } from './weighted-quantile';

/** A number of communes and their inhabitants. */
export interface CountAndPopulation {
	communes: number;
	/** Inhabitants. */
	population: number;
}

/** Median and 90th percentile, population-weighted; null when no commune has a value. */
export interface WeightedSpread {
	median: number | null;
	p90: number | null;
}

/** Key figures. */
export interface CoverageSummary {
	communes: number;
	/** Total population, inhabitants. */
	population: number;
	covered: CountAndPopulation;
	/** Share of the population covered, in [0, 1]; null when the population is 0. */
	shareCovered: number | null;
	/** Per category; the communes (and the inhabitants) add up to the totals. */
	categories: Record<CoverageCategory, CountAndPopulation>;
	isolated: CountAndPopulation;
	/** Communes whose isolation is unknown (no pole at all). */
	isolationUnknown: CountAndPopulation;
	reinforce: CountAndPopulation;
	/** Covered communes for which the reinforce rule lacks an indicator. */
	reinforceUnknown: CountAndPopulation;
	structures: {
		/** Structures given. */
		input: number;
		counted: number;
		countedCs: number;
		countedEvs: number;
		/** Not counted: agrément not yet started or expired at the date. */
		excluded: number;
		/** Counted although an agrément date is missing. */
		flagged: number;
		/** Counted while their ended agrément's renewal is examined (« agrément échu, renouvellement en cours »). */
		renewalPending: number;
		byStatus: Record<AgrementStatus, number>;
	};
	/** Counted structures per 10,000 inhabitants; null when the population is 0. */
	structuresPer10k: { cs: number | null; evs: number | null; total: number | null };
	/** Straight-line distance from the reference point to the nearest counted structure, km. */
	nearestStructureKm: WeightedSpread;
	/** Travel time to the nearest counted structure, minutes; null with the km metric. */
	nearestStructureMinutes: WeightedSpread | null;
	/** Population-weighted median of the 2SFCA score (per 10,000), the reference of `accessibilityRelative`. */
	accessibilityMedian: number | null;
}

/** Per-commune values the summary reads (parallel arrays). */
export interface SummaryInput {
	population: Float64Array;
	covered: Uint8Array;
	/** 1 isolated, 0 not, 255 unknown. */
	isolated: Uint8Array;
	/** 1 true, 0 false, 255 unknown. */
	reinforce: Uint8Array;
	category: CoverageCategory[];
	nearestKm: Float64Array;
	/** Null with the km metric. */
	nearestMinutes: Float64Array | null;
	accessibilityMedian: number | null;
}

function zero(): CountAndPopulation {
	return { communes: 0, population: 0 };
}

function add(target: CountAndPopulation, population: number): void {
	target.communes++;
	target.population += population;
}

function spread(values: Float64Array, weights: Float64Array): WeightedSpread {
	const [median, p90] = weightedQuantiles(values, weights, [0.5, 0.9]);
	return { median, p90 };
}

/** Computes the key figures. */
export function summarizeCoverage(input: SummaryInput, set: StructureSet): CoverageSummary {
	const n = input.population.length;
	const categories = Object.fromEntries(COVERAGE_CATEGORIES.map((c) => [c, zero()])) as Record<CoverageCategory, CountAndPopulation>;
	const covered = zero();
	const isolated = zero();
	const isolationUnknown = zero();
	const reinforce = zero();
	const reinforceUnknown = zero();
	let population = 0;
	for (let i = 0; i < n; i++) {
		const p = input.population[i];
		population += p;
		add(categories[input.category[i]], p);
		if (input.covered[i]) add(covered, p);
		if (input.isolated[i] === 1) add(isolated, p);
		else if (input.isolated[i] === 255) add(isolationUnknown, p);
		if (input.reinforce[i] === 1) add(reinforce, p);
		else if (input.reinforce[i] === 255) add(reinforceUnknown, p);
	}

	const byStatus: Record<AgrementStatus, number> = {
		in_force: 0,
		renewal_pending: 0,
		undated: 0,
		partially_dated: 0,
		not_started: 0,
		expired: 0,
		not_checked: 0
	};
	let flagged = 0;
	for (const s of set.statuses) {
		byStatus[s.status]++;
		if (s.flagged) flagged++;
	}
	const countedCs = set.csLayer.members.length;
	const countedEvs = set.evsLayer.members.length;
	const per10k = (count: number) => (population > 0 ? (count / population) * 10_000 : null);

	return {
		communes: n,
		population,
		covered,
		shareCovered: population > 0 ? covered.population / population : null,
		categories,
		isolated,
		isolationUnknown,
		reinforce,
		reinforceUnknown,
		structures: {
			input: set.structures.length,
			counted: set.counted.length,
			countedCs,
			countedEvs,
			excluded: set.structures.length - set.counted.length,
			flagged,
			renewalPending: byStatus.renewal_pending,
			byStatus
		},
		structuresPer10k: { cs: per10k(countedCs), evs: per10k(countedEvs), total: per10k(countedCs + countedEvs) },
		nearestStructureKm: spread(input.nearestKm, input.population),
		nearestStructureMinutes: input.nearestMinutes ? spread(input.nearestMinutes, input.population) : null,
		accessibilityMedian: input.accessibilityMedian
	};
}
