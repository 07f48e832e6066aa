/**
 * The observatory export on the demo département, on both dialects, with defects seeded in the
 * database: every record has every field of the dictionary with its type; the checks catch each
 * defect and link to the record to fix; the CSV parses back to the JSON records; the XLSX holds
 * real numbers and dates; the trends add up the records.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { testDialects, type TestDb } from '../helpers/db';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { buildObservatoryExport, buildObservatoryTrends, dictionaryFile, observatoryFile, observatoryYears } from '../../src/lib/server/observatory/index';
import { OBSERVATORY_FIELDS } from '../../src/lib/observatory/dictionary';
import { parseFieldCsv } from '../../src/lib/observatory/csv';
import { parseCsv } from '../../src/lib/io/csv';

const TODAY = '2026-06-30';
const YEAR = 2025;

for (const dialect of testDialects()) {
	describe(`observatory export on ${dialect.kind}`, () => {
		let t: TestDb;
		const seeded: Record<string, number> = {};

		beforeAll(async () => {
			t = await dialect.open();
			await seedDemo(t.db, { referenceDate: TODAY });
			// Five centres sociaux with a record and yearly figures in YEAR, each given one defect.
			const before = await buildObservatoryExport(t.db, YEAR);
			const cs = before.records.filter((r) => r.record.type_structure === 'CS' && r.hasYearData).map((r) => r.structureId);
			[seeded.noSiret, seeded.budget, seeded.director, seeded.zone, seeded.etp] = cs;
			expect(before.issues.filter((i) => cs.slice(0, 5).includes(i.structureId))).toEqual([]);
			await t.db.updateTable('structure').set({ siret: null }).where('id', '=', seeded.noSiret).execute();
			await t.db.updateTable('structure_year').set({ budget_total: 1000 }).where('structure_id', '=', seeded.budget).where('year', '=', YEAR).execute();
			await t.db.updateTable('staff_post').set({ vacant_from: `${YEAR - 1}-11-01`, vacant_until: null }).where('structure_id', '=', seeded.director).where('kind', '=', 'directeur').execute();
			await t.db.updateTable('structure_year').set({ zone_population: null }).where('structure_id', '=', seeded.zone).where('year', '=', YEAR).execute();
			await t.db.updateTable('structure_year').set({ staff_etp: 500 }).where('structure_id', '=', seeded.etp).where('year', '=', YEAR).execute();
		});
		afterAll(() => t?.dispose());

		it('lists the years with data and builds one record per structure agreed in the year, each field typed as the dictionary says', async () => {
			expect(await observatoryYears(t.db)).toEqual([2023, 2024, 2025, 2026]);
			const built = await buildObservatoryExport(t.db, YEAR);
			expect(built.records.length).toBeGreaterThan(15);
			const keys = new Set(built.records.map((r) => r.record.cle));
			expect(keys.size).toBe(built.records.length);
			for (const { record } of built.records) {
				expect(Object.keys(record).sort()).toEqual(OBSERVATORY_FIELDS.map((f) => f.key).sort());
				for (const f of OBSERVATORY_FIELDS) {
					const v = record[f.key];
					if (v === null) continue;
					const expected = { texte: 'string', date: 'string', booleen: 'boolean', entier: 'number', decimal: 'number', euros: 'number' }[f.type];
					expect(typeof v, `${record.nom} ${f.key}`).toBe(expected);
					if (f.type === 'entier') expect(Number.isInteger(v)).toBe(true);
				}
				expect(record.annee).toBe(YEAR);
			}
		});

		it('catches each seeded defect and links it to the structure to fix', async () => {
			const { issues } = await buildObservatoryExport(t.db, YEAR);
			const found = (code: string, id: number) => issues.find((i) => i.code === code && i.structureId === id);
			expect(found('siret-manquant', seeded.noSiret)).toMatchObject({ severity: 'erreur', href: `/structures/${seeded.noSiret}`, field: 'siret' });
			expect(found('budget-inferieur-financements', seeded.budget)?.message).toMatch(/le budget 2025 \(1\u202f000,00\u00a0€\) est inférieur à la somme des financements enregistrés/);
			expect(found('directeur-vacant-toute-annee', seeded.director)?.href).toMatch(/^\/agrements\/\d+$/);
			expect(found('population-zone-manquante', seeded.zone)).toBeDefined();
			expect(found('etp-superieur-effectif', seeded.etp)).toBeDefined();
		});

		it('writes a CSV that opens with the dictionary’s columns and parses back to the JSON records', async () => {
			const now = new Date('2026-07-01T08:00:00Z');
			const [csvFile, jsonFile] = await Promise.all([observatoryFile(t.db, YEAR, 'csv', now), observatoryFile(t.db, YEAR, 'json', now)]);
			expect(csvFile).toMatchObject({ contentType: 'text/csv; charset=utf-8', fileName: 'maillage-observatoire-2025.csv' });
			const text = csvFile.body as string;
			expect(text.charCodeAt(0)).toBe(0xfeff);
			const table = parseCsv(text);
			expect(table.delimiter).toBe(';');
			expect(table.header).toEqual(OBSERVATORY_FIELDS.map((f) => f.header));
			const json = JSON.parse(jsonFile.body as string);
			expect(parseFieldCsv(text, OBSERVATORY_FIELDS)).toEqual(json.fiches);
			expect(json.controles.length).toBe(csvFile.export.issues.length);
			const budgetColumn = table.header.indexOf('Budget total (€)');
			expect(table.records.every((r) => r.values[budgetColumn] === '' || /^\d+,\d{2}$/.test(r.values[budgetColumn]))).toBe(true);
		});

		it('writes an XLSX with real numbers and dates, and the dictionary', async () => {
			const file = await observatoryFile(t.db, YEAR, 'xlsx', new Date('2026-07-01T08:00:00Z'));
			const wb = new ExcelJS.Workbook();
			await wb.xlsx.load((file.body as Uint8Array).buffer as ArrayBuffer);
			const sheet = wb.getWorksheet(`Fiches ${YEAR}`)!;
			expect(sheet.rowCount).toBe(file.export.records.length + 1);
			const col = (key: string) => OBSERVATORY_FIELDS.findIndex((f) => f.key === key) + 1;
			const row = sheet.getRow(2);
			expect(typeof row.getCell(col('produits_caf')).value).toBe('number');
			expect(row.getCell(col('agrement_fin')).value).toBeInstanceOf(Date);
			expect(wb.getWorksheet('Dictionnaire')!.rowCount).toBe(OBSERVATORY_FIELDS.length + 1);
		});

		it('gives the dictionary as CSV and JSON, and trends that add up each year’s records', async () => {
			const dict = dictionaryFile('json');
			expect(JSON.parse(dict.body as string).map((f: { champ: string }) => f.champ)).toEqual(OBSERVATORY_FIELDS.map((f) => f.key));
			const trends = await buildObservatoryTrends(t.db, [2024, 2025]);
			expect(trends.years).toEqual([2024, 2025]);
			const built = await buildObservatoryExport(t.db, 2025);
			const volunteers = trends.rows.find((r) => r.key === 'benevoles_activite')!;
			expect(volunteers.values[1]).toBe(built.records.reduce((s, r) => s + (Number(r.record.benevoles_activite) || 0), 0));
			expect(trends.rows[0].values[1]).toBe(built.records.length);
		});
	});
}
