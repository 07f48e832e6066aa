/**
 * Travel times on the road graph, in tenths of a second, up to a cutoff:
 *
 * - `travelTimePairs`: one bounded Dijkstra per origin (commune), then every destination of every
 *   set (structures, poles, communes) read from the settled vertices: **every pair within the
 *   cutoff**, nothing else (a pair missing means « beyond the cutoff »);
 * - `nearestTimes`: the fast path for « time to the nearest facility of a set »: one multi-source
 *   Dijkstra on the reverse graph from all the facilities at once, ties to the lowest index.
 *
 * A time is access leg out + road + access leg in. Unsnapped points (null) have no time.
 */
import { Dijkstra, UNREACHED } from './dijkstra';
import type { RoadGraph } from './graph';
import { legsOf, sameChainCost, type Snap } from './snap';

/** Pairs of one destination set within the cutoff, origin-major, destinations ascending. */
export interface TimePairs {
	origin: Int32Array;
	destination: Int32Array;
	tenths: Int32Array;
	count: number;
}

/** Progress: origins done out of the total. */
export type TimesProgress = (done: number, total: number) => void;

class PairList {
	origin = new Int32Array(1024);
	destination = new Int32Array(1024);
	tenths = new Int32Array(1024);
	count = 0;
	push(o: number, d: number, t: number): void {
		if (this.count === this.origin.length) {
			const grow = (a: Int32Array) => {
				const b = new Int32Array(a.length * 2);
				b.set(a);
				return b;
			};
			this.origin = grow(this.origin);
			this.destination = grow(this.destination);
			this.tenths = grow(this.tenths);
		}
		this.origin[this.count] = o;
		this.destination[this.count] = d;
		this.tenths[this.count++] = t;
	}
	done(): TimePairs {
		return { origin: this.origin.slice(0, this.count), destination: this.destination.slice(0, this.count), tenths: this.tenths.slice(0, this.count), count: this.count };
	}
}

/** Arrival legs of every snapped destination, flattened: vertex, cost pairs from `start[d]` to `start[d+1]`. */
function arrivals(graph: RoadGraph, snaps: readonly (Snap | null)[]): { start: Int32Array; legs: Int32Array } {
	const start = new Int32Array(snaps.length + 1);
	const legs: number[] = [];
	const tmp: number[] = [];
	snaps.forEach((s, d) => {
		start[d] = legs.length;
		if (s) {
			legsOf(graph, s.point, 'arrive', tmp);
			legs.push(...tmp);
		}
	});
	start[snaps.length] = legs.length;
	return { start, legs: Int32Array.from(legs) };
}

/**
 * Every origin → destination time within `cutoff` (tenths of a second), for each destination set.
 * One Dijkstra per snapped origin, bounded by the cutoff.
 */
export function travelTimePairs(
	graph: RoadGraph,
	origins: readonly (Snap | null)[],
	destinationSets: readonly (readonly (Snap | null)[])[],
	cutoff: number,
	onProgress?: TimesProgress
): TimePairs[] {
	const dijkstra = new Dijkstra(graph);
	const lists = destinationSets.map(() => new PairList());
	const sets = destinationSets.map((snaps) => ({ snaps, ...arrivals(graph, snaps) }));
	const leave: number[] = [];
	const seeds: number[] = [];
	const dist = dijkstra.dist;
	origins.forEach((o, i) => {
		if (o) {
			legsOf(graph, o.point, 'leave', leave);
			seeds.length = 0;
			for (let k = 0; k < leave.length; k += 2) seeds.push(leave[k], o.access + leave[k + 1], 0);
			dijkstra.run(seeds, cutoff);
			sets.forEach(({ snaps, start, legs }, s) => {
				const list = lists[s];
				for (let d = 0; d < snaps.length; d++) {
					const target = snaps[d];
					if (!target) continue;
					let best = o.access + sameChainCost(graph, o.point, target.point);
					for (let k = start[d]; k < start[d + 1]; k += 2) {
						const at = dist[legs[k]];
						if (at !== UNREACHED && at + legs[k + 1] < best) best = at + legs[k + 1];
					}
					const total = best + target.access;
					if (total <= cutoff) list.push(i, d, total);
				}
			});
		}
		onProgress?.(i + 1, origins.length);
	});
	return lists.map((l) => l.done());
}

/** Nearest facility of every origin within the cutoff: its index (−1 when none) and time (tenths). */
export interface NearestTimes {
	index: Int32Array;
	tenths: Int32Array;
}

/**
 * The nearest facility of every origin, by one multi-source Dijkstra on the reverse graph from all
 * the facilities (their arrival legs, access included), ties to the lowest facility index.
 */
export function nearestTimes(graph: RoadGraph, origins: readonly (Snap | null)[], facilities: readonly (Snap | null)[], cutoff: number, dijkstra = new Dijkstra(graph)): NearestTimes {
	const seeds: number[] = [];
	const legs: number[] = [];
	// Facilities reached without a vertex: on the origin's own chain, or at its very point.
	const onChain = new Map<number, number[]>();
	const atPoint = new Map<number, number[]>();
	facilities.forEach((f, j) => {
		if (!f) return;
		legsOf(graph, f.point, 'arrive', legs);
		for (let k = 0; k < legs.length; k += 2) seeds.push(legs[k], legs[k + 1] + f.access, j);
		const chain = graph.pointChain[f.point];
		const map = chain >= 0 ? onChain : atPoint;
		const key = chain >= 0 ? chain : f.point;
		const list = map.get(key);
		if (list) list.push(j);
		else map.set(key, [j]);
	});
	dijkstra.run(seeds, cutoff, true);
	const { dist, label } = dijkstra;
	const index = new Int32Array(origins.length).fill(-1);
	const tenths = new Int32Array(origins.length).fill(UNREACHED);
	origins.forEach((o, i) => {
		if (!o) return;
		let best = UNREACHED;
		let bestJ = -1;
		const consider = (t: number, j: number) => {
			if (t > cutoff) return;
			if (t < best || (t === best && j < bestJ)) {
				best = t;
				bestJ = j;
			}
		};
		legsOf(graph, o.point, 'leave', legs);
		for (let k = 0; k < legs.length; k += 2) {
			const v = legs[k];
			if (dist[v] !== UNREACHED) consider(o.access + legs[k + 1] + dist[v], label[v]);
		}
		const chain = graph.pointChain[o.point];
		const near = chain >= 0 ? onChain.get(chain) : atPoint.get(o.point);
		for (const j of near ?? []) consider(o.access + sameChainCost(graph, o.point, facilities[j]!.point) + facilities[j]!.access, j);
		index[i] = bestJ;
		tenths[i] = best;
	});
	return { index, tenths };
}
