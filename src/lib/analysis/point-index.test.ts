import { describe, expect, it } from 'vitest';
import { createRandom, type Random } from '../domain/random';
import { createBruteForceSearch } from './coverage-naive';
import { haversineKm } from './distance';
import { createPointSearch } from './point-index';

/** Points in a lon/lat box, a share of them duplicated (exact ties). */
function points(random: Random, n: number, box: [number, number, number, number]): { lon: number[]; lat: number[] } {
	const lon: number[] = [];
	const lat: number[] = [];
	for (let i = 0; i < n; i++) {
		if (i > 0 && random() < 0.1) {
			const k = Math.floor(random() * i);
			lon.push(lon[k]);
			lat.push(lat[k]);
		} else {
			lon.push(box[0] + random() * (box[2] - box[0]));
			lat.push(box[1] + random() * (box[3] - box[1]));
		}
	}
	return { lon, lat };
}

const BOXES: [string, [number, number, number, number]][] = [
	['a département', [-0.2, 46, 1.3, 47.2]],
	['metropolitan France', [-5, 41, 10, 51.5]],
	['France with the DROM spread', [-62, -22, 56, 51.5]],
	['the antimeridian', [170, -10, 190, 10]],
	['high latitudes', [-180, 70, 180, 89.9]],
	['the whole globe', [-180, -90, 180, 90]]
];

describe('createPointSearch(lon, lat)', () => {
	for (const [name, box] of BOXES) {
		it(`nearest() equals the brute force (index and km, ties on lowest index) near ${name}`, () => {
			const random = createRandom(name.length * 7919);
			for (let instance = 0; instance < 12; instance++) {
				const n = 1 + Math.floor(random() * 400);
				const { lon, lat } = points(random, n, box);
				// Longitudes beyond 180 are wrapped, as real data would be.
				const lonW = lon.map((x) => (x > 180 ? x - 360 : x));
				const index = createPointSearch(lonW, lat, 1 + Math.floor(random() * 32));
				const brute = createBruteForceSearch(lonW, lat);
				const queries = points(random, 60, box);
				for (let q = 0; q < 60; q++) {
					const qLon = queries.lon[q] > 180 ? queries.lon[q] - 360 : queries.lon[q];
					const qLat = queries.lat[q];
					expect(index.nearest(qLon, qLat)).toEqual(brute.nearest(qLon, qLat));
					// A query on an existing point (exact tie with its duplicates).
					const k = q % n;
					expect(index.nearest(lonW[k], lat[k])).toEqual(brute.nearest(lonW[k], lat[k]));
					const odd = (i: number) => i % 2 === 1;
					expect(index.nearest(qLon, qLat, odd)).toEqual(brute.nearest(qLon, qLat, odd));
				}
			}
		});

		it(`within() equals the brute force (indices ascending, km) near ${name}`, () => {
			const random = createRandom(name.length * 104729);
			for (let instance = 0; instance < 12; instance++) {
				const n = 1 + Math.floor(random() * 400);
				const { lon, lat } = points(random, n, box);
				const lonW = lon.map((x) => (x > 180 ? x - 360 : x));
				const index = createPointSearch(lonW, lat);
				const brute = createBruteForceSearch(lonW, lat);
				for (let q = 0; q < 40; q++) {
					const k = Math.floor(random() * n);
					const qLon = q % 2 ? lonW[k] : box[0] + random() * (box[2] - box[0]);
					const radius = [0, 1, 8, 20, 150, 3000][q % 6];
					const a: number[] = [];
					const aKm: number[] = [];
					const b: number[] = [];
					const bKm: number[] = [];
					expect(index.within(qLon > 180 ? qLon - 360 : qLon, lat[k], radius, a, aKm)).toBe(
						brute.within(qLon > 180 ? qLon - 360 : qLon, lat[k], radius, b, bKm)
					);
					expect(a).toEqual(b);
					expect(aKm).toEqual(bKm);
				}
			}
		});
	}

	it('within() includes a point exactly at the radius, as the brute force does', () => {
		const lon = [0, 0.05, 0.1];
		const lat = [0, 0, 0];
		const radius = haversineKm(0, 0, 0.05, 0);
		const out: number[] = [];
		const km: number[] = [];
		expect(createPointSearch(lon, lat).within(0, 0, radius, out, km)).toBe(2);
		expect(out).toEqual([0, 1]);
		expect(km).toEqual([0, radius]);
	});

	it('nearest() is null and within() empty on an empty index or when nothing is accepted', () => {
		const empty = createPointSearch([], []);
		expect(empty.size).toBe(0);
		expect(empty.nearest(0, 0)).toBeNull();
		expect(empty.within(0, 0, 100, [])).toBe(0);
		expect(createPointSearch([1], [1]).nearest(0, 0, () => false)).toBeNull();
	});

	it('within() clears its output arrays and rejects a negative or NaN radius', () => {
		const search = createPointSearch([0, 1], [0, 0]);
		const out = [42];
		const km = [42];
		expect(search.within(0, 0, -1, out, km)).toBe(0);
		expect(out).toEqual([]);
		expect(km).toEqual([]);
		expect(search.within(0, 0, NaN, out)).toBe(0);
	});

	it('createPointSearch throws on a non-finite or out-of-range point', () => {
		expect(() => createPointSearch([0, NaN], [0, 0])).toThrow('invalid point: 1');
		expect(() => createPointSearch([0], [91])).toThrow('invalid point: 0');
		expect(() => createPointSearch([0, 1], [0])).toThrow('lon/lat length mismatch: 2 ≠ 1');
	});
});
