/**
 * Invariants of the coverage analysis on seeded random instances: monotonicity in the radii and
 * in the structures, totals preserved by the categories, 2SFCA conservation, stage reuse.
 */
import { describe, expect, it } from 'vitest';
import {
	analyzeCoverage,
	buildCoverageContext,
	buildStructureSet,
	computeCoverage,
	COVERAGE_CATEGORIES,
	haversineKm,
	type CoverageResult,
	type CoverageStructure
} from '../../src/lib/analysis';
import { createRandom, randomInt } from '../../src/lib/domain/random';
import { randomInput } from '../bench/coverage-random';

const DATE = '2025-06-01';
const SEEDS = Array.from({ length: 40 }, (_, k) => 1000 + k);
const coveredCodes = (r: CoverageResult) => new Set(r.communes.filter((c) => c.covered).map((c) => c.code));

describe('computeCoverage(context, structures, thresholds) invariants', () => {
	it('coverage never decreases when the CS or EVS radius grows', () => {
		for (const seed of SEEDS) {
			const input = randomInput(seed);
			const context = buildCoverageContext(input, { date: DATE });
			const set = buildStructureSet(context, input.structures);
			let previous = new Set<string>();
			for (const radius of [0, 1, 2, 4, 8, 16, 32, 64]) {
				const now = coveredCodes(computeCoverage(context, set, { radiusCsKm: radius, radiusEvsKm: radius / 2 }));
				for (const code of previous) expect(now.has(code), `seed ${seed}, radius ${radius}`).toBe(true);
				previous = now;
			}
		}
	});

	it('coverage never decreases when a structure is added', () => {
		for (const seed of SEEDS) {
			const input = randomInput(seed);
			const random = createRandom(seed);
			const context = buildCoverageContext(input, { date: DATE });
			const before = coveredCodes(computeCoverage(context, input.structures));
			const c = input.communes[randomInt(random, 0, input.communes.length - 1)];
			const added: CoverageStructure = {
				id: 'nouvelle',
				type: random() < 0.5 ? 'CS' : 'EVS',
				lon: c.lon + (random() - 0.5) * 0.2,
				lat: c.lat + (random() - 0.5) * 0.2,
				zoneCommunes: random() < 0.5 ? [c.code] : null,
				agrementStart: '2025-01-01',
				agrementEnd: '2028-12-31'
			};
			const after = coveredCodes(computeCoverage(context, [...input.structures, added]));
			for (const code of before) expect(after.has(code), `seed ${seed}`).toBe(true);
			expect(after.size).toBeGreaterThanOrEqual(before.size);
		}
	});

	it('isolation never appears when the isolation threshold grows', () => {
		for (const seed of SEEDS.slice(0, 15)) {
			const input = randomInput(seed);
			const context = buildCoverageContext(input, { date: DATE });
			const set = buildStructureSet(context, input.structures);
			const low = computeCoverage(context, set, { isolationKm: 5 });
			const high = computeCoverage(context, set, { isolationKm: 25 });
			low.communes.forEach((c, i) => {
				if (!c.isolated) expect(high.communes[i].isolated).not.toBe(true);
			});
		}
	});

	it('covered population ≤ total, and categories add up to the communes and the population', () => {
		for (const seed of SEEDS) {
			const input = randomInput(seed);
			const { summary, communes } = analyzeCoverage(input, { date: DATE });
			const total = input.communes.reduce((sum, c) => sum + c.population, 0);
			expect(summary.population).toBe(total);
			expect(summary.covered.population).toBeLessThanOrEqual(total);
			expect(summary.covered.communes).toBe(communes.filter((c) => c.covered).length);
			const counts = COVERAGE_CATEGORIES.map((k) => summary.categories[k]);
			expect(counts.reduce((sum, c) => sum + c.communes, 0)).toBe(input.communes.length);
			expect(counts.reduce((sum, c) => sum + c.population, 0)).toBe(total);
			// Uncovered communes are exactly the two "dépourvue" categories.
			expect(summary.categories.depourvue.communes + summary.categories.depourvue_isolee.communes).toBe(input.communes.length - summary.covered.communes);
			if (summary.shareCovered !== null) expect(summary.shareCovered).toBeLessThanOrEqual(1);
		}
	});

	it('2SFCA conserves supply: Σ population × accessibility ÷ 10,000 = Σ supply of structures reaching someone', () => {
		let checked = 0;
		for (const seed of SEEDS.slice(0, 20)) {
			const input = randomInput(seed);
			const context = buildCoverageContext(input, { date: DATE });
			const set = buildStructureSet(context, input.structures);
			const result = computeCoverage(context, set);
			const reached = result.communes.reduce((sum, c) => sum + (c.population * c.accessibility) / 10_000, 0);
			// Supply of counted structures with at least one populated commune strictly inside their catchment.
			let supply = 0;
			let ambiguous = false;
			for (const j of set.counted) {
				const s = input.structures[j];
				const d = input.communes.filter((c) => c.population > 0).map((c) => haversineKm(c.lon, c.lat, s.lon, s.lat));
				if (d.some((x) => Math.abs(x - 20) < 1e-6)) ambiguous = true;
				if (d.some((x) => x < 20)) supply += s.supplyWeight ?? (s.type === 'CS' ? 1 : 0.5);
			}
			if (ambiguous) continue;
			checked++;
			expect(reached, `seed ${seed}`).toBeCloseTo(supply, 6);
		}
		expect(checked).toBeGreaterThan(15);
	});

	it('a threshold change on a prebuilt set equals a fresh analysis with those thresholds', () => {
		for (const seed of SEEDS.slice(0, 15)) {
			const input = randomInput(seed);
			const context = buildCoverageContext(input, { date: DATE });
			const set = buildStructureSet(context, input.structures);
			computeCoverage(context, set); // fills the catchment memo for 20 km
			const thresholds = { radiusCsKm: 11, radiusEvsKm: 3, isolationKm: 9, catchmentKm: 35, supplyWeights: { EVS: 0.4 } };
			expect(computeCoverage(context, set, thresholds)).toStrictEqual(analyzeCoverage(input, { date: DATE, ...thresholds }));
			expect(computeCoverage(context, set)).toStrictEqual(analyzeCoverage(input, { date: DATE }));
		}
	});
});
