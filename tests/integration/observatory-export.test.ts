/**
 * The observatory export on the demo département, on both dialects, with defects seeded in the
 * database: every record has every field of the dictionary with its type; the checks catch each
 * seeded defect and the demo's labelled anomalies, and link to the page to fix; the CSVs parse
 * back to the JSON records and detail; the XLSX holds the six sheets with real numbers and dates;
 * the summary adds up the records.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { testDialects, type TestDb } from '../helpers/db';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { buildDepartementSummary, buildObservatoryExport, dictionaryFile, observatoryFile, observatoryYears } from '../../src/lib/server/observatory/index';
import { OBSERVATORY_FIELDS } from '../../src/lib/observatory/dictionary';
import { DETAIL_FIELDS } from '../../src/lib/observatory/detail';
import { parseFieldCsv } from '../../src/lib/observatory/csv';
import { parseCsv } from '../../src/lib/io/csv';
import { generateDemoDepartement } from '../../src/lib/demo';

const TODAY = '2026-06-30';
const YEAR = 2025;
const demo = generateDemoDepartement({ referenceDate: TODAY });

for (const dialect of testDialects()) {
	describe(`observatory export on ${dialect.kind}`, () => {
		let t: TestDb;
		const seeded: Record<string, number> = {};
		const idOf = async (externalId: string) => (await t.db.selectFrom('structure').select('id').where('external_id', '=', externalId).executeTakeFirstOrThrow()).id;

		beforeAll(async () => {
			t = await dialect.open();
			await seedDemo(t.db, { referenceDate: TODAY });
			// Five centres sociaux with a record and yearly data in YEAR, each given one defect.
			const before = await buildObservatoryExport(t.db, YEAR);
			const clean = before.records.filter((r) => r.record.type_structure === 'CS' && r.data && !before.issues.some((i) => i.structureId === r.structureId && i.severity === 'erreur'));
			[seeded.noSiret, seeded.produits, seeded.director, seeded.zone, seeded.etp] = clean.map((r) => r.structureId);
			await t.db.updateTable('structure').set({ siret: null, establishment: null }).where('id', '=', seeded.noSiret).execute();
			await t.db.updateTable('structure_year').set({ produits_total: 1000, budget_total: 1000 }).where('structure_id', '=', seeded.produits).where('year', '=', YEAR).execute();
			await t.db.updateTable('staff_post').set({ vacant_from: `${YEAR - 1}-11-01`, vacant_until: null }).where('structure_id', '=', seeded.director).where('kind', '=', 'directeur').execute();
			await t.db.updateTable('structure_year').set({ zone_population: null }).where('structure_id', '=', seeded.zone).where('year', '=', YEAR).execute();
			await t.db.updateTable('structure_year').set({ staff_etp: 500 }).where('structure_id', '=', seeded.etp).where('year', '=', YEAR).execute();
		}, 120_000);
		afterAll(() => t?.dispose());

		it('lists the years with data and builds one record per structure agreed in the year, keyed by SIRET + establishment + kind + year, typed as the dictionary says', async () => {
			expect(await observatoryYears(t.db)).toEqual([2023, 2024, 2025, 2026]);
			const built = await buildObservatoryExport(t.db, YEAR);
			expect(built.records.length).toBeGreaterThan(15);
			expect(new Set(built.records.map((r) => r.record.cle)).size).toBe(built.records.length);
			for (const { record } of built.records) {
				expect(record.cle).toMatch(/^(\d{14}(\.[A-Z0-9]+)?|SANS-SIRET-\d+)-(AGC|AL)-2025$/);
				expect(Object.keys(record).sort()).toEqual(OBSERVATORY_FIELDS.map((f) => f.key).sort());
				for (const f of OBSERVATORY_FIELDS) {
					const v = record[f.key];
					if (v === null) continue;
					const expected = { texte: 'string', date: 'string', booleen: 'boolean', entier: 'number', decimal: 'number', euros: 'number' }[f.type];
					expect(typeof v, `${record.nom} ${f.key}`).toBe(expected);
					if (f.type === 'entier') expect(Number.isInteger(v)).toBe(true);
				}
			}
			// Every section shows something in the demo: detail, PS columns of the 2012 regime, investment apart.
			expect(built.detail.length).toBeGreaterThan(built.records.length * 3);
			expect(built.records.some((r) => Number(r.record.caf_ps_acf) > 0)).toBe(true);
			expect(built.records.every((r) => r.record.caf_ps_centre_social === null && r.record.regime_ps === 'Circulaire Cnaf n°2012-013')).toBe(true);
		});

		it('catches each seeded defect and links it to the page to fix', async () => {
			const { issues } = await buildObservatoryExport(t.db, YEAR);
			const found = (code: string, id: number) => issues.find((i) => i.code === code && i.structureId === id);
			expect(found('siret-manquant', seeded.noSiret)).toMatchObject({ severity: 'erreur', href: `/structures/${seeded.noSiret}`, field: 'siret' });
			expect(found('financements-superieurs-produits', seeded.produits)).toMatchObject({ severity: 'erreur', href: `/structures/${seeded.produits}/annees/${YEAR}` });
			expect(found('directeur-vacant-toute-annee', seeded.director)?.href).toMatch(/^\/agrements\/\d+$/);
			expect(found('population-zone-manquante', seeded.zone)).toBeDefined();
			expect(found('etp-superieur-effectif', seeded.etp)).toBeDefined();
		});

		it('finds the demo’s labelled anomalies: hours, age bands, the multi-site SIRET, the PS off the formula', async () => {
			const { issues, summary } = await buildObservatoryExport(t.db, YEAR);
			const a = demo.observatory.anomalies;
			expect(issues.find((i) => i.code === 'heures-par-benevole')?.structureId).toBe(await idOf(a.implausibleHours));
			expect(issues.find((i) => i.code === 'tranches-age-superieures')?.structureId).toBe(await idOf(a.ageBandsOverTotal));
			const shared = issues.filter((i) => i.code === 'siret-partage');
			expect(shared).toHaveLength(2);
			expect(shared[0].message).toMatch(/\(établissement 0[12]\)/);
			expect(issues.some((i) => i.code === 'ps-ecart' || i.code === 'ps-sans-agrement')).toBe(true);
			expect(summary.nonRespondents.map((n) => n.structureId)).toEqual([await idOf(a.nonRespondent)]);
		});

		it('writes CSVs (records and detail) that parse back to the JSON export', async () => {
			const now = new Date('2026-07-01T08:00:00Z');
			const [csvFile, detailFile, jsonFile] = await Promise.all([
				observatoryFile(t.db, YEAR, 'csv', now),
				observatoryFile(t.db, YEAR, 'csv', now, { part: 'detail' }),
				observatoryFile(t.db, YEAR, 'json', now)
			]);
			expect(csvFile).toMatchObject({ contentType: 'text/csv; charset=utf-8', fileName: 'maillage-observatoire-2025.csv' });
			expect(detailFile.fileName).toBe('maillage-observatoire-2025-detail.csv');
			const text = csvFile.body as string;
			expect(text.charCodeAt(0)).toBe(0xfeff);
			const table = parseCsv(text);
			expect(table.delimiter).toBe(';');
			expect(table.header).toEqual(OBSERVATORY_FIELDS.map((f) => f.header));
			const json = JSON.parse(jsonFile.body as string);
			expect(parseFieldCsv(text, OBSERVATORY_FIELDS)).toEqual(json.fiches);
			expect(parseFieldCsv(detailFile.body as string, DETAIL_FIELDS)).toEqual(json.detail);
			expect(json.controles.length).toBe(csvFile.export.issues.length);
			expect(json.synthese.year).toBe(YEAR);
		});

		it('writes an XLSX with the records first, the detail, the summary, the lists, the dictionary and the checks', async () => {
			const file = await observatoryFile(t.db, YEAR, 'xlsx', new Date('2026-07-01T08:00:00Z'));
			const wb = new ExcelJS.Workbook();
			await wb.xlsx.load((file.body as Uint8Array).buffer as ArrayBuffer);
			expect(wb.worksheets.map((w) => w.name)).toEqual([`Fiches ${YEAR}`, `Détail ${YEAR}`, `Synthèse ${YEAR}`, 'Listes de codes', 'Dictionnaire', 'Contrôles']);
			const sheet = wb.getWorksheet(`Fiches ${YEAR}`)!;
			expect(sheet.rowCount).toBe(file.export.records.length + 1);
			const col = (key: string) => OBSERVATORY_FIELDS.findIndex((f) => f.key === key) + 1;
			expect(typeof sheet.getRow(2).getCell(col('caf_total')).value).toBe('number');
			expect(sheet.getRow(2).getCell(col('agrement_fin')).value).toBeInstanceOf(Date);
			expect(wb.getWorksheet(`Détail ${YEAR}`)!.rowCount).toBe(file.export.detail.length + 1);
			expect(wb.getWorksheet('Dictionnaire')!.rowCount).toBe(OBSERVATORY_FIELDS.length + DETAIL_FIELDS.length + 1);
		});

		it('gives the dictionaries, and a summary whose totals add up the records and whose changes compare two years', async () => {
			const dict = JSON.parse(dictionaryFile('json').body as string);
			expect(dict.fiches.map((f: { champ: string }) => f.champ)).toEqual(OBSERVATORY_FIELDS.map((f) => f.key));
			expect(dict.detail.map((f: { champ: string }) => f.champ)).toEqual(DETAIL_FIELDS.map((f) => f.key));
			const [built, previous] = await Promise.all([buildObservatoryExport(t.db, YEAR), buildObservatoryExport(t.db, YEAR - 1)]);
			const sum = (records: typeof built.records, key: string) => records.reduce((s, r) => s + (Number(r.record[key]) || 0), 0);
			const hours = built.summary.rows.find((r) => r.key === 'heures_benevolat')!;
			expect(hours.cells.map((c) => c.year)).toEqual([2023, 2024, 2025]);
			expect(hours.cells[2].total).toBe(sum(built.records, 'heures_benevolat'));
			expect(hours.cells[1].total).toBe(sum(previous.records, 'heures_benevolat'));
			expect(hours.totalChange).toBeCloseTo(hours.cells[2].total! / hours.cells[1].total! - 1, 10);
			const evs = await buildDepartementSummary(t.db, YEAR, 'EVS');
			expect(evs.records.at(-1)!.count).toBe(built.records.filter((r) => r.record.type_structure === 'EVS').length);
		});
	});
}
