/**
 * The audit journal's reading side (issue 5): filters, paging, keyset iteration, the link from
 * an import entry to its import log, secrets kept out, and the CSV / JSON exports — on PGlite and,
 * with TEST_DATABASE_URL, on PostgreSQL.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../helpers/db';
import { suiteDatabase } from '../helpers/suite-db';
import * as audit from '../../src/lib/server/db/audit';
import * as users from '../../src/lib/server/db/users';
import { createRow, updateRow } from '../../src/lib/server/db/changes';
import { parseCsv } from '../../src/lib/io/csv';

const alice = { userId: null, label: 'alice@caf.fr' };
const bob = { userId: null, label: 'bob@caf.fr' };

/** Drains an async generator of text into one string. */
async function collect(pieces: AsyncGenerator<string>): Promise<string> {
	let text = '';
	for await (const piece of pieces) text += piece;
	return text;
}

for (const dialect of testDialects()) {
	describe(`audit journal on ${dialect.kind}`, () => {
		const t = suiteDatabase(dialect);
		let importLogId: number;

		beforeAll(async () => {
			// Entries at known instants (around midnight in Paris, winter time UTC+1).
			const rows: { at: string; actor: string; action: audit.AuditAction; entity: string; entity_id: string | null }[] = [
				{ at: '2026-03-01T10:00:00Z', actor: alice.label, action: 'create', entity: 'structure', entity_id: '1' },
				{ at: '2026-03-01T22:59:59Z', actor: alice.label, action: 'update', entity: 'structure', entity_id: '1' },
				// 00:30 on 2 March in Paris, still 1 March in UTC.
				{ at: '2026-03-01T23:30:00Z', actor: bob.label, action: 'update', entity: 'structure', entity_id: '2' },
				{ at: '2026-03-02T12:00:00Z', actor: bob.label, action: 'delete', entity: 'agrement', entity_id: '7' },
				{ at: '2026-03-03T09:00:00Z', actor: 'ligne de commande', action: 'create', entity: 'partner', entity_id: '3' }
			];
			for (const r of rows)
				await t.db
					.insertInto('audit_log')
					.values({ ...r, user_id: null, before: JSON.stringify({ name: 'avant' }), after: JSON.stringify({ name: 'après' }) })
					.execute();
			const log = await t.db
				.insertInto('import_log')
				.values({
					actor: alice.label,
					kind: 'structures',
					file_name: 'structures 2026.csv',
					file_hash: 'ab'.repeat(32),
					status: 'partial',
					counts: JSON.stringify({ read: 12, inserted: 9, updated: 1, unchanged: 0, skipped: 2 }),
					issues: JSON.stringify([{ severity: 'error', line: 4, column: 'siret', code: 'siret-invalid', params: { value: '123' } }])
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			importLogId = log.id;
			await t.db
				.insertInto('audit_log')
				.values({
					at: '2026-03-04T08:00:00Z',
					user_id: null,
					actor: alice.label,
					action: 'import',
					entity: 'structures',
					entity_id: null,
					before: null,
					after: JSON.stringify({ fileName: 'structures 2026.csv' }),
					import_log_id: importLogId
				})
				.execute();
		});

		it('list(db) gives every entry newest first, and count(db) their number', async () => {
			const all = await audit.list(t.db);
			expect(all.map((e) => e.at)).toEqual([
				'2026-03-04T08:00:00.000Z',
				'2026-03-03T09:00:00.000Z',
				'2026-03-02T12:00:00.000Z',
				'2026-03-01T23:30:00.000Z',
				'2026-03-01T22:59:59.000Z',
				'2026-03-01T10:00:00.000Z'
			]);
			expect(typeof all[0].id).toBe('number');
			expect(await audit.count(t.db)).toBe(6);
		});

		it('list(db, filters) filters by entity, entity id, action and actor, combined with AND', async () => {
			const ids = async (f: audit.AuditListOptions) => (await audit.list(t.db, f)).map((e) => `${e.action}:${e.entity}:${e.entityId}`);
			expect(await ids({ entity: 'structure' })).toEqual(['update:structure:2', 'update:structure:1', 'create:structure:1']);
			expect(await ids({ entity: 'structure', entityId: '1' })).toEqual(['update:structure:1', 'create:structure:1']);
			expect(await ids({ action: 'update' })).toEqual(['update:structure:2', 'update:structure:1']);
			expect(await ids({ actor: bob.label })).toEqual(['delete:agrement:7', 'update:structure:2']);
			expect(await ids({ actor: bob.label, action: 'update' })).toEqual(['update:structure:2']);
			expect(await ids({ entity: 'inconnu' })).toEqual([]);
			expect(await audit.count(t.db, { actor: alice.label })).toBe(3);
		});

		it('list(db, { from, to }) reads calendar days in Paris time, both ends included', async () => {
			const times = async (f: audit.AuditFilters) => (await audit.list(t.db, f)).map((e) => e.at.slice(0, 19));
			expect(await times({ from: '2026-03-01', to: '2026-03-01' })).toEqual(['2026-03-01T22:59:59', '2026-03-01T10:00:00']);
			expect(await times({ from: '2026-03-02', to: '2026-03-02' })).toEqual(['2026-03-02T12:00:00', '2026-03-01T23:30:00']);
			expect(await times({ from: '2026-03-03' })).toEqual(['2026-03-04T08:00:00', '2026-03-03T09:00:00']);
			expect(await audit.count(t.db, { to: '2026-03-02' })).toBe(4);
			// Malformed dates are ignored rather than failing the query.
			expect(await audit.count(t.db, { from: '2026-02-30', to: 'demain' })).toBe(6);
		});

		it('list(db, { limit, offset }) pages through the entries without gaps or repeats', async () => {
			const pages = [];
			for (let offset = 0; offset < 6; offset += 4) pages.push(...(await audit.list(t.db, { limit: 4, offset })));
			expect(pages.map((e) => e.id)).toEqual((await audit.list(t.db)).map((e) => e.id));
		});

		it('iterate(db, filters, batchSize) yields every matching entry once, in batches, newest first', async () => {
			const batches: number[][] = [];
			for await (const batch of audit.iterate(t.db, { entity: 'structure' }, 2)) batches.push(batch.map((e) => e.id));
			const expected = (await audit.list(t.db, { entity: 'structure' })).map((e) => e.id);
			expect(batches.map((b) => b.length)).toEqual([2, 1]);
			expect(batches.flat()).toEqual(expected);
		});

		it('an import entry carries its import log: file name, counts and status', async () => {
			const [entry] = await audit.list(t.db, { action: 'import' });
			expect(entry.importLog).toEqual({
				id: importLogId,
				kind: 'structures',
				fileName: 'structures 2026.csv',
				status: 'partial',
				counts: { read: 12, inserted: 9, updated: 1, unchanged: 0, skipped: 2 }
			});
			const detail = await audit.getImportLog(t.db, importLogId);
			expect(detail?.issues).toHaveLength(1);
			expect(detail?.fileHash).toBe('ab'.repeat(32));
			expect(await audit.getImportLog(t.db, importLogId + 1000)).toBeNull();
		});

		it('filterOptions(db) lists the entities (French labels) and actors present in the log', async () => {
			const options = await audit.filterOptions(t.db);
			expect(options.actors).toEqual(['alice@caf.fr', 'bob@caf.fr', 'ligne de commande']);
			expect(options.entities).toContainEqual({ code: 'structure', label: 'Structure' });
			expect(options.entities).toContainEqual({ code: 'structures', label: 'Import : Structures (centres sociaux et EVS)' });
			expect(options.entities).toContainEqual({ code: 'agrement', label: 'Agrément' });
		});

		it('record() keeps secrets out of the log but shows that a password or reset code changed', async () => {
			const user = await users.create(t.db, alice, { email: 'secret@caf.fr', role: 'agent', password: 'un mot de passe solide' });
			await users.issueResetCode(t.db, alice, user.id, new Date('2026-03-05T10:00:00Z'));
			const [issued, created] = await audit.list(t.db, { entity: 'app_user', entityId: String(user.id) });
			expect(created.action).toBe('create');
			expect((created.after as Record<string, unknown>).password_hash).toBe(audit.MASKED);
			expect((created.after as Record<string, unknown>).reset_code_hash).toBeNull();
			expect((issued.before as Record<string, unknown>).reset_code_hash).toBeNull();
			expect((issued.after as Record<string, unknown>).reset_code_hash).toBe(audit.MASKED_CHANGED);
			expect((issued.after as Record<string, unknown>).password_hash).toBe(audit.MASKED);
			expect(audit.changedFieldNames(issued.before, issued.after)).toEqual(['reset_code_hash', 'reset_code_expires_at']);
			const raw = JSON.stringify(await t.db.selectFrom('audit_log').select(['before', 'after']).execute());
			expect(raw).not.toMatch(/argon2/);
		});

		it('exportCsv(db, filters) writes a BOM, French headers, `;` and quotes what needs it; a parser reads it back', async () => {
			const tricky = 'Centre « Le Phare » ; annexe "nord"\nsecond étage';
			const row = await createRow(t.db, bob, 'partner', { code: 'P;1', name: tricky, kind: 'commune' });
			await updateRow(t.db, bob, 'partner', Number(row.id), 1, { name: '=SOMME(A1:A2)' });
			const csv = await collect(audit.exportCsv(t.db, { entity: 'partner', actor: bob.label }));

			expect(csv.startsWith('\ufeffN°;Date et heure (Paris);Auteur;Action;')).toBe(true);
			expect(csv.endsWith('\r\n')).toBe(true);
			const table = parseCsv(csv);
			expect(table.issues).toEqual([]);
			expect(table.delimiter).toBe(';');
			expect(table.header).toEqual([...audit.AUDIT_CSV_HEADERS]);
			expect(table.records).toHaveLength(2);
			const [update, create] = table.records.map((r) => Object.fromEntries(table.header.map((h, i) => [h, r.values[i]])));
			expect(update['Action']).toBe('Modification');
			expect(update['Élément']).toBe('Partenaire');
			expect(update['Champs modifiés']).toBe('name');
			expect(JSON.parse(update['Avant (JSON)']).name).toBe(tricky);
			expect(JSON.parse(update['Après (JSON)']).name).toBe('=SOMME(A1:A2)');
			expect(create['Action']).toBe('Création');
			expect(JSON.parse(create['Après (JSON)']).code).toBe('P;1');
			expect(create['Date et heure (Paris)']).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
			// The raw line keeps the newline inside quotes and doubles the quotes.
			expect(csv).toContain('annexe \\""nord\\""\\nsecond');
		});

		it('exportCsv(db, filters) quotes a plain cell holding `;`, quotes and a real line break, and reads back equal', async () => {
			const odd = { userId: null, label: 'Service ; "vie sociale"\r\npôle nord' };
			await createRow(t.db, odd, 'partner', { code: 'OD', name: 'Odd', kind: 'commune' });
			const csv = await collect(audit.exportCsv(t.db, { actor: odd.label }));
			expect(csv).toContain(';"Service ; ""vie sociale""\r\npôle nord";');
			const table = parseCsv(csv);
			expect(table.records).toHaveLength(1);
			expect(table.records[0].values[2]).toBe(odd.label);
		});

		it('auditCsvCells(entry) neutralises a formula in a text cell (an actor label here)', async () => {
			const evil = { userId: null, label: '=HYPERLINK("http://x")' };
			await createRow(t.db, evil, 'partner', { code: 'EV', name: 'Évalué', kind: 'commune' });
			const csv = await collect(audit.exportCsv(t.db, { actor: evil.label }));
			const table = parseCsv(csv);
			expect(table.records[0].values[2]).toBe(`'=HYPERLINK("http://x")`);
		});

		it('exportCsv(db, filters) on an import gives its file name, import number and status', async () => {
			const table = parseCsv(await collect(audit.exportCsv(t.db, { action: 'import' })));
			const values = table.records[0].values;
			expect(values.slice(-3)).toEqual([String(importLogId), 'structures 2026.csv', 'accepté en partie']);
			expect(values[4]).toBe('Import : Structures (centres sociaux et EVS)');
		});

		it('exportJson(db, filters) is one JSON array equal to list() with the same filters', async () => {
			const json = JSON.parse(await collect(audit.exportJson(t.db, { entity: 'structure' })));
			expect(json).toEqual(await audit.list(t.db, { entity: 'structure' }));
			expect(JSON.parse(await collect(audit.exportJson(t.db, { entity: 'rien' })))).toEqual([]);
		});
	});
}
