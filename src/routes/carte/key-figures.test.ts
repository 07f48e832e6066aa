import { describe, expect, it } from 'vitest';
import { analyzeCoverage, type CoverageCommune, type CoverageStructure } from '$lib/analysis';
import { keyFigures } from './key-figures';

// Five communes on a meridian, 10 km apart (1° of latitude ≈ 111.195 km); one CS at the first.
const KM = 1 / 111.195;
const communes: CoverageCommune[] = [0, 10, 20, 30, 40].map((km, i) => ({
	code: `0000${i + 1}`,
	name: `C${i + 1}`,
	population: (i + 1) * 100,
	lon: 0,
	lat: 45 + km * KM,
	epci: i < 2 ? 'E1' : 'E2'
}));
const structures: CoverageStructure[] = [
	{ id: 1, type: 'CS', lon: 0, lat: 45, communeCode: '00001' },
	{ id: 2, type: 'EVS', lon: 0, lat: 45 + 40 * KM, communeCode: '00005' }
];
const result = analyzeCoverage({ communes, structures, poles: [{ id: 'p', lon: 0, lat: 45 }] }, { radiusCsKm: 8, radiusEvsKm: 5, isolationKm: 25 });
const counted = structures.map((s) => ({ type: s.type, communeCode: s.communeCode }));

describe('keyFigures', () => {
	it('keyFigures(result, counted) over the whole département equals the engine summary', () => {
		const f = keyFigures(result, counted);
		const s = result.summary;
		expect(f.population).toBe(s.population);
		expect(f.covered).toEqual(s.covered);
		expect(f.shareCovered).toBe(s.shareCovered);
		expect(f.categories).toEqual(s.categories);
		expect(f.per10k).toEqual({ cs: s.structuresPer10k.cs, evs: s.structuresPer10k.evs });
		expect(f.nearestKm).toEqual(s.nearestStructureKm);
	});

	it('keyFigures(result, counted, keep) counts only the kept communes and the structures inside them', () => {
		const f = keyFigures(result, counted, (c) => c.epci === 'E2');
		// E2: communes at 20, 30, 40 km (populations 300, 400, 500); the EVS at 40 km covers the last.
		expect(f.communes).toBe(3);
		expect(f.population).toBe(1200);
		expect(f.covered).toEqual({ communes: 1, population: 500 });
		expect(f.structures).toEqual({ cs: 0, evs: 1, renewalPending: 0 });
		expect(f.per10k.evs).toBeCloseTo((1 / 1200) * 10_000, 10);
		// Distances 20, 10 (EVS at 40 km from the commune at 30), 0, weighted 300/400/500: median 10 km, P90 20 km.
		expect(f.nearestKm.median).toBeCloseTo(10, 3);
		expect(f.nearestKm.p90).toBeCloseTo(20, 3);
		// Pole at 0 km, isolation 25 km: 20 km dépourvue, 30 km dépourvue et isolée, 40 km covered but isolée.
		expect(f.categories).toEqual({
			depourvue_isolee: { communes: 1, population: 400 },
			depourvue: { communes: 1, population: 300 },
			isolee: { communes: 1, population: 500 },
			a_renforcer: { communes: 0, population: 0 },
			couverte: { communes: 0, population: 0 }
		});
	});
});
