/**
 * Agrément follow-up on both dialects: dated reference data of the migration, the assessment save
 * (criteria are part of the agrément: one version bump, optimistic locking, audit), documents
 * stored in the database, the agréments CSV import (all or nothing, French messages, idempotent),
 * and the decision log and snapshots of the committee.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects, type TestDb } from '../helpers/db';
import { insertFixture, TODAY, type FixtureIds } from './repositories-fixture';
import * as agrements from '../../src/lib/server/db/agrements';
import * as documents from '../../src/lib/server/db/documents';
import * as committee from '../../src/lib/server/db/committee';
import { ConflictError } from '../../src/lib/server/db/changes';
import { runImport } from '../../src/lib/server/import/run-import';
import { formatIssue } from '../../src/lib/io/messages-fr';
import { detectDocumentType } from '../../src/lib/pilotage/document-type';
import { checkDuration } from '../../src/lib/pilotage/agrement-rules';
import { renewalsDue } from '../../src/lib/pilotage/renewals';
import type { AuditActor } from '../../src/lib/server/db/audit';
import { backupLines, restoreFromLines } from '../../src/lib/server/backup';
import type { CommitteeFigures } from '../../src/lib/pilotage/committee-figures';
import type { CommitteeSnapshotPayload } from '../../src/lib/pilotage/committee-snapshot';

const actor: AuditActor = { userId: null, label: 'agent@test.invalid' };
const HEADER = 'id_structure;type_agrement;debut;fin;premier;decision;date_decision';
const csv = (...lines: string[]) => new TextEncoder().encode(`\ufeff${[HEADER, ...lines].join('\r\n')}\r\n`);

for (const dialect of testDialects()) {
	describe(`agrément follow-up on ${dialect.kind}`, () => {
		let t: TestDb;
		let ids: FixtureIds;
		let agcA: number;

		beforeAll(async () => {
			t = await dialect.open();
			ids = await insertFixture(t.db);
			await t.db.updateTable('structure').set({ external_id: 'CS-A', siret: '73282932000074' }).where('id', '=', ids.structures.A).execute();
			await t.db.updateTable('structure').set({ external_id: 'EVS-C' }).where('id', '=', ids.structures.C).execute();
			await t.db.insertInto('app_meta').values({ key: 'dataset', value: 'real' }).onConflict((oc) => oc.column('key').doUpdateSet({ value: 'real' })).execute();
			agcA = (await t.db
				.selectFrom('agrement')
				.select('id')
				.where('structure_id', '=', ids.structures.A)
				.where('kind', '=', 'animation_globale')
				.where('start_date', '=', '2022-06-01')
				.executeTakeFirstOrThrow()).id;
		});
		afterAll(() => t?.dispose());

		it('reads the dated rules, criteria lists and vacancy thresholds seeded by the migrations', async () => {
			const rules = await agrements.durationRules(t.db);
			expect(rules.map((r) => [r.kind, r.months])).toEqual(
				expect.arrayContaining([['premier', 12], ['renouvellement', 48], ['evs_min', 12], ['evs_max', 48], ['premier', null], ['renouvellement', null]])
			);
			const lists = await agrements.criteriaLists(t.db, TODAY);
			expect(lists.projet_social).toHaveLength(8);
			expect(lists.projet_familles).toHaveLength(4);
			expect(await agrements.vacancyThresholds(t.db, TODAY)).toEqual({ alertMonths: 3, criticalMonths: 6 });
			const list = await agrements.list(t.db);
			const agc = list.find((a) => a.id === agcA)!;
			expect(checkDuration(agc, rules)).toMatchObject({ status: 'conforme', length: { months: 48, days: 0 } });
			expect(renewalsDue(list.filter((a) => a.structureClosedOn === null), TODAY, 6).map((r) => r.agrement.structureName).sort()).toEqual(['Centre A', 'Centre A', 'Centre E']);
		});

		it('saveAssessment(db, actor, id, version, form) saves decision and criteria with one version bump, then refuses a stale version', async () => {
			const before = (await agrements.get(t.db, agcA))!;
			expect(before.version).toBe(1);
			const criteria = Array.from({ length: 8 }, (_, i) => ({
				framework: 'projet_social' as const,
				criterion: i + 1,
				status: i === 2 ? ('insuffisant' as const) : ('satisfait' as const),
				comment: i === 2 ? 'Axes sans lien avec le diagnostic' : null
			}));
			await agrements.saveAssessment(t.db, actor, agcA, 1, {
				decision: 'accorde',
				decisionDate: '2022-05-12',
				durationException: null,
				comment: 'Renouvellement',
				criteria
			});
			const after = (await agrements.get(t.db, agcA))!;
			expect(after).toMatchObject({ version: 2, decisionDate: '2022-05-12', comment: 'Renouvellement' });
			expect(after.criteria).toHaveLength(8);
			expect(after.criteria.find((c) => c.criterion === 3)).toEqual({ framework: 'projet_social', criterion: 3, status: 'insuffisant', comment: 'Axes sans lien avec le diagnostic' });
			expect((await agrements.weakCriteria(t.db)).map((w) => [w.agrementId, w.criterion])).toEqual([[agcA, 3]]);

			await expect(
				agrements.saveAssessment(t.db, actor, agcA, 1, { decision: 'refuse', decisionDate: '2022-05-12', durationException: null, comment: null, criteria: [] })
			).rejects.toBeInstanceOf(ConflictError);
			expect((await agrements.get(t.db, agcA))!).toMatchObject({ version: 2, decision: 'accorde' });

			const audit = await t.db.selectFrom('audit_log').select(['action', 'entity', 'entity_id']).where('entity_id', '=', String(agcA)).orderBy('id').execute();
			expect(audit.map((a) => a.entity)).toEqual(['agrement', 'agrement_criterion']);
		});

		it('stores a document in the database, returns its exact bytes and deletes it, all audited', async () => {
			const bytes = new TextEncoder().encode('%PDF-1.4\n% projet social\n' + 'x'.repeat(5000));
			const detected = detectDocumentType('Projet social.pdf', bytes, documents.maxDocumentBytes());
			if (!detected.ok) throw new Error(detected.message);
			const info = await documents.add(t.db, actor, { agrementId: agcA, kind: 'projet_social', title: 'Projet social 2022-2026', fileName: 'Projet social.pdf', type: detected.type, bytes });
			expect(info).toMatchObject({ agrementId: agcA, sizeBytes: bytes.length, mediaType: 'application/pdf', uploadedBy: 'agent@test.invalid' });
			expect(info.sha256).toMatch(/^[0-9a-f]{64}$/);
			expect((await documents.list(t.db, agcA)).map((d) => d.id)).toEqual([info.id]);
			expect((await documents.countByAgrement(t.db)).get(agcA)).toBe(1);
			const stored = await documents.getWithContent(t.db, agcA, info.id);
			expect(stored && Buffer.from(stored.content).equals(Buffer.from(bytes))).toBe(true);
			expect(await documents.getWithContent(t.db, agcA + 999, info.id)).toBeNull();
			expect(await documents.remove(t.db, actor, agcA, info.id)).toBe(true);
			expect(await documents.remove(t.db, actor, agcA, info.id)).toBe(false);
			const audit = await t.db.selectFrom('audit_log').select(['action', 'after']).where('entity', '=', 'agrement_document').orderBy('id').execute();
			expect(audit.map((a) => a.action)).toEqual(['create', 'delete']);
			expect(JSON.stringify(audit[0].after)).not.toContain('projet social\\n');
		});

		it('keeps documents (bytes) and snapshots through a backup and a restore', async () => {
			const bytes = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x00, 0xff, 0x10, 0x80, 0x5c, 0x78]);
			const detected = detectDocumentType('binaire.pdf', bytes, 1000);
			if (!detected.ok) throw new Error(detected.message);
			const info = await documents.add(t.db, actor, { agrementId: agcA, kind: 'convention', title: 'Binaire', fileName: 'binaire.pdf', type: detected.type, bytes });
			const snapshot = await committee.createSnapshot(t.db, actor, { takenOn: '2026-01-05', body: 'comite_technique', title: 'Sauvegardé', payload: { version: 3, asOf: '2026-01-05', audiences: {} } as CommitteeSnapshotPayload });
			const lines: string[] = [];
			for await (const line of backupLines(t.db, t.schema, new Date())) lines.push(line);
			expect(lines.some((l) => l.includes('"agrement_document"'))).toBe(true);
			await documents.remove(t.db, actor, agcA, info.id);
			await restoreFromLines(t.db, t.schema, (async function* () {
				yield* lines;
			})());
			const restored = await documents.getWithContent(t.db, agcA, info.id);
			expect(restored && [...restored.content]).toEqual([...bytes]);
			expect((await committee.getSnapshot(t.db, snapshot))?.title).toBe('Sauvegardé');
			await documents.remove(t.db, actor, agcA, info.id);
		});

		it('imports agréments from CSV by structure id or SIRET, then reports an identical file unchanged', async () => {
			const count = async () => Number((await t.db.selectFrom('agrement').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
			const n0 = await count();
			const file = csv('CS-A;AGC;01/06/2026;31/05/2030;non;en instruction;', '732 829 320 00074;ACF;2026-06-01;2030-05-31;non;en instruction;', 'EVS-C;AL;2025-01-01;2028-12-31;oui;accordé;2024-11-20');
			const report = await runImport(t.db, { kind: 'agrements', fileName: 'agrements.csv', bytes: file, actor: 'cli:test' });
			expect(report.status).toBe('accepted');
			expect(report.counts).toMatchObject({ read: 3, inserted: 2, updated: 1, unchanged: 0 });
			expect(await count()).toBe(n0 + 2);
			const evs = await t.db.selectFrom('agrement').select(['decision_date', 'version']).where('structure_id', '=', ids.structures.C).executeTakeFirstOrThrow();
			expect(evs).toEqual({ decision_date: '2024-11-20', version: 2 });
			const again = await runImport(t.db, { kind: 'agrements', fileName: 'agrements.csv', bytes: file, actor: 'cli:test' });
			expect(again.counts).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
		});

		it('refuses the whole file when one row names an unknown structure or a kind its structure cannot hold', async () => {
			const count = async () => Number((await t.db.selectFrom('agrement').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
			const n0 = await count();
			const report = await runImport(t.db, {
				kind: 'agrements',
				fileName: 'faux.csv',
				bytes: csv('CS-A;AGC;2030-06-01;2034-05-31;non;accordé;2030-05-01', 'CS-INCONNU;AGC;2026-01-01;2029-12-31;non;accordé;2025-12-01', 'EVS-C;AGC;2029-01-01;2032-12-31;non;accordé;2028-12-01'),
				actor: 'cli:test'
			});
			expect(report.status).toBe('rejected');
			expect(await count()).toBe(n0);
			expect(report.issues.map(formatIssue)).toEqual([
				'Ligne 3, colonne id_structure : aucune structure enregistrée n’a l’identifiant ou le SIRET « CS-INCONNU » : importez d’abord les structures.',
				'Ligne 4, colonne id_structure : un espace de vie sociale (Espace C) ne peut pas recevoir l’agrément « animation_globale » : AL (animation locale) attendu.'
			]);
			const log = await t.db.selectFrom('import_log').select(['status', 'kind']).orderBy('id', 'desc').executeTakeFirstOrThrow();
			expect(log).toEqual({ status: 'rejected', kind: 'agrements' });
		});

		it('records decisions and finds them by structure and by commune', async () => {
			const id = await committee.createDecision(t.db, actor, {
				decidedOn: '2026-02-10',
				body: 'comite_pilotage',
				decision: 'Maintien de la prestation pendant la vacance de direction',
				communeCodes: ['00001', '00002'],
				structureIds: [ids.structures.A]
			});
			await committee.createDecision(t.db, actor, { decidedOn: '2026-03-01', body: 'comite_technique', decision: 'Autre', communeCodes: ['00002'], structureIds: [ids.structures.C] });
			expect((await committee.decisionsForStructure(t.db, ids.structures.A)).map((d) => d.id)).toEqual([id]);
			expect(await committee.decisionsForStructure(t.db, ids.structures.B)).toEqual([]);
			const byCommune = await committee.decisionsByCommune(t.db);
			expect(byCommune.get('00001')?.map((d) => d.id)).toEqual([id]);
			expect(byCommune.get('00002')?.map((d) => d.decidedOn)).toEqual(['2026-03-01', '2026-02-10']);
			const audit = await t.db.selectFrom('audit_log').select('action').where('entity', '=', 'committee_decision').execute();
			expect(audit).toHaveLength(2);
		});

		it('stores a snapshot of figures and gives them back identical', async () => {
			const caf = { version: 3, audience: 'caf', asOf: TODAY, territoryName: 'Test', coverage: { shareCovered: 0.5, communeCategories: { '00001': 'couverte' } } } as unknown as CommitteeFigures;
			const payload: CommitteeSnapshotPayload = { version: 3, asOf: TODAY, audiences: { caf } };
			const id = await committee.createSnapshot(t.db, actor, { takenOn: '2026-03-10', body: 'comite_pilotage', title: 'Copil de mars', payload });
			const list = await committee.listSnapshots(t.db);
			expect(list.map((s) => [s.id, s.title, s.takenOn, s.createdBy])[0]).toEqual([id, 'Copil de mars', '2026-03-10', 'agent@test.invalid']);
			expect(list.map((s) => s.takenOn)).toEqual(['2026-03-10', '2026-01-05']);
			expect((await committee.getSnapshot(t.db, id))?.payload).toEqual(payload);
			expect(await committee.getSnapshot(t.db, id + 1)).toBeNull();
		});
	});
}
