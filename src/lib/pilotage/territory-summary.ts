/**
 * Key coverage figures of a set of communes (the whole département, or one EPCI), summed from the
 * per-commune results of the coverage engine: inhabitants, covered share, communes and
 * inhabitants per category. Over all the communes of a run it gives exactly the engine's summary.
 * Pure.
 */
import { COVERAGE_CATEGORIES, type CoverageCategory } from '../analysis/category';

export interface CommuneResult {
	population: number;
	covered: boolean;
	category: CoverageCategory;
}

export interface TerritorySummary {
	communes: number;
	population: number;
	populationCovered: number;
	/** 0–1, null when the population is 0. */
	shareCovered: number | null;
	categories: Record<CoverageCategory, { communes: number; population: number }>;
}

export function summarizeTerritory(communes: readonly CommuneResult[]): TerritorySummary {
	const categories = Object.fromEntries(COVERAGE_CATEGORIES.map((c) => [c, { communes: 0, population: 0 }])) as TerritorySummary['categories'];
	let population = 0;
	let covered = 0;
	for (const c of communes) {
		population += c.population;
		if (c.covered) covered += c.population;
		categories[c.category].communes += 1;
		categories[c.category].population += c.population;
	}
	return { communes: communes.length, population, populationCovered: covered, shareCovered: population > 0 ? covered / population : null, categories };
}
