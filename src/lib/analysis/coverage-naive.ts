/**
 * The brute-force oracle: the same analysis with every spatial query answered by a linear scan
 * (every commune × every structure, pole and QPV). Used by the tests, which require it to equal
 * the indexed analysis exactly, and by the benchmark, which reports the speed-up.
 *
 * Complexity: O(n × (s + p)) for n communes, s structures and p poles.
 */
import { analyzeCoverage, type CoverageResult } from './coverage';
import { haversineKm } from './distance';
import type { CoverageOptionsInput } from './options';
import type { NearestHit, PointSearch } from './point-index';
import type { CoverageInput } from './types';

/** A {@link PointSearch} that scans every point: the oracle of the kd-tree. */
export function createBruteForceSearch(lon: ArrayLike<number>, lat: ArrayLike<number>): PointSearch {
	if (lon.length !== lat.length) throw new Error(`lon/lat length mismatch: ${lon.length} ≠ ${lat.length}`);
	const xs = Float64Array.from(lon);
	const ys = Float64Array.from(lat);
	return {
		size: xs.length,
		nearest(qLon: number, qLat: number, accept?: (index: number) => boolean): NearestHit | null {
			let index = -1;
			let km = Infinity;
			for (let i = 0; i < xs.length; i++) {
				if (accept && !accept(i)) continue;
				const d = haversineKm(qLon, qLat, xs[i], ys[i]);
				if (d < km) {
					km = d;
					index = i;
				}
			}
			return index < 0 ? null : { index, km };
		},
		within(qLon: number, qLat: number, radiusKm: number, out: number[], outKm?: number[]): number {
			out.length = 0;
			if (outKm) outKm.length = 0;
			for (let i = 0; i < xs.length; i++) {
				const d = haversineKm(qLon, qLat, xs[i], ys[i]);
				if (d <= radiusKm) {
					out.push(i);
					outKm?.push(d);
				}
			}
			return out.length;
		}
	};
}

/** {@link analyzeCoverage} with brute-force searches. */
export function analyzeCoverageNaive(input: CoverageInput, options: CoverageOptionsInput = {}): CoverageResult {
	return analyzeCoverage(input, options, createBruteForceSearch);
}
