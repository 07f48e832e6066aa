/**
 * The reference point of a territory: where distances to structures and poles are measured from.
 * WGS84 [longitude, latitude] degrees in and out.
 *
 * 1. The **area-weighted centroid** of the (Multi)Polygon, as PostGIS `ST_Centroid`: every ring
 *    contributes its signed area and first moment (holes subtract), every part of a
 *    MultiPolygon by its area. Computed in planar lon/lat: a local equirectangular projection
 *    (x = lon·cos φ₀, y = lat) is affine, and centroids commute with affine maps, so the result
 *    is the same; at commune scale it differs from an equal-area projection by metres.
 * 2. If that centroid falls outside the polygon (a C- or U-shaped commune, a commune made of
 *    islands), a **point on the surface** replaces it: the horizontal line through the centroid's
 *    latitude is cut by the rings, and the midpoint of its widest interior segment is taken
 *    (as GEOS `InteriorPointArea`); other latitudes are tried if that line misses the polygon.
 *
 * O(n) in the number of vertices (plus a sort of the crossings of one line).
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';

type Polygonal = Polygon | MultiPolygon;

export interface ReferencePoint {
	lon: number;
	lat: number;
	/** `centroid` when the centroid lies inside, else `point_on_surface`. */
	source: 'centroid' | 'point_on_surface';
}

const round7 = (v: number) => Math.round(v * 1e7) / 1e7;

function polygonsOf(geometry: Polygonal): Position[][][] {
	return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** Signed area and first moments of a closed ring, relative to the origin (ox, oy). */
function ringMoments(ring: readonly Position[], ox: number, oy: number): { a: number; mx: number; my: number } {
	let a = 0;
	let mx = 0;
	let my = 0;
	for (let i = 0; i < ring.length - 1; i++) {
		const x0 = ring[i][0] - ox;
		const y0 = ring[i][1] - oy;
		const x1 = ring[i + 1][0] - ox;
		const y1 = ring[i + 1][1] - oy;
		const cross = x0 * y1 - x1 * y0;
		a += cross;
		mx += (x0 + x1) * cross;
		my += (y0 + y1) * cross;
	}
	return { a: a / 2, mx: mx / 6, my: my / 6 };
}

/**
 * Area-weighted centroid [lon, lat] of a Polygon or MultiPolygon (degrees), or null when the
 * geometry has no area (degenerate rings).
 */
export function areaCentroid(geometry: Polygonal): [number, number] | null {
	const polygons = polygonsOf(geometry);
	const origin = polygons[0]?.[0]?.[0];
	if (!origin) return null;
	const [ox, oy] = origin; // centring keeps the cross products precise
	let area = 0;
	let mx = 0;
	let my = 0;
	for (const rings of polygons) {
		rings.forEach((ring, r) => {
			const m = ringMoments(ring, ox, oy);
			const orientation = m.a < 0 ? -1 : 1; // whatever the winding: shells add, holes subtract
			const sign = r === 0 ? 1 : -1;
			area += sign * orientation * m.a;
			mx += sign * orientation * m.mx;
			my += sign * orientation * m.my;
		});
	}
	if (!(Math.abs(area) > 1e-18)) return null;
	return [ox + mx / area, oy + my / area];
}

/** Even-odd point-in-polygon over every ring of every part (a point on an edge may go either way). */
export function pointInPolygonal(lon: number, lat: number, geometry: Polygonal): boolean {
	let inside = false;
	for (const rings of polygonsOf(geometry)) {
		for (const ring of rings) {
			for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
				const [xi, yi] = ring[i];
				const [xj, yj] = ring[j];
				if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
			}
		}
	}
	return inside;
}

/** Midpoint of the widest interior segment of the horizontal line at `lat`, or null. */
function widestSegmentMidpoint(geometry: Polygonal, lat: number): [number, number] | null {
	const xs: number[] = [];
	for (const rings of polygonsOf(geometry)) {
		for (const ring of rings) {
			for (let i = 0; i < ring.length - 1; i++) {
				const [x0, y0] = ring[i];
				const [x1, y1] = ring[i + 1];
				if (y0 > lat !== y1 > lat) xs.push(x0 + ((lat - y0) * (x1 - x0)) / (y1 - y0));
			}
		}
	}
	xs.sort((a, b) => a - b);
	let best: [number, number] | null = null;
	let bestWidth = 0;
	for (let i = 0; i + 1 < xs.length; i += 2) {
		const width = xs[i + 1] - xs[i];
		if (width > bestWidth) {
			bestWidth = width;
			best = [(xs[i] + xs[i + 1]) / 2, lat];
		}
	}
	return best;
}

/** Latitude band [south, north] of the largest part (by absolute shell area). */
function largestPartBand(geometry: Polygonal): [number, number] {
	let best: [number, number] = [0, 0];
	let bestArea = -1;
	for (const rings of polygonsOf(geometry)) {
		const shell = rings[0];
		if (!shell || shell.length === 0) continue;
		const a = Math.abs(ringMoments(shell, shell[0][0], shell[0][1]).a);
		if (a > bestArea) {
			bestArea = a;
			let s = Infinity;
			let n = -Infinity;
			for (const [, y] of shell) {
				s = Math.min(s, y);
				n = Math.max(n, y);
			}
			best = [s, n];
		}
	}
	return best;
}

/**
 * A point guaranteed inside the polygon (for non-degenerate input): the midpoint of the widest
 * interior segment of a horizontal line, first at `preferredLat` (e.g. the centroid's), then
 * across the largest part's latitude band. Falls back to the first vertex for degenerate input.
 */
export function pointOnSurface(geometry: Polygonal, preferredLat?: number): [number, number] {
	const [south, north] = largestPartBand(geometry);
	const candidates: number[] = preferredLat === undefined ? [] : [preferredLat];
	for (const f of [0.5, 0.25, 0.75, 0.375, 0.625, 0.125, 0.875, 0.4375, 0.5625]) {
		candidates.push(south + f * (north - south));
	}
	for (const lat of candidates) {
		const point = widestSegmentMidpoint(geometry, lat);
		if (point) return point;
	}
	const first = polygonsOf(geometry)[0]?.[0]?.[0] ?? [0, 0];
	return [first[0], first[1]];
}

/**
 * The reference point of a territory (degrees, rounded to 7 decimals ≈ 1 cm): the area-weighted
 * centroid when it lies inside the geometry, else a point on the surface.
 */
export function referencePoint(geometry: Polygonal): ReferencePoint {
	const centroid = areaCentroid(geometry);
	if (centroid && pointInPolygonal(centroid[0], centroid[1], geometry)) {
		return { lon: round7(centroid[0]), lat: round7(centroid[1]), source: 'centroid' };
	}
	const [lon, lat] = pointOnSurface(geometry, centroid?.[1]);
	return { lon: round7(lon), lat: round7(lat), source: 'point_on_surface' };
}
