/**
 * Golden fixtures of the coverage analysis: tests/fixtures/analysis/in/*.json (input + options)
 * → out/*.json (the full result, reasons with their French text). `UPDATE_GOLDEN=1` rewrites the
 * outputs; review the diff. The hand-made grids are also checked against answers computed by
 * hand, below, so a regenerated golden file cannot silently carry a wrong answer.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	analyzeCoverage,
	analyzeCoverageNaive,
	EARTH_RADIUS_KM,
	explainReasons,
	type CommuneCoverage,
	type CoverageInput,
	type CoverageOptionsInput,
	type CoverageResult
} from '../../src/lib/analysis';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/analysis');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

interface Fixture {
	description: string;
	input: CoverageInput;
	options: CoverageOptionsInput;
}

function load(name: string): Fixture {
	return JSON.parse(readFileSync(resolve(FIXTURES, 'in', name), 'utf8')) as Fixture;
}

/** The result as the CLI/API print it: reasons with their text; JSON-normalised. */
function golden(result: CoverageResult): unknown {
	return JSON.parse(JSON.stringify({ ...result, communes: result.communes.map((c) => ({ ...c, reasons: explainReasons(c.reasons) })) }));
}

describe('analyzeCoverage(input, options) golden fixtures', () => {
	for (const name of readdirSync(resolve(FIXTURES, 'in')).filter((f) => f.endsWith('.json'))) {
		it(`analyzeCoverage(${name}) matches out/${name} and the brute force`, () => {
			const { input, options } = load(name);
			const result = analyzeCoverage(input, options);
			expect(analyzeCoverageNaive(input, options)).toStrictEqual(result);
			const actual = golden(result);
			const outPath = resolve(FIXTURES, 'out', name);
			if (UPDATE) writeFileSync(outPath, JSON.stringify(actual, null, '\t') + '\n');
			expect(actual).toStrictEqual(JSON.parse(readFileSync(outPath, 'utf8')));
		});
	}
});

// Hand computations. On the equator, Δλ degrees apart = R · Δλ · π/180 km (0.01° ≈ 1.112 km).
const km = (degrees: number) => (EARTH_RADIUS_KM * degrees * Math.PI) / 180;
const E = Math.exp(-0.5);
const f = (d: number, d0 = 20) => (d <= d0 ? (Math.exp(-0.5 * (d / d0) ** 2) - E) / (1 - E) : 0);
const byCode = (result: CoverageResult) => new Map(result.communes.map((c) => [c.name, c] as [string, CommuneCoverage]));
const texts = (c: CommuneCoverage) => explainReasons(c.reasons).map((r) => r.text);

describe('analyzeCoverage(grid-basic) computed by hand', () => {
	const { input, options } = load('grid-basic.json');
	const result = analyzeCoverage(input, options);
	const c = byCode(result);

	it('puts one commune in each category for the reasons computed by hand', () => {
		expect(Object.fromEntries(result.communes.map((x) => [x.name, x.category]))).toEqual({
			Alpha: 'couverte', // CS1 on it
			Bravo: 'a_renforcer', // CS1 at 5.56 km, QP1 5.67 km from any structure, low access and high poverty
			Charlie: 'depourvue', // CS1 at 11.12 km > 8, EVS2 at 16.68 km > 5, pole at 5.56 km
			Delta: 'isolee', // zone de compétence of CS2, pole at 16.68 km > 15
			Echo: 'depourvue_isolee', // EVS1 expired, EVS2 at 5.56 km > 5, pole at 27.8 km
			Foxtrot: 'isolee' // undated EVS2 at 2.22 km, pole at 24.46 km
		});
	});

	it('measures the nearest CS, EVS, structure and pole in km', () => {
		const a = c.get('Alpha')!;
		expect(a).toMatchObject({ nearestCsId: 'CS1', nearestCsKm: 0, nearestStructureId: 'CS1', nearestStructureType: 'CS', nearestEvsId: 'EVS2' });
		expect(a.nearestEvsKm).toBeCloseTo(km(0.25), 9);
		expect(a.nearestPoleKm).toBeCloseTo(km(0.05), 9);
		const e = c.get('Echo')!;
		expect(e).toMatchObject({ nearestCsId: 'CS2', nearestEvsId: 'EVS2', nearestStructureId: 'EVS2', nearestPoleId: 'P1', covered: false, isolated: true });
		expect(e.nearestCsKm).toBeCloseTo(km(0.2), 9);
		expect(e.nearestEvsKm).toBeCloseTo(km(0.05), 9);
		expect(e.nearestPoleKm).toBeCloseTo(km(0.25), 9);
		expect(c.get('Delta')!.zoneStructureIds).toEqual(['CS2']);
		expect(c.get('Delta')!.nearestStructureKm).toBeCloseTo(km(0.05), 9);
		for (const x of result.communes) expect(x.nearestStructureMinutes).toBeNull();
	});

	it('computes the 2SFCA accessibility by hand', () => {
		const R1 = 1 / (1000 + 2000 * f(km(0.05)) + 500 * f(km(0.1)));
		const R2 = 0.5 / (500 * f(km(0.15)) + (300 + 100) * f(km(0.05)) + 200 * f(km(0.02)));
		const expected: Record<string, number> = {
			Alpha: R1,
			Bravo: f(km(0.05)) * R1,
			Charlie: f(km(0.1)) * R1 + f(km(0.15)) * R2,
			Delta: f(km(0.05)) * R2,
			Echo: f(km(0.05)) * R2,
			Foxtrot: f(km(0.02)) * R2
		};
		for (const [name, a] of Object.entries(expected)) expect(c.get(name)!.accessibility).toBeCloseTo(a * 10_000, 9);
		// The population-weighted median (4,100 inhabitants: 2,000 in Bravo, then Alpha) is Alpha's score.
		expect(result.summary.accessibilityMedian).toBeCloseTo(R1 * 10_000, 9);
		expect(c.get('Alpha')!.accessibilityRelative).toBeCloseTo(1, 12);
		// First quartile (R-7) of the six scores: sorted[1] + 0.25 × (sorted[2] − sorted[1]).
		const sorted = Object.values(expected).sort((x, y) => x - y);
		expect(result.reinforce.accessibilityThreshold).toBeCloseTo((sorted[1] + 0.25 * (sorted[2] - sorted[1])) * 10_000, 9);
		// Third quartile of poverty rates 10, 25, 12, 15, 30 (Echo unknown): the 4th of 5 = 25.
		expect(result.reinforce.needThresholds).toEqual({ taux_pauvrete: 25 });
	});

	it('explains each commune in French with the numbers', () => {
		expect(texts(c.get('Alpha')!)).toEqual(['Centre social le plus proche à 0 km ≤ seuil de 8 km', 'Pôle d’activités le plus proche à 5,6 km ≤ seuil de 15 km']);
		expect(texts(c.get('Bravo')!)).toEqual([
			'Centre social le plus proche à 5,6 km ≤ seuil de 8 km',
			'Pôle d’activités le plus proche à 0 km ≤ seuil de 15 km',
			'QPV QP1 (800 habitants) sans structure à moins de 1 km de son contour (la plus proche à 5,7 km)',
			'Accessibilité de 2,89 structure pour 10 000 habitants ≤ 3,37, seuil du premier quartile des communes',
			'Taux de pauvreté de 25 % ≥ 25 %, seuil du dernier quartile des communes'
		]);
		expect(texts(c.get('Charlie')!)).toEqual([
			'Centre social le plus proche à 11,1 km > seuil de 8 km',
			'Espace de vie sociale le plus proche à 16,7 km > seuil de 5 km',
			'Pôle d’activités le plus proche à 5,6 km ≤ seuil de 15 km'
		]);
		expect(texts(c.get('Delta')!)).toEqual([
			'Dans la zone de compétence de structure CS2 (centre social)',
			'Pôle d’activités le plus proche à 16,7 km > seuil de 15 km'
		]);
		expect(texts(c.get('Foxtrot')!)).toEqual([
			'Espace de vie sociale le plus proche à 2,2 km ≤ seuil de 5 km',
			'Couverture assurée uniquement par structure EVS2, aux dates d’agrément manquantes (à vérifier)',
			'Pôle d’activités le plus proche à 24,5 km > seuil de 15 km'
		]);
	});

	it('summarises the figures by hand', () => {
		const s = result.summary;
		expect(s).toMatchObject({ communes: 6, population: 4100, covered: { communes: 4, population: 3500 } });
		expect(s.shareCovered).toBeCloseTo(3500 / 4100, 15);
		expect(s.categories).toEqual({
			depourvue_isolee: { communes: 1, population: 100 },
			depourvue: { communes: 1, population: 500 },
			isolee: { communes: 2, population: 500 },
			a_renforcer: { communes: 1, population: 2000 },
			couverte: { communes: 1, population: 1000 }
		});
		expect(s.isolated).toEqual({ communes: 3, population: 600 });
		expect(s.reinforce).toEqual({ communes: 1, population: 2000 });
		expect(s.structures).toEqual({
			input: 4,
			counted: 3,
			countedCs: 2,
			countedEvs: 1,
			excluded: 1,
			flagged: 1,
			renewalPending: 0,
			byStatus: { in_force: 2, renewal_pending: 0, undated: 1, partially_dated: 0, not_started: 0, expired: 1, not_checked: 0 }
		});
		expect(s.structuresPer10k.cs).toBeCloseTo((2 / 4100) * 10_000, 12);
		expect(s.structuresPer10k.evs).toBeCloseTo((1 / 4100) * 10_000, 12);
		// Nearest structure: Alpha 0 (1,000 inh.), Foxtrot 2.22 (200), Delta, Echo, Bravo ≈ 5.56 (2,400), Charlie 11.12 (500).
		// Half of 4,100 is reached within ≈ 5.56 km, 90 % (3,690) only with Charlie.
		expect(s.nearestStructureKm.median).toBeCloseTo(km(0.05), 9);
		expect(s.nearestStructureKm.p90).toBeCloseTo(km(0.1), 9);
		expect(s.nearestStructureMinutes).toBeNull();
	});
});

describe('analyzeCoverage(grid-minutes) computed by hand', () => {
	const { input, options } = load('grid-minutes.json');
	const result = analyzeCoverage(input, options);
	const c = byCode(result);
	const minutes = (degrees: number) => ((km(degrees) * 1.3) / 50) * 60;

	it('uses the matrix where it has a value and the estimate elsewhere', () => {
		// Charlie → CS1: 10 min from the matrix (the estimate would be 17.3 min).
		expect(c.get('Charlie')).toMatchObject({ nearestCsId: 'CS1', nearestCsMinutes: 10, covered: true });
		expect(c.get('Charlie')!.nearestCsKm).toBeCloseTo(km(0.1), 9);
		// Echo → P1 by its commune (00002): 50 min from the matrix.
		expect(c.get('Echo')).toMatchObject({ nearestPoleMinutes: 50, isolated: true });
		// Delta → EVS2: 12 min from the matrix instead of 8.7.
		expect(c.get('Delta')!.nearestEvsMinutes).toBe(12);
		// Echo → EVS2: estimate 5.56 km × 1.56 = 8.67 min ≤ 10.
		expect(c.get('Echo')!.nearestEvsMinutes).toBeCloseTo(minutes(0.05), 9);
		expect(c.get('Alpha')!.nearestPoleMinutes).toBeCloseTo(minutes(0.05), 9);
	});

	it('compares thresholds in minutes', () => {
		expect(Object.fromEntries(result.communes.map((x) => [x.name, x.category]))).toMatchObject({
			Charlie: 'couverte',
			Delta: 'isolee', // pole 16.68 km ≈ 26 min > 20
			Echo: 'isolee', // covered in minutes, pole 50 min > 20
			Foxtrot: 'isolee'
		});
		expect(texts(c.get('Charlie')!)[0]).toBe('Centre social le plus proche à 10 min (11,1 km) ≤ seuil de 15 min');
		expect(texts(c.get('Echo')!)).toContain('Pôle d’activités le plus proche à 50 min (27,8 km) > seuil de 20 min');
		expect(result.summary.nearestStructureMinutes).not.toBeNull();
	});
});

describe('analyzeCoverage(no-supply)', () => {
	const { input, options } = load('no-supply.json');
	const result = analyzeCoverage(input, options);

	it('marks every commune dépourvue with unknown isolation and null distances', () => {
		for (const x of result.communes) {
			expect(x).toMatchObject({
				covered: false,
				isolated: null,
				reinforce: false,
				category: 'depourvue',
				nearestStructureKm: null,
				nearestStructureId: null,
				nearestPoleKm: null,
				accessibility: 0,
				accessibilityRelative: null
			});
			expect(texts(x)).toEqual([
				'Aucun centre social agréé pris en compte',
				'Aucun espace de vie sociale agréé pris en compte',
				'Aucun pôle d’activités renseigné : isolement non évalué'
			]);
		}
		expect(result.summary.isolationUnknown).toEqual({ communes: 3, population: 1550 });
		expect(result.summary.nearestStructureKm).toEqual({ median: null, p90: null });
		expect(result.summary.structuresPer10k).toEqual({ cs: 0, evs: 0, total: 0 });
		expect(result.reinforce.qpvEvaluated).toBe(false);
	});
});
