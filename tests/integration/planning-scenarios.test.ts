/**
 * Scenarios in the database, on every dialect: create, list, get, update with optimistic locking,
 * duplicate, delete, all audited; validation in French; the real structures never touched; and the
 * planning data loaded for the demo département evaluates a stored scenario.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCoverageContext } from '../../src/lib/analysis';
import { addSites, createScenarioBase, evaluateScenario, recommendSites, scenarioDelta } from '../../src/lib/planning';
import type { AuditActor } from '../../src/lib/server/db/audit';
import { ConflictError } from '../../src/lib/server/db/changes';
import * as scenarios from '../../src/lib/server/db/scenarios';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { RejectedDataError } from '../../src/lib/server/errors';
import { testDialects, type TestDb } from '../helpers/db';

const REFERENCE_DATE = '2026-06-30';

for (const dialect of testDialects()) {
	describe(`scenarios repository on ${dialect.kind}`, () => {
		let t: TestDb;
		let agent: AuditActor;
		let other: AuditActor;
		beforeAll(async () => {
			t = await dialect.open();
			await seedDemo(t.db, { referenceDate: REFERENCE_DATE });
			const users = await t.db.selectFrom('app_user').select(['id', 'email']).where('role', 'in', ['agent', 'admin']).orderBy('id').execute();
			agent = { userId: users[0].id, label: users[0].email };
			other = { userId: users[1].id, label: users[1].email };
		}, 60_000);
		afterAll(() => t?.dispose());

		it('create, get and list keep the name, changes, author and dates', async () => {
			const created = await scenarios.create(t.db, agent, {
				name: '  Deux EVS au nord ',
				description: 'Pour le comité de pilotage',
				changes: [
					{ kind: 'add', key: 'n1', type: 'EVS', name: 'EVS envisagé', lon: -5.5, lat: 45.9, communeCode: '00012', zoneCommunes: null },
					{ kind: 'close', structureId: 3 }
				]
			});
			expect(created).toMatchObject({ name: 'Deux EVS au nord', description: 'Pour le comité de pilotage', changeCount: 2, version: 1, authorUserId: agent.userId, authorLabel: agent.label });
			expect(created.changes[1]).toEqual({ kind: 'close', structureId: '3' });
			expect(Date.parse(created.createdAt)).toBeGreaterThan(Date.parse('2026-01-01'));
			const read = await scenarios.get(t.db, created.id);
			expect(read).toEqual(created);
			const listed = await scenarios.list(t.db);
			expect(listed.find((s) => s.id === created.id)).toMatchObject({ name: 'Deux EVS au nord', changeCount: 2 });
			expect(listed[0]).not.toHaveProperty('changes');
			const audit = await t.db.selectFrom('audit_log').selectAll().where('entity', '=', 'scenario').where('entity_id', '=', String(created.id)).execute();
			expect(audit.map((a) => [a.action, a.actor])).toEqual([['create', agent.label]]);
		});

		it('update with the version read succeeds once; a second update on the old version is a conflict, nothing overwritten', async () => {
			const s = await scenarios.create(t.db, agent, { name: 'Base', changes: [] });
			const first = await scenarios.update(t.db, other, s.id, s.version, { name: 'Renommé', changes: [{ kind: 'retype', structureId: '5', type: 'CS' }] });
			expect(first).toMatchObject({ version: 2, name: 'Renommé', changeCount: 1, authorLabel: agent.label });
			const stale = await scenarios.update(t.db, agent, s.id, s.version, { name: 'Écrasement', changes: [] }).catch((e) => e);
			expect(stale).toBeInstanceOf(ConflictError);
			expect(stale.message).toMatch(/modifié entre-temps/);
			expect((await scenarios.get(t.db, s.id))!.name).toBe('Renommé');
			// Concurrent saves of one version: exactly one wins.
			const results = await Promise.allSettled(
				Array.from({ length: 6 }, (_, i) => t.db.transaction().execute((trx) => scenarios.update(trx, agent, s.id, 2, { name: `Essai ${i}`, changes: [] })))
			);
			expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
			expect(results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason instanceof ConflictError)).toBe(true);
			expect((await scenarios.get(t.db, s.id))!.version).toBe(3);
		});

		it('invalid submissions are refused with a French message, nothing stored', async () => {
			const before = (await scenarios.list(t.db)).length;
			await expect(scenarios.create(t.db, agent, { name: '   ', changes: [] })).rejects.toThrow('Donnez un nom au scénario.');
			const bad = await scenarios.create(t.db, agent, { name: 'X', changes: [{ kind: 'add', key: 'n1', type: 'MJC', name: 'x', lon: 0, lat: 0 }] }).catch((e) => e);
			expect(bad).toBeInstanceOf(RejectedDataError);
			expect(bad.message).toBe('Modification n° 1 : type de structure inconnu « MJC » : CS ou EVS attendu.');
			expect((await scenarios.list(t.db)).length).toBe(before);
		});

		it('duplicate copies the changes under a new author; remove needs the current version', async () => {
			const s = await scenarios.create(t.db, agent, { name: 'Original', changes: [{ kind: 'close', structureId: '2' }] });
			const copy = (await scenarios.duplicate(t.db, other, s.id))!;
			expect(copy).toMatchObject({ name: 'Copie de Original', changeCount: 1, authorLabel: other.label, version: 1 });
			expect(copy.id).not.toBe(s.id);
			expect(await scenarios.duplicate(t.db, other, 999_999)).toBeNull();
			await expect(scenarios.remove(t.db, agent, s.id, 7)).rejects.toBeInstanceOf(ConflictError);
			await scenarios.remove(t.db, agent, s.id, 1);
			expect(await scenarios.get(t.db, s.id)).toBeNull();
			expect(await scenarios.get(t.db, copy.id)).not.toBeNull();
			const audit = await t.db.selectFrom('audit_log').select('action').where('entity', '=', 'scenario').where('entity_id', '=', String(s.id)).orderBy('id').execute();
			expect(audit.map((a) => a.action)).toEqual(['create', 'delete']);
			expect((await scenarios.getMany(t.db, [copy.id, s.id])).map((x) => x.id)).toEqual([copy.id]);
		});

		it('a stored scenario is evaluated over the loaded planning data without touching the real structures', async () => {
			const data = await scenarios.loadPlanningData(t.db, REFERENCE_DATE);
			expect(data.inputs.communes.length).toBe(300);
			const structuresBefore = await t.db.selectFrom('structure').selectAll().orderBy('id').execute();
			const context = buildCoverageContext(data.inputs, data.options);
			const base = createScenarioBase(context, data.inputs.structures);
			const rec = recommendSites(base, base.current, { type: 'EVS', k: 2 });
			const stored = await scenarios.create(t.db, agent, { name: 'Sites proposés', changes: addSites([], 'EVS', rec.sites) });
			const reread = (await scenarios.get(t.db, stored.id))!;
			const scenario = evaluateScenario(base, reread.changes);
			const delta = scenarioDelta(base.current, scenario, base.families);
			expect(delta.figures.coveredPopulation).toBe(rec.totals.newlyCoveredPopulation);
			expect(delta.newlyCovered.codes.length).toBe(rec.totals.newlyCoveredCommunes);
			expect(scenario.outcomes.every((o) => o.applied)).toBe(true);
			const structuresAfter = await t.db.selectFrom('structure').selectAll().orderBy('id').execute();
			expect(structuresAfter).toEqual(structuresBefore);
		});
	});
}
