import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { readXlsxTable, XLSX_LIMITS } from './xlsx-reader';
import { formatIssue } from '$lib/io/messages-fr';
import { bombSheet, deflatePart, gridSheet, SHEET_HEAD, SHEET_TAIL, workbookWithSheet, zipOf } from '../../../../tests/helpers/xlsx-files';

const MB = 1024 * 1024;

/** A copy of `workbook` whose sheet entry declares `size` bytes in its headers (the last entry). */
function lieAboutSheet(workbook: Uint8Array, size: number): Uint8Array {
	const copy = Buffer.from(workbook);
	const end = copy.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
	const directory = copy.readUInt32LE(end + 16);
	let at = directory;
	let last = at;
	while (copy.readUInt32LE(at) === 0x02014b50) {
		last = at;
		at += 46 + copy.readUInt16LE(at + 28) + copy.readUInt16LE(at + 30) + copy.readUInt16LE(at + 32);
	}
	copy.writeUInt32LE(size, last + 24);
	copy.writeUInt32LE(size, copy.readUInt32LE(last + 42) + 22);
	return new Uint8Array(copy);
}

async function excelWorkbook(fill: (sheet: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
	const wb = new ExcelJS.Workbook();
	fill(wb.addWorksheet('Financements'), wb);
	return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

const messageOf = async (bytes: Uint8Array, limits = XLSX_LIMITS) => {
	const table = await readXlsxTable(bytes, limits);
	expect(table.records).toEqual([]);
	expect(table.issues).toHaveLength(1);
	return formatIssue(table.issues[0]);
};

describe('readXlsxTable(bytes) on ordinary workbooks', () => {
	it('reads the first sheet as a table: header, text, numbers, dates, booleans, rich text, blank rows skipped', async () => {
		const bytes = await excelWorkbook((sheet) => {
			sheet.addRow([]);
			sheet.addRow(['structure', 'montant', 'date', 'publie', 'commentaire']);
			sheet.addRow(['CS-1', 1234.5, new Date(Date.UTC(2025, 2, 31)), true, { richText: [{ text: 'Gras ' }, { text: 'et fin' }] }]);
			sheet.addRow([]);
			sheet.addRow(['EVS-2', 0.1, null, false, 'É « à »']);
			sheet.getCell('C3').numFmt = 'dd/mm/yyyy';
		});
		const table = await readXlsxTable(bytes);
		expect(table.issues).toEqual([]);
		expect(table.header).toEqual(['structure', 'montant', 'date', 'publie', 'commentaire']);
		expect(table.records).toEqual([
			{ line: 3, values: ['CS-1', '1234.5', '2025-03-31', 'oui', 'Gras et fin'] },
			{ line: 5, values: ['EVS-2', '0.1', '', 'non', 'É « à »'] }
		]);
	});

	it('reads inline strings and cells without references, and pads short rows to the header', async () => {
		const bytes = await workbookWithSheet([
			SHEET_HEAD,
			'<row r="1"><c t="inlineStr"><is><t>a</t></is></c><c t="inlineStr"><is><t>b</t></is></c><c t="inlineStr"><is><t>c</t></is></c></row>',
			'<row r="2"><c r="B2"><v>7</v></c></row>',
			SHEET_TAIL
		]);
		expect((await readXlsxTable(bytes)).records).toEqual([{ line: 2, values: ['', '7', ''] }]);
	});

	it('says in French when the sheet is empty or the file is no workbook', async () => {
		expect(await messageOf(await workbookWithSheet([SHEET_HEAD, SHEET_TAIL]))).toBe('Le fichier est vide.');
		expect(await messageOf(new TextEncoder().encode('code;nom\n1;a'))).toMatch(/^Le classeur XLSX est illisible \(ce n’est pas une archive ZIP\)/);
		const truncated = await workbookWithSheet(gridSheet(10, 3));
		expect(await messageOf(truncated.subarray(0, truncated.length - 30))).toMatch(/illisible/);
	});
});

describe('readXlsxTable(bytes) against hostile workbooks', () => {
	/** Built once (deflating 200 MB takes a few seconds): honest, then lying about its size. */
	let bomb: Promise<Uint8Array> | null = null;
	const bomb200 = () => (bomb ??= workbookWithSheet(bombSheet(200)));

	it('refuses, from the central directory alone, a 816 KB-class file whose sheet inflates to 200 MB', async () => {
		const bomb = await bomb200();
		expect(bomb.length).toBeLessThan(2 * MB);
		const started = performance.now();
		const message = await messageOf(bomb);
		expect(performance.now() - started).toBeLessThan(1_000);
		expect(message).toBe(
			'Le classeur se décompresse au-delà de 128 Mo (xl/worksheets/sheet1.xml) : Maillage refuse de le lire (classeur trop volumineux, ou piégé). Exportez la feuille au format CSV, ou découpez-la.'
		);
	});

	it('stops inflating at the declared size when the archive lies about it', async () => {
		const liar = await lieAboutSheet(await bomb200(), 1 * MB);
		const heapBefore = process.memoryUsage().heapUsed;
		const message = await messageOf(liar);
		expect(message).toMatch(/la partie xl\/worksheets\/sheet1\.xml dépasse la taille annoncée par l’archive/);
		expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 * MB);
	});

	it('refuses a sheet with more cells than the limit, and a header as wide as Excel allows over too many rows', async () => {
		const limits = { ...XLSX_LIMITS, maxCells: 10_000 };
		expect(await messageOf(await workbookWithSheet(gridSheet(1_000, 20)), limits)).toBe(
			'La feuille compte plus de 10\u202f000 cellules, au-delà de ce que Maillage lit dans un classeur : exportez-la au format CSV, ou découpez-la.'
		);
		const wide = [SHEET_HEAD, '<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c><c r="XFD1"><v>1</v></c></row>'];
		for (let r = 2; r < 5; r++) wide.push(`<row r="${r}"><c r="A${r}"><v>1</v></c></row>`);
		wide.push(SHEET_TAIL);
		expect(await messageOf(await workbookWithSheet(wide), { ...XLSX_LIMITS, maxCells: 40_000 })).toMatch(/plus de 40\u202f000 cellules/);
	});

	it('refuses entity declarations (billion laughs) and giant cells', async () => {
		const laughs = await workbookWithSheet([
			'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>',
			'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row><c t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>'
		]);
		expect(await messageOf(laughs)).toMatch(/^Le classeur XLSX est illisible \((déclaration DOCTYPE interdite|XML invalide)/);
		const giant = await workbookWithSheet([SHEET_HEAD, '<row><c t="inlineStr"><is><t>', 'x'.repeat(40_000), '</t></is></c></row>', SHEET_TAIL]);
		expect(await messageOf(giant)).toMatch(/une cellule dépasse 32767 caractères/);
	});

	it('refuses an archive declaring more than its total limit, and one with too many entries', async () => {
		const part = await deflatePart('a.xml', ['<a/>']);
		expect(await messageOf(zipOf([{ ...part, declaredSize: 600 * MB }]))).toMatch(/au-delà de 512 Mo \(archive entière\)/);
		const many = Array.from({ length: 11 }, (_, i) => ({ ...part, name: `p${i}.xml` }));
		expect(await messageOf(zipOf(many), { ...XLSX_LIMITS, maxEntries: 10 })).toMatch(/trop de fichiers dans l’archive/);
	});
});
