/**
 * `readXlsxSheets`: the guarded XLSX reader asked for several sheets by name (the observatory
 * workbook: « Fiches … » first, « Détail … »), with one cell budget for all of them.
 */
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { readXlsxSheets, readXlsxTable, XLSX_LIMITS } from '../../src/lib/server/import/xlsx-reader';

async function workbook(): Promise<Uint8Array> {
	const wb = new ExcelJS.Workbook();
	const a = wb.addWorksheet('Fiches 2025');
	a.addRow(['siret', 'annee', 'usagers']);
	a.addRow(['73282932000074', 2025, 120]);
	const b = wb.addWorksheet('Synthèse 2025');
	b.addRow(['x']);
	b.addRow(['y']);
	const c = wb.addWorksheet('Détail 2025');
	c.addRow(['siret', 'annee', 'section', 'code', 'etp']);
	c.addRow(['73282932000074', 2025, 'contrats', 'cdi', 7.5]);
	c.addRow(['73282932000074', 2025, 'contrats', 'cdd', 1.25]);
	return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

describe('readXlsxSheets(bytes, pick)', () => {
	it('reads the sheets picked by name or position, in workbook order, as tables', async () => {
		const sheets = await readXlsxSheets(await workbook(), (name, index) => index === 0 || name.startsWith('Détail'));
		expect(sheets.map((s) => s.name)).toEqual(['Fiches 2025', 'Détail 2025']);
		expect(sheets[0].table).toMatchObject({ header: ['siret', 'annee', 'usagers'], records: [{ line: 2, values: ['73282932000074', '2025', '120'] }], issues: [] });
		expect(sheets[1].table.records.map((r) => r.values[4])).toEqual(['7.5', '1.25']);
	});
	it('keeps readXlsxTable on the first sheet only', async () => {
		expect((await readXlsxTable(await workbook())).header).toEqual(['siret', 'annee', 'usagers']);
	});
	it('counts the cells of every sheet read against one budget, and refuses in French beyond it', async () => {
		const bytes = await workbook();
		// First sheet: 3 + 3 cells; detail: 5 + 10. Eleven cells fit one sheet, not both.
		expect((await readXlsxSheets(bytes, (_, i) => i === 0, { ...XLSX_LIMITS, maxCells: 11 }))[0].table.issues).toEqual([]);
		const both = await readXlsxSheets(bytes, (name, i) => i === 0 || name.startsWith('Détail'), { ...XLSX_LIMITS, maxCells: 11 });
		expect(both).toEqual([{ name: '', table: { delimiter: ';', header: [], records: [], issues: [expect.objectContaining({ code: 'xlsx-too-many-cells' })] } }]);
	});
});
