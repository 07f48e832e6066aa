/**
 * Funding workbooks (XLSX, exceljs): the first worksheet read as a table — header on its first
 * non-empty row, one record per following row, each keeping its spreadsheet row number so issues
 * point at the row the user sees — and the export workbook, amounts as real numbers.
 * Server-only (exceljs needs Node).
 */
import ExcelJS from 'exceljs';
import type { CsvTable } from '../../io/csv';
import { issueError } from '../../io/issues';
import { EXPORT_COLUMNS, type ExportCell } from '../../funding/export';

/** True when the bytes are a ZIP container (XLSX, ODS, DOCX…). */
export function looksLikeZip(bytes: Uint8Array): boolean {
	return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

function pad(n: number, width = 2): string {
	return String(n).padStart(width, '0');
}

/** A cell value as the text a CSV would hold (numbers with a `.` decimal point, dates ISO). */
export function cellText(value: ExcelJS.CellValue): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'string') return value;
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
	if (typeof value === 'boolean') return value ? 'oui' : 'non';
	if (value instanceof Date) return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
	if (typeof value === 'object') {
		if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((r) => r.text).join('');
		if ('result' in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
		if ('text' in value && typeof value.text === 'string') return value.text;
		if ('error' in value) return '';
	}
	return String(value);
}

/**
 * Reads the first worksheet of an XLSX file into the table shape of the CSV parser. An unreadable
 * workbook or an empty sheet gives an issue instead of records.
 */
export async function readWorksheetTable(bytes: Uint8Array): Promise<CsvTable> {
	const empty = (code: 'file-empty' | 'file-binary', params?: Record<string, string>): CsvTable => ({
		delimiter: ';',
		header: [],
		records: [],
		issues: [issueError(code, {}, params)]
	});
	const workbook = new ExcelJS.Workbook();
	try {
		await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
	} catch {
		return empty('file-binary', { format: 'classeur illisible (XLSX attendu)' });
	}
	const sheet = workbook.worksheets[0];
	if (!sheet) return empty('file-empty');
	let header: string[] | null = null;
	const records: CsvTable['records'] = [];
	sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
		// row.values is 1-based: index 0 is empty.
		const raw = Array.isArray(row.values) ? row.values.slice(1) : [];
		const texts = raw.map((v) => cellText(v as ExcelJS.CellValue).trim());
		if (texts.every((t) => t === '')) return;
		if (header === null) {
			header = texts;
			return;
		}
		const width: number = header.length;
		const values = Array.from({ length: width }, (_, i) => texts[i] ?? '');
		records.push({ line: rowNumber, values });
	});
	if (header === null) return empty('file-empty');
	return { delimiter: ';', header, records, issues: records.length === 0 ? [issueError('csv-no-rows')] : [] };
}

/** The export workbook: one « Financements » sheet, header row frozen, amounts as numbers in euros. */
export async function writeFundingXlsx(rows: readonly ExportCell[][], meta: { title: string }): Promise<Uint8Array> {
	const workbook = new ExcelJS.Workbook();
	workbook.creator = 'Maillage';
	workbook.title = meta.title;
	const sheet = workbook.addWorksheet('Financements', { views: [{ state: 'frozen', ySplit: 1 }] });
	sheet.columns = EXPORT_COLUMNS.map((c) => ({
		header: c.label,
		key: c.key,
		width: c.key === 'montant' ? 16 : c.key.startsWith('nom') || c.key.startsWith('libelle') || c.key === 'commentaire' ? 40 : 14,
		style: c.key === 'montant' ? { numFmt: '#,##0.00' } : c.key === 'siret' || c.key === 'structure' ? { numFmt: '@' } : {}
	}));
	sheet.getRow(1).font = { bold: true };
	for (const row of rows) sheet.addRow(row.map((v) => (typeof v === 'boolean' ? (v ? 'oui' : 'non') : v)));
	const buffer = await workbook.xlsx.writeBuffer();
	return new Uint8Array(buffer as ArrayBuffer);
}
