/**
 * Bounded Dijkstra on the CSR road graph, from one or several seeds, forward or on the reverse
 * graph. A `Dijkstra` keeps its arrays between runs (distances reset through the list of vertices
 * touched), so hundreds of runs on one graph allocate nothing.
 *
 * Multi-source runs carry a label (the seed's index): ties on the cost keep the lowest label, so
 * « the nearest facility » is the same whatever the order of the seeds.
 */
import { IntHeap, MAX_HEAP_VALUE } from './heap';
import type { RoadGraph } from './graph';

/** Distance of vertices not reached. */
export const UNREACHED = 0x7fffffff;

export class Dijkstra {
	readonly dist: Int32Array;
	readonly label: Int32Array;
	private readonly touched: Int32Array;
	private touchedCount = 0;
	private readonly heap = new IntHeap(1 << 14);
	/** Vertices settled by the last run (work done, for the benchmarks). */
	settled = 0;

	constructor(private readonly graph: RoadGraph) {
		const n = graph.vertexCount;
		if (n > MAX_HEAP_VALUE + 1) throw new Error(`graphe routier trop grand : ${n} carrefours (au plus ${MAX_HEAP_VALUE + 1}) ; prenez l’extrait de la région plutôt que celui du pays`);
		this.dist = new Int32Array(n).fill(UNREACHED);
		this.label = new Int32Array(n).fill(-1);
		this.touched = new Int32Array(n);
	}

	private reset(): void {
		for (let i = 0; i < this.touchedCount; i++) {
			const v = this.touched[i];
			this.dist[v] = UNREACHED;
			this.label[v] = -1;
		}
		this.touchedCount = 0;
		this.heap.clear();
	}

	/**
	 * Runs from the seeds (flat list vertex, cost, label, vertex, cost, label…), settling vertices up
	 * to `limit` (tenths of a second). `reverse` follows edges backwards (times *to* the seeds).
	 * Afterwards `dist[v]` is the cost to v (UNREACHED beyond the limit) and `label[v]` the seed's label.
	 */
	run(seeds: readonly number[], limit: number, reverse = false): void {
		this.reset();
		const { dist, label, touched, heap } = this;
		const first = reverse ? this.graph.firstIn : this.graph.firstOut;
		const head = reverse ? this.graph.tail : this.graph.head;
		const cost = reverse ? this.graph.costIn : this.graph.cost;
		for (let s = 0; s < seeds.length; s += 3) {
			const v = seeds[s];
			const d = seeds[s + 1];
			const l = seeds[s + 2];
			if (d > limit) continue;
			if (dist[v] === UNREACHED) touched[this.touchedCount++] = v;
			if (d < dist[v] || (d === dist[v] && l < label[v])) {
				dist[v] = d;
				label[v] = l;
				heap.push(d, v);
			}
		}
		let settled = 0;
		while (heap.size > 0) {
			const d = heap.peekKey();
			const v = heap.pop();
			if (d > dist[v]) continue; // stale entry
			settled++;
			const l = label[v];
			for (let e = first[v], end = first[v + 1]; e < end; e++) {
				const w = head[e];
				const nd = d + cost[e];
				if (nd > limit) continue;
				const old = dist[w];
				if (nd < old || (nd === old && l < label[w])) {
					if (old === UNREACHED) touched[this.touchedCount++] = w;
					dist[w] = nd;
					label[w] = l;
					heap.push(nd, w);
				}
			}
		}
		this.settled = settled;
	}
}
