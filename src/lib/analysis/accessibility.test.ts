import { describe, expect, it } from 'vitest';
import { gaussianDecay, twoStepFloatingCatchment, type CatchmentPairs } from './accessibility';

describe('gaussianDecay(cost, catchment)', () => {
	it('gaussianDecay is 1 at 0, 0 at and beyond the catchment, Dai’s kernel in between', () => {
		expect(gaussianDecay(0, 20)).toBe(1);
		expect(gaussianDecay(20, 20)).toBeCloseTo(0, 15);
		expect(gaussianDecay(20.0001, 20)).toBe(0);
		expect(gaussianDecay(Infinity, 20)).toBe(0);
		const e = Math.exp(-0.5);
		expect(gaussianDecay(10, 20)).toBeCloseTo((Math.exp(-0.125) - e) / (1 - e), 15);
		expect(gaussianDecay(10, 20)).toBeCloseTo(0.7014, 4); // (0.882497 − 0.606531) / 0.393469
	});

	it('gaussianDecay decreases with the cost', () => {
		let previous = 2;
		for (let d = 0; d <= 20; d += 0.5) {
			const f = gaussianDecay(d, 20);
			expect(f).toBeLessThan(previous);
			previous = f;
		}
	});
});

describe('twoStepFloatingCatchment(pairs, supply, demand)', () => {
	it('twoStepFloatingCatchment computes R_j = S_j / Σ f·P then A_i = Σ f·R_j, per 10,000', () => {
		// Two structures, three communes; structure 0 reaches communes 0 (f = 1) and 1 (f = 0.5),
		// structure 1 reaches commune 1 (f = 1) and 2 (f = 0.25).
		const pairs: CatchmentPairs = {
			catchment: 20,
			start: Int32Array.from([0, 2, 4]),
			commune: Int32Array.from([0, 1, 1, 2]),
			cost: Float64Array.from([0, 1, 0, 1]),
			weight: Float64Array.from([1, 0.5, 1, 0.25])
		};
		const supply = Float64Array.from([1, 0.5]);
		const demand = Float64Array.from([1000, 2000, 4000]);
		const { ratio, perCommune } = twoStepFloatingCatchment(pairs, supply, demand);
		// R0 = 1 / (1000 + 0.5 × 2000) = 1/2000; R1 = 0.5 / (2000 + 0.25 × 4000) = 1/6000.
		expect(ratio[0]).toBeCloseTo(1 / 2000, 15);
		expect(ratio[1]).toBeCloseTo(1 / 6000, 15);
		expect(perCommune[0]).toBeCloseTo(10_000 / 2000, 10); // 5
		expect(perCommune[1]).toBeCloseTo(10_000 * (0.5 / 2000 + 1 / 6000), 10);
		expect(perCommune[2]).toBeCloseTo(10_000 * (0.25 / 6000), 10);
		// Conservation: Σ P_i A_i / 10,000 = Σ S_j (all supply reaches someone).
		const total = perCommune.reduce((sum, a, i) => sum + (a * demand[i]) / 10_000, 0);
		expect(total).toBeCloseTo(1.5, 12);
	});

	it('twoStepFloatingCatchment gives R_j = 0 to a structure that reaches no demand', () => {
		const pairs: CatchmentPairs = {
			catchment: 20,
			start: Int32Array.from([0, 1]),
			commune: Int32Array.from([0]),
			cost: Float64Array.from([3]),
			weight: Float64Array.from([0.9])
		};
		const { ratio, perCommune } = twoStepFloatingCatchment(pairs, Float64Array.from([1]), Float64Array.from([0]));
		expect(ratio[0]).toBe(0);
		expect(perCommune[0]).toBe(0);
	});
});
