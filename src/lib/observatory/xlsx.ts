/**
 * The observatory export as an Excel workbook (exceljs): sheet « Fiches AAAA » with real numbers
 * (integers, decimals, euros with a currency format), real dates and booleans, frozen header and
 * filters; sheet « Dictionnaire »; sheet « Contrôles » listing the consistency problems. Runs on
 * the server (exceljs); no I/O of its own: returns the bytes.
 */
import ExcelJS from 'exceljs';
import { FIELD_TYPES, OBSERVATORY_FIELDS, type FieldType, type FieldValue, type ObservatoryRecord } from './dictionary';
import type { ObservatoryIssue } from './checks';

const NUMBER_FORMATS: Partial<Record<FieldType, string>> = {
	entier: '#,##0',
	decimal: '#,##0.00',
	euros: '#,##0.00 "€"',
	date: 'dd/mm/yyyy'
};

/** A record value as the cell value exceljs writes (Date for dates, numbers, booleans, text). */
export function cellValue(value: FieldValue, type: FieldType): string | number | boolean | Date | null {
	if (value === null) return null;
	if (type === 'date') {
		const [y, m, d] = String(value).split('-').map(Number);
		return new Date(Date.UTC(y, m - 1, d));
	}
	return value;
}

function headerStyle(row: ExcelJS.Row): void {
	row.font = { bold: true };
	row.alignment = { vertical: 'middle', wrapText: true };
	row.height = 32;
}

/** The workbook's bytes. `producedAt` is written in the document properties. */
export async function observatoryWorkbook(year: number, records: readonly ObservatoryRecord[], issues: readonly ObservatoryIssue[], producedAt: Date): Promise<Uint8Array> {
	const wb = new ExcelJS.Workbook();
	wb.creator = 'Maillage';
	wb.created = producedAt;
	wb.modified = producedAt;

	const sheet = wb.addWorksheet(`Fiches ${year}`, { views: [{ state: 'frozen', ySplit: 1, xSplit: 6 }] });
	sheet.columns = OBSERVATORY_FIELDS.map((f) => ({
		header: f.header,
		key: f.key,
		width: Math.min(40, Math.max(12, f.header.length * 0.9)),
		style: NUMBER_FORMATS[f.type] ? { numFmt: NUMBER_FORMATS[f.type] } : {}
	}));
	headerStyle(sheet.getRow(1));
	for (const r of records) {
		sheet.addRow(Object.fromEntries(OBSERVATORY_FIELDS.map((f) => [f.key, cellValue(r[f.key], f.type)])));
	}
	sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: OBSERVATORY_FIELDS.length } };

	const dict = wb.addWorksheet('Dictionnaire', { views: [{ state: 'frozen', ySplit: 1 }] });
	dict.columns = [
		{ header: 'Champ (JSON)', key: 'key', width: 30 },
		{ header: 'En-tête de colonne', key: 'header', width: 40 },
		{ header: 'Signification', key: 'meaning', width: 70 },
		{ header: 'Type', key: 'type', width: 26 },
		{ header: 'Source dans Maillage', key: 'source', width: 50 }
	];
	headerStyle(dict.getRow(1));
	for (const f of OBSERVATORY_FIELDS) dict.addRow({ key: f.key, header: f.header, meaning: f.meaning, type: FIELD_TYPES[f.type], source: f.source });

	const checks = wb.addWorksheet('Contrôles', { views: [{ state: 'frozen', ySplit: 1 }] });
	checks.columns = [
		{ header: 'Gravité', key: 'severity', width: 14 },
		{ header: 'Clé de la fiche', key: 'key', width: 34 },
		{ header: 'Structure', key: 'structure', width: 36 },
		{ header: 'Champ', key: 'field', width: 26 },
		{ header: 'Problème', key: 'message', width: 90 },
		{ header: 'Page à corriger', key: 'href', width: 24 }
	];
	headerStyle(checks.getRow(1));
	for (const i of issues) {
		checks.addRow({ severity: i.severity, key: i.key, structure: i.structureName, field: i.field ?? '', message: i.message, href: i.href });
	}
	const buffer = await wb.xlsx.writeBuffer();
	return new Uint8Array(buffer as ArrayBuffer);
}
