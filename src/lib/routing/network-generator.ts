/**
 * Seeded generator of département-like road networks, for tests and benchmarks (real extracts of a
 * département are 50–300 MB and cannot ship with the repository). Pure and deterministic.
 *
 * What it lays over the box:
 * - a lattice of country roads (`unclassified`, `tertiary`; every 4th line `secondary`, every 8th
 *   `primary` with `maxspeed`), some segments missing, bent by shape points every `shapeSpacingM`;
 * - a motorway across the middle: two one-way carriageways joined to the lattice by `_link`
 *   ramps every ~15 km;
 * - a village at every commune point: a small street grid (`residential`), with a one-way street,
 *   a `living_street`, a `service` dead end, a private road (`access=private`) and a street
 *   under construction (both to be left out), tied to the nearest lattice crossing;
 * - traps for the graph builder: islands (grids tied to nothing), a one-way dead end (cannot be
 *   left: outside the largest strongly connected component), a `highway=footway` (not drivable).
 */
import { createRandom, type Random } from '../domain/random';
import type { OsmXmlWay } from './osm-xml';
import type { BBox } from './ways';

export interface NetworkOptions {
	bbox: BBox;
	/** Village centres (communes); generated on a jittered grid when absent. */
	villages?: readonly { lon: number; lat: number }[];
	/** Number of villages to generate when `villages` is absent. */
	villageCount?: number;
	/** Lattice spacing, km. */
	latticeKm?: number;
	/** Distance between shape points along country roads, m. */
	shapeSpacingM?: number;
	/** Streets per side of a village grid. */
	villageStreets?: number;
	/** Islands (disconnected grids). */
	islands?: number;
	seed?: number;
}

export interface GeneratedNetwork {
	nodes: { ids: Float64Array; lat: Float64Array; lon: Float64Array };
	ways: OsmXmlWay[];
	villages: { lon: number; lat: number }[];
	/** Ids of the ways that must be left out, by reason (tests). */
	excluded: { access: number[]; construction: number[]; notDrivable: number[] };
}

class Builder {
	ids: number[] = [];
	lat: number[] = [];
	lon: number[] = [];
	ways: OsmXmlWay[] = [];
	private nextNode = 1;
	private nextWay = 1;
	constructor(private readonly random: Random) {}

	node(lon: number, lat: number): number {
		const id = this.nextNode++;
		this.ids.push(id);
		// The OSM precision (1e-7°), so XML, PBF and memory agree to the bit.
		this.lat.push(Math.round(lat * 1e7) / 1e7);
		this.lon.push(Math.round(lon * 1e7) / 1e7);
		return id;
	}

	way(refs: number[], tags: Record<string, string>): number {
		const id = this.nextWay++;
		this.ways.push({ id, refs, tags });
		return id;
	}

	/** Node ids from node a to node b with shape points every `spacingM` (jittered sideways). */
	line(a: number, b: number, spacingM: number, wiggle = 0.25): number[] {
		const ia = a - 1;
		const ib = b - 1;
		const lonA = this.lon[ia];
		const latA = this.lat[ia];
		const lonB = this.lon[ib];
		const latB = this.lat[ib];
		const kmX = (lonB - lonA) * 111.32 * Math.cos((latA * Math.PI) / 180);
		const kmY = (latB - latA) * 110.57;
		const km = Math.hypot(kmX, kmY);
		const steps = Math.max(1, Math.round((km * 1000) / spacingM));
		const refs = [a];
		for (let s = 1; s < steps; s++) {
			const t = s / steps;
			const side = (this.random() - 0.5) * wiggle * (spacingM / 1000) * Math.sin(Math.PI * t);
			const nx = -kmY / km;
			const ny = kmX / km;
			refs.push(
				this.node(
					lonA + (lonB - lonA) * t + (side * nx) / (111.32 * Math.cos((latA * Math.PI) / 180)),
					latA + (latB - latA) * t + (side * ny) / 110.57
				)
			);
		}
		refs.push(b);
		return refs;
	}
}

/** Generates a road network over `options.bbox`. */
export function generateRoadNetwork(options: NetworkOptions): GeneratedNetwork {
	const random = createRandom(options.seed ?? 16);
	const b = new Builder(random);
	const { bbox } = options;
	const latticeKm = options.latticeKm ?? 2;
	const spacing = options.shapeSpacingM ?? 120;
	const midLat = (bbox.south + bbox.north) / 2;
	const degLon = latticeKm / (111.32 * Math.cos((midLat * Math.PI) / 180));
	const degLat = latticeKm / 110.57;
	const cols = Math.max(2, Math.floor((bbox.east - bbox.west) / degLon) + 1);
	const rows = Math.max(2, Math.floor((bbox.north - bbox.south) / degLat) + 1);
	const excluded: GeneratedNetwork['excluded'] = { access: [], construction: [], notDrivable: [] };

	// Lattice crossings, jittered.
	const grid: number[] = [];
	for (let r = 0; r < rows; r++) {
		for (let c = 0; c < cols; c++) {
			const jx = (random() - 0.5) * 0.3 * degLon;
			const jy = (random() - 0.5) * 0.3 * degLat;
			grid.push(b.node(bbox.west + c * degLon + jx, bbox.south + r * degLat + jy));
		}
	}
	const at = (r: number, c: number) => grid[r * cols + c];
	const classOf = (line: number): Record<string, string> => {
		if (line % 8 === 4) return { highway: 'primary', maxspeed: '80' };
		if (line % 4 === 2) return { highway: 'secondary' };
		return random() < 0.5 ? { highway: 'tertiary' } : { highway: 'unclassified' };
	};
	for (let r = 0; r < rows; r++) {
		for (let c = 0; c < cols; c++) {
			if (c + 1 < cols && (r % 4 === 2 || random() > 0.12)) b.way(b.line(at(r, c), at(r, c + 1), spacing), classOf(r));
			if (r + 1 < rows && (c % 4 === 2 || random() > 0.12)) b.way(b.line(at(r, c), at(r + 1, c), spacing), classOf(c));
		}
	}

	// A motorway across the middle row, two carriageways, ramps every ~15 km.
	const mid = Math.floor(rows / 2);
	const offsetLat = 0.4 / 110.57; // 400 m north of the middle row
	const north: number[] = [];
	const south: number[] = [];
	for (let c = 0; c < cols; c++) {
		const base = at(mid, c) - 1;
		north.push(b.node(b.lon[base], b.lat[base] + offsetLat + 0.05 / 110.57));
		south.push(b.node(b.lon[base], b.lat[base] + offsetLat));
	}
	const rampEvery = Math.max(2, Math.round(15 / latticeKm));
	for (let c = 0; c + 1 < cols; c++) {
		b.way(b.line(south[c], south[c + 1], spacing * 3, 0.05), { highway: 'motorway' }); // eastbound
		b.way(b.line(north[c + 1], north[c], spacing * 3, 0.05), { highway: 'motorway' }); // westbound
	}
	for (let c = 1; c + 1 < cols; c += rampEvery) {
		const cross = at(mid, c);
		b.way([cross, south[c]], { highway: 'motorway_link', oneway: 'yes' });
		b.way([south[c], cross], { highway: 'motorway_link', oneway: 'yes' });
		b.way([cross, north[c]], { highway: 'motorway_link', oneway: 'yes' });
		b.way([north[c], cross], { highway: 'motorway_link', oneway: 'yes' });
	}

	// Villages.
	let villages = options.villages ? options.villages.map((v) => ({ lon: v.lon, lat: v.lat })) : null;
	if (!villages) {
		const n = options.villageCount ?? 40;
		const side = Math.ceil(Math.sqrt(n));
		villages = [];
		for (let k = 0; k < n; k++) {
			const r = Math.floor(k / side);
			const c = k % side;
			villages.push({
				lon: bbox.west + ((c + 0.25 + 0.5 * random()) / side) * (bbox.east - bbox.west),
				lat: bbox.south + ((r + 0.25 + 0.5 * random()) / side) * (bbox.north - bbox.south)
			});
		}
	}
	const streets = options.villageStreets ?? 4;
	const streetDegLon = 0.15 / (111.32 * Math.cos((midLat * Math.PI) / 180));
	const streetDegLat = 0.15 / 110.57;
	const villageGrid = (lon0: number, lat0: number, n: number, tagged: boolean): number[] => {
		const pts: number[] = [];
		for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) pts.push(b.node(lon0 + (c - (n - 1) / 2) * streetDegLon, lat0 + (r - (n - 1) / 2) * streetDegLat));
		const p = (r: number, c: number) => pts[r * n + c];
		for (let r = 0; r < n; r++) {
			for (let c = 0; c + 1 < n; c++) {
				const tags: Record<string, string> = { highway: 'residential' };
				if (tagged && r === 0 && c === 0) tags.oneway = 'yes';
				if (tagged && r === n - 1 && c === 0) tags.highway = 'living_street';
				if (tagged && r === 1 && c === n - 2) tags.maxspeed = 'FR:zone30';
				b.way(b.line(p(r, c), p(r, c + 1), 50, 0.1), tags);
				b.way(b.line(p(c, r), p(c + 1, r), 50, 0.1), { highway: 'residential' });
			}
		}
		return pts;
	};
	villages.forEach((v, k) => {
		const pts = villageGrid(v.lon, v.lat, streets, true);
		// Tie to the nearest lattice crossing.
		const c = Math.min(cols - 1, Math.max(0, Math.round((v.lon - bbox.west) / degLon)));
		const r = Math.min(rows - 1, Math.max(0, Math.round((v.lat - bbox.south) / degLat)));
		b.way(b.line(pts[0], at(r, c), spacing), { highway: 'tertiary' });
		const corner = pts[streets * streets - 1];
		const dead = b.node(b.lon[corner - 1] + streetDegLon, b.lat[corner - 1]);
		b.way([corner, dead], { highway: 'service' });
		if (k % 3 === 0) excluded.access.push(b.way([pts[1], b.node(b.lon[pts[1] - 1], b.lat[pts[1] - 1] - streetDegLat)], { highway: 'residential', access: 'private' }));
		if (k % 5 === 0) excluded.construction.push(b.way([pts[2], b.node(b.lon[pts[2] - 1], b.lat[pts[2] - 1] - streetDegLat)], { highway: 'residential', construction: 'yes' }));
		if (k % 7 === 0) {
			// A one-way street into a dead end: its end cannot be left, so it is not strongly connected.
			b.way([pts[streets - 1], b.node(b.lon[pts[streets - 1] - 1] + streetDegLon, b.lat[pts[streets - 1] - 1] - streetDegLat)], { highway: 'residential', oneway: 'yes' });
		}
		if (k % 4 === 0) excluded.notDrivable.push(b.way([pts[0], pts[streets + 1]], { highway: 'footway' }));
	});

	// Islands: grids tied to nothing.
	for (let k = 0; k < (options.islands ?? 2); k++) {
		villageGrid(bbox.west + (0.1 + 0.8 * random()) * (bbox.east - bbox.west), bbox.south + (0.1 + 0.8 * random()) * (bbox.north - bbox.south), 3, false);
	}

	return {
		nodes: { ids: Float64Array.from(b.ids), lat: Float64Array.from(b.lat), lon: Float64Array.from(b.lon) },
		ways: b.ways,
		villages,
		excluded
	};
}
