/**
 * A static spatial index over WGS84 points: build once, query many, answers are indices into the
 * caller's arrays.
 *
 * kdbush builds the kd-tree (points kd-sorted in place, alternating longitude/latitude splits);
 * the queries are our own depth-first branch-and-bound over that tree, with great-circle pruning
 * at each splitting line and no trigonometry per node:
 * - a latitude line φ = s: every point beyond it is at least |φ − s| away (central angle);
 * - a longitude line λ = s: every point beyond it is at least asin(cos φ · sin |λ − s|) away,
 *   the angle to that meridian's plane, with sin δ ≥ δ − δ³/6 (used only while |λ − s| < 90° and no longitude
 *   difference can exceed 180°, i.e. no wrap-around at the antimeridian).
 * geokdbush's `around` is not used on the hot path: it computes an exact box bound with several
 * trigonometric calls per node, allocates an object per visited point, and breaks exact ties
 * arbitrarily. Here ties break on the lowest index, as in the brute-force oracle
 * (`coverage-naive.ts`), and a query allocates nothing but its answer. Measured on the France
 * benchmark: 35,456 nearest queries over 3,000 points take 28 ms of CPU against 82 ms with
 * geokdbush's `around`.
 *
 * Exactness: candidates are compared on the kilometres of `distance.ts` (bit for bit
 * `haversineKm(queryLon, queryLat, pointLon, pointLat)`); bounds only prune, with a relative
 * safety margin far above floating-point rounding, points that are certainly farther.
 *
 * Complexity (n points): build O(n log n); nearest O(log n) expected; within O(log n + k) plus
 * a sort of the k results.
 */
import KDBush from 'kdbush';
import { haverSin, haverSinToKm, kmToHaverSin, RAD } from './distance';

/** The nearest point found by a query: its index in the caller's arrays and its distance. */
export interface NearestHit {
	/** Index of the point in the arrays the search was built from. */
	index: number;
	/** Great-circle distance from the query point, km. */
	km: number;
}

/**
 * What the coverage engine needs from a point set; implemented by the kd-tree
 * ({@link createPointSearch}) and by the brute-force oracle (`createBruteForceSearch`).
 */
export interface PointSearch {
	/** Number of indexed points. */
	readonly size: number;
	/**
	 * The nearest point to (lon, lat) in degrees, ties broken by the lowest index, or null when
	 * no point is accepted.
	 *
	 * @param accept optional filter on point indices (rejected points are skipped)
	 */
	nearest(lon: number, lat: number, accept?: (index: number) => boolean): NearestHit | null;
	/**
	 * Writes into `out` (cleared first) the indices, ascending, of the points at most `radiusKm`
	 * kilometres from (lon, lat) in degrees, and returns their count. When `outKm` is given it
	 * receives (cleared first) their distances in km, in the same order: exactly
	 * `haversineKm(lon, lat, pointLon, pointLat)`.
	 */
	within(lon: number, lat: number, radiusKm: number, out: number[], outKm?: number[]): number;
}

/** Relative margin on haversine "h" values when pruning, far above floating-point rounding. */
const REL_MARGIN = 1e-9;
/** Absolute margin on "h" (≈ 0.4 m), for distances near zero (a query on a splitting line or on a point). */
const ABS_MARGIN = 1e-15;

/** Default kd-tree leaf size: small leaves suit nearest-neighbour queries. */
export const DEFAULT_NODE_SIZE = 16;

/**
 * Builds a kd-tree search over points given as parallel longitude/latitude arrays (degrees).
 * Coordinates are copied; the caller's arrays may be reused afterwards.
 *
 * @param lon longitudes, degrees (WGS84)
 * @param lat latitudes, degrees (WGS84), same length as `lon`
 * @param nodeSize kd-tree leaf size (default {@link DEFAULT_NODE_SIZE})
 * @throws Error `invalid point: <index>` when a coordinate is not finite
 */
export function createPointSearch(
	lon: ArrayLike<number>,
	lat: ArrayLike<number>,
	nodeSize: number = DEFAULT_NODE_SIZE
): PointSearch {
	return new KdPointSearch(lon, lat, nodeSize);
}

class KdPointSearch implements PointSearch {
	readonly size: number;
	private readonly ids: Uint16Array | Uint32Array;
	private readonly coords: Float64Array;
	private readonly nodeSize: number;
	private readonly minLon: number;
	private readonly maxLon: number;
	// Query state, kept on the instance so the recursion allocates nothing.
	private qLon = 0;
	private qLat = 0;
	private qCos = 1;
	private bestIndex = -1;
	private bestKm = Infinity;
	private bestBound = Infinity;
	private accept: ((index: number) => boolean) | undefined = undefined;
	private halfAngle = Infinity;
	private sinAngle = Infinity;
	private lonPruning = true;
	private radiusKm = 0;
	private radiusBound = 0;
	private found = 0;
	private readonly scratch: Uint32Array;
	/** Distance of each hit of the current `within` query, by point index. */
	private readonly kmOf: Float64Array;

	constructor(lon: ArrayLike<number>, lat: ArrayLike<number>, nodeSize: number) {
		if (lon.length !== lat.length) throw new Error(`lon/lat length mismatch: ${lon.length} ≠ ${lat.length}`);
		const n = lon.length;
		this.size = n;
		let minLon = Infinity;
		let maxLon = -Infinity;
		const kd = new KDBush(Math.max(n, 1), nodeSize, Float64Array);
		for (let i = 0; i < n; i++) {
			const x = lon[i];
			const y = lat[i];
			if (!Number.isFinite(x) || !Number.isFinite(y) || y < -90 || y > 90) throw new Error(`invalid point: ${i}`);
			kd.add(x, y);
			if (x < minLon) minLon = x;
			if (x > maxLon) maxLon = x;
		}
		if (n === 0) kd.add(0, 0); // kdbush needs one item; `size` 0 short-circuits every query
		kd.finish();
		this.ids = kd.ids;
		this.coords = kd.coords as Float64Array;
		this.nodeSize = kd.nodeSize;
		this.minLon = minLon;
		this.maxLon = maxLon;
		this.scratch = new Uint32Array(n);
		this.kmOf = new Float64Array(n);
	}

	/** Sets the query point and whether longitude lines may prune (no wrap-around: every |Δλ| ≤ 180°). */
	private startQuery(lon: number, lat: number): void {
		this.qLon = lon;
		this.qLat = lat;
		this.qCos = Math.cos(lat * RAD);
		this.lonPruning = lon - this.minLon <= 180 && this.maxLon - lon <= 180;
	}

	nearest(lon: number, lat: number, accept?: (index: number) => boolean): NearestHit | null {
		if (this.size === 0) return null;
		this.startQuery(lon, lat);
		this.bestIndex = -1;
		this.bestKm = Infinity;
		this.bestBound = Infinity;
		this.halfAngle = Infinity;
		this.sinAngle = Infinity;
		this.accept = accept;
		this.nearestIn(0, this.size - 1, 0);
		this.accept = undefined;
		return this.bestIndex < 0 ? null : { index: this.bestIndex, km: this.bestKm };
	}

	private consider(position: number): void {
		const id = this.ids[position];
		const h = haverSin(this.qLon, this.qLat, this.qCos, this.coords[2 * position], this.coords[2 * position + 1]);
		if (h > this.bestBound) return;
		if (this.accept !== undefined && !this.accept(id)) return;
		const km = haverSinToKm(h);
		if (km < this.bestKm || (km === this.bestKm && id < this.bestIndex)) {
			this.bestKm = km;
			this.bestIndex = id;
			this.bestBound = h * (1 + REL_MARGIN) + ABS_MARGIN;
			this.setPruning(h);
		}
	}

	/**
	 * Pruning limits for a haversine "h" (best so far, or the query radius): half the central
	 * angle θ/2 = asin(√h) and sin θ = 2√h√(1−h), both with the safety margins.
	 */
	private setPruning(h: number): void {
		const hh = Math.min(1, h * (1 + REL_MARGIN) + ABS_MARGIN);
		this.halfAngle = Math.asin(Math.sqrt(hh));
		this.sinAngle = this.halfAngle < Math.PI / 4 ? 2 * Math.sqrt(hh) * Math.sqrt(1 - hh) : Infinity;
	}

	/**
	 * True when every point beyond the splitting line `axis = split` is farther than the limit.
	 * Latitude: the central angle is at least |Δφ|. Longitude (|Δλ| ≥ δ, δ < 90°, no wrap-around):
	 * at least the angle to the meridian plane at λ + δ, asin(cos φ · sin δ) ≥ asin(cos φ · (δ − δ³/6)).
	 */
	private beyond(axis: number, split: number): boolean {
		if (axis === 1) return Math.abs(this.qLat - split) * RAD * 0.5 > this.halfAngle;
		if (!this.lonPruning) return false;
		const d = Math.abs(this.qLon - split) * RAD;
		if (d >= Math.PI / 2) return false;
		return this.qCos * (d - (d * d * d) / 6) > this.sinAngle;
	}

	private nearestIn(left: number, right: number, axis: number): void {
		if (right - left <= this.nodeSize) {
			for (let i = left; i <= right; i++) this.consider(i);
			return;
		}
		const m = (left + right) >> 1;
		this.consider(m);
		const split = this.coords[2 * m + axis];
		const next = 1 - axis;
		// The kd-sort puts coordinates ≤ the median on the left: search the query's side first.
		if ((axis === 0 ? this.qLon : this.qLat) <= split) {
			this.nearestIn(left, m - 1, next);
			if (!this.beyond(axis, split)) this.nearestIn(m + 1, right, next);
		} else {
			this.nearestIn(m + 1, right, next);
			if (!this.beyond(axis, split)) this.nearestIn(left, m - 1, next);
		}
	}

	within(lon: number, lat: number, radiusKm: number, out: number[], outKm?: number[]): number {
		out.length = 0;
		if (outKm) outKm.length = 0;
		if (this.size === 0 || !(radiusKm >= 0)) return 0;
		this.startQuery(lon, lat);
		this.radiusKm = radiusKm;
		const h = kmToHaverSin(radiusKm);
		this.radiusBound = h * (1 + REL_MARGIN) + ABS_MARGIN;
		this.setPruning(h);
		this.found = 0;
		this.withinIn(0, this.size - 1, 0);
		// Native numeric sort of a typed array: ascending indices without a comparator.
		const hits = this.scratch.subarray(0, this.found).sort();
		for (let k = 0; k < hits.length; k++) out.push(hits[k]);
		if (outKm) for (let k = 0; k < hits.length; k++) outKm.push(this.kmOf[hits[k]]);
		return hits.length;
	}

	private collect(position: number): void {
		const h = haverSin(this.qLon, this.qLat, this.qCos, this.coords[2 * position], this.coords[2 * position + 1]);
		if (h > this.radiusBound) return;
		const km = haverSinToKm(h);
		if (km > this.radiusKm) return;
		const id = this.ids[position];
		this.scratch[this.found++] = id;
		this.kmOf[id] = km;
	}

	private withinIn(left: number, right: number, axis: number): void {
		if (right - left <= this.nodeSize) {
			for (let i = left; i <= right; i++) this.collect(i);
			return;
		}
		const m = (left + right) >> 1;
		this.collect(m);
		const split = this.coords[2 * m + axis];
		const next = 1 - axis;
		const qc = axis === 0 ? this.qLon : this.qLat;
		// Visit a side unless the query lies on the other side and the split line is out of reach.
		if (qc <= split || !this.beyond(axis, split)) this.withinIn(left, m - 1, next);
		if (qc >= split || !this.beyond(axis, split)) this.withinIn(m + 1, right, next);
	}
}
