/**
 * The indexed analysis equals the brute-force oracle, exactly (distances, ids, flags, scores,
 * reasons, summary), on many seeded random instances, in km and in minutes with a matrix.
 */
import { describe, expect, it } from 'vitest';
import { analyzeCoverage, analyzeCoverageNaive, type CoverageOptionsInput } from '../../src/lib/analysis';
import { createRandom } from '../../src/lib/domain/random';
import { randomInput } from '../bench/coverage-random';

function randomOptions(seed: number): CoverageOptionsInput {
	const random = createRandom(seed * 31 + 7);
	return {
		date: random() < 0.8 ? '2025-06-01' : null,
		metric: random() < 0.6 ? 'km' : 'minutes',
		radiusCsKm: [0, 3, 8, 15][Math.floor(random() * 4)],
		radiusEvsKm: [0, 2, 5, 12][Math.floor(random() * 4)],
		isolationKm: [5, 15, 40][Math.floor(random() * 3)],
		catchmentKm: [5, 20, 60][Math.floor(random() * 3)],
		radiusCsMinutes: [5, 15, 30][Math.floor(random() * 3)],
		isolationMinutes: [10, 20, 45][Math.floor(random() * 3)],
		catchmentMinutes: [10, 30, 90][Math.floor(random() * 3)],
		demand: random() < 0.5 ? { kind: 'population' } : { kind: 'need-weighted', indicator: { key: 'taux_pauvrete' }, blend: 0.5 },
		reinforce: { qpvDistanceKm: [0.5, 1, 3][Math.floor(random() * 3)] }
	};
}

describe('analyzeCoverage(input, options) equals analyzeCoverageNaive(input, options)', () => {
	it('on 120 seeded random instances (km and minutes, matrices, zones, dates, ties)', () => {
		let compared = 0;
		for (let seed = 1; seed <= 120; seed++) {
			const input = randomInput(seed);
			const options = randomOptions(seed);
			const indexed = analyzeCoverage(input, options);
			const naive = analyzeCoverageNaive(input, options);
			expect(indexed, `seed ${seed}`).toStrictEqual(naive);
			compared += indexed.communes.length;
		}
		expect(compared).toBeGreaterThan(10_000);
	});

	it('on instances where every structure sits on another one (exact ties break on the lowest index)', () => {
		for (let seed = 200; seed < 220; seed++) {
			const input = randomInput(seed);
			const twins = input.structures.flatMap((s, j) => [s, { ...s, id: `twin-${j}` }]);
			const tied = { ...input, structures: twins };
			const result = analyzeCoverage(tied, { date: '2025-06-01' });
			expect(result).toStrictEqual(analyzeCoverageNaive(tied, { date: '2025-06-01' }));
			// The original (lower index) wins every tie against its twin.
			for (const c of result.communes) if (c.nearestStructureId !== null) expect(String(c.nearestStructureId)).not.toMatch(/^twin-/);
		}
	});
});
