/**
 * Quantiles used by the summary and the reinforce rule.
 *
 * Weighted quantile (population-weighted distances, accessibility median): the inverse of the
 * weighted empirical distribution function — the smallest value v such that the weights of all
 * values ≤ v add up to at least p × the total weight (Hyndman–Fan type 1, weighted). For p = 0.5
 * it is the value under which at least half of the inhabitants live; with equal weights it is the
 * lower median. It is always one of the data values (no interpolation), so "the median distance
 * is 4.2 km" names the distance of an actual commune.
 *
 * Unweighted quantile (quartiles of communes in the reinforce rule): d3-array's `quantile`,
 * linear interpolation between order statistics (R-7, Excel's `QUARTILE.INC`).
 */
import { quantile } from 'd3';
import { lowerBound } from './lower-bound';

/**
 * Weighted quantiles of `values` for each probability in `ps`, sorting once. NaN values and
 * non-positive weights are skipped; null when nothing is left.
 *
 * @param values e.g. distances (km) per commune
 * @param weights e.g. populations per commune (same length)
 * @param ps probabilities in [0, 1]
 */
export function weightedQuantiles(values: ArrayLike<number>, weights: ArrayLike<number>, ps: readonly number[]): (number | null)[] {
	if (values.length !== weights.length) throw new Error(`values/weights length mismatch: ${values.length} ≠ ${weights.length}`);
	// The kept values in ascending order (native sort), then each distinct value once.
	const sorted = new Float64Array(values.length);
	let count = 0;
	let total = 0;
	for (let i = 0; i < values.length; i++) {
		const w = weights[i];
		if (Number.isNaN(values[i]) || !(w > 0)) continue;
		sorted[count++] = values[i];
		total += w;
	}
	if (count === 0) return ps.map(() => null);
	sorted.subarray(0, count).sort();
	let distinctCount = 0;
	for (let k = 0; k < count; k++) if (distinctCount === 0 || sorted[k] !== sorted[distinctCount - 1]) sorted[distinctCount++] = sorted[k];
	const distinct = sorted.subarray(0, distinctCount);
	// Total weight per distinct value, summed in input order (a binary search each: no hash map of
	// doubles, which costs a boxed key per value and is slow before the code is optimised).
	const weightAt = new Float64Array(distinctCount);
	for (let i = 0; i < values.length; i++) {
		const w = weights[i];
		if (Number.isNaN(values[i]) || !(w > 0)) continue;
		weightAt[lowerBound(distinct, values[i])] += w;
	}
	return ps.map((p) => {
		if (!(p >= 0 && p <= 1)) throw new Error(`invalid probability: ${p}`);
		const target = p * total;
		let cumulative = 0;
		for (let k = 0; k < distinctCount; k++) {
			cumulative += weightAt[k];
			if (cumulative >= target) return distinct[k];
		}
		return distinct[distinctCount - 1]; // rounding of the running sum
	});
}

/** One weighted quantile; see {@link weightedQuantiles}. */
export function weightedQuantile(values: ArrayLike<number>, weights: ArrayLike<number>, p: number): number | null {
	return weightedQuantiles(values, weights, [p])[0];
}

/**
 * Unweighted quantile (R-7 interpolation) of the non-NaN values, or null when there are none.
 *
 * @param p probability in [0, 1]
 */
export function unweightedQuantile(values: Iterable<number>, p: number): number | null {
	const q = quantile(values, p);
	return q === undefined || Number.isNaN(q) ? null : q;
}
