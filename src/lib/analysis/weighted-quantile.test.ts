import { describe, expect, it } from 'vitest';
import { unweightedQuantile, weightedQuantile, weightedQuantiles } from './weighted-quantile';

describe('weightedQuantile(values, weights, p)', () => {
	it('weightedQuantile returns the smallest value whose cumulative weight reaches p × total', () => {
		// Weights 1000, 2000, 500, 300, 100 (total 3900): half = 1950 is reached at the 2nd value.
		const values = [0, 5, 11, 5.5, 6];
		const weights = [1000, 2000, 500, 300, 100];
		// Sorted: 0 (1000), 5 (3000), 5.5 (3300), 6 (3400), 11 (3900).
		expect(weightedQuantile(values, weights, 0.5)).toBe(5);
		expect(weightedQuantile(values, weights, 0.9)).toBe(11); // 3510 > 3400
		expect(weightedQuantile(values, weights, 0.8)).toBe(5.5); // 3120: 3000 < 3120 ≤ 3300
		expect(weightedQuantile(values, weights, 0.85)).toBe(6); // 3315: 3300 < 3315 ≤ 3400
	});

	it('weightedQuantile with equal weights is the lower median (type 1)', () => {
		expect(weightedQuantile([4, 1, 3, 2], [1, 1, 1, 1], 0.5)).toBe(2);
		expect(weightedQuantile([4, 1, 3], [1, 1, 1], 0.5)).toBe(3);
		expect(weightedQuantile([4, 1, 3], [1, 1, 1], 0)).toBe(1);
		expect(weightedQuantile([4, 1, 3], [1, 1, 1], 1)).toBe(4);
	});

	it('weightedQuantile skips NaN values and zero weights, and is null when nothing is left', () => {
		expect(weightedQuantile([NaN, 7, 100], [5, 1, 0], 0.5)).toBe(7);
		expect(weightedQuantile([NaN, 3], [1, 0], 0.5)).toBeNull();
		expect(weightedQuantile([], [], 0.5)).toBeNull();
	});

	it('weightedQuantiles sums the weights of equal values', () => {
		expect(weightedQuantiles([2, 1, 2, 3], [1, 2, 1, 1], [0.5, 0.6, 0.9])).toEqual([2, 2, 3]);
	});

	it('weightedQuantile rejects a probability outside [0, 1] and mismatched lengths', () => {
		expect(() => weightedQuantile([1], [1], 1.5)).toThrow('invalid probability: 1.5');
		expect(() => weightedQuantile([1, 2], [1], 0.5)).toThrow('values/weights length mismatch: 2 ≠ 1');
	});
});

describe('unweightedQuantile(values, p)', () => {
	it('unweightedQuantile interpolates between order statistics (R-7) and ignores NaN', () => {
		expect(unweightedQuantile([10, 25, 12, 15, NaN], 0.75)).toBe(17.5);
		expect(unweightedQuantile([3, 1, 2, 4], 0.25)).toBe(1.75);
		expect(unweightedQuantile(new Float64Array([NaN]), 0.5)).toBeNull();
	});
});
