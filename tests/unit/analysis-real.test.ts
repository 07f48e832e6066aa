/**
 * The analysis on real commune contours (Vienne, ../shared/data, skipped with a message when
 * absent) and, for the same checks, on a generated département: generated structures, poles,
 * QPVs and indicators; reference points from `reference-point.ts`.
 */
import { describe, expect, it } from 'vitest';
import { analyzeCoverage, analyzeCoverageNaive, COVERAGE_CATEGORIES, type CoverageCommune, type CoverageResult } from '../../src/lib/analysis';
import { createRandom } from '../../src/lib/domain/random';
import { generateCommunes, generatePoles, generateQpvs, generateStructures, loadSharedCommunes, withNeeds } from '../bench/coverage-data';

const OPTIONS = { date: '2025-06-01' };
const VIENNE = 'communes-2023-86-vienne.geojson';
const vienne = loadSharedCommunes(VIENNE, createRandom(86));
if (!vienne) console.warn(`[analysis-real] ../shared/data/${VIENNE} absent: the real-data checks are skipped (the generated département still runs).`);

function scenario(seed: number, communes: CoverageCommune[]) {
	const random = createRandom(seed);
	const withIndicators = withNeeds(random, communes);
	return {
		communes: withIndicators,
		structures: generateStructures(random, withIndicators, 45),
		poles: generatePoles(withIndicators, 20),
		qpvs: generateQpvs(random, withIndicators, 10_000)
	};
}

function checkConsistency(result: CoverageResult): void {
	const { radiusCsKm, radiusEvsKm, isolationKm } = result.parameters;
	for (const c of result.communes) {
		const inZone = c.zoneStructureIds.length > 0;
		const csIn = c.nearestCsKm !== null && c.nearestCsKm <= radiusCsKm;
		const evsIn = c.nearestEvsKm !== null && c.nearestEvsKm <= radiusEvsKm;
		// No commune is covered while farther than every radius without a zone de compétence, and conversely.
		expect(c.covered, c.code).toBe(inZone || csIn || evsIn);
		expect(c.isolated).toBe(c.nearestPoleKm === null ? null : c.nearestPoleKm > isolationKm);
		if (c.nearestStructureKm !== null) expect(c.nearestStructureKm).toBe(Math.min(c.nearestCsKm ?? Infinity, c.nearestEvsKm ?? Infinity));
		if (!c.covered) expect(c.reinforce).toBe(false);
		expect(c.accessibility).toBeGreaterThanOrEqual(0);
	}
	const s = result.summary;
	expect(COVERAGE_CATEGORIES.reduce((sum, k) => sum + s.categories[k].communes, 0)).toBe(result.communes.length);
	expect(COVERAGE_CATEGORIES.reduce((sum, k) => sum + s.categories[k].population, 0)).toBe(s.population);
	expect(s.covered.population).toBeLessThanOrEqual(s.population);
}

describe.skipIf(!vienne)('analyzeCoverage(Vienne 2023 communes, generated structures)', () => {
	it('gives consistent flags, sums and distances, equal to the brute force', () => {
		const input = scenario(1, vienne!);
		expect(input.communes).toHaveLength(266);
		const result = analyzeCoverage(input, OPTIONS);
		checkConsistency(result);
		expect(analyzeCoverageNaive(input, OPTIONS)).toStrictEqual(result);
		// Vienne spans about 100 km × 125 km: every nearest distance is well below that.
		for (const c of result.communes) expect(c.nearestPoleKm!).toBeLessThan(130);
		expect(result.summary.population).toBeGreaterThan(400_000);
		expect(result.summary.shareCovered).toBeGreaterThan(0.5);
	});
});

describe('analyzeCoverage(generated département, generated structures)', () => {
	it('gives consistent flags, sums and distances, equal to the brute force', () => {
		const input = scenario(2, generateCommunes(createRandom(3), 300, [-0.2, 46, 1.3, 47.2], 'D'));
		const result = analyzeCoverage(input, OPTIONS);
		checkConsistency(result);
		expect(analyzeCoverageNaive(input, OPTIONS)).toStrictEqual(result);
		expect(new Set(result.communes.map((c) => c.category)).size).toBeGreaterThanOrEqual(3);
	});
});
