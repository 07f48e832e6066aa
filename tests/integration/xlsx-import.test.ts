/**
 * Issue 11, item 4, on every dialect: every import that takes a workbook reads it through the one
 * guarded reader — the structures (and other tabular kinds) of `runImport` as well as the funding
 * lines — so a workbook bomb is refused in French with nothing written, while an ordinary workbook
 * imports exactly like its CSV.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects, type TestDb } from '../helpers/db';
import { runImport } from '../../src/lib/server/import/run-import';
import { runFundingImport } from '../../src/lib/server/import/funding';
import { formatIssue } from '../../src/lib/io/messages-fr';
import { bombSheet, workbookWithSheet } from '../helpers/xlsx-files';

const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.resolve('tests/fixtures/import/in', name)));

/** The same rows as a CSV text, written by Excel's library as a workbook. */
async function workbookOf(csv: string): Promise<Uint8Array> {
	const wb = new ExcelJS.Workbook();
	const sheet = wb.addWorksheet('Structures');
	for (const line of csv.trim().split('\n')) sheet.addRow(line.split(';'));
	return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

const STRUCTURES = [
	'id;siret;nom;type;code_commune;latitude;longitude;mode_gestion;zone_competence;agrement_debut;agrement_fin;projet_familles',
	'CS-101;77567013600016;Centre social du Parc;CS;86194;46,58;0,34;association;86194|86041;2023-01-01;2026-12-31;oui',
	'EVS-103;;EVS des Halles;EVS;86041;;;commune;86041;01/01/2024;31/12/2024;non'
].join('\n');

let bomb: Uint8Array;
beforeAll(async () => {
	bomb = await workbookWithSheet(bombSheet(200));
});

for (const dialect of testDialects()) {
	describe(`workbooks through the guarded reader (${dialect.kind})`, () => {
		let t: TestDb;
		const count = async (table: 'structure' | 'funding_line' | 'import_log') =>
			Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

		beforeAll(async () => {
			t = await dialect.open();
			await runImport(t.db, { kind: 'communes', bytes: fixture('communes-wgs84.geojson'), actor: 'test', fileName: 'communes.geojson' });
		});
		afterAll(() => t?.dispose());

		it('refuses a structures workbook bomb in French, writing nothing but its log line', async () => {
			const r = await runImport(t.db, { kind: 'structures', bytes: bomb, actor: 'test', fileName: 'bombe.xlsx' });
			expect(r.status).toBe('rejected');
			expect(r.issues.map(formatIssue)).toEqual([
				'Le classeur se décompresse au-delà de 128 Mo (xl/worksheets/sheet1.xml) : Maillage refuse de le lire (classeur trop volumineux, ou piégé). Exportez la feuille au format CSV, ou découpez-la.'
			]);
			expect(await count('structure')).toBe(0);
		});

		it('imports a structures workbook exactly like the same rows in CSV', async () => {
			const r = await runImport(t.db, { kind: 'structures', bytes: await workbookOf(STRUCTURES), actor: 'test', fileName: 'structures.xlsx' });
			expect(r).toMatchObject({ status: 'accepted', counts: { read: 2, inserted: 2 } });
			const again = await runImport(t.db, { kind: 'structures', bytes: new TextEncoder().encode(STRUCTURES), actor: 'test', fileName: 'structures.csv' });
			expect(again.counts).toMatchObject({ read: 2, inserted: 0, unchanged: 2 });
		});

		it('refuses a funding workbook bomb in French, writing no line', async () => {
			const r = await runFundingImport(t.db, { fileName: 'financements.xlsx', bytes: bomb, actor: 'test', userId: null });
			expect(r.status).toBe('rejected');
			expect(JSON.stringify(r.issues)).toContain('xlsx-too-large');
			expect(await count('funding_line')).toBe(0);
		});
	});
}
