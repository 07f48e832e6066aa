/**
 * Brute-force oracle of the routing engine, for the tests: the same ways, but a graph with **every
 * node** (no chains), strongly connected components by Kosaraju (two traversals, not Tarjan),
 * snapping by a linear scan, and a plain Dijkstra from every origin with no bound. It shares only
 * the segment cost (`segmentTenths`) and the access leg's formula with the engine, so equal times
 * mean the chains, the SCC filter, the snapping legs, the bounds and the multi-source runs are right.
 */
import { haversineKm } from '../analysis/distance';
import { segmentTenths } from './graph';
import type { NodeCoords, ParsedWays } from './ways';

export interface NaiveGraph {
	/** Adjacency per node: [target, cost, target, cost…]. */
	out: number[][];
	/** Nodes of the largest SCC. */
	kept: Uint8Array;
	lat: Float64Array;
	lon: Float64Array;
	components: number;
}

export function buildNaiveGraph(ways: ParsedWays, coords: NodeCoords): NaiveGraph {
	const n = coords.lat.length;
	const out: number[][] = Array.from({ length: n }, () => []);
	const inn: number[][] = Array.from({ length: n }, () => []);
	const used = new Uint8Array(n);
	for (let w = 0; w + 1 < ways.wayStart.length; w++) {
		for (let k = ways.wayStart[w]; k + 1 < ways.wayStart[w + 1]; k++) {
			const a = ways.nodeOf[k];
			const b = ways.nodeOf[k + 1];
			if (Number.isNaN(coords.lat[a]) || Number.isNaN(coords.lat[b])) continue;
			used[a] = used[b] = 1;
			if (a === b) continue;
			const cost = segmentTenths(1000 * haversineKm(coords.lon[a], coords.lat[a], coords.lon[b], coords.lat[b]), ways.speedKmh[w]);
			if (ways.oneway[w] >= 0) {
				out[a].push(b, cost);
				inn[b].push(a, cost);
			}
			if (ways.oneway[w] <= 0) {
				out[b].push(a, cost);
				inn[a].push(b, cost);
			}
		}
	}
	// Kosaraju: finishing order on the graph, then components on the reverse graph.
	const order: number[] = [];
	const seen = new Uint8Array(n);
	for (let s = 0; s < n; s++) {
		if (seen[s] || !used[s]) continue;
		const stack: [number, number][] = [[s, 0]];
		seen[s] = 1;
		while (stack.length > 0) {
			const top = stack[stack.length - 1];
			const [v, i] = top;
			if (i < out[v].length) {
				top[1] += 2;
				const w = out[v][i];
				if (!seen[w]) {
					seen[w] = 1;
					stack.push([w, 0]);
				}
			} else {
				order.push(v);
				stack.pop();
			}
		}
	}
	const comp = new Int32Array(n).fill(-1);
	const sizes: number[] = [];
	for (let k = order.length - 1; k >= 0; k--) {
		const s = order[k];
		if (comp[s] >= 0) continue;
		const c = sizes.length;
		let size = 0;
		const stack = [s];
		comp[s] = c;
		while (stack.length > 0) {
			const v = stack.pop()!;
			size++;
			for (let i = 0; i < inn[v].length; i += 2) {
				const w = inn[v][i];
				if (comp[w] < 0) {
					comp[w] = c;
					stack.push(w);
				}
			}
		}
		sizes.push(size);
	}
	let largest = 0;
	for (let c = 1; c < sizes.length; c++) if (sizes[c] > sizes[largest]) largest = c;
	const kept = new Uint8Array(n);
	for (let v = 0; v < n; v++) if (used[v] && comp[v] === largest) kept[v] = 1;
	return { out, kept, lat: coords.lat, lon: coords.lon, components: sizes.length };
}

/** Nearest kept node of a point by a linear scan (ties: lowest node), or −1 beyond `maxKm`. */
export function naiveSnap(g: NaiveGraph, lon: number, lat: number, maxKm: number): { node: number; km: number } {
	let best = -1;
	let bestKm = Infinity;
	for (let v = 0; v < g.kept.length; v++) {
		if (!g.kept[v]) continue;
		const km = haversineKm(lon, lat, g.lon[v], g.lat[v]);
		if (km < bestKm) {
			bestKm = km;
			best = v;
		}
	}
	return bestKm <= maxKm ? { node: best, km: bestKm } : { node: -1, km: bestKm };
}

/** Plain Dijkstra from one node over the kept nodes (no bound): cost to every node, Infinity if unreachable. */
export function naiveDistances(g: NaiveGraph, source: number): Float64Array {
	const dist = new Float64Array(g.kept.length).fill(Infinity);
	dist[source] = 0;
	const queue: [number, number][] = [[0, source]];
	while (queue.length > 0) {
		// Smallest first: a sorted insertion queue is slow but obviously right.
		const [d, v] = queue.shift()!;
		if (d > dist[v]) continue;
		const adj = g.out[v];
		for (let i = 0; i < adj.length; i += 2) {
			const w = adj[i];
			if (!g.kept[w]) continue;
			const nd = d + adj[i + 1];
			if (nd < dist[w]) {
				dist[w] = nd;
				let lo = 0;
				let hi = queue.length;
				while (lo < hi) {
					const mid = (lo + hi) >> 1;
					if (queue[mid][0] <= nd) lo = mid + 1;
					else hi = mid;
				}
				queue.splice(lo, 0, [nd, w]);
			}
		}
	}
	return dist;
}
