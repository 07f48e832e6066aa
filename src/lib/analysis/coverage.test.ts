import { describe, expect, it } from 'vitest';
import { communesWithinKm, buildCoverageContext } from './context';
import { analyzeCoverage, computeCoverage } from './coverage';
import { haversineKm } from './distance';
import { buildStructureSet } from './structure-set';
import type { CoverageInput } from './types';

const input: CoverageInput = {
	communes: [
		{ code: '86194', name: 'Poitiers', population: 88_000, lon: 0.34, lat: 46.58, needs: { taux_pauvrete: 22 } },
		{ code: '86066', name: 'Châtellerault', population: 31_000, lon: 0.55, lat: 46.82, needs: { taux_pauvrete: 19 } },
		{ code: '86041', name: 'Buxerolles', population: 10_000, lon: 0.38, lat: 46.6, needs: { taux_pauvrete: 8 } }
	],
	structures: [
		{ id: 1, type: 'CS', lon: 0.341, lat: 46.581, agrementStart: '2023-01-01', agrementEnd: '2026-12-31' },
		{ id: 2, type: 'EVS', lon: 0.55, lat: 46.82, agrementStart: '2023-01-01', agrementEnd: '2026-12-31' }
	],
	poles: [{ id: 'P', lon: 0.34, lat: 46.58 }]
};

describe('computeCoverage(context, structures, overrides)', () => {
	it('computeCoverage accepts the structures or a prebuilt set and gives the same result', () => {
		const context = buildCoverageContext(input, { date: '2025-06-01' });
		expect(computeCoverage(context, input.structures)).toStrictEqual(computeCoverage(context, buildStructureSet(context, input.structures)));
	});

	it('computeCoverage refuses a set built for another context or date, and a change of travel model', () => {
		const context = buildCoverageContext(input, { date: '2025-06-01' });
		const other = buildCoverageContext(input, { date: '2025-06-01' });
		const set = buildStructureSet(context, input.structures);
		expect(() => computeCoverage(other, set)).toThrow('structure set built for another context');
		expect(() => computeCoverage(context, set, { date: '2024-01-01' })).toThrow('structure set built for another date: 2025-06-01 ≠ 2024-01-01');
		expect(() => computeCoverage(context, set, { metric: 'minutes' })).toThrow('travel option differs from the context: metric');
		expect(() => computeCoverage(context, set, { speedKmh: 30 })).toThrow('travel option differs from the context: speedKmh');
	});

	it('computeCoverage keeps the context’s value for an override left undefined', () => {
		const context = buildCoverageContext(input, { radiusCsKm: 12 });
		expect(computeCoverage(context, input.structures, { radiusCsKm: undefined, radiusEvsKm: 3 }).parameters).toMatchObject({ radiusCsKm: 12, radiusEvsKm: 3 });
	});

	it('computeCoverage echoes the parameters used, defaults filled', () => {
		const result = analyzeCoverage(input, { date: '2025-06-01', radiusCsKm: 10 });
		expect(result.parameters).toMatchObject({ date: '2025-06-01', radiusCsKm: 10, radiusEvsKm: 5, isolationKm: 15, catchmentKm: 20, metric: 'km' });
	});

	it('need-weighted demand lowers the accessibility where need is high, relative to population demand', () => {
		const population = analyzeCoverage(input, { date: '2025-06-01' });
		const weighted = analyzeCoverage(input, {
			date: '2025-06-01',
			demand: { kind: 'need-weighted', indicator: { key: 'taux_pauvrete' }, blend: 1 }
		});
		expect(weighted.demand).toMatchObject({ kind: 'need-weighted', missing: 0 });
		// Poitiers (22 %, above the mean) counts for more weighted inhabitants: less supply for each of them.
		expect(weighted.communes[0].accessibility).toBeLessThan(population.communes[0].accessibility);
		expect(weighted.demand.meanNeed).toBeCloseTo((22 * 88_000 + 19 * 31_000 + 8 * 10_000) / 129_000, 10);
	});

	it('analyzeCoverage rejects duplicate commune codes and invalid points', () => {
		expect(() => analyzeCoverage({ ...input, communes: [input.communes[0], input.communes[0]] })).toThrow('duplicate commune code: 86194');
		expect(() => analyzeCoverage({ ...input, communes: [{ ...input.communes[0], lat: 100 }] })).toThrow('invalid commune point: 86194');
		expect(() => analyzeCoverage({ ...input, structures: [{ ...input.structures[0], lon: NaN }] })).toThrow('invalid structure point: 1');
		expect(() => analyzeCoverage({ ...input, communes: [{ ...input.communes[0], population: -1 }] })).toThrow('invalid population of commune 86194: -1');
	});
});

describe('communesWithinKm(context, lon, lat, radiusKm)', () => {
	it('communesWithinKm lists the communes within reach of a candidate site, ascending, with km', () => {
		const context = buildCoverageContext(input);
		const { indices, km } = communesWithinKm(context, 0.36, 46.59, 5);
		expect(indices).toEqual([0, 2]);
		expect(km[0]).toBe(haversineKm(0.34, 46.58, 0.36, 46.59));
	});
});

describe('buildStructureSet(context, structures)', () => {
	it('buildStructureSet rejects duplicate ids (compared as strings) and unknown types', () => {
		const context = buildCoverageContext(input);
		expect(() => buildStructureSet(context, [input.structures[0], { ...input.structures[1], id: '1' }])).toThrow('duplicate structure id: 1');
		expect(() => buildStructureSet(context, [{ ...input.structures[0], type: 'MJC' as never }])).toThrow('invalid structure type of 1: MJC');
	});

	it('keeps the catchment pairs of the last four catchments only', () => {
		const context = buildCoverageContext(input);
		const set = buildStructureSet(context, input.structures);
		for (const catchmentKm of [10, 20, 30, 40, 50]) computeCoverage(context, set, { catchmentKm });
		expect([...set.catchmentMemo.keys()]).toEqual([20, 30, 40, 50]);
	});
});
