import { describe, expect, it } from 'vitest';
import { buildTravelTimeLookup, costOfKm, estimateMinutes, kmForMinutes, kmOfCost } from './travel-time';

describe('estimateMinutes(km, detourFactor, speedKmh)', () => {
	it('estimateMinutes is km × detour ÷ speed × 60 and kmForMinutes its inverse', () => {
		expect(estimateMinutes(10, 1.3, 50)).toBeCloseTo(15.6, 12);
		expect(kmForMinutes(15.6, 1.3, 50)).toBeCloseTo(10, 12);
		const model = { metric: 'minutes' as const, detourFactor: 1.3, speedKmh: 50 };
		expect(costOfKm(model, 10)).toBeCloseTo(15.6, 12);
		expect(kmOfCost(model, 15.6)).toBeCloseTo(10, 12);
		expect(costOfKm({ ...model, metric: 'km' }, 10)).toBe(10);
	});
});

describe('buildTravelTimeLookup(rows, communeIndex, destinations, communeCount)', () => {
	const communes = new Map([
		['86001', 0],
		['86002', 1]
	]);
	const structures = [
		{ id: 12, communeCode: '86002' },
		{ id: 'S2', communeCode: '86002' },
		{ id: 14, communeCode: '86001' }
	];

	it('buildTravelTimeLookup resolves a destination id, then a commune code for every structure in it', () => {
		const lookup = buildTravelTimeLookup(
			[
				{ origin: '86001', destination: '86002', minutes: 20 },
				{ origin: '86001', destination: '12', minutes: 18 },
				{ origin: '86002', destination: 'S2', minutes: 3 }
			],
			communes,
			structures,
			2
		);
		// 86001 → 12 has its own row (18), which the commune row (20) does not override; S2 gets 20.
		expect([...lookup.byOrigin[0]!]).toEqual([
			[0, 18],
			[1, 20]
		]);
		expect([...lookup.byOrigin[1]!]).toEqual([[1, 3]]);
		expect([...lookup.byDestination[1]!]).toEqual([
			[0, 20],
			[1, 3]
		]);
		expect(lookup.byDestination[2]).toBeUndefined();
		expect(lookup.pairs).toBe(3);
	});

	it('buildTravelTimeLookup keeps the shortest of repeated rows and ignores unknown origins and destinations', () => {
		const lookup = buildTravelTimeLookup(
			[
				{ origin: '86001', destination: '14', minutes: 9 },
				{ origin: '86001', destination: '14', minutes: 7 },
				{ origin: '99999', destination: '14', minutes: 1 },
				{ origin: '86002', destination: 'nowhere', minutes: 1 }
			],
			communes,
			structures,
			2
		);
		expect([...lookup.byOrigin[0]!]).toEqual([[2, 7]]);
		expect(lookup.byOrigin[1]).toBeUndefined();
		expect(lookup.pairs).toBe(1);
	});

	it('buildTravelTimeLookup(rows, …, kind) matches a row with a destinationKind only as that kind', () => {
		const rows = [
			{ origin: '86001', destination: '12', destinationKind: 'structure' as const, minutes: 18 },
			{ origin: '86001', destination: '86002', destinationKind: 'commune' as const, minutes: 20 },
			{ origin: '86002', destination: '14', destinationKind: 'pole' as const, minutes: 5 }
		];
		// Structures: 12 by id, S2 through its commune; the pole row is not theirs.
		expect([...buildTravelTimeLookup(rows, communes, structures, 2, 'structure').byOrigin[0]!]).toEqual([
			[0, 18],
			[1, 20]
		]);
		expect(buildTravelTimeLookup(rows, communes, structures, 2, 'structure').byOrigin[1]).toBeUndefined();
		// Poles with the same ids: only the pole row and the commune row reach them.
		const poles = buildTravelTimeLookup(rows, communes, structures, 2, 'pole');
		expect([...poles.byOrigin[0]!]).toEqual([
			[0, 20],
			[1, 20]
		]);
		expect([...poles.byOrigin[1]!]).toEqual([[2, 5]]);
		// A commune row is never read as an id, even when an id has the same text.
		const clash = buildTravelTimeLookup([{ origin: '86001', destination: '86002', destinationKind: 'commune', minutes: 9 }], communes, [{ id: '86002', communeCode: '86001' }, { id: 7, communeCode: '86002' }], 2, 'structure');
		expect([...clash.byOrigin[0]!]).toEqual([[1, 9]]);
	});

	it('buildTravelTimeLookup rejects a negative or non-finite time', () => {
		expect(() => buildTravelTimeLookup([{ origin: '86001', destination: '14', minutes: -1 }], communes, structures, 2)).toThrow(
			'invalid travel time: 86001 → 14'
		);
	});
});
