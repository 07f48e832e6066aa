/**
 * The outline of a territory of work (its communes' polygons) and distances to it, for the border
 * band of imports: « is this point, or this commune, within `bandKm` of the territory? ».
 *
 * The boundary is the mesh of the arcs used by one polygon only (topojson-server + client `mesh`),
 * so the borders between two communes of the territory are dropped; even where a file's shared
 * borders do not coincide exactly, the distance stays right (every inner edge lies inside the
 * territory, hence never nearer to an outside point than its outer edge). Segments are indexed
 * once (flatbush), each query is a box search and exact point-to-segment distances.
 *
 * Distances are planar in a local equirectangular projection centred on the territory (km):
 * within a few hundred km the error is under 2 % — 0.4 km on a 20 km band. A point inside the
 * territory is at distance 0. WGS84 [longitude, latitude] degrees in.
 */
import Flatbush from 'flatbush';
import type { FeatureCollection, MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';
import { topology } from 'topojson-server';
import { mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { pointInPolygonal } from './reference-point';

type Polygonal = Polygon | MultiPolygon;

const KM_PER_DEGREE_LAT = 110.574;
const KM_PER_DEGREE_LON_EQUATOR = 111.32;

export interface TerritoryOutline {
	/** [west, south, east, north] of the territory, degrees. */
	bbox: [number, number, number, number];
	/** Projection: x = (lon − lon0) × kx, y = (lat − lat0) × ky, km. */
	lon0: number;
	lat0: number;
	kx: number;
	ky: number;
	/** Boundary segments, 4 numbers each (x0, y0, x1, y1 in km). */
	segments: Float64Array;
	segmentIndex: Flatbush;
	polygons: readonly Polygonal[];
	polygonIndex: Flatbush;
}

function eachPosition(geometry: Polygonal, visit: (p: Position) => void): void {
	const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
	for (const rings of polygons) for (const ring of rings) for (const p of ring) visit(p);
}

function bboxOf(geometry: Polygonal): [number, number, number, number] {
	let w = Infinity;
	let s = Infinity;
	let e = -Infinity;
	let n = -Infinity;
	eachPosition(geometry, ([x, y]) => {
		if (x < w) w = x;
		if (x > e) e = x;
		if (y < s) s = y;
		if (y > n) n = y;
	});
	return [w, s, e, n];
}

/**
 * The outline of the union of `geometries` (a territory's communes). Null when there is none.
 * O(v log v) for v vertices; about 20 ms for the 354 communes of Sarthe.
 */
export function buildTerritoryOutline(geometries: readonly Polygonal[]): TerritoryOutline | null {
	const polygons = geometries.filter((g) => g && (g.type === 'Polygon' || g.type === 'MultiPolygon'));
	if (polygons.length === 0) return null;
	const boxes = polygons.map(bboxOf);
	const bbox: [number, number, number, number] = [
		Math.min(...boxes.map((b) => b[0])),
		Math.min(...boxes.map((b) => b[1])),
		Math.max(...boxes.map((b) => b[2])),
		Math.max(...boxes.map((b) => b[3]))
	];
	const lon0 = (bbox[0] + bbox[2]) / 2;
	const lat0 = (bbox[1] + bbox[3]) / 2;
	const kx = KM_PER_DEGREE_LON_EQUATOR * Math.cos((lat0 * Math.PI) / 180);
	const ky = KM_PER_DEGREE_LAT;

	const collection: FeatureCollection = {
		type: 'FeatureCollection',
		features: polygons.map((geometry) => ({ type: 'Feature', properties: {}, geometry }))
	};
	const topo = topology({ territory: collection }) as unknown as Topology;
	// Arcs used by a single polygon: the outer boundary (and the edges of holes).
	const boundary = mesh(topo, topo.objects.territory as GeometryCollection, (a, b) => a === b) as MultiLineString;
	const lines = boundary.coordinates.length > 0 ? boundary.coordinates : polygons.flatMap((g) => (g.type === 'Polygon' ? g.coordinates : g.coordinates.flat()));
	const count = lines.reduce((n, line) => n + Math.max(0, line.length - 1), 0);
	const segments = new Float64Array(count * 4);
	const segmentIndex = new Flatbush(Math.max(1, count));
	let k = 0;
	for (const line of lines) {
		for (let i = 0; i + 1 < line.length; i++) {
			const x0 = (line[i][0] - lon0) * kx;
			const y0 = (line[i][1] - lat0) * ky;
			const x1 = (line[i + 1][0] - lon0) * kx;
			const y1 = (line[i + 1][1] - lat0) * ky;
			segments.set([x0, y0, x1, y1], k * 4);
			segmentIndex.add(Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1));
			k++;
		}
	}
	if (count === 0) segmentIndex.add(0, 0, 0, 0);
	segmentIndex.finish();

	const polygonIndex = new Flatbush(polygons.length);
	for (const b of boxes) polygonIndex.add(b[0], b[1], b[2], b[3]);
	polygonIndex.finish();
	return { bbox, lon0, lat0, kx, ky, segments, segmentIndex, polygons, polygonIndex };
}

/** True when the point lies inside one of the territory's polygons. */
export function insideTerritory(outline: TerritoryOutline, lon: number, lat: number): boolean {
	for (const i of outline.polygonIndex.search(lon, lat, lon, lat)) {
		if (pointInPolygonal(lon, lat, outline.polygons[i])) return true;
	}
	return false;
}

function segmentDistance(px: number, py: number, s: Float64Array, i: number): number {
	const x0 = s[i * 4];
	const y0 = s[i * 4 + 1];
	const dx = s[i * 4 + 2] - x0;
	const dy = s[i * 4 + 3] - y0;
	const len2 = dx * dx + dy * dy;
	let t = len2 > 0 ? ((px - x0) * dx + (py - y0) * dy) / len2 : 0;
	t = t < 0 ? 0 : t > 1 ? 1 : t;
	return Math.hypot(px - (x0 + t * dx), py - (y0 + t * dy));
}

/**
 * Distance (km) from a point to the territory: 0 inside, else to its nearest boundary segment;
 * `Infinity` when farther than `maxKm` (only segments within `maxKm` are examined).
 */
export function distanceToTerritoryKm(outline: TerritoryOutline, lon: number, lat: number, maxKm: number): number {
	const px = (lon - outline.lon0) * outline.kx;
	const py = (lat - outline.lat0) * outline.ky;
	const hits = outline.segmentIndex.search(px - maxKm, py - maxKm, px + maxKm, py + maxKm);
	if (hits.length === 0) return insideTerritory(outline, lon, lat) ? 0 : Infinity;
	if (insideTerritory(outline, lon, lat)) return 0;
	let best = Infinity;
	for (const i of hits) {
		const d = segmentDistance(px, py, outline.segments, i);
		if (d < best) best = d;
	}
	return best <= maxKm ? best : Infinity;
}

/**
 * True when one of `positions` ([lon, lat] pairs) lies within `maxKm` of the territory — how a
 * neighbouring commune or zone is tested against the band. Positions outside the territory's box
 * grown by `maxKm` are skipped at once.
 */
export function positionsWithinKm(outline: TerritoryOutline, positions: Iterable<readonly [number, number]>, maxKm: number): boolean {
	const dLon = maxKm / outline.kx;
	const dLat = maxKm / outline.ky;
	const [w, s, e, n] = outline.bbox;
	for (const [lon, lat] of positions) {
		if (lon < w - dLon || lon > e + dLon || lat < s - dLat || lat > n + dLat) continue;
		if (distanceToTerritoryKm(outline, lon, lat, maxKm) <= maxKm) return true;
	}
	return false;
}
