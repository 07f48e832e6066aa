import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects, type TestDb } from '../helpers/db';
import { ConflictError, createRow, deleteRow, updateRow } from '../../src/lib/server/db/changes';
import type { AuditActor } from '../../src/lib/server/db/audit';

const actor: AuditActor = { userId: null, label: 'test' };

for (const dialect of testDialects()) {
	describe(`audited, optimistically locked changes on ${dialect.kind}`, () => {
		let t: TestDb;
		beforeAll(async () => {
			t = await dialect.open();
		});
		afterAll(() => t?.dispose());

		it('createRow / updateRow / deleteRow write the row and one audit entry each, with before and after', async () => {
			const partner = await createRow(t.db, actor, 'partner', { code: 'CAF', name: 'CAF', kind: 'caf' });
			const id = Number(partner.id);
			const updated = await updateRow(t.db, actor, 'partner', id, 1, { name: 'CAF de démonstration' });
			expect(updated.version).toBe(2);
			await deleteRow(t.db, actor, 'partner', id, 2);
			const audit = await t.db.selectFrom('audit_log').selectAll().where('entity', '=', 'partner').orderBy('id').execute();
			expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'delete']);
			expect((audit[1].before as { name: string }).name).toBe('CAF');
			expect((audit[1].after as { name: string }).name).toBe('CAF de démonstration');
			expect(audit.every((a) => a.entity_id === String(id) && a.actor === 'test')).toBe(true);
		});

		it('refuses an update based on a stale version with a French conflict message, writing nothing', async () => {
			const row = await createRow(t.db, actor, 'partner', { code: 'CD', name: 'Département', kind: 'departement' });
			const id = Number(row.id);
			await updateRow(t.db, actor, 'partner', id, 1, { name: 'Conseil départemental' });
			const error = await updateRow(t.db, actor, 'partner', id, 1, { name: 'Écrasement' }).catch((e) => e);
			expect(error).toBeInstanceOf(ConflictError);
			expect(error.message).toMatch(/modifié entre-temps/);
			expect(error.currentVersion).toBe(2);
			const current = await t.db.selectFrom('partner').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
			expect(current.name).toBe('Conseil départemental');
		});

		it('lets exactly one of 20 concurrent updates of one row win per version; the others conflict', async () => {
			const row = await createRow(t.db, actor, 'partner', { code: 'MSA', name: 'MSA', kind: 'msa' });
			const id = Number(row.id);
			const attempts = Array.from({ length: 20 }, (_, i) =>
				t.db
					.transaction()
					.execute((trx) => updateRow(trx, actor, 'partner', id, 1, { name: `MSA ${i}` }))
					.then(
						(after) => ({ ok: true as const, name: after.name as string }),
						(error) => ({ ok: false as const, conflict: error instanceof ConflictError })
					)
			);
			const results = await Promise.all(attempts);
			const winners = results.filter((r) => r.ok);
			expect(winners).toHaveLength(1);
			expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.conflict)).toBe(true);
			const current = await t.db.selectFrom('partner').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
			expect(current.version).toBe(2);
			expect(current.name).toBe(winners[0].ok && winners[0].name);
			const updates = await t.db
				.selectFrom('audit_log')
				.select('id')
				.where('entity', '=', 'partner')
				.where('entity_id', '=', String(id))
				.where('action', '=', 'update')
				.execute();
			expect(updates).toHaveLength(1);
		});
	});
}
