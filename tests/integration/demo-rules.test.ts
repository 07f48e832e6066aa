/**
 * Issue 13 §1.8: the demo département must not contradict the circular. Runs the app's own rule
 * checks on the seeded demo — every agrément's checks (duration, staff, volet familles, EVS
 * management mode, distinct manager), the PS check of every funded year and the observatory
 * consistency checks — and finds no departure that is not one of the demo's deliberate, labelled
 * cases (`demo.anomalies`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects, type TestDb } from '../helpers/db';
import { seedDemo } from '../../src/lib/server/demo/seed';
import * as fundingPs from '../../src/lib/server/db/funding-ps';
import * as agrements from '../../src/lib/server/db/agrements';
import { agrementChecks } from '../../src/lib/server/pilotage/agrement-checks';
import { loadObservatoryInput } from '../../src/lib/server/db/observatory';
import { buildObservatoryRecords } from '../../src/lib/observatory/record';
import { checkObservatoryRecords } from '../../src/lib/observatory/checks';
import { thresholdsInYear } from '../../src/lib/observatory/lists';
import { generateDemoDepartement } from '../../src/lib/demo/index';
import { COMMUNAL_EVS_DEROGATION } from '../../src/lib/demo/agrements';

const REFERENCE_DATE = '2026-06-30';
const demo = generateDemoDepartement({ referenceDate: REFERENCE_DATE });
const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

for (const dialect of testDialects()) {
	describe(`the demo against the app's own rule checks, on ${dialect.kind}`, () => {
		let t: TestDb;
		let externalId: Map<number, string>;
		beforeAll(async () => {
			t = await dialect.open();
			await seedDemo(t.db, { referenceDate: REFERENCE_DATE });
			externalId = new Map((await t.db.selectFrom('structure').select(['id', 'external_id']).execute()).map((s) => [s.id, s.external_id!]));
		}, 60_000);
		afterAll(() => t?.dispose());

		it('every agrément check is met, except the labelled deviations (refused ACF staff, commune-run EVS by derogation)', async () => {
			const found: string[] = [];
			const pending: string[] = [];
			for (const a of await agrements.list(t.db)) {
				const detail = (await agrements.get(t.db, a.id))!;
				const { items } = await agrementChecks(t.db, detail, REFERENCE_DATE);
				const id = externalId.get(a.structureId);
				for (const i of items) {
					if (i.tone === 'ecart') found.push(`${id}/${a.kind}/${i.key}`);
					if (i.tone === 'a_completer' && detail.startDate < '2027-01-01') pending.push(`${id}/${a.kind}/${i.key}`);
				}
				// The distinct-manager rule is checked on every EVS, and never fails on the demo.
				if (a.kind === 'animation_locale') expect(items.map((i) => i.key)).toEqual(expect.arrayContaining(['mode-gestion-evs', 'gestionnaire-evs']));
			}
			const labelled = demo.anomalies.ruleDeviations.map((d) => `${d.structureId}/${d.agrementKind}/${d.check}`);
			expect(labelled.length).toBeGreaterThanOrEqual(2);
			expect(sorted(found)).toEqual(sorted(labelled));
			// Under the 2012 regime every rule has its figure.
			expect(pending).toEqual([]);
		}, 120_000);

		it('commune-run EVS carry their derogation in the agrément; no EVS shares the manager of a CS run by a public body', async () => {
			const structures = await t.db.selectFrom('structure').select(['id', 'type', 'management_mode', 'manager_siren']).execute();
			const publicCsManagers = new Set(structures.filter((s) => s.type === 'CS' && s.management_mode !== 'association').map((s) => s.manager_siren));
			const evs = structures.filter((s) => s.type === 'EVS');
			expect(evs.filter((s) => publicCsManagers.has(s.manager_siren))).toEqual([]);
			const communal = evs.filter((s) => s.management_mode !== 'association').map((s) => s.id);
			const comments = await t.db.selectFrom('agrement').select(['structure_id', 'comment']).where('structure_id', 'in', communal).execute();
			expect(comments.length).toBeGreaterThan(0);
			for (const c of comments) expect(c.comment).toContain(COMMUNAL_EVS_DEROGATION);
		});

		it('the PS check finds only the two labelled mismatches over the funded years', async () => {
			const found: string[] = [];
			for (const year of new Set(demo.fundingLines.map((l) => l.year))) {
				const { rows } = await fundingPs.psCheck(t.db, { year });
				for (const r of rows.filter((r) => r.status !== 'conforme')) found.push(`${externalId.get(r.structureId)}/${r.instrumentCode}/${year}/${r.status}`);
			}
			expect(sorted(found)).toEqual(sorted(demo.anomalies.psMismatches.map((m) => `${m.structureId}/${m.instrumentCode}/${m.year}/ecart`)));
		});

		it('the observatory checks raise no error but the labelled anomaly, and the staff warning only on the refused ACF', async () => {
			const { structures, context } = await loadObservatoryInput(t.db);
			const ids = new Map(structures.map((s) => [s.name, s.externalId]));
			const errors: string[] = [];
			const staff: string[] = [];
			for (const year of [2023, 2024, 2025]) {
				const records = buildObservatoryRecords(structures, context, year);
				for (const i of checkObservatoryRecords(records, thresholdsInYear(context.parameters, year))) {
					if (i.severity === 'erreur') errors.push(`${year}/${i.code}`);
					if (i.code.startsWith('exigence-')) staff.push(`${ids.get(i.message.split(' : ')[0])}/${i.code}`);
				}
			}
			expect(errors).toEqual(['2025/tranches-age-superieures']);
			const refused = demo.anomalies.ruleDeviations.filter((d) => d.check === 'poste-referent_familles').map((d) => `${d.structureId}/exigence-referent`);
			expect(sorted(staff)).toEqual(sorted(refused));
		});
	});
}
