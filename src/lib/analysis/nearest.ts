/**
 * Nearest destination of every origin (commune → nearest CS, EVS, structure, pole), in the
 * analysis metric, with matrix travel times taking precedence where they exist.
 *
 * A layer is a subset of destinations (e.g. the CS among all structures) with its own search;
 * indices returned by the layer's search are local and mapped back to the caller's ("global")
 * indices. Ties on cost break on the lowest global index, in every path.
 *
 * Complexity per origin: one nearest query, O(log m) expected, plus one pass over that origin's
 * matrix rows for the layer's destinations (none with the km metric).
 */
import { haversineKm } from './distance';
import type { PointSearch } from './point-index';
import { costOfKm, type TravelModel, type TravelTimeLookup } from './travel-time';

/** Builds a search over parallel lon/lat arrays (degrees); the kd-tree or the brute-force oracle. */
export type SearchFactory = (lon: ArrayLike<number>, lat: ArrayLike<number>) => PointSearch;

/** Points as parallel typed arrays of degrees. */
export interface PointArrays {
	lon: Float64Array;
	lat: Float64Array;
}

/** A subset of destinations with its search. */
export interface PointLayer {
	search: PointSearch;
	/** Local index → global index (ascending). */
	members: Int32Array;
	/** Global index → local index, or -1 when the destination is not in the layer. */
	localOf: Int32Array;
}

/**
 * Builds a layer over the destinations whose global indices are listed in `members` (ascending).
 *
 * @param points all destinations (global arrays, degrees)
 * @param members global indices of the layer, ascending
 */
export function buildPointLayer(points: PointArrays, members: ArrayLike<number>, createSearch: SearchFactory): PointLayer {
	const n = members.length;
	const lon = new Float64Array(n);
	const lat = new Float64Array(n);
	const localOf = new Int32Array(points.lon.length).fill(-1);
	const memberArray = new Int32Array(n);
	for (let l = 0; l < n; l++) {
		const g = members[l];
		if (l > 0 && g <= memberArray[l - 1]) throw new Error(`layer members not ascending: ${g}`);
		memberArray[l] = g;
		localOf[g] = l;
		lon[l] = points.lon[g];
		lat[l] = points.lat[g];
	}
	return { search: createSearch(lon, lat), members: memberArray, localOf };
}

/**
 * Per origin: global index of the nearest destination (-1 when none), its straight-line distance
 * (km, NaN when none) and its cost in the analysis metric (km or minutes, NaN when none).
 */
export interface NearestFacts {
	index: Int32Array;
	km: Float64Array;
	cost: Float64Array;
}

function emptyFacts(n: number): NearestFacts {
	return { index: new Int32Array(n).fill(-1), km: new Float64Array(n).fill(NaN), cost: new Float64Array(n).fill(NaN) };
}

/**
 * Nearest destination of the layer for every origin.
 *
 * @param origins origin points (communes' reference points), degrees
 * @param layer destinations to search
 * @param destinations all destinations (global arrays), for the distance of matrix pairs
 * @param model metric and estimate parameters
 * @param lookup matrix values for these destinations, used only with the `minutes` metric
 */
export function computeNearest(
	origins: PointArrays,
	layer: PointLayer,
	destinations: PointArrays,
	model: TravelModel,
	lookup?: TravelTimeLookup | null
): NearestFacts {
	const n = origins.lon.length;
	const facts = emptyFacts(n);
	const useMatrix = model.metric === 'minutes' && lookup != null;
	const { members, localOf, search } = layer;
	for (let i = 0; i < n; i++) {
		const lon = origins.lon[i];
		const lat = origins.lat[i];
		const overrides = useMatrix ? lookup.byOrigin[i] : undefined;
		// Step 1: nearest by estimate among destinations without a matrix value for this origin.
		const hit = overrides ? search.nearest(lon, lat, (l) => !overrides.has(members[l])) : search.nearest(lon, lat);
		let best = -1;
		let bestKm = NaN;
		let bestCost = Infinity;
		if (hit) {
			best = members[hit.index];
			bestKm = hit.km;
			bestCost = costOfKm(model, hit.km);
		}
		// Step 2: matrix values compete with it.
		if (overrides) {
			for (const [g, minutes] of overrides) {
				if (localOf[g] < 0) continue;
				if (minutes < bestCost || (minutes === bestCost && g < best)) {
					best = g;
					bestCost = minutes;
					bestKm = NaN; // filled below
				}
			}
			if (best >= 0 && Number.isNaN(bestKm)) bestKm = haversineKm(lon, lat, destinations.lon[best], destinations.lat[best]);
		}
		if (best >= 0) {
			facts.index[i] = best;
			facts.km[i] = bestKm;
			facts.cost[i] = bestCost;
		}
	}
	return facts;
}

/**
 * The nearer of two facts per origin (e.g. nearest structure = nearer of nearest CS and nearest
 * EVS); ties on cost break on the lowest global index.
 */
export function nearerOf(a: NearestFacts, b: NearestFacts): NearestFacts {
	const n = a.index.length;
	const out = emptyFacts(n);
	for (let i = 0; i < n; i++) {
		const ia = a.index[i];
		const ib = b.index[i];
		const takeB = ia < 0 || (ib >= 0 && (b.cost[i] < a.cost[i] || (b.cost[i] === a.cost[i] && ib < ia)));
		const src = takeB ? b : a;
		out.index[i] = src.index[i];
		out.km[i] = src.km[i];
		out.cost[i] = src.cost[i];
	}
	return out;
}
