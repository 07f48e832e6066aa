import { describe, expect, it } from 'vitest';
import { EARTH_RADIUS_KM, haverSin, haverSinToKm, haversineKm, kmToHaverSin, RAD } from './distance';

describe('haversineKm(lon1, lat1, lon2, lat2)', () => {
	it('haversineKm(0, 0, 1, 0) is one degree of the equator on the mean Earth radius', () => {
		expect(haversineKm(0, 0, 1, 0)).toBeCloseTo((2 * Math.PI * EARTH_RADIUS_KM) / 360, 9);
		expect(haversineKm(0, 0, 1, 0)).toBeCloseTo(111.19508, 4);
	});

	it('haversineKm(Paris, Lyon) is about 392 km, in [lng, lat] order', () => {
		// Notre-Dame (2.3499, 48.8530) to Lyon Bellecour (4.8320, 45.7578).
		expect(haversineKm(2.3499, 48.853, 4.832, 45.7578)).toBeCloseTo(391.9, 0);
	});

	it('haversineKm is 0 for the same point and symmetric bit for bit', () => {
		expect(haversineKm(0.34, 46.58, 0.34, 46.58)).toBe(0);
		for (const [a, b, c, d] of [
			[0.34, 46.58, 0.71, 46.12],
			[-61.5, 16.2, 55.4, -21.1],
			[179.9, 10, -179.9, 10.5]
		]) {
			expect(haversineKm(a, b, c, d)).toBe(haversineKm(c, d, a, b));
		}
	});

	it('haversineKm across the antimeridian takes the short way', () => {
		expect(haversineKm(179.95, 0, -179.95, 0)).toBeCloseTo(0.1 * RAD * EARTH_RADIUS_KM, 6);
	});

	it('kmToHaverSin inverts haverSinToKm', () => {
		for (const km of [0, 0.001, 1, 8, 150, 5000, 20_000]) {
			expect(haverSinToKm(kmToHaverSin(km))).toBeCloseTo(km, 6);
		}
		expect(kmToHaverSin(-1)).toBe(0);
		expect(kmToHaverSin(Math.PI * EARTH_RADIUS_KM * 2)).toBe(1);
	});

	it('haverSin with a precomputed cosine equals the one-shot distance', () => {
		const h = haverSin(0.1, 46.5, Math.cos(46.5 * RAD), 0.4, 46.9);
		expect(haverSinToKm(h)).toBe(haversineKm(0.1, 46.5, 0.4, 46.9));
	});
});
