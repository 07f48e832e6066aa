/**
 * The coverage analysis wired to the database, on a small hand-made département (on every test
 * dialect): inputs loaded (agréments in force at the date, closures, refused agréments, zones,
 * QPVs, latest need indicators), the categories that follow, and the dated parameters.
 *
 * Communes on a cross around A (lon 0, lat 45), distances in km from A; one pole at A:
 *   A (0, 0)     CS « CS A » (in force), zone de compétence A and E   → couverte
 *   B (5 E)      QPV « QB » at B, 5 km from every structure             → à renforcer
 *   C (20 N)     CS 20 km, pole 20 km                                   → dépourvue et isolée
 *   D (12 N)     CS 12 km, pole 12 km                                   → dépourvue (couverte with a 13 km radius)
 *   E (12 S)     in the zone of CS A                                    → couverte
 *   F (30 W)     EVS with an agrément 2015–2020                         → dépourvue et isolée (isolée in 2019)
 *   G (30 E)     EVS without any agrément                               → isolée, coverage flagged undated
 *   H (40 S)     CS agreed 2020–2029 but closed on 2024-01-01           → dépourvue et isolée (isolée in 2023)
 *   I (40 N)     EVS whose only agrément was refused                    → dépourvue et isolée, EVS not counted
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { testDialects, type TestDb } from '../helpers/db';
import { at, insertGridCommunes } from '../helpers/km-grid';
import type { Database } from '../../src/lib/server/db/schema';
import { loadCoverageInputs } from '../../src/lib/server/coverage/inputs';
import { loadCoverageParameters } from '../../src/lib/server/coverage/parameters';
import { runCoverageAnalysis } from '../../src/lib/server/coverage/report';
import { RejectedDataError } from '../../src/lib/server/errors';

const COMMUNES = [
	{ code: '90001', name: 'A', population: 2000, ...at(0, 0) },
	{ code: '90002', name: 'B', population: 1500, ...at(5, 0) },
	{ code: '90003', name: 'C', population: 300, ...at(0, 20) },
	{ code: '90004', name: 'D', population: 400, ...at(0, 12) },
	{ code: '90005', name: 'E', population: 500, ...at(0, -12) },
	{ code: '90006', name: 'F', population: 600, ...at(-30, 0) },
	{ code: '90007', name: 'G', population: 700, ...at(30, 0) },
	{ code: '90008', name: 'H', population: 800, ...at(0, -40) },
	{ code: '90009', name: 'I', population: 100, ...at(0, 40) }
];

async function seed(db: Kysely<Database>): Promise<Record<string, number>> {
	await insertGridCommunes(db, COMMUNES);
	const structure = async (name: string, type: 'CS' | 'EVS', commune: string, closedOn: string | null = null) => {
		const c = COMMUNES.find((x) => x.code === commune)!;
		const row = await db
			.insertInto('structure')
			.values({ name, type, commune_code: commune, lon: c.lon, lat: c.lat, specificities: JSON.stringify([]), closed_on: closedOn })
			.returning('id')
			.executeTakeFirstOrThrow();
		return row.id;
	};
	const ids = {
		csA: await structure('CS A', 'CS', '90001'),
		evsF: await structure('EVS F', 'EVS', '90006'),
		evsG: await structure('EVS G', 'EVS', '90007'),
		csH: await structure('CS H', 'CS', '90008', '2024-01-01'),
		evsI: await structure('EVS I', 'EVS', '90009')
	};
	await db
		.insertInto('agrement')
		.values([
			{ structure_id: ids.csA, kind: 'animation_globale', start_date: '2020-01-01', end_date: '2027-12-31' },
			// An ACF agrément does not decide whether a CS counts: its AGC does.
			{ structure_id: ids.csA, kind: 'animation_collective_familles', start_date: '2010-01-01', end_date: '2011-12-31' },
			{ structure_id: ids.evsF, kind: 'animation_locale', start_date: '2015-01-01', end_date: '2020-12-31' },
			{ structure_id: ids.csH, kind: 'animation_globale', start_date: '2020-01-01', end_date: '2029-12-31' },
			{ structure_id: ids.evsI, kind: 'animation_locale', start_date: '2024-01-01', end_date: '2027-12-31', decision: 'refuse' }
		])
		.execute();
	await db
		.insertInto('structure_zone_commune')
		.values([
			{ structure_id: ids.csA, commune_code: '90001' },
			{ structure_id: ids.csA, commune_code: '90005' }
		])
		.execute();
	await db.insertInto('activity_pole').values({ commune_code: '90001', name: 'Bourg de A', type: 'bourg-centre', ...at(0, 0) }).execute();
	const qb = at(5, 0);
	await db
		.insertInto('zone')
		.values({ kind: 'qpv', code: 'QN09001', name: 'QB', commune_codes: JSON.stringify(['90002']), population: 800, ref_lon: qb.lon, ref_lat: qb.lat })
		.execute();
	await db
		.insertInto('territorial_indicator')
		.values([
			{ territory_kind: 'commune', territory_code: '90001', year: 2020, key: 'taux_pauvrete', value: 10 },
			{ territory_kind: 'commune', territory_code: '90001', year: 2021, key: 'taux_pauvrete', value: 12.5 },
			{ territory_kind: 'commune', territory_code: '90002', year: 2021, key: 'taux_pauvrete', value: 30 },
			{ territory_kind: 'commune', territory_code: '90001', year: 2019, key: 'familles', value: 240 },
			{ territory_kind: 'epci', territory_code: '200000001', year: 2022, key: 'taux_pauvrete', value: 99 }
		])
		.execute();
	return ids;
}

const categories = (communes: { code: string; category: string }[]) => Object.fromEntries(communes.map((c) => [c.code, c.category]));

for (const dialect of testDialects()) {
	describe(`coverage from the database on ${dialect.kind}`, () => {
		let t: TestDb;
		let ids: Record<string, number>;

		beforeAll(async () => {
			t = await dialect.open();
			ids = await seed(t.db);
		});
		afterAll(() => t?.dispose());

		it('loadCoverageInputs(db, date) picks the founding agrément in force, truncates at the closing date, leaves out refused structures', async () => {
			const inputs = await loadCoverageInputs(t.db, '2025-06-01');
			const byName = Object.fromEntries(inputs.structures.map((s) => [s.name, s]));
			expect(Object.keys(byName).sort()).toEqual(['CS A', 'CS H', 'EVS F', 'EVS G']);
			expect(byName['CS A']).toMatchObject({ agrementStart: '2020-01-01', agrementEnd: '2027-12-31', zoneCommunes: ['90001', '90005'] });
			expect(byName['EVS F']).toMatchObject({ agrementStart: '2015-01-01', agrementEnd: '2020-12-31' });
			expect(byName['EVS G']).toMatchObject({ agrementStart: null, agrementEnd: null });
			expect(byName['CS H']).toMatchObject({ agrementStart: '2020-01-01', agrementEnd: '2023-12-31', closedOn: '2024-01-01' });
			expect(inputs.notAgreed).toEqual([{ id: ids.evsI, name: 'EVS I', type: 'EVS' }]);
			expect(inputs.poles).toHaveLength(1);
			expect(inputs.qpvs).toEqual([expect.objectContaining({ code: 'QN09001', communeCode: '90002', population: 800 })]);
		});

		it('loadCoverageInputs(db, date) reads the latest year of each need indicator, communes only', async () => {
			const inputs = await loadCoverageInputs(t.db, '2025-06-01');
			expect(inputs.needYears).toEqual({ taux_pauvrete: 2021, familles: 2019 });
			const needs = Object.fromEntries(inputs.communes.map((c) => [c.code, c.needs]));
			expect(needs['90001']).toEqual({ taux_pauvrete: 12.5, familles: 240 });
			expect(needs['90002']).toEqual({ taux_pauvrete: 30 });
			expect(needs['90003']).toBeNull();
		});

		it('runCoverageAnalysis(db, { date }) gives the hand-computed categories', async () => {
			const run = await runCoverageAnalysis(t.db, { date: '2025-06-01' });
			expect(categories(run.report.communes)).toEqual({
				'90001': 'couverte',
				'90002': 'a_renforcer',
				'90003': 'depourvue_isolee',
				'90004': 'depourvue',
				'90005': 'couverte',
				'90006': 'depourvue_isolee',
				'90007': 'isolee',
				'90008': 'depourvue_isolee',
				'90009': 'depourvue_isolee'
			});
			const g = run.report.communes.find((c) => c.code === '90007')!;
			expect(g.reasons.map((r) => r.code)).toEqual(['evs_within_radius', 'coverage_undated', 'pole_beyond_isolation']);
			expect(g.reasons[1].text).toBe('Couverture assurée uniquement par EVS G, aux dates d’agrément manquantes (à vérifier)');
			const d = run.report.communes.find((c) => c.code === '90004')!;
			expect(d.nearestCsKm).toBeCloseTo(12, 2);
			expect(d.reasons[0].text).toBe('Centre social le plus proche (CS A) à 12 km > seuil de 8 km');
			const b = run.report.communes.find((c) => c.code === '90002')!;
			expect(b.reasons.map((r) => r.code)).toContain('qpv_unserved');
			expect(run.report.summary.structures).toMatchObject({ input: 4, counted: 2, countedCs: 1, countedEvs: 1, flagged: 1 });
			expect(run.report.summary.structures.byStatus).toMatchObject({ expired: 2, undated: 1, in_force: 1 });
		});

		it('runCoverageAnalysis(db, { date }) counts the structures in force at an earlier date', async () => {
			// 2019: the EVS of F is in force, the CS of H not yet (its agrément starts in 2020).
			const in2019 = await runCoverageAnalysis(t.db, { date: '2019-06-01' });
			expect([categories(in2019.report.communes)['90006'], categories(in2019.report.communes)['90008']]).toEqual(['isolee', 'depourvue_isolee']);
			expect(in2019.report.summary.structures.byStatus).toMatchObject({ not_started: 2, in_force: 1, undated: 1 });
			// 2023: the CS of H is open; the EVS of F has expired.
			const in2023 = await runCoverageAnalysis(t.db, { date: '2023-06-01' });
			expect([categories(in2023.report.communes)['90006'], categories(in2023.report.communes)['90008']]).toEqual(['depourvue_isolee', 'isolee']);
			expect(in2023.report.summary.structures.counted).toBe(3);
		});

		it('runCoverageAnalysis(db, request) applies threshold overrides and marks them in parameters.sources', async () => {
			const run = await runCoverageAnalysis(t.db, { date: '2025-06-01', radiusCsKm: 13 });
			expect(categories(run.report.communes)['90004']).toBe('couverte');
			expect(run.report.parameters.radiusCsKm).toBe(13);
			expect(run.report.parameters.sources.find((s) => s.option === 'radiusCsKm')).toMatchObject({ origin: 'override', value: 13, validFrom: null });
			expect(run.report.parameters.sources.find((s) => s.option === 'radiusEvsKm')).toMatchObject({
				origin: 'reference',
				value: 5,
				regime: 'Paramètre départemental (valeur par défaut)',
				validFrom: '2012-01-01'
			});
		});

		it('loadCoverageParameters(db, date) reads every analysis parameter from the migrations, with its regime', async () => {
			const { options, sources } = await loadCoverageParameters(t.db, '2025-06-01');
			expect(options).toMatchObject({ radiusCsKm: 8, radiusEvsKm: 5, isolationKm: 15, catchmentKm: 20, supplyWeights: { CS: 1, EVS: 0.5 } });
			expect(sources.every((s) => s.origin === 'reference')).toBe(true);
			const before = await loadCoverageParameters(t.db, '2010-01-01');
			expect(before.options).toEqual({});
			expect(before.sources.find((s) => s.option === 'radiusCsKm')).toMatchObject({ origin: 'default', value: 8 });
		});

		it('a later-dated parameter row supersedes the earlier one from its first day; a closed row stops applying', async () => {
			await t.db
				.insertInto('reference_parameter')
				.values([
					{ key: 'analysis.radius_cs_km', valid_from: '2025-01-01', valid_until: null, value: JSON.stringify(13), unit: 'km', regime: 'Délibération CAF du 12 décembre 2024' },
					{ key: 'analysis.radius_cs_km', valid_from: '2026-01-01', valid_until: '2026-06-30', value: JSON.stringify(20), unit: 'km', regime: 'Expérimentation 2026' }
				])
				.execute();
			try {
				const value = async (date: string) => (await loadCoverageParameters(t.db, date)).sources.find((s) => s.option === 'radiusCsKm')!;
				expect(await value('2024-12-31')).toMatchObject({ value: 8, validFrom: '2012-01-01' });
				expect(await value('2025-01-01')).toMatchObject({ value: 13, regime: 'Délibération CAF du 12 décembre 2024' });
				expect(await value('2026-03-01')).toMatchObject({ value: 20, regime: 'Expérimentation 2026', validUntil: '2026-06-30' });
				expect(await value('2026-07-01')).toMatchObject({ value: 13 });
				// The analysis follows: D (12 km from the CS) is covered with the 2025 radius.
				const run = await runCoverageAnalysis(t.db, { date: '2025-06-01' });
				expect(categories(run.report.communes)['90004']).toBe('couverte');
				expect(run.report.parameters.radiusCsKm).toBe(13);
			} finally {
				await t.db.deleteFrom('reference_parameter').where('key', '=', 'analysis.radius_cs_km').where('valid_from', '>=', '2025-01-01').execute();
			}
		});

		it('loadCoverageParameters refuses, in French, a parameter in force that the engine cannot use', async () => {
			await t.db
				.insertInto('reference_parameter')
				.values({ key: 'analysis.isolation_km', valid_from: '2025-01-01', valid_until: null, value: JSON.stringify('quinze'), unit: 'km', regime: 'Erreur de saisie' })
				.execute();
			try {
				await expect(loadCoverageParameters(t.db, '2025-06-01')).rejects.toThrow(RejectedDataError);
				await expect(loadCoverageParameters(t.db, '2025-06-01')).rejects.toThrow(/« analysis\.isolation_km » en vigueur au 2025-01-01 a une valeur inutilisable/);
				await expect(loadCoverageParameters(t.db, '2024-06-01')).resolves.toBeTruthy();
			} finally {
				await t.db.deleteFrom('reference_parameter').where('key', '=', 'analysis.isolation_km').where('valid_from', '=', '2025-01-01').execute();
			}
		});
	});
}

describe('runCoverageAnalysis on an empty database', () => {
	it('runCoverageAnalysis(empty db) says in French that communes are missing', async () => {
		const t = await testDialects()[0].open();
		try {
			await expect(runCoverageAnalysis(t.db, { date: '2025-06-01' })).rejects.toThrow(/Aucune commune dans la base/);
		} finally {
			await t.dispose();
		}
	});
});
