import { describe, expect, it } from 'vitest';
import { travelRowsForFacilities } from '../../src/lib/server/coverage/travel-payload';

describe('travelRowsForFacilities', () => {
	it('keeps facility rows and imported commune rows; computed commune rows only for facilities without their own', () => {
		const rows = [
			{ origin: 'a', destination: '1', destinationKind: 'structure' as const, minutes: 3, source: 'osm:2026-11-30' },
			{ origin: 'a', destination: 'b', destinationKind: 'commune' as const, minutes: 4, source: 'osm:2026-11-30' },
			{ origin: 'a', destination: 'c', destinationKind: 'commune' as const, minutes: 5, source: 'osm:2026-11-30' },
			{ origin: 'a', destination: 'd', destinationKind: 'commune' as const, minutes: 6, source: 'import:t.csv' }
		];
		const kept = travelRowsForFacilities(rows, [{ id: 1, communeCode: 'b' }, { id: 2, communeCode: 'c' }], []);
		expect(kept!.map((r) => r.destination)).toEqual(['1', 'c', 'd']);
		expect(travelRowsForFacilities(null, [], [])).toBeNull();
	});
});
