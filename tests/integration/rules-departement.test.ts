/**
 * Issue 13, Proof: a generated département where a centre social is in renewal, one had its ACF
 * refused from 1 May, and an EVS shares its manager with a centre social in a territory « à
 * renforcer ». Checks, on both databases, coverage (grace period, refusal, « à renforcer » tied to
 * a CS, QPV distance from the contour), the PS check, the agrément checks and the scenarios and
 * recommended sites (distinct-manager rule).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { testDialects, type TestDb } from '../helpers/db';
import { runCoverageAnalysis } from '../../src/lib/server/coverage/report';
import * as fundingPs from '../../src/lib/server/db/funding-ps';
import * as agrements from '../../src/lib/server/db/agrements';
import * as scenarios from '../../src/lib/server/db/scenarios';
import { agrementChecks } from '../../src/lib/server/pilotage/agrement-checks';
import { buildCoverageContext } from '../../src/lib/analysis';
import { createScenarioBase, recommendSites, scenarioManagerFlags, type ScenarioChange } from '../../src/lib/planning';

/** A 0.004° square QPV contour centred on (lon, lat). */
const square = (lon: number, lat: number): Polygon => ({
	type: 'Polygon',
	coordinates: [
		[
			[lon - 0.002, lat - 0.002],
			[lon + 0.002, lat - 0.002],
			[lon + 0.002, lat + 0.002],
			[lon - 0.002, lat + 0.002],
			[lon - 0.002, lat - 0.002]
		]
	]
});

for (const dialect of testDialects()) {
	describe(`a département with a renewal, a refused ACF and a shared manager, on ${dialect.kind}`, () => {
		let t: TestDb;
		const id = { port: 0, portRenewal: 0, tilleuls: 0, evs: 0, evsAgrement: 0 };

		beforeAll(async () => {
			t = await dialect.open();
			const db = t.db;
			// Six communes on the 45th parallel, 0.1° (≈ 7.9 km) apart.
			await db
				.insertInto('commune')
				.values([
					...[0, 1, 2, 3, 4, 5].map((k) => ({ code: `0000${k + 1}`, name: `Commune ${k + 1}`, departement_code: '00', population: 2000 + 1000 * k, ref_lon: -1 + 0.1 * k, ref_lat: 45 })),
					// North of commune 1, 11 km from the Port centre social: not covered.
					{ code: '00007', name: 'Commune 7', departement_code: '00', population: 900, ref_lon: -1.03, ref_lat: 45.1 }
				])
				.execute();
			await db.insertInto('activity_pole').values({ commune_code: '00002', name: 'Pôle', type: 'bourg-centre', lon: -0.9, lat: 45 }).execute();
			// A QPV of the 2024 generation, 3 km west of the Port centre social.
			await db
				.insertInto('zone')
				.values({
					kind: 'qpv',
					code: 'QN00001M',
					name: 'Quartier des Quais',
					commune_codes: JSON.stringify(['00001']),
					population: 1800,
					geometry: JSON.stringify(square(-1.04, 45)),
					ref_lon: -1.04,
					ref_lat: 45,
					generation: '2024',
					valid_from: '2024-01-01'
				})
				.execute();
			const structure = async (name: string, type: 'CS' | 'EVS', commune: string, lon: number, manager: [string, string]) =>
				(
					await db
						.insertInto('structure')
						.values({ name, type, commune_code: commune, lon, lat: 45, manager_name: manager[0], manager_siren: manager[1], specificities: JSON.stringify([]) })
						.returning('id')
						.executeTakeFirstOrThrow()
				).id;
			id.port = await structure('Centre social du Port', 'CS', '00001', -1.0, ['Association du Port', '111111111']);
			id.tilleuls = await structure('Centre social des Tilleuls', 'CS', '00005', -0.6, ['Association des Tilleuls', '222222222']);
			id.evs = await structure('EVS des Quais', 'EVS', '00001', -1.035, ['Association du Port', '111111111']);
			const agrement = async (structureId: number, kind: string, start: string, end: string, decision = 'accorde', decisionDate: string | null = '2020-01-01') =>
				(
					await db
						.insertInto('agrement')
						.values({ structure_id: structureId, kind: kind as 'animation_globale', start_date: start, end_date: end, decision: decision as 'accorde', decision_date: decisionDate })
						.returning('id')
						.executeTakeFirstOrThrow()
				).id;
			await agrement(id.port, 'animation_globale', '2022-05-01', '2026-04-30');
			id.portRenewal = await agrement(id.port, 'animation_globale', '2026-05-01', '2030-04-30', 'en_instruction', null);
			await agrement(id.tilleuls, 'animation_globale', '2023-01-01', '2026-12-31');
			await agrement(id.tilleuls, 'animation_collective_familles', '2022-05-01', '2026-04-30');
			await agrement(id.tilleuls, 'animation_collective_familles', '2026-05-01', '2030-04-30', 'refuse', '2026-04-15');
			id.evsAgrement = await agrement(id.evs, 'animation_locale', '2024-01-01', '2027-12-31');
			const caf = (await db.insertInto('partner').values({ code: 'CAF', name: 'Caf', kind: 'caf' }).returning('id').executeTakeFirstOrThrow()).id;
			const acf = (await db.insertInto('funding_instrument').values({ code: 'PS_ACF', label: 'PS ACF', family: 'prestation_service' }).returning('id').executeTakeFirstOrThrow()).id;
			await db.insertInto('funding_line').values({ structure_id: id.tilleuls, partner_id: caf, instrument_id: acf, year: 2026, amount: 20352, status: 'notifie' }).execute();
			await db.insertInto('eligible_expense').values({ structure_id: id.tilleuls, instrument_id: acf, year: 2026, amount: 40000 }).execute();
			await db
				.insertInto('reference_parameter')
				.values({ key: 'ps_ceiling.animation_collective_familles', valid_from: '2026-01-01', valid_until: '2026-12-31', value: JSON.stringify(32000), regime: 'Prix plafond Cnaf 2026' })
				.execute();
		});
		afterAll(async () => {
			await t?.dispose();
		});

		it('a centre social in renewal keeps counting, apart, until the end of the grace period', async () => {
			const during = await runCoverageAnalysis(t.db, { date: '2026-06-30' });
			const port = during.result.structures.find((s) => s.id === id.port)!;
			expect(port).toMatchObject({ status: 'renewal_pending', counted: true });
			expect(during.report.summary.structures.renewalPending).toBe(1);
			expect(during.inputs.structures.find((s) => s.id === id.port)!.foundingState).toBe('renouvellement_en_cours');
			expect(during.report.communes.find((c) => c.code === '00002')!.covered).toBe(true);
			const after = await runCoverageAnalysis(t.db, { date: '2027-05-01' });
			expect(after.result.structures.find((s) => s.id === id.port)).toMatchObject({ status: 'expired', counted: false });
			expect(after.report.communes.find((c) => c.code === '00002')!.category).toBe('depourvue');
		});

		it('a refusal removes it from the day after its decision', async () => {
			await t.db.updateTable('agrement').set({ decision: 'refuse', decision_date: '2026-07-15' }).where('id', '=', id.portRenewal).execute();
			try {
				expect((await runCoverageAnalysis(t.db, { date: '2026-07-15' })).result.structures.find((s) => s.id === id.port)!.counted).toBe(true);
				const next = await runCoverageAnalysis(t.db, { date: '2026-07-16' });
				expect(next.result.structures.find((s) => s.id === id.port)!.counted).toBe(false);
				expect(next.report.communes.find((c) => c.code === '00002')!.category).toBe('depourvue');
			} finally {
				await t.db.updateTable('agrement').set({ decision: 'en_instruction', decision_date: null }).where('id', '=', id.portRenewal).execute();
			}
		});

		it('the refused ACF: the 2026 PS is due for 120 days of 365, a full-year line is an écart', async () => {
			const { rows } = await fundingPs.psCheck(t.db, { year: 2026 });
			expect(rows.find((r) => r.structureId === id.tilleuls)).toMatchObject({ computed: 6691.07, status: 'ecart', coverage: { coveredDays: 120 } });
		});

		it('without the EVS, commune 1 is « à renforcer » (its QPV is 2.6 km from the Port centre social’s point, measured from the contour); the EVS inside the QPV serves it', async () => {
			const run = await runCoverageAnalysis(t.db, { date: '2026-06-30' });
			expect(run.report.communes.find((c) => c.code === '00001')!.category).toBe('couverte');
			const { evsManagerCheck } = await import('../../src/lib/server/pilotage/agrement-checks');
			const check = (await evsManagerCheck(t.db, id.evs, '2024-01-01'))!;
			expect(check).toMatchObject({ status: 'meme_gestionnaire', communes: ['00001'] });
			expect(check.shared.map((c) => c.name)).toEqual(['Centre social du Port']);
		});

		it('the EVS agrément assessment shows the shared manager as an écart to the rule', async () => {
			const detail = (await agrements.get(t.db, id.evsAgrement))!;
			const { items } = await agrementChecks(t.db, detail, '2026-06-30');
			const manager = items.find((i) => i.key === 'gestionnaire-evs')!;
			expect(manager.tone).toBe('ecart');
			expect(manager.text).toContain('même gestionnaire que Centre social du Port (Association du Port, SIREN 111111111)');
		});

		it('scenarios flag an EVS added in the territory « à renforcer » without a distinct manager; recommended EVS sites there name the centre social', async () => {
			const data = await scenarios.loadPlanningData(t.db, '2026-06-30');
			const withoutEvs = data.inputs.structures.filter((s) => s.id !== id.evs);
			const base = createScenarioBase(buildCoverageContext(data.inputs, data.options), withoutEvs);
			expect(base.current.result.communes[0]).toMatchObject({ code: '00001', category: 'a_renforcer', reinforcedCsIds: [id.port] });
			const add = (extra: Partial<Extract<ScenarioChange, { kind: 'add' }>>): ScenarioChange[] => [
				{ kind: 'add', key: 'n1', type: 'EVS', name: 'EVS proposé', lon: -1.03, lat: 45, communeCode: '00001', zoneCommunes: null, ...extra }
			];
			const flags = (changes: ScenarioChange[]) => scenarioManagerFlags(base, changes, withoutEvs).map((f) => f.check.status);
			expect(flags(add({}))).toEqual(['gestionnaire_a_preciser']);
			expect(flags(add({ managerName: 'Association du Port', managerSiren: '111111111' }))).toEqual(['meme_gestionnaire']);
			expect(flags(add({ managerName: 'Association Vivre ensemble', managerSiren: '333333333' }))).toEqual(['distinct']);
			expect(flags([{ ...add({})[0], communeCode: '00004', lon: -0.7 } as ScenarioChange])).toEqual([]);
			// A site in commune 1 that would cover commune 7: an EVS there must not be run by the Port's manager.
			const rec = recommendSites(base, base.current, { type: 'EVS', k: 1, candidates: [{ code: 'S1', name: 'Site nord', lon: -1.03, lat: 45.06, communeCode: '00001' }] });
			expect(rec.sites[0]).toMatchObject({ communes: ['00007'], reinforcedCsIds: [id.port] });
			const { explainSite } = await import('../../src/lib/planning');
			const centre = { id: id.port, name: 'Centre social du Port', manager: { name: 'Association du Port', siren: '111111111' } };
			expect(explainSite(rec.sites[0], 'EVS', (x) => (x === id.port ? centre : undefined)).at(-1)).toBe(
				'Territoire à renforcer : gestionnaire à préciser — il devra être distinct de celui du centre social (Centre social du Port (Association du Port, SIREN 111111111)).'
			);
		});
	});
}
