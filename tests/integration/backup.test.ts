import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testDialects, type TestDb } from '../helpers/db';
import { backupLines, restoreFromLines } from '../../src/lib/server/backup';
import { resetSchema, migrate } from '../../src/lib/server/db/migrate';
import { createRow } from '../../src/lib/server/db/changes';
import { CLI_ACTOR } from '../../src/lib/server/db/audit';

async function collect(iterable: AsyncIterable<string>): Promise<string[]> {
	const out: string[] = [];
	for await (const line of iterable) out.push(line);
	return out;
}

async function* from(lines: string[]): AsyncGenerator<string> {
	yield* lines;
}

const now = new Date('2026-05-04T10:00:00Z');

for (const dialect of testDialects()) {
	describe(`backup and restore on ${dialect.kind}`, () => {
		let t: TestDb;
		beforeAll(async () => {
			t = await dialect.open();
			const partner = await createRow(t.db, CLI_ACTOR, 'partner', { code: 'CAF', name: 'CAF « test »', kind: 'caf' });
			const instrument = await createRow(t.db, CLI_ACTOR, 'funding_instrument', { code: 'PS_AGC', label: 'PS AGC', family: 'prestation_service' });
			await t.db
				.insertInto('commune')
				.values({
					code: '2A004',
					name: 'Ajaccio',
					departement_code: '2A',
					population: 70_000,
					ref_lon: 8.7369,
					ref_lat: 41.9267,
					geometry: JSON.stringify({ type: 'Polygon', coordinates: [[[8.7, 41.9], [8.8, 41.9], [8.8, 42], [8.7, 41.9]]] })
				})
				.execute();
			const structure = await createRow(t.db, CLI_ACTOR, 'structure', {
				name: 'Centre social — l’Olivier',
				type: 'CS',
				commune_code: '2A004',
				lon: 8.73691234567,
				lat: 41.92671234567,
				specificities: ['itinerant']
			});
			await t.db
				.insertInto('funding_line')
				.values({ structure_id: Number(structure.id), partner_id: Number(partner.id), instrument_id: Number(instrument.id), year: 2025, amount: 123456.78, status: 'verse' })
				.execute();
			await t.db.insertInto('agrement').values({ structure_id: Number(structure.id), kind: 'animation_globale', start_date: '2024-01-01', end_date: '2027-12-31' }).execute();
			// A timestamp with microseconds must survive.
			await sql`update audit_log set at = '2026-01-02 03:04:05.123456+00'`.execute(t.db);
			const user = await t.db.insertInto('app_user').values({ email: 'a@b.fr', display_name: 'A', role: 'admin', password_hash: 'x' }).returning('id').executeTakeFirstOrThrow();
			await t.db.insertInto('user_session').values({ id: 'tok', user_id: user.id, expires_at: now }).execute();
		});
		afterAll(() => t?.dispose());

		it('backup → reset → restore → backup gives identical output, keeps ids and sequences, adds no audit row', async () => {
			const first = await collect(backupLines(t.db, t.schema, now));
			const auditBefore = await t.db.selectFrom('audit_log').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
			await resetSchema(t.db, t.schema);
			await migrate(t.db, t.schema);
			const summary = await restoreFromLines(t.db, t.schema, from(first));
			expect(summary.rows.structure).toBe(1);
			expect(summary.rows.user_session).toBeUndefined();
			const second = await collect(backupLines(t.db, t.schema, now));
			expect(second).toEqual(first);
			const auditAfter = await t.db.selectFrom('audit_log').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
			expect(Number(auditAfter.n)).toBe(Number(auditBefore.n));
			expect(first.join('\n')).toContain('2026-01-02T03:04:05.123456');
			// The next id continues after the restored ones.
			const next = await t.db.insertInto('partner').values({ code: 'CD', name: 'CD', kind: 'departement' }).returning('id').executeTakeFirstOrThrow();
			expect(next.id).toBeGreaterThan(1);
			const sessions = await t.db.selectFrom('user_session').selectAll().execute();
			expect(sessions).toEqual([]);
		});

		it('refuses a file that is not a backup, and a broken backup changes nothing', async () => {
			await expect(restoreFromLines(t.db, t.schema, from(['{"hello":1}']))).rejects.toThrow(/pas une sauvegarde/);
			const lines = await collect(backupLines(t.db, t.schema, now));
			const broken = [...lines.slice(0, 4), '{ not json', ...lines.slice(4)];
			const before = await collect(backupLines(t.db, t.schema, now));
			await expect(restoreFromLines(t.db, t.schema, from(broken))).rejects.toThrow(/illisible à la ligne 5/);
			expect(await collect(backupLines(t.db, t.schema, now))).toEqual(before);
		});
	});
}
