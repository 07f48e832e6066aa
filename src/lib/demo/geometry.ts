/**
 * Planar helpers for the demo generator. The territory is built in a local equirectangular frame
 * (kilometres east and north of an origin), where Voronoi cells and distances are simple, then
 * converted to WGS84 `[lng, lat]` once. The conversion is affine, so convex cells stay convex and
 * shared vertices stay bitwise identical.
 */
import type { Polygon, Position } from 'geojson';
import type { LngLat } from './types';

/** `[x, y]` in kilometres east and north of the frame origin. */
export type Xy = [number, number];

export interface LocalFrame {
	lon0: number;
	lat0: number;
	kmPerDegLon: number;
	kmPerDegLat: number;
}

/** Decimal places kept in output coordinates: 1e-6° ≈ 0.1 m. */
const COORD_DECIMALS = 6;
const COORD_SCALE = 10 ** COORD_DECIMALS;

/** A local frame centred on `[lon0, lat0]` (degrees), valid for a few hundred kilometres. */
export function createFrame(lon0: number, lat0: number): LocalFrame {
	const kmPerDegLat = 110.574;
	const kmPerDegLon = 111.32 * Math.cos((lat0 * Math.PI) / 180);
	return { lon0, lat0, kmPerDegLon, kmPerDegLat };
}

/** Rounds a coordinate to 6 decimals (≈ 0.1 m): deterministic, so shared vertices stay equal. */
export function roundCoord(value: number): number {
	return Math.round(value * COORD_SCALE) / COORD_SCALE;
}

/** Kilometres in the frame → rounded `[lng, lat]`. */
export function toLngLat(frame: LocalFrame, [x, y]: Xy): LngLat {
	return [roundCoord(frame.lon0 + x / frame.kmPerDegLon), roundCoord(frame.lat0 + y / frame.kmPerDegLat)];
}

/** `[lng, lat]` → kilometres in the frame. */
export function toXy(frame: LocalFrame, [lng, lat]: Position): Xy {
	return [(lng - frame.lon0) * frame.kmPerDegLon, (lat - frame.lat0) * frame.kmPerDegLat];
}

/** Euclidean distance in the frame (km). */
export function distanceKm(a: Xy, b: Xy): number {
	return Math.hypot(a[0] - b[0], a[1] - b[1]);
}

/** Shoelace signed area of a ring (closed or not): positive when counter-clockwise (y up). */
export function signedArea(ring: readonly (readonly number[])[]): number {
	let sum = 0;
	for (let i = 0, n = ring.length; i < n; i++) {
		const [x1, y1] = ring[i];
		const [x2, y2] = ring[(i + 1) % n];
		sum += x1 * y2 - x2 * y1;
	}
	return sum / 2;
}

/** Area-weighted centroid of a simple ring (closed or not). */
export function ringCentroid(ring: readonly Xy[]): Xy {
	let a = 0;
	let cx = 0;
	let cy = 0;
	for (let i = 0, n = ring.length; i < n; i++) {
		const [x1, y1] = ring[i];
		const [x2, y2] = ring[(i + 1) % n];
		const cross = x1 * y2 - x2 * y1;
		a += cross;
		cx += (x1 + x2) * cross;
		cy += (y1 + y2) * cross;
	}
	if (a === 0) throw new Error('ringCentroid: degenerate ring');
	return [cx / (3 * a), cy / (3 * a)];
}

/** Distance (km) from a point to the nearest edge of a ring. */
export function distanceToRing(p: Xy, ring: readonly Xy[]): number {
	let best = Infinity;
	for (let i = 0, n = ring.length; i < n; i++) {
		const a = ring[i];
		const b = ring[(i + 1) % n];
		const dx = b[0] - a[0];
		const dy = b[1] - a[1];
		const len2 = dx * dx + dy * dy;
		const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
		best = Math.min(best, Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy)));
	}
	return best;
}

/** `a + t·(b − a)`. */
export function lerp(a: Xy, b: Xy, t: number): Xy {
	return [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
}

/**
 * A GeoJSON polygon from a ring in the frame: rounded to 6 decimals, consecutive duplicates
 * dropped, closed, exterior counter-clockwise (RFC 7946).
 */
export function toPolygon(frame: LocalFrame, ring: readonly Xy[]): Polygon {
	const open = ring.length > 1 && ring[0][0] === ring.at(-1)![0] && ring[0][1] === ring.at(-1)![1] ? ring.slice(0, -1) : ring;
	const coords: LngLat[] = [];
	for (const p of open) {
		const q = toLngLat(frame, p);
		const last = coords.at(-1);
		if (!last || last[0] !== q[0] || last[1] !== q[1]) coords.push(q);
	}
	while (coords.length > 1 && coords[0][0] === coords.at(-1)![0] && coords[0][1] === coords.at(-1)![1]) coords.pop();
	if (coords.length < 3) throw new Error(`toPolygon: ring collapsed to ${coords.length} points`);
	if (signedArea(coords) < 0) coords.reverse();
	return { type: 'Polygon', coordinates: [[...coords, [coords[0][0], coords[0][1]]]] };
}
