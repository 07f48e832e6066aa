/** Binary search in an ascending typed array. Pure. */

/** First index i ≥ `lo` with `a[i] >= x` (`a` ascending); `a.length` when there is none. */
export function lowerBound(a: Float64Array, x: number, lo = 0): number {
	let hi = a.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (a[mid] < x) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}
