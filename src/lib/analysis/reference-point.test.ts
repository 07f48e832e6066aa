import { describe, expect, it } from 'vitest';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { createRandom } from '../domain/random';
import { areaCentroid, pointInPolygonal, pointOnSurface, referencePoint } from './reference-point';

const poly = (...rings: Position[][]): Polygon => ({ type: 'Polygon', coordinates: rings });
const rect = (w: number, s: number, e: number, n: number): Position[] => [[w, s], [e, s], [e, n], [w, n], [w, s]];

/** Oracle 1: sum of the fan triangles (c, pᵢ, pᵢ₊₁) of a ring star-shaped around c. */
function fanCentroid(ring: Position[], c: Position): [number, number] {
	let a = 0;
	let x = 0;
	let y = 0;
	for (let i = 0; i < ring.length - 1; i++) {
		const [p, q] = [ring[i], ring[i + 1]];
		const t = ((p[0] - c[0]) * (q[1] - c[1]) - (q[0] - c[0]) * (p[1] - c[1])) / 2;
		a += t;
		x += t * (c[0] + p[0] + q[0]) / 3;
		y += t * (c[1] + p[1] + q[1]) / 3;
	}
	return [x / a, y / a];
}

/** Oracle 2: centre of the cells of a fine grid whose centre is inside (slow, independent). */
function gridCentroid(g: Polygon | MultiPolygon, n = 400): [number, number] {
	const all = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).flat(2);
	const xs = all.map((p) => p[0]);
	const ys = all.map((p) => p[1]);
	const [w, e, s, nn] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
	let sx = 0;
	let sy = 0;
	let k = 0;
	for (let i = 0; i < n; i++) {
		for (let j = 0; j < n; j++) {
			const x = w + ((i + 0.5) * (e - w)) / n;
			const y = s + ((j + 0.5) * (nn - s)) / n;
			if (pointInPolygonal(x, y, g)) {
				sx += x;
				sy += y;
				k++;
			}
		}
	}
	return [sx / k, sy / k];
}

/** A random star-shaped (often concave) polygon around (lon, lat), seeded. */
function starPolygon(seed: number, lon = 0.34, lat = 46.58, vertices = 24): Position[] {
	const random = createRandom(seed);
	const ring: Position[] = [];
	for (let i = 0; i < vertices; i++) {
		const angle = (2 * Math.PI * i) / vertices;
		const r = 0.01 + 0.04 * random();
		ring.push([lon + r * Math.cos(angle), lat + r * Math.sin(angle)]);
	}
	ring.push(ring[0]);
	return ring;
}

describe('areaCentroid(geometry)', () => {
	it('is the centre of a rectangle and the vertex mean of a triangle, whatever the winding', () => {
		expect(areaCentroid(poly(rect(0, 46, 2, 47)))).toEqual([1, 46.5]);
		const tri: Position[] = [[0, 46], [3, 46], [0, 49], [0, 46]];
		const c = areaCentroid(poly(tri))!;
		expect(c[0]).toBeCloseTo(1, 12);
		expect(c[1]).toBeCloseTo(47, 12);
		expect(areaCentroid(poly([...tri].reverse()))![0]).toBeCloseTo(1, 12);
	});

	it('weights MultiPolygon parts by area and subtracts holes', () => {
		const multi: MultiPolygon = { type: 'MultiPolygon', coordinates: [[rect(0, 46, 1, 47)], [rect(2, 46, 4, 48)]] };
		const c = areaCentroid(multi)!;
		expect(c[0]).toBeCloseTo((0.5 * 1 + 3 * 4) / 5, 12);
		expect(c[1]).toBeCloseTo((46.5 * 1 + 47 * 4) / 5, 12);
		const holed = areaCentroid(poly(rect(0, 46, 4, 48), rect(2, 46.5, 3, 47.5)))!;
		expect(holed[0]).toBeCloseTo((2 * 8 - 2.5 * 1) / 7, 12);
		expect(holed[1]).toBeCloseTo(47, 12);
	});

	it('equals the brute-force triangle-fan centroid on 200 random star-shaped polygons', () => {
		for (let seed = 1; seed <= 200; seed++) {
			const ring = starPolygon(seed);
			const [x, y] = areaCentroid(poly(ring))!;
			const [fx, fy] = fanCentroid(ring, [0.34, 46.58]);
			expect(x).toBeCloseTo(fx, 10);
			expect(y).toBeCloseTo(fy, 10);
		}
	});

	it('agrees with a grid-sampling oracle on a concave MultiPolygon with a hole', () => {
		const g: MultiPolygon = { type: 'MultiPolygon', coordinates: [[starPolygon(7), starPolygon(8, 0.34, 46.58, 12).map(([x, y]) => [0.34 + (x - 0.34) / 4, 46.58 + (y - 46.58) / 4])], [rect(0.45, 46.5, 0.5, 46.52)]] };
		const [x, y] = areaCentroid(g)!;
		const [gx, gy] = gridCentroid(g);
		expect(x).toBeCloseTo(gx, 3);
		expect(y).toBeCloseTo(gy, 3);
	});

	it('returns null for a polygon without area', () => {
		expect(areaCentroid(poly([[0, 46], [1, 46], [2, 46], [0, 46]]))).toBeNull();
	});
});

describe('referencePoint(geometry)', () => {
	it('keeps the centroid of a convex polygon', () => {
		expect(referencePoint(poly(rect(0.3, 46.5, 0.4, 46.6)))).toEqual({ lon: 0.35, lat: 46.55, source: 'centroid' });
	});

	it('falls back to a point on the surface for a C-shaped commune, inside it', () => {
		const c = poly([[0.3, 46.54], [0.36, 46.54], [0.36, 46.56], [0.31, 46.56], [0.31, 46.58], [0.36, 46.58], [0.36, 46.6], [0.3, 46.6], [0.3, 46.54]]);
		const centroid = areaCentroid(c)!;
		expect(pointInPolygonal(centroid[0], centroid[1], c)).toBe(false);
		const ref = referencePoint(c);
		expect(ref.source).toBe('point_on_surface');
		expect(pointInPolygonal(ref.lon, ref.lat, c)).toBe(true);
		// on the centroid's latitude, the widest interior segment is [0.30, 0.31]
		expect(ref).toEqual({ lon: 0.305, lat: 46.57, source: 'point_on_surface' });
	});

	it('falls back for a U shape and for islands whose centroid is in the sea', () => {
		const u = poly([[0, 46], [3, 46], [3, 48], [2, 48], [2, 46.5], [1, 46.5], [1, 48], [0, 48], [0, 46]]);
		const ref = referencePoint(u);
		expect(pointInPolygonal(ref.lon, ref.lat, u)).toBe(true);
		const islands: MultiPolygon = { type: 'MultiPolygon', coordinates: [[rect(-1.3, 46.1, -1.2, 46.2)], [rect(-1.0, 46.1, -0.9, 46.2)]] };
		const r2 = referencePoint(islands);
		expect(r2.source).toBe('point_on_surface');
		expect(pointInPolygonal(r2.lon, r2.lat, islands)).toBe(true);
	});

	it('is always inside for 300 random concave polygons', () => {
		for (let seed = 1; seed <= 300; seed++) {
			const g = poly(starPolygon(seed, 0.34, 46.58, 8 + (seed % 40)));
			const ref = referencePoint(g);
			expect(pointInPolygonal(ref.lon, ref.lat, g), `seed ${seed}`).toBe(true);
		}
	});

	it('pointOnSurface(geometry) tries other latitudes when the preferred one misses', () => {
		const g = poly(rect(0, 46, 1, 47));
		const [x, y] = pointOnSurface(g, 50);
		expect(pointInPolygonal(x, y, g)).toBe(true);
	});
});
