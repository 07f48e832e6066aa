/**
 * Issue 13 §1.2, §1.6 and the instrument part of §2, on both databases: the PS check is pro rata
 * of the agréments (an ACF refused from 1 May, an AGC in renewal with its grace period), each
 * year with its own rules (2012/2024 rates, the 2025 regime's pending rates from 2027); staff
 * requirements are dated rules checked against dated staff posts, on a day and over a year, in
 * the agrément checks and in the observatory's consistency checks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects, type TestDb } from '../helpers/db';
import * as fundingPs from '../../src/lib/server/db/funding-ps';
import * as staffPosts from '../../src/lib/server/db/staff-posts';
import * as agrements from '../../src/lib/server/db/agrements';
import { agrementChecks } from '../../src/lib/server/pilotage/agrement-checks';
import { loadObservatoryInput } from '../../src/lib/server/db/observatory';
import { buildObservatoryRecords } from '../../src/lib/observatory/record';
import { checkObservatoryRecords } from '../../src/lib/observatory/checks';
import { thresholdsInYear } from '../../src/lib/observatory/lists';
import { psCoverageText } from '../../src/lib/funding/ps-messages-fr';

for (const dialect of testDialects()) {
	describe(`dated staff rules and pro rata PS on ${dialect.kind}`, () => {
		let t: TestDb;
		const ids = { cs: 0, agc: 0, acf: 0, agcRenewal: 0, agcInstrument: 0, acfInstrument: 0, csInstrument: 0 };

		beforeAll(async () => {
			t = await dialect.open();
			const db = t.db;
			await db.insertInto('commune').values({ code: '00001', name: 'Ville', departement_code: '00', population: 20000, ref_lon: 2.35, ref_lat: 48.85 }).execute();
			ids.cs = (
				await db
					.insertInto('structure')
					.values({ name: 'Centre social des Tilleuls', type: 'CS', commune_code: '00001', lon: 2.35, lat: 48.85, siret: '73282932000074', projet_familles: true, management_mode: 'association', specificities: JSON.stringify([]) })
					.returning('id')
					.executeTakeFirstOrThrow()
			).id;
			const agrement = (kind: string, start: string, end: string, decision: string, decisionDate: string | null) =>
				db
					.insertInto('agrement')
					.values({ structure_id: ids.cs, kind: kind as 'animation_globale', start_date: start, end_date: end, decision: decision as 'accorde', decision_date: decisionDate })
					.returning('id')
					.executeTakeFirstOrThrow();
			ids.agc = (await agrement('animation_globale', '2022-05-01', '2026-04-30', 'accorde', '2022-03-10')).id;
			ids.agcRenewal = (await agrement('animation_globale', '2026-05-01', '2030-04-30', 'en_instruction', null)).id;
			ids.acf = (await agrement('animation_collective_familles', '2022-05-01', '2026-04-30', 'accorde', '2022-03-10')).id;
			await agrement('animation_collective_familles', '2026-05-01', '2030-04-30', 'refuse', '2026-04-15');
			const caf = (await db.insertInto('partner').values({ code: 'CAF', name: 'Caf', kind: 'caf' }).returning('id').executeTakeFirstOrThrow()).id;
			const instrument = async (code: string) =>
				(await db.insertInto('funding_instrument').values({ code, label: code, family: 'prestation_service', partner_kind: 'caf' }).returning('id').executeTakeFirstOrThrow()).id;
			ids.agcInstrument = await instrument('PS_AGC');
			ids.acfInstrument = await instrument('PS_ACF');
			ids.csInstrument = await instrument('PS_CS');
			// 2026: full-year lines, as a Caf would have keyed them before the refusal.
			const line = (instrumentId: number, year: number, amount: number, expense: number) =>
				Promise.all([
					db.insertInto('funding_line').values({ structure_id: ids.cs, partner_id: caf, instrument_id: instrumentId, year, amount, status: 'notifie' }).execute(),
					db.insertInto('eligible_expense').values({ structure_id: ids.cs, instrument_id: instrumentId, year, amount: expense }).execute()
				]);
			await line(ids.acfInstrument, 2026, 20352, 40000); // 0.636 × 32 000 for a whole year
			await line(ids.agcInstrument, 2026, 33920, 100000); // 0.424 × 80 000 for a whole year
			await line(ids.agcInstrument, 2027, 33920, 100000);
			await line(ids.csInstrument, 2027, 50000, 140000);
			await db
				.insertInto('reference_parameter')
				.values([
					{ key: 'ps_ceiling.animation_collective_familles', valid_from: '2026-01-01', valid_until: '2026-12-31', value: JSON.stringify(32000), regime: 'Prix plafond Cnaf 2026', unit: '€' },
					{ key: 'ps_ceiling.animation_globale', valid_from: '2026-01-01', valid_until: '2026-12-31', value: JSON.stringify(80000), regime: 'Prix plafond Cnaf 2026', unit: '€' }
				])
				.execute();
			// A level-5 director replaced by a level-6 one on 1 September 2026; a half-time level-5 référent familles.
			await db
				.insertInto('staff_post')
				.values([
					{ structure_id: ids.cs, kind: 'directeur', etp: 1, qualification_level: 5, start_date: '2019-01-01', end_date: '2026-08-31', holder: 'A. Martin' },
					{ structure_id: ids.cs, kind: 'directeur', etp: 1, qualification_level: 6, start_date: '2026-09-01', end_date: null, holder: 'B. Durand' },
					{ structure_id: ids.cs, kind: 'referent_familles', etp: 0.5, qualification_level: 5, start_date: '2020-01-01', end_date: null, holder: null }
				])
				.execute();
		});
		afterAll(async () => {
			await t?.dispose();
		});

		it('the ACF PS of 2026 is due for 120 days of 365: a full-year line is an écart naming the agrément and the refusal', async () => {
			const { rows } = await fundingPs.psCheck(t.db, { year: 2026 });
			const acf = rows.find((r) => r.instrumentCode === 'PS_ACF')!;
			expect(acf.coverage).toMatchObject({ coveredDays: 120, yearDays: 365 });
			expect(acf.fullYear).toBe(20352);
			expect(acf.computed).toBe(6691.07);
			expect(acf.status).toBe('ecart');
			const text = psCoverageText(acf);
			expect(text).toContain('agrément ACF du 01/05/2022 au 30/04/2026');
			expect(text).toContain('agrément ACF refusé le 15/04/2026 à compter du 01/05/2026');
		});

		it('the AGC PS of 2026 is due for the whole year: the renewal is examined within the 12-month grace period', async () => {
			const { rows } = await fundingPs.psCheck(t.db, { year: 2026 });
			const agc = rows.find((r) => r.instrumentCode === 'PS_AGC')!;
			expect(agc.coverage).toMatchObject({ coveredDays: 365, graceDays: 245 });
			expect(agc).toMatchObject({ computed: 33920, status: 'conforme' });
			expect(psCoverageText(agc)).toContain('dont 245\u00a0jours d’agrément échu, renouvellement en instruction');
		});

		it('2027 uses the 2025 regime: the AGC and the merged PS centre social both exist, their rates « à compléter »', async () => {
			const { rows } = await fundingPs.psCheck(t.db, { year: 2027 });
			expect(rows.map((r) => [r.instrumentCode, r.kind, r.status, r.rate?.pending, r.rate?.regime])).toEqual([
				['PS_AGC', 'animation_globale', 'regle_a_completer', true, 'Circulaire Cnaf du 18 décembre 2025'],
				['PS_CS', 'centre_social', 'regle_a_completer', true, 'Circulaire Cnaf du 18 décembre 2025']
			]);
		});

		it('staff requirements read the holder of the day: the level-5 director fails criterion 8 until 31 August, the level-6 one meets it from 1 September', async () => {
			const on = async (date: string) => (await staffPosts.checksOn(t.db, ids.cs, date)).map((c) => [c.post, c.status, c.checked?.holder ?? null]);
			expect(await on('2026-04-30')).toEqual([
				['directeur', 'qualification_insuffisante', 'A. Martin'],
				['referent_familles', 'conforme', null]
			]);
			// From 1 May the ACF is refused: the référent familles requirement no longer applies.
			expect(await on('2026-08-31')).toEqual([['directeur', 'qualification_insuffisante', 'A. Martin']]);
			expect(await on('2026-09-01')).toEqual([['directeur', 'conforme', 'B. Durand']]);
			expect((await staffPosts.checksInYear(t.db, ids.cs, 2026)).filter((c) => c.post === 'directeur').map((c) => [c.checked?.holder, c.status])).toEqual([
				['A. Martin', 'qualification_insuffisante'],
				['B. Durand', 'conforme']
			]);
			expect((await staffPosts.checksOn(t.db, ids.cs, '2027-01-01')).map((c) => c.status)).toEqual(['regle_a_completer', 'regle_a_completer']);
		});

		it('the agrément assessment shows the staff, duration and cadre checks with their regimes', async () => {
			const detail = (await agrements.get(t.db, ids.agc))!;
			const { items, staffDay } = await agrementChecks(t.db, detail, '2026-03-15');
			expect(staffDay).toBe('2026-03-15');
			expect(items.map((i) => [i.key, i.tone])).toEqual([
				['cadre', 'info'],
				['duree', 'ok'],
				['poste-directeur', 'ecart']
			]);
			expect(items[0].text).toContain('Circulaire Cnaf n°2012-013');
			expect(items[2].text).toBe('Direction (depuis le 01/01/2019 jusqu’au 31/08/2026) : niveau 5 enregistré, niveau 6 au moins, temps plein (Circulaire Cnaf n°2012-013, critère 8 du projet social).');
		});

		it('the observatory export of 2025 uses the holders of 2025 and reports the director below the requirement', async () => {
			const { structures, context } = await loadObservatoryInput(t.db);
			const records = buildObservatoryRecords(structures, context, 2025);
			expect(records[0].record.directeur_qualification).toBe(5);
			const issues = checkObservatoryRecords(records, thresholdsInYear(context.parameters, 2025)).filter((i) => i.code === 'exigence-direction');
			expect(issues).toHaveLength(1);
			expect(issues[0].message).toContain('niveau 5 enregistré, niveau 6 au moins');
			const next = buildObservatoryRecords(structures, context, 2026);
			// 2026: the holder longest in post during the year (A. Martin, 243 days) is the record's director.
			expect(next[0].record.directeur_qualification).toBe(5);
			expect(checkObservatoryRecords(next, thresholdsInYear(context.parameters, 2026)).filter((i) => i.code === 'exigence-direction')).toHaveLength(1);
		});
	});
}
