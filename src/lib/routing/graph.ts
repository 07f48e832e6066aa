/**
 * The road graph, in compact typed arrays:
 *
 * - **vertices** are the way nodes where the network branches (a node used twice, by two ways or
 *   twice by one) and the ends of ways; the nodes in between are **shape points**, folded into
 *   the **chain** (a stretch of one way between two vertices) they lie on;
 * - **edges** in CSR form (`firstOut`/`head`/`cost`, and the reverse `firstIn`/`tail`/`costIn`), one per
 *   drivable direction of a chain, costs in **tenths of a second** (Int32). A chain's cost is the
 *   sum of its segments' costs, each rounded on its own (so a graph of every node gives exactly the
 *   same times: the brute-force oracle of the tests);
 * - only the **largest strongly connected component** is kept: from any vertex one can drive to
 *   any other, so no commune is « reachable » only one way. Smaller components (a car park's
 *   aisles, a private estate cut off by access tags, an island) are counted and dropped;
 * - **snap points**: every node kept (vertex or shape point), with its chain and its cost offset
 *   from the chain's start, so a commune, a structure or a pole snaps onto the road where it is,
 *   not onto the nearest junction.
 *
 * Build: O(N + W) for N way nodes and W ways, plus the SCC pass O(V + E).
 */
import { haversineKm } from '../analysis/distance';
import { stronglyConnectedComponents } from './scc';
import type { NodeCoords, ParsedWays } from './ways';

export interface RoadGraph {
	vertexCount: number;
	firstOut: Int32Array;
	head: Int32Array;
	cost: Int32Array;
	firstIn: Int32Array;
	tail: Int32Array;
	costIn: Int32Array;
	/** Chains: start vertex, end vertex, cost (tenths of s) and direction (1 forward only, −1 backward only, 0 both). */
	chainFrom: Int32Array;
	chainTo: Int32Array;
	chainCost: Int32Array;
	chainDir: Int8Array;
	/** Snap points: position, chain (−1 for a vertex) or vertex, cost offset from the chain's start. */
	pointLon: Float64Array;
	pointLat: Float64Array;
	pointChain: Int32Array;
	pointVertex: Int32Array;
	pointOffset: Int32Array;
	stats: GraphStats;
}

export interface GraphStats {
	/** Way nodes with coordinates inside the clip box. */
	nodes: number;
	/** Vertices and chains before the SCC filter. */
	vertices: number;
	chains: number;
	/** Strongly connected components, and the size of the largest (vertices). */
	components: number;
	largestComponent: number;
	/** Vertices, chains and directed edges kept. */
	verticesKept: number;
	chainsKept: number;
	edges: number;
	/** Snap points (nodes) kept. */
	nodesKept: number;
}

/** Cost of a segment of `meters` at `speedKmh`, tenths of a second (rounded). */
export function segmentTenths(meters: number, speedKmh: number): number {
	return Math.round((36 * meters) / speedKmh);
}

class IntList {
	data = new Int32Array(1024);
	length = 0;
	push(v: number): void {
		if (this.length === this.data.length) {
			const d = new Int32Array(this.length * 2);
			d.set(this.data);
			this.data = d;
		}
		this.data[this.length++] = v;
	}
	get(i: number): number {
		return this.data[i];
	}
}

/** CSR of directed edges given as parallel lists (counting sort by source, stable). */
function toCsr(n: number, from: Int32Array, to: Int32Array, cost: Int32Array, m: number): { first: Int32Array; head: Int32Array; cost: Int32Array } {
	const first = new Int32Array(n + 1);
	for (let e = 0; e < m; e++) first[from[e] + 1]++;
	for (let v = 0; v < n; v++) first[v + 1] += first[v];
	const fill = first.slice(0, n);
	const head = new Int32Array(m);
	const out = new Int32Array(m);
	for (let e = 0; e < m; e++) {
		const p = fill[from[e]]++;
		head[p] = to[e];
		out[p] = cost[e];
	}
	return { first, head, cost: out };
}

/** Builds the graph from the drivable ways and the coordinates of their nodes (NaN = left out). */
export function buildRoadGraph(ways: ParsedWays, coords: NodeCoords): RoadGraph {
	const { wayStart, nodeOf, speedKmh, oneway } = ways;
	const { lat, lon } = coords;
	const nodeCount = lat.length;
	const wayCount = wayStart.length - 1;
	const present = (node: number) => lat[node] === lat[node]; // not NaN

	// Step 1: vertices — nodes used twice, and the ends of every run of present nodes.
	const uses = new Uint8Array(nodeCount);
	const isVertex = new Uint8Array(nodeCount);
	let nodes = 0;
	for (let w = 0; w < wayCount; w++) {
		let prev = -1;
		for (let k = wayStart[w]; k < wayStart[w + 1]; k++) {
			const node = nodeOf[k];
			if (!present(node)) {
				if (prev >= 0) isVertex[prev] = 1; // a run ends
				prev = -1;
				continue;
			}
			if (node === prev) continue; // the same node twice in a row
			if (uses[node] === 0) nodes++;
			if (uses[node] < 2) uses[node]++;
			if (uses[node] >= 2 || prev < 0) isVertex[node] = 1;
			prev = node;
		}
		if (prev >= 0) isVertex[prev] = 1;
	}
	const vertexOf = new Int32Array(nodeCount).fill(-1);
	let vertexCount = 0;
	for (let node = 0; node < nodeCount; node++) if (isVertex[node]) vertexOf[node] = vertexCount++;

	// Step 2: chains between consecutive vertices along each run, with their shape points.
	const chainFrom = new IntList();
	const chainTo = new IntList();
	const chainCost = new IntList();
	const chainDir = new IntList();
	const shapeNode = new IntList();
	const shapeChain = new IntList();
	const shapeOffset = new IntList();
	for (let w = 0; w < wayCount; w++) {
		const speed = speedKmh[w];
		let prev = -1;
		let start = -1;
		let acc = 0;
		for (let k = wayStart[w]; k < wayStart[w + 1]; k++) {
			const node = nodeOf[k];
			if (!present(node)) {
				prev = -1;
				continue;
			}
			if (node === prev) continue;
			if (prev < 0) {
				start = vertexOf[node];
				acc = 0;
				prev = node;
				continue;
			}
			acc += segmentTenths(1000 * haversineKm(lon[prev], lat[prev], lon[node], lat[node]), speed);
			prev = node;
			if (vertexOf[node] < 0) {
				shapeNode.push(node);
				shapeChain.push(chainFrom.length);
				shapeOffset.push(acc);
				continue;
			}
			chainFrom.push(start);
			chainTo.push(vertexOf[node]);
			chainCost.push(acc);
			chainDir.push(oneway[w]);
			start = vertexOf[node];
			acc = 0;
		}
	}
	const chainCount = chainFrom.length;

	// Step 3: directed edges, then the largest strongly connected component.
	const edgesOf = (keep: (c: number) => boolean, renumber: Int32Array) => {
		const from = new Int32Array(2 * chainCount);
		const to = new Int32Array(2 * chainCount);
		const cost = new Int32Array(2 * chainCount);
		let m = 0;
		for (let c = 0; c < chainCount; c++) {
			if (!keep(c)) continue;
			const u = renumber[chainFrom.get(c)];
			const v = renumber[chainTo.get(c)];
			if (u === v) continue; // a loop never shortens a route
			const dir = chainDir.get(c);
			if (dir >= 0) {
				from[m] = u;
				to[m] = v;
				cost[m++] = chainCost.get(c);
			}
			if (dir <= 0) {
				from[m] = v;
				to[m] = u;
				cost[m++] = chainCost.get(c);
			}
		}
		return { from, to, cost, m };
	};
	const identity = Int32Array.from({ length: vertexCount }, (_, i) => i);
	const all = edgesOf(() => true, identity);
	const forward = toCsr(vertexCount, all.from, all.to, all.cost, all.m);
	const scc = stronglyConnectedComponents(forward.first, forward.head);
	let largest = 0;
	for (let c = 1; c < scc.count; c++) if (scc.sizes[c] > scc.sizes[largest]) largest = c;
	const renumber = new Int32Array(vertexCount).fill(-1);
	let kept = 0;
	for (let v = 0; v < vertexCount; v++) if (scc.count > 0 && scc.component[v] === largest) renumber[v] = kept++;

	// Step 4: the kept graph, forward and reverse.
	const keepChain = (c: number) => renumber[chainFrom.get(c)] >= 0 && renumber[chainTo.get(c)] >= 0;
	const chainNew = new Int32Array(chainCount).fill(-1);
	let chainsKept = 0;
	for (let c = 0; c < chainCount; c++) if (keepChain(c)) chainNew[c] = chainsKept++;
	const edges = edgesOf(keepChain, renumber);
	const fwd = toCsr(kept, edges.from, edges.to, edges.cost, edges.m);
	const rev = toCsr(kept, edges.to, edges.from, edges.cost, edges.m);
	const outFrom = new Int32Array(chainsKept);
	const outTo = new Int32Array(chainsKept);
	const outCost = new Int32Array(chainsKept);
	const outDir = new Int8Array(chainsKept);
	for (let c = 0; c < chainCount; c++) {
		const d = chainNew[c];
		if (d < 0) continue;
		outFrom[d] = renumber[chainFrom.get(c)];
		outTo[d] = renumber[chainTo.get(c)];
		outCost[d] = chainCost.get(c);
		outDir[d] = chainDir.get(c);
	}

	// Step 5: snap points — kept vertices, then the shape points of kept chains.
	let points = kept;
	for (let s = 0; s < shapeNode.length; s++) if (chainNew[shapeChain.get(s)] >= 0) points++;
	const pointLon = new Float64Array(points);
	const pointLat = new Float64Array(points);
	const pointChain = new Int32Array(points).fill(-1);
	const pointVertex = new Int32Array(points).fill(-1);
	const pointOffset = new Int32Array(points);
	for (let node = 0; node < nodeCount; node++) {
		const v = vertexOf[node];
		if (v < 0 || renumber[v] < 0) continue;
		const p = renumber[v];
		pointLon[p] = lon[node];
		pointLat[p] = lat[node];
		pointVertex[p] = p;
	}
	let p = kept;
	for (let s = 0; s < shapeNode.length; s++) {
		const c = chainNew[shapeChain.get(s)];
		if (c < 0) continue;
		const node = shapeNode.get(s);
		pointLon[p] = lon[node];
		pointLat[p] = lat[node];
		pointChain[p] = c;
		pointOffset[p] = shapeOffset.get(s);
		p++;
	}

	return {
		vertexCount: kept,
		firstOut: fwd.first,
		head: fwd.head,
		cost: fwd.cost,
		firstIn: rev.first,
		tail: rev.head,
		costIn: rev.cost,
		chainFrom: outFrom,
		chainTo: outTo,
		chainCost: outCost,
		chainDir: outDir,
		pointLon,
		pointLat,
		pointChain,
		pointVertex,
		pointOffset,
		stats: {
			nodes,
			vertices: vertexCount,
			chains: chainCount,
			components: scc.count,
			largestComponent: kept,
			verticesKept: kept,
			chainsKept,
			edges: edges.m,
			nodesKept: points
		}
	};
}
