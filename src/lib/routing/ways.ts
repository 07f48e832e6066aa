/**
 * The two reading passes of an extract, as visitors of the decoders (`osm-pbf.ts`, `osm-xml.ts`):
 *
 * 1. `WayCollector` keeps the drivable ways (`road-profile.ts`): their node ids, speed and
 *    direction, in growable typed arrays; `finish()` turns node ids into indices of the sorted
 *    list of the nodes they use.
 * 2. `NodeCollector` then reads the coordinates of those nodes only, leaving out nodes outside the
 *    clip box (the territory plus a band): a way is cut where it leaves the box.
 *
 * Two passes keep memory to the road nodes (a région has ten times more nodes than road nodes).
 */
import { lowerBound } from '../analysis/lower-bound';
import type { PrimitiveVisitor } from './osm-pbf';
import { classifyWay, type Exclusion, type RoadProfile } from './road-profile';

/** A box in degrees. */
export interface BBox {
	west: number;
	south: number;
	east: number;
	north: number;
}

/** Drivable ways once read: CSR of node indices, and per way its speed and direction. */
export interface ParsedWays {
	/** Way w uses `nodeOf[wayStart[w] … wayStart[w+1]−1]`. */
	wayStart: Int32Array;
	/** Index into `nodeIds` of each way node. */
	nodeOf: Int32Array;
	/** OSM ids of the nodes used, ascending. */
	nodeIds: Float64Array;
	speedKmh: Float32Array;
	oneway: Int8Array;
	roadClass: Uint8Array;
	/** OSM id of each way (reports, tests). */
	wayIds: Float64Array;
	counts: WayCounts;
}

export interface WayCounts {
	/** Ways with a `highway` tag. */
	highway: number;
	drivable: number;
	excluded: Record<Exclusion, number>;
	/** Every way of the file. */
	ways: number;
}

class Growable<T extends Float64Array | Int32Array | Float32Array | Int8Array | Uint8Array> {
	length = 0;
	constructor(
		public data: T,
		private readonly make: (n: number) => T
	) {}
	push(v: number): void {
		if (this.length === this.data.length) {
			const d = this.make(this.data.length * 2);
			d.set(this.data as never);
			this.data = d;
		}
		this.data[this.length++] = v;
	}
	trimmed(): T {
		return this.data.slice(0, this.length) as T;
	}
}

/** Pass 1: the drivable ways. */
export class WayCollector {
	private readonly refs = new Growable(new Float64Array(1 << 16), (n) => new Float64Array(n));
	private readonly starts = new Growable(new Int32Array(1 << 12), (n) => new Int32Array(n));
	private readonly speeds = new Growable(new Float32Array(1 << 12), (n) => new Float32Array(n));
	private readonly oneways = new Growable(new Int8Array(1 << 12), (n) => new Int8Array(n));
	private readonly classes = new Growable(new Uint8Array(1 << 12), (n) => new Uint8Array(n));
	private readonly ids = new Growable(new Float64Array(1 << 12), (n) => new Float64Array(n));
	readonly counts: WayCounts = { highway: 0, drivable: 0, excluded: { not_drivable: 0, access: 0, construction: 0, reversible: 0 }, ways: 0 };

	constructor(private readonly profile: RoadProfile) {}

	readonly visitor: PrimitiveVisitor = {
		way: (id, refs, count, tags) => {
			this.counts.ways++;
			if (tags.get('highway') === undefined) return;
			this.counts.highway++;
			const way = classifyWay(tags, this.profile);
			if (typeof way === 'string') {
				this.counts.excluded[way]++;
				return;
			}
			if (count < 2) return;
			this.counts.drivable++;
			this.starts.push(this.refs.length);
			for (let k = 0; k < count; k++) this.refs.push(refs[k]);
			this.speeds.push(way.speedKmh);
			this.oneways.push(way.oneway);
			this.classes.push(way.roadClass);
			this.ids.push(id);
		}
	};

	/** The ways, node ids replaced by indices of the sorted unique ids. */
	finish(): ParsedWays {
		const refs = this.refs.trimmed();
		const sorted = refs.slice().sort();
		let u = 0;
		for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[u - 1]) sorted[u++] = sorted[i];
		const nodeIds = sorted.slice(0, u);
		const nodeOf = new Int32Array(refs.length);
		for (let i = 0; i < refs.length; i++) nodeOf[i] = lowerBound(nodeIds, refs[i]);
		this.starts.push(refs.length);
		return {
			wayStart: this.starts.trimmed(),
			nodeOf,
			nodeIds,
			speedKmh: this.speeds.trimmed(),
			oneway: this.oneways.trimmed(),
			roadClass: this.classes.trimmed(),
			wayIds: this.ids.trimmed(),
			counts: this.counts
		};
	}
}

/** Coordinates of the way nodes; NaN where the node is missing from the file or outside the clip box. */
export interface NodeCoords {
	lat: Float64Array;
	lon: Float64Array;
	/** Way nodes found in the file (inside the box or not). */
	found: number;
	/** Way nodes found inside the clip box. */
	inside: number;
}

/** Pass 2: the coordinates of the nodes the ways use, inside `clip` (every node when null). */
export class NodeCollector {
	private readonly lat: Float64Array;
	private readonly lon: Float64Array;
	private cursor = 0;
	private previous = -Infinity;
	private found = 0;
	private inside = 0;

	constructor(
		private readonly nodeIds: Float64Array,
		private readonly clip: BBox | null
	) {
		this.lat = new Float64Array(nodeIds.length).fill(NaN);
		this.lon = new Float64Array(nodeIds.length).fill(NaN);
	}

	readonly visitor: PrimitiveVisitor = {
		nodes: (ids, lats, lons, count) => {
			const needed = this.nodeIds;
			const n = needed.length;
			const clip = this.clip;
			for (let i = 0; i < count; i++) {
				const id = ids[i];
				// Sorted files (the norm): a merge walk; otherwise a binary search.
				if (id < this.previous) this.cursor = lowerBound(needed, id);
				else while (this.cursor < n && needed[this.cursor] < id) this.cursor++;
				this.previous = id;
				if (this.cursor >= n || needed[this.cursor] !== id) continue;
				this.found++;
				const la = lats[i];
				const lo = lons[i];
				if (clip && (lo < clip.west || lo > clip.east || la < clip.south || la > clip.north)) continue;
				this.inside++;
				this.lat[this.cursor] = la;
				this.lon[this.cursor] = lo;
			}
		}
	};

	finish(): NodeCoords {
		return { lat: this.lat, lon: this.lon, found: this.found, inside: this.inside };
	}
}

/** Both passes over ways and nodes already in memory (the generator's output, tests, benchmarks). */
export function collectNetwork(
	network: { nodes: { ids: ArrayLike<number>; lat: ArrayLike<number>; lon: ArrayLike<number> }; ways: Iterable<{ id: number; refs: ArrayLike<number>; tags: Record<string, string> }> },
	profile: RoadProfile,
	clip: BBox | null = null
): { ways: ParsedWays; coords: NodeCoords } {
	const collector = new WayCollector(profile);
	const refs = new Float64Array(4096);
	for (const w of network.ways) {
		const r = w.refs.length <= refs.length ? refs : new Float64Array(w.refs.length);
		for (let k = 0; k < w.refs.length; k++) r[k] = w.refs[k];
		const tags = w.tags;
		collector.visitor.way!(w.id, r, w.refs.length, { get: (k) => tags[k], toObject: () => ({ ...tags }) });
	}
	const ways = collector.finish();
	const nodes = new NodeCollector(ways.nodeIds, clip);
	const { ids, lat, lon } = network.nodes;
	nodes.visitor.nodes!(Float64Array.from(ids), Float64Array.from(lat), Float64Array.from(lon), ids.length);
	return { ways, coords: nodes.finish() };
}
