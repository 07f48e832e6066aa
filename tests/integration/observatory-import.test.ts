/**
 * `maillage import activite` and the structure-year form, on both dialects, over the demo's four
 * years of data: export → import → export is identical (CSV records and detail, and the XLSX
 * workbook as exported); a second import changes nothing (idempotent: no version bumped, no audit
 * row); a file with one bad row is refused whole (nothing written); a demo database is refused;
 * the form saves with optimistic locking and refuses a stale version.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testDialects, type TestDb } from '../helpers/db';
import { seedDemo } from '../../src/lib/server/demo/seed';
import * as meta from '../../src/lib/server/db/meta';
import * as structureYears from '../../src/lib/server/db/structure-years';
import { ConflictError } from '../../src/lib/server/db/changes';
import { observatoryFile } from '../../src/lib/server/observatory/index';
import { runActivityImport } from '../../src/lib/server/import/activity';
import { RejectedDataError } from '../../src/lib/server/errors';

const TODAY = '2026-06-30';
const ACTOR = { actor: 'test@caf.invalid', userId: null };
const NOW = new Date('2026-07-01T08:00:00Z');
const TABLES = ['structure_year', 'participation_count', 'structure_year_activity', 'structure_year_partner', 'structure_year_contract'] as const;
const text = (body: string | Uint8Array) => (typeof body === 'string' ? body : new TextDecoder().decode(body));
const bytes = (body: string | Uint8Array) => (typeof body === 'string' ? new TextEncoder().encode(body) : body);

for (const dialect of testDialects()) {
	describe(`import activite on ${dialect.kind}`, () => {
		let t: TestDb;
		/** Every row of the structure-year tables, as text: what « nothing written » compares. */
		const snapshot = async () => {
			const out: Record<string, string[]> = {};
			for (const table of TABLES) out[table] = (await sql<{ r: string }>`select t::text as r from ${sql.table(table)} t order by 1`.execute(t.db)).rows.map((x) => x.r);
			return out;
		};
		const files = async (year: number) => {
			const [fiches, detail] = await Promise.all([observatoryFile(t.db, year, 'csv', NOW), observatoryFile(t.db, year, 'csv', NOW, { part: 'detail' })]);
			return { fiches: text(fiches.body), detail: text(detail.body) };
		};
		const wipe = async (year: number) => {
			for (const table of [...TABLES].reverse()) await t.db.deleteFrom(table).where('year', '=', year).execute();
		};

		beforeAll(async () => {
			t = await dialect.open();
			await seedDemo(t.db, { referenceDate: TODAY });
		}, 120_000);
		afterAll(() => t?.dispose());

		it('refuses a database holding the fictional demo (demo and real data never mix)', async () => {
			const { fiches } = await files(2025);
			await expect(runActivityImport(t.db, { fileName: 'fiches.csv', bytes: bytes(fiches), ...ACTOR })).rejects.toBeInstanceOf(RejectedDataError);
			// The rest of this suite treats the demo's data as a CAF's own.
			await meta.set(t.db, 'dataset', 'real');
		});

		it('export → import → export is identical (CSV records and detail); importing again changes nothing', async () => {
			const before = await files(2025);
			const audits = async () => Number((await t.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
			const auditsBefore = await audits();
			const same = await runActivityImport(t.db, { fileName: 'fiches.csv', bytes: bytes(before.fiches), ...ACTOR });
			expect(same.status).toBe('accepted');
			expect(same.counts.inserted + same.counts.updated).toBe(0);
			expect(same.counts.unchanged).toBeGreaterThan(15);
			// Computed columns are ignored with one note.
			expect(same.issues.filter((i) => i.severity === 'note').map((i) => i.code)).toEqual(['colonnes-calculees']);
			expect(await audits()).toBe(auditsBefore + 1); // the import's own entry only

			await wipe(2025);
			const wide = await runActivityImport(t.db, { fileName: 'fiches.csv', bytes: bytes(before.fiches), ...ACTOR });
			const long = await runActivityImport(t.db, { fileName: 'detail.csv', bytes: bytes(before.detail), ...ACTOR });
			expect(wide.counts.inserted).toBe(same.counts.unchanged);
			expect(long).toMatchObject({ status: 'accepted', counts: { inserted: 0, unchanged: 0 } });
			expect(long.counts.updated).toBeGreaterThan(15);
			expect(await files(2025)).toEqual(before);

			const versions = await t.db.selectFrom('structure_year').select(['id', 'version']).orderBy('id').execute();
			const again = await runActivityImport(t.db, { fileName: 'detail.csv', bytes: bytes(before.detail), ...ACTOR });
			expect(again.counts).toMatchObject({ inserted: 0, updated: 0 });
			expect(await t.db.selectFrom('structure_year').select(['id', 'version']).orderBy('id').execute()).toEqual(versions);
		});

		it('the XLSX workbook as exported imports back (records and « Détail » sheets) to the same export', async () => {
			const before = await files(2024);
			const workbook = await observatoryFile(t.db, 2024, 'xlsx', NOW);
			await wipe(2024);
			const report = await runActivityImport(t.db, { fileName: 'observatoire-2024.xlsx', bytes: workbook.body as Uint8Array, ...ACTOR });
			expect(report).toMatchObject({ status: 'accepted', format: 'xlsx' });
			expect(report.counts.read).toBe(workbook.export.records.length + workbook.export.detail.length);
			expect(await files(2024)).toEqual(before);
		});

		it('refuses a whole file for one bad row, writes nothing, and logs the refusal with each problem in French', async () => {
			const { fiches } = await files(2025);
			const lines = fiches.split('\r\n');
			const header = lines[0].split(';');
			const cells = lines[1].split(';');
			cells[header.indexOf('Heures de bénévolat')] = 'beaucoup';
			cells[header.indexOf('Convention collective')] = 'syntec';
			const bad = [lines[0], cells.join(';'), ...lines.slice(2)].join('\r\n');
			const before = await snapshot();
			const report = await runActivityImport(t.db, { fileName: 'mauvais.csv', bytes: bytes(bad), ...ACTOR });
			expect(report.status).toBe('rejected');
			expect(report.issues.filter((i) => i.severity === 'erreur').map((i) => i.message)).toEqual([
				'Ligne 2, colonne Heures de bénévolat : « beaucoup » n’est pas un nombre entier.',
				expect.stringMatching(/^Ligne 2, colonne Convention collective : « syntec » n’est pas dans la liste des conventions collectives en vigueur cette année : alisfa, eclat, fonction_publique, autre, aucune\.$/)
			]);
			expect(await snapshot()).toEqual(before);
			const log = await t.db.selectFrom('import_log').selectAll().where('id', '=', report.importLogId).executeTakeFirstOrThrow();
			expect(log).toMatchObject({ kind: 'activite', status: 'rejected', file_name: 'mauvais.csv' });
		});

		it('reports the consistency of what it writes as warnings (the data is written)', async () => {
			const [structure] = await t.db.selectFrom('structure').select(['id', 'siret', 'establishment']).where('siret', 'is not', null).orderBy('id').limit(1).execute();
			const csv = `siret;etablissement;annee;etp;salaries\n${structure.siret};${structure.establishment ?? ''};2025;30;12\n`;
			const report = await runActivityImport(t.db, { fileName: 'etp.csv', bytes: bytes(csv), ...ACTOR });
			expect(report.status).toBe('accepted');
			expect(report.counts.updated).toBe(1);
			expect(report.issues.find((i) => i.code === 'etp-superieur-effectif')).toMatchObject({ severity: 'avertissement', structureId: structure.id, year: 2025 });
			expect((await structureYears.get(t.db, structure.id, 2025))!.data.values.etp).toBe(30);
		});

		it('the form saves a structure-year with optimistic locking: a stale version is refused, nothing overwritten', async () => {
			const [{ id }] = await t.db.selectFrom('structure').select('id').orderBy('id').limit(1).execute();
			const stored = (await structureYears.get(t.db, id, 2025))!;
			const actor = { userId: null, label: 'alice@caf.invalid' };
			const edited = { ...stored.data, values: { ...stored.data.values, heures_benevolat: 1234 }, contracts: [] };
			const saved = await structureYears.save(t.db, actor, id, edited, stored.version);
			expect(saved).toEqual({ outcome: 'updated', version: stored.version + 1 });
			const reread = (await structureYears.get(t.db, id, 2025))!;
			expect(reread.data.values.heures_benevolat).toBe(1234);
			expect(reread.data.contracts).toEqual([]);
			await expect(structureYears.save(t.db, actor, id, { ...edited, values: { ...edited.values, heures_benevolat: 1 } }, stored.version)).rejects.toBeInstanceOf(ConflictError);
			expect((await structureYears.get(t.db, id, 2025))!.data.values.heures_benevolat).toBe(1234);
			// A year never entered is created from an empty form (no version).
			const fresh = { ...edited, year: 2019 };
			expect((await structureYears.save(t.db, actor, id, fresh, null)).outcome).toBe('inserted');
			await expect(structureYears.save(t.db, actor, id, fresh, null)).rejects.toBeInstanceOf(ConflictError);
		});
	});
}
