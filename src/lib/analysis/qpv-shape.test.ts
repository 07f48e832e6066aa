import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { haversineKm } from './distance';
import { distanceToQpvShapeKm, insideQpvShape, prepareQpvShape } from './qpv-shape';
import { analyzeCoverage } from './coverage';
import { analyzeCoverageNaive } from './coverage-naive';

/** A 0.02° × 0.01° rectangle with a 0.004° square hole, around (−1, 45). */
const rect: Polygon = {
	type: 'Polygon',
	coordinates: [
		[
			[-1.01, 44.995],
			[-0.99, 44.995],
			[-0.99, 45.005],
			[-1.01, 45.005],
			[-1.01, 44.995]
		],
		[
			[-1.002, 44.998],
			[-0.998, 44.998],
			[-0.998, 45.002],
			[-1.002, 45.002],
			[-1.002, 44.998]
		]
	]
};
const shape = prepareQpvShape('QN1', rect, -1.005, 45.0);

/** Brute force: the smallest haversine to 2,000 points along each edge of the outer ring. */
function sampled(lon: number, lat: number): number {
	let best = Infinity;
	const ring = rect.coordinates[0];
	for (let i = 0; i + 1 < ring.length; i++) {
		for (let s = 0; s <= 2000; s++) {
			const t = s / 2000;
			best = Math.min(best, haversineKm(lon, lat, ring[i][0] + t * (ring[i + 1][0] - ring[i][0]), ring[i][1] + t * (ring[i + 1][1] - ring[i][1])));
		}
	}
	return best;
}

describe('distanceToQpvShapeKm(shape, lon, lat)', () => {
	it('is 0 inside the contour, and measured to the boundary from the hole or outside', () => {
		expect(insideQpvShape(shape, -1.006, 45.001)).toBe(true);
		expect(distanceToQpvShapeKm(shape, -1.006, 45.001)).toBe(0);
		expect(insideQpvShape(shape, -1.0, 45.0)).toBe(false); // in the hole
		expect(distanceToQpvShapeKm(shape, -1.0, 45.0)).toBeCloseTo(haversineKm(-1.0, 45.0, -0.998, 45.0), 6); // nearest: the hole's east edge
	});
	it('agrees with a dense sampling of the edges, from 10 m to 200 km away', () => {
		for (const [lon, lat] of [
			[-0.9899, 45.0],
			[-0.95, 45.02],
			[-1.2, 44.9],
			[0.5, 46.5],
			[-1.0, 44.99],
			[-1.011, 45.006]
		]) {
			const d = distanceToQpvShapeKm(shape, lon, lat);
			const oracle = sampled(lon, lat);
			expect(Math.abs(d - oracle), `${lon} ${lat}`).toBeLessThanOrEqual(1e-3 + oracle * 1e-6);
			expect(d).toBeLessThanOrEqual(oracle + 1e-9);
		}
	});
	it('prepareQpvShape refuses a geometry without any ring', () => {
		expect(() => prepareQpvShape('QN2', { type: 'Polygon', coordinates: [[[0, 0]]] }, 0, 0)).toThrow('invalid QPV geometry: QN2');
	});
});

describe('the QPV criterion of « à renforcer » is measured from the contour, and needs a centre social', () => {
	// Communes on a line at 45° N; a CS 0.015° east of a large QPV's point but inside its contour.
	const communes = [0, 1, 2, 3].map((k) => ({
		code: `0000${k + 1}`,
		name: `C${k + 1}`,
		population: 1000 * (k + 1),
		lon: -1 + 0.2 * k,
		lat: 45,
		needs: { taux_pauvrete: k === 0 ? 30 : 10 }
	}));
	const big: Polygon = { type: 'Polygon', coordinates: [[[-1.03, 44.98], [-0.97, 44.98], [-0.97, 45.02], [-1.03, 45.02], [-1.03, 44.98]]] };
	const qpvs = [{ code: 'QN1', lon: -1.0, lat: 45.0, communeCode: '00001', population: 2000, geometry: big }];
	const cs = { id: 'CS1', type: 'CS' as const, lon: -0.985, lat: 45.0 };

	it('a CS 1.2 km from the QPV point but inside its contour serves it: distance 0', () => {
		const result = analyzeCoverage({ communes, structures: [cs], poles: [], qpvs }, { reinforce: { qpvDistanceKm: 1 } });
		expect(result.communes[0].reasons.some((r) => r.code === 'qpv_unserved')).toBe(false);
		const without = analyzeCoverage({ communes, structures: [cs], poles: [], qpvs: [{ ...qpvs[0], geometry: null }] }, { reinforce: { qpvDistanceKm: 1 } });
		expect(without.communes[0].reasons.find((r) => r.code === 'qpv_unserved')?.params).toMatchObject({ distanceKm: expect.closeTo(1.18, 2) });
	});

	it('a commune with an unserved QPV covered by a CS is « à renforcer », with the CS to reinforce; covered only by an EVS it is not', () => {
		const far = { id: 'CS2', type: 'CS' as const, lon: -0.96, lat: 45.03 };
		const byCs = analyzeCoverage({ communes, structures: [far], poles: [], qpvs }, { reinforce: { qpvDistanceKm: 1 } });
		expect(byCs.communes[0]).toMatchObject({ reinforce: true, category: 'a_renforcer', reinforcedCsIds: ['CS2'] });
		const evs = { id: 'EVS1', type: 'EVS' as const, lon: -0.96, lat: 45.03 };
		const byEvs = analyzeCoverage({ communes, structures: [evs], poles: [], qpvs }, { reinforce: { qpvDistanceKm: 1 } });
		expect(byEvs.communes[0]).toMatchObject({ covered: true, reinforce: false, category: 'couverte', reinforcedCsIds: [] });
		expect(byEvs.communes[0].reasons.map((r) => r.code)).toContain('reinforce_evs_only');
		expect(analyzeCoverageNaive({ communes, structures: [evs], poles: [], qpvs }, { reinforce: { qpvDistanceKm: 1 } })).toEqual(byEvs);
	});
});
