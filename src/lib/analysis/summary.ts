/**
 * Key figures of a coverage run: population covered, communes and inhabitants per category,
 * structures per 10,000 inhabitants, population-weighted median and 90th percentile of the
 * distance to the nearest structure (see `weighted-quantile.ts` for the definition).
 * Figures of the département only: communes and structures of the border band (`outside`)
 * count for distances and coverage but never here; `band` says how many were left out.
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
	/** Communes and counted structures of the border band, analysed but left out of every figure above. */
	band: { communes: number; population: number; structures: number };
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
	/** 1 for a commune of the border band (left out of the figures), else 0; absent: none. */
	outside?: Uint8Array | null;
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
	let communes = 0;
	const band = { communes: 0, population: 0, structures: 0 };
	for (let i = 0; i < n; i++) {
		const p = input.population[i];
		if (input.outside?.[i]) {
			band.communes++;
			band.population += p;
			continue;
		}
		communes++;
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
	let input_ = 0;
	set.statuses.forEach((s, j) => {
		if (set.structures[j].outside) return;
		input_++;
		byStatus[s.status]++;
		if (s.flagged) flagged++;
	});
	const inside = (members: ArrayLike<number>) => {
		let k = 0;
		for (let m = 0; m < members.length; m++) if (!set.structures[members[m]].outside) k++;
		return k;
	};
	const countedCs = inside(set.csLayer.members);
	const countedEvs = inside(set.evsLayer.members);
	band.structures = set.counted.length - inside(set.counted);
	// Distances of the département's communes only.
	const weights = input.outside ? input.population.map((p, i) => (input.outside![i] ? 0 : p)) : input.population;
	const per10k = (count: number) => (population > 0 ? (count / population) * 10_000 : null);

	return {
		communes,
		population,
		covered,
		shareCovered: population > 0 ? covered.population / population : null,
		categories,
		isolated,
		isolationUnknown,
		reinforce,
		reinforceUnknown,
		structures: {
			input: input_,
			counted: countedCs + countedEvs,
			countedCs,
			countedEvs,
			excluded: input_ - countedCs - countedEvs,
			flagged,
			renewalPending: byStatus.renewal_pending,
			byStatus
		},
		structuresPer10k: { cs: per10k(countedCs), evs: per10k(countedEvs), total: per10k(countedCs + countedEvs) },
		nearestStructureKm: spread(input.nearestKm, weights),
		nearestStructureMinutes: input.nearestMinutes ? spread(input.nearestMinutes, weights) : null,
		accessibilityMedian: input.accessibilityMedian,
		band
	};
}
