/**
 * Travel times: with the minutes metric, an imported matrix value replaces the estimate
 * (km × detour ÷ speed × 60) for its pair, for structures and poles, checked against a direct
 * computation of that definition over every pair; with the km metric the matrix is ignored.
 */
import { describe, expect, it } from 'vitest';
import { agrementStatus, analyzeCoverage, haversineKm, type CoverageInput, type CoverageStructure, type TravelTime } from '../../src/lib/analysis';
import { randomInput } from '../bench/coverage-random';

/** Cost of every commune → destination pair by the definition, scanning all rows and pairs. */
function directCost(input: CoverageInput, rows: readonly TravelTime[], i: number, dest: { id: string | number; lon: number; lat: number; communeCode?: string | null }): number {
	const origin = input.communes[i].code;
	const byId = rows.filter((r) => r.origin === origin && r.destination === String(dest.id));
	if (byId.length > 0) return Math.min(...byId.map((r) => r.minutes));
	const isAnId = (d: string) => input.structures.some((s) => String(s.id) === d) || input.poles.some((p) => String(p.id) === d);
	const byCommune = rows.filter((r) => r.origin === origin && dest.communeCode && r.destination === dest.communeCode && !isAnId(r.destination));
	if (byCommune.length > 0) return Math.min(...byCommune.map((r) => r.minutes));
	return ((haversineKm(input.communes[i].lon, input.communes[i].lat, dest.lon, dest.lat) * 1.3) / 50) * 60;
}

describe('analyzeCoverage(input, { metric: "minutes" }) with a travel-time matrix', () => {
	it('nearest CS, EVS and pole times equal the direct minimum over all pairs (matrix first, estimate elsewhere)', () => {
		let checked = 0;
		for (let seed = 500; seed < 560; seed++) {
			const input = randomInput(seed);
			const rows = input.travelTimes ?? [];
			const date = '2025-06-01';
			const result = analyzeCoverage(input, { date, metric: 'minutes' });
			const counted = input.structures.filter((s) => agrementStatus(s, date).counted);
			result.communes.forEach((c, i) => {
				for (const [type, value] of [
					['CS', c.nearestCsMinutes],
					['EVS', c.nearestEvsMinutes]
				] as const) {
					const costs = counted.filter((s) => s.type === type).map((s) => directCost(input, rows, i, s));
					if (costs.length === 0) expect(value).toBeNull();
					else expect(value, `seed ${seed} commune ${c.code} ${type}`).toBeCloseTo(Math.min(...costs), 9);
				}
				const poleCosts = input.poles.map((p) => directCost(input, rows, i, p));
				if (poleCosts.length === 0) expect(c.nearestPoleMinutes).toBeNull();
				else expect(c.nearestPoleMinutes).toBeCloseTo(Math.min(...poleCosts), 9);
				checked++;
			});
		}
		expect(checked).toBeGreaterThan(3000);
	});

	const communes = [
		{ code: '86001', name: 'Origine', population: 1000, lon: 0.3, lat: 46.5 },
		{ code: '86002', name: 'Lointaine', population: 500, lon: 0.7, lat: 46.5 }
	];
	const near: CoverageStructure = { id: 1, type: 'CS', lon: 0.31, lat: 46.5 }; // ≈ 0.8 km
	const far: CoverageStructure = { id: 2, type: 'CS', lon: 0.7, lat: 46.5, communeCode: '86002' }; // ≈ 30.6 km

	it('a matrix value overrides the straight-line estimate in both directions', () => {
		const input: CoverageInput = {
			communes,
			structures: [near, far],
			poles: [],
			travelTimes: [
				{ origin: '86001', destination: '1', minutes: 60 }, // the near one is slow (a river, no bridge)
				{ origin: '86001', destination: '86002', minutes: 9 } // the far one is fast (by its commune)
			]
		};
		const [c] = analyzeCoverage(input, { metric: 'minutes' }).communes;
		expect(c).toMatchObject({ nearestCsId: 2, nearestCsMinutes: 9, covered: true });
		expect(c.nearestCsKm).toBeCloseTo(haversineKm(0.3, 46.5, 0.7, 46.5), 12);
		// With the km metric the matrix is not used.
		const [k] = analyzeCoverage(input, { metric: 'km' }).communes;
		expect(k).toMatchObject({ nearestCsId: 1, nearestCsMinutes: null, covered: true });
	});

	it('minute thresholds apply to estimated times when the matrix has no value', () => {
		// 0.8 km ≈ 1.2 min; 30.6 km ≈ 47.7 min.
		const input: CoverageInput = { communes, structures: [far], poles: [] };
		expect(analyzeCoverage(input, { metric: 'minutes', radiusCsMinutes: 47 }).communes[0].covered).toBe(false);
		expect(analyzeCoverage(input, { metric: 'minutes', radiusCsMinutes: 48 }).communes[0].covered).toBe(true);
		expect(analyzeCoverage(input, { metric: 'minutes', radiusCsMinutes: 48, speedKmh: 40 }).communes[0].covered).toBe(false);
	});
});

describe('analyzeCoverage(input, { date }) agrément filter', () => {
	const communes = [{ code: '86001', name: 'A', population: 100, lon: 0.3, lat: 46.5 }];
	const structures: CoverageStructure[] = [{ id: 1, type: 'CS', lon: 0.3, lat: 46.52, agrementStart: '2022-01-01', agrementEnd: '2025-12-31' }];

	it('counts a structure only while its agrément is in force', () => {
		expect(analyzeCoverage({ communes, structures, poles: [] }, { date: '2025-12-31' }).communes[0].covered).toBe(true);
		const after = analyzeCoverage({ communes, structures, poles: [] }, { date: '2026-01-01' });
		expect(after.communes[0]).toMatchObject({ covered: false, nearestCsId: null });
		expect(after.structures).toEqual([{ id: 1, type: 'CS', status: 'expired', counted: false, flagged: false }]);
		expect(after.summary.structures).toMatchObject({ counted: 0, excluded: 1 });
	});

	it('counts and flags a structure without agrément dates, and says so in the reasons', () => {
		const undated = [{ ...structures[0], agrementStart: null, agrementEnd: null }];
		const result = analyzeCoverage({ communes, structures: undated, poles: [] }, { date: '2030-01-01' });
		expect(result.communes[0].covered).toBe(true);
		// Alone, the commune is in its own lowest accessibility quartile; without indicators the rule cannot conclude.
		expect(result.communes[0].reasons.map((r) => r.code)).toEqual(['cs_within_radius', 'coverage_undated', 'no_poles', 'low_accessibility', 'need_unknown']);
		expect(result.communes[0]).toMatchObject({ reinforce: null, category: 'couverte' });
		expect(result.summary.structures).toMatchObject({ counted: 1, flagged: 1 });
	});
});

describe('analyzeCoverage(input).travelTimes', () => {
	it('reports how many matrix rows were given and how many pairs they resolved to', () => {
		const input: CoverageInput = {
			communes: [{ code: '86001', name: 'A', population: 1, lon: 0.3, lat: 46.5 }],
			structures: [{ id: 1, type: 'CS', lon: 0.31, lat: 46.5 }],
			poles: [{ id: 'P', lon: 0.4, lat: 46.5 }],
			travelTimes: [
				{ origin: '86001', destination: '1', minutes: 5 },
				{ origin: '86001', destination: 'P', minutes: 9 },
				{ origin: '99999', destination: 'P', minutes: 9 }
			]
		};
		expect(analyzeCoverage(input, { metric: 'minutes' }).travelTimes).toEqual({ rows: 3, structurePairs: 1, polePairs: 1 });
		expect(analyzeCoverage(input, { metric: 'km' }).travelTimes).toEqual({ rows: 3, structurePairs: 0, polePairs: 0 });
	});
});
