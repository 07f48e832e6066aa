/**
 * The observatory export as an Excel workbook (exceljs): « Fiches AAAA » (one row per structure,
 * the import's wide sheet: it comes first), « Détail AAAA » (activities, partners, contracts: the
 * import's long sheet), « Synthèse AAAA » (the département summary), « Listes de codes »,
 * « Dictionnaire » and « Contrôles ». Real numbers, real dates and booleans, frozen header and
 * filters; the SIRET and codes stay text. Runs on the server (exceljs); returns the bytes.
 */
import ExcelJS from 'exceljs';
import { DETAIL_FIELDS, DETAIL_SHEET_PREFIX } from './detail';
import { DICTIONARY_COLUMNS, dictionaryRows, OBSERVATORY_FIELDS, type FieldDefinition, type FieldType, type FieldValue, type ObservatoryRecord } from './dictionary';
import type { ObservatoryIssue } from './checks';
import { LIST_LABELS, type ObservatoryLists } from './lists';
import type { DepartementSummary } from './summary';

const NUMBER_FORMATS: Partial<Record<FieldType, string>> = {
	entier: '#,##0',
	decimal: '#,##0.00',
	euros: '#,##0.00 "€"',
	date: 'dd/mm/yyyy',
	texte: '@'
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

function tableSheet(wb: ExcelJS.Workbook, name: string, fields: readonly FieldDefinition[], rows: readonly Record<string, FieldValue>[], frozenColumns: number): void {
	const sheet = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1, xSplit: frozenColumns }] });
	sheet.columns = fields.map((f) => ({
		header: f.header,
		key: f.key,
		width: Math.min(40, Math.max(12, f.header.length * 0.9)),
		style: NUMBER_FORMATS[f.type] ? { numFmt: NUMBER_FORMATS[f.type] } : {}
	}));
	headerStyle(sheet.getRow(1));
	for (const r of rows) sheet.addRow(Object.fromEntries(fields.map((f) => [f.key, cellValue(r[f.key] ?? null, f.type)])));
	sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: fields.length } };
}

function plainSheet(wb: ExcelJS.Workbook, name: string, columns: { header: string; key: string; width: number }[], rows: readonly Record<string, unknown>[]): ExcelJS.Worksheet {
	const sheet = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
	sheet.columns = columns;
	headerStyle(sheet.getRow(1));
	for (const r of rows) sheet.addRow(r);
	return sheet;
}

/** A sheet of `rows`, one column per `[header, width, value of a row]`. */
function columnSheet<T>(wb: ExcelJS.Workbook, name: string, rows: readonly T[], columns: [header: string, width: number, value: (row: T) => unknown][]): void {
	plainSheet(
		wb,
		name,
		columns.map(([header, width], index) => ({ header, key: `c${index}`, width })),
		rows.map((row) => Object.fromEntries(columns.map(([, , value], index) => [`c${index}`, value(row)])))
	);
}

/** The workbook's bytes. `producedAt` is written in the document properties. */
export async function observatoryWorkbook(
	year: number,
	content: { records: readonly ObservatoryRecord[]; detail: readonly ObservatoryRecord[]; issues: readonly ObservatoryIssue[]; lists: ObservatoryLists; summary: DepartementSummary },
	producedAt: Date
): Promise<Uint8Array> {
	const wb = new ExcelJS.Workbook();
	wb.creator = 'Maillage';
	wb.created = producedAt;
	wb.modified = producedAt;

	tableSheet(wb, `Fiches ${year}`, OBSERVATORY_FIELDS, content.records, 7);
	tableSheet(wb, `${DETAIL_SHEET_PREFIX} ${year}`, DETAIL_FIELDS, content.detail, 5);

	const s = content.summary;
	const summary = plainSheet(
		wb,
		`Synthèse ${year}`,
		[
			{ header: 'Thème', key: 'theme', width: 24 },
			{ header: 'Indicateur', key: 'label', width: 44 },
			...s.years.flatMap((y) => [
				{ header: `Total ${y}`, key: `t${y}`, width: 14 },
				{ header: `Médiane ${y}`, key: `m${y}`, width: 14 },
				{ header: `Fiches ${y}`, key: `n${y}`, width: 10 }
			]),
			{ header: `Évolution du total ${year - 1}-${year}`, key: 'dt', width: 16 },
			{ header: `Évolution de la médiane ${year - 1}-${year}`, key: 'dm', width: 16 }
		],
		s.rows.map((r) => ({
			theme: r.theme,
			label: r.label,
			...Object.fromEntries(r.cells.flatMap((c) => [[`t${c.year}`, c.total], [`m${c.year}`, c.median], [`n${c.year}`, c.count]])),
			dt: r.totalChange,
			dm: r.medianChange
		}))
	);
	summary.getColumn('dt').numFmt = '0.0%';
	summary.getColumn('dm').numFmt = '0.0%';
	summary.addRow({});
	for (const rec of s.records) summary.addRow({ theme: `Fiches ${rec.year}`, label: `${rec.count} fiches, ${rec.respondents} réponses à SENACS, ${rec.deficits} en déficit` });
	for (const n of s.nonRespondents) summary.addRow({ theme: `Sans réponse ${year}`, label: `${n.name} (${n.type}) : ${n.answered === false ? 'n’a pas répondu' : 'réponse non renseignée'}` });

	const listItems = Object.entries(content.lists).flatMap(([key, l]) => l.items.map((item) => ({ list: LIST_LABELS[key as keyof typeof LIST_LABELS], item, regime: l.regime ?? '' })));
	columnSheet(wb, 'Listes de codes', listItems, [
		['Liste', 26, (i) => i.list],
		['Code', 26, (i) => i.item.code],
		['Libellé', 60, (i) => i.item.label],
		['Régime', 40, (i) => i.regime]
	]);

	plainSheet(
		wb,
		'Dictionnaire',
		[{ header: 'Feuille', key: 'sheet', width: 12 }, ...DICTIONARY_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.key === 'meaning' ? 70 : c.key === 'entry' ? 40 : 30 }))],
		[...dictionaryRows(OBSERVATORY_FIELDS).map((r) => ({ sheet: 'Fiches', ...r })), ...dictionaryRows(DETAIL_FIELDS).map((r) => ({ sheet: DETAIL_SHEET_PREFIX, ...r }))]
	);

	columnSheet(wb, 'Contrôles', content.issues, [
		['Gravité', 14, (i) => i.severity],
		['Clé de la fiche', 34, (i) => i.key],
		['Structure', 36, (i) => i.structureName],
		['Champ', 26, (i) => i.field ?? ''],
		['Problème', 90, (i) => i.message],
		['Page à corriger', 24, (i) => i.href]
	]);
	const buffer = await wb.xlsx.writeBuffer();
	return new Uint8Array(buffer as ArrayBuffer);
}
