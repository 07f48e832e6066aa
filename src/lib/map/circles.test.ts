import { describe, expect, it } from 'vitest';
import { haversineKm } from '$lib/analysis';
import { circlePolygon, coverageCircles, destination } from './circles';

describe('destination', () => {
	it('destination(lon, lat, km, bearing) lies at that great-circle distance', () => {
		for (const bearing of [0, 45, 90, 200, 315]) {
			const [lon, lat] = destination(-0.5, 46.6, 12.5, bearing);
			expect(haversineKm(-0.5, 46.6, lon, lat)).toBeCloseTo(12.5, 3);
		}
	});

	it('destination(lon, lat, km, 0) goes due north', () => {
		const [lon, lat] = destination(2, 45, 111.195, 0);
		expect(lon).toBeCloseTo(2, 6);
		expect(lat).toBeCloseTo(46, 3);
	});
});

describe('circlePolygon', () => {
	it('circlePolygon(lon, lat, km) is a closed counter-clockwise ring of steps + 1 points at the radius', () => {
		const polygon = circlePolygon(-5.2, 45.9, 8, 32);
		const ring = polygon.coordinates[0];
		expect(ring).toHaveLength(33);
		expect(ring[0]).toEqual(ring[32]);
		let area2 = 0;
		for (let i = 0; i < ring.length - 1; i++) area2 += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
		expect(area2).toBeGreaterThan(0);
		for (const [lon, lat] of ring) expect(haversineKm(-5.2, 45.9, lon, lat)).toBeCloseTo(8, 3);
	});

	it('circlePolygon rejects a negative radius or too few steps', () => {
		expect(() => circlePolygon(0, 45, -1)).toThrow('invalid radius: -1');
		expect(() => circlePolygon(0, 45, 1, 4)).toThrow('invalid steps: 4');
	});
});

describe('coverageCircles', () => {
	it('coverageCircles(structures, radii) draws one circle per structure with its type radius, none for a zero radius', () => {
		const fc = coverageCircles(
			[
				{ id: 1, type: 'CS', lon: 0, lat: 45 },
				{ id: 2, type: 'EVS', lon: 0.1, lat: 45 }
			],
			{ CS: 8, EVS: 0 }
		);
		expect(fc.features.map((f) => f.properties)).toEqual([{ id: 1, type: 'CS', radiusKm: 8 }]);
		expect(fc.features[0].id).toBe(1);
	});
});
