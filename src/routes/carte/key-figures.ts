/**
 * Key figures of the coverage page for the communes in view (the whole département, or one EPCI):
 * population covered, communes and inhabitants per category, counted structures per 10,000
 * inhabitants, population-weighted median and 90th percentile of the distance to the nearest
 * structure. Over the whole département they equal the engine's summary. Pure.
 */
import { COVERAGE_CATEGORIES, weightedQuantiles, type CommuneCoverage, type CoverageCategory, type CoverageResult } from '$lib/analysis';

export interface CountAndPopulation {
	communes: number;
	/** Inhabitants. */
	population: number;
}

export interface KeyFigures {
	communes: number;
	/** Inhabitants. */
	population: number;
	covered: CountAndPopulation;
	/** Share of the population covered, 0–1; null when the population is 0. */
	shareCovered: number | null;
	categories: Record<CoverageCategory, CountAndPopulation>;
	/**
	 * Counted structures located in these communes; `renewalPending` of them count while their
	 * ended agrément's renewal is examined (« agrément échu, renouvellement en cours »).
	 */
	structures: { cs: number; evs: number; renewalPending: number };
	/** Per 10,000 inhabitants; null when the population is 0. */
	per10k: { cs: number | null; evs: number | null };
	/** Distance to the nearest counted structure (anywhere), km, population-weighted. */
	nearestKm: { median: number | null; p90: number | null };
}

/** A counted structure: its type and the commune it sits in. */
export interface CountedStructure {
	type: 'CS' | 'EVS';
	communeCode: string | null | undefined;
	/** Where its founding agrément stands (`renouvellement_en_cours` during the renewal grace period). */
	foundingState?: string;
}

/**
 * Figures over the communes of `result` that `keep` accepts (all when `keep` is null).
 * @param counted the structures counted by the analysis
 */
export function keyFigures(
	result: Pick<CoverageResult, 'communes'>,
	counted: readonly CountedStructure[],
	keep: ((commune: CommuneCoverage) => boolean) | null = null
): KeyFigures {
	// The département's communes only: those of the border band (`outside`) are in no figure.
	const communes = result.communes.filter((c) => !c.outside && (!keep || keep(c)));
	const codes = new Set(communes.map((c) => c.code));
	const categories = Object.fromEntries(COVERAGE_CATEGORIES.map((k) => [k, { communes: 0, population: 0 }])) as Record<CoverageCategory, CountAndPopulation>;
	const covered = { communes: 0, population: 0 };
	let population = 0;
	const distances = new Float64Array(communes.length);
	const weights = new Float64Array(communes.length);
	communes.forEach((c, i) => {
		population += c.population;
		categories[c.category].communes++;
		categories[c.category].population += c.population;
		if (c.covered) {
			covered.communes++;
			covered.population += c.population;
		}
		distances[i] = c.nearestStructureKm ?? NaN;
		weights[i] = c.population;
	});
	const structures = { cs: 0, evs: 0, renewalPending: 0 };
	for (const s of counted) {
		if (keep && !(s.communeCode && codes.has(s.communeCode))) continue;
		if (s.type === 'CS') structures.cs++;
		else structures.evs++;
		if (s.foundingState === 'renouvellement_en_cours') structures.renewalPending++;
	}
	const per10k = (n: number) => (population > 0 ? (n / population) * 10_000 : null);
	const [median, p90] = weightedQuantiles(distances, weights, [0.5, 0.9]);
	return {
		communes: communes.length,
		population,
		covered,
		shareCovered: population > 0 ? covered.population / population : null,
		categories,
		structures,
		per10k: { cs: per10k(structures.cs), evs: per10k(structures.evs) },
		nearestKm: { median, p90 }
	};
}
