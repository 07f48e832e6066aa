/**
 * Snapping a point (commune reference point, structure, pole) onto the road graph: the nearest
 * node kept (a kd-tree over the snap points, `$lib/analysis/point-index` on kdbush), plus the
 * **access leg** from the point to that node, straight, at a slow speed (parameter
 * `routing.access_speed_kmh`). A point farther than the threshold (`routing.snap_max_km`) from any
 * road node is not snapped: it is reported, and has no travel time (an island without a bridge, or
 * an extract that does not cover it).
 *
 * From a snapped point the route leaves along its chain (towards the chain's end when it may
 * drive forward, towards its start when it may drive backward); it arrives the same way, reversed.
 */
import { createPointSearch, type PointSearch } from '../analysis/point-index';
import { segmentTenths, type RoadGraph } from './graph';

/** A point on the graph. */
export interface Snap {
	/** Snap point index (into the graph's `point*` arrays). */
	point: number;
	/** Straight-line distance to it, km. */
	km: number;
	/** Access leg, tenths of a second. */
	access: number;
}

/** The search over a graph's snap points (build once per graph). */
export function snapIndex(graph: RoadGraph): PointSearch {
	return createPointSearch(graph.pointLon, graph.pointLat);
}

/**
 * Snaps every point; null where no road node lies within `maxKm`.
 * @param accessKmh speed of the access leg, km/h
 */
export function snapPoints(
	graph: RoadGraph,
	index: PointSearch,
	points: readonly { lon: number; lat: number }[],
	maxKm: number,
	accessKmh: number
): (Snap | null)[] {
	return points.map((p) => {
		if (graph.pointLon.length === 0) return null;
		const hit = index.nearest(p.lon, p.lat);
		if (!hit || hit.km > maxKm) return null;
		return { point: hit.index, km: hit.km, access: segmentTenths(hit.km * 1000, accessKmh) };
	});
}

/**
 * The (vertex, cost) pairs a route leaving `snap` starts from, or arriving at it comes through:
 * `leave` gives seeds (vertex reached, cost so far), `arrive` the vertices and the cost from each
 * to the point. Access legs are not included.
 */
export function legsOf(graph: RoadGraph, point: number, direction: 'leave' | 'arrive', out: number[]): void {
	out.length = 0;
	const chain = graph.pointChain[point];
	if (chain < 0) {
		out.push(graph.pointVertex[point], 0);
		return;
	}
	const offset = graph.pointOffset[point];
	const total = graph.chainCost[chain];
	const dir = graph.chainDir[chain];
	const forward = dir >= 0;
	const backward = dir <= 0;
	if (direction === 'leave') {
		if (forward) out.push(graph.chainTo[chain], total - offset);
		if (backward) out.push(graph.chainFrom[chain], offset);
	} else {
		if (forward) out.push(graph.chainFrom[chain], offset);
		if (backward) out.push(graph.chainTo[chain], total - offset);
	}
}

/**
 * Cost of driving from point `a` to point `b` along their common chain without passing a vertex
 * (both on the same chain, in a drivable direction), else Infinity.
 */
export function sameChainCost(graph: RoadGraph, a: number, b: number): number {
	const chain = graph.pointChain[a];
	if (chain < 0 || chain !== graph.pointChain[b]) return a === b ? 0 : Infinity;
	const oa = graph.pointOffset[a];
	const ob = graph.pointOffset[b];
	const dir = graph.chainDir[chain];
	let best = Infinity;
	if (dir >= 0 && ob >= oa) best = ob - oa;
	if (dir <= 0 && oa >= ob) best = Math.min(best, oa - ob);
	return best;
}
