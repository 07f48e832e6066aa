/**
 * Funding workbooks: the export workbook (exceljs), amounts as real numbers. Imported workbooks
 * are read by the one guarded reader, `./xlsx-reader.ts`. Server-only (exceljs needs Node).
 */
import ExcelJS from 'exceljs';
import { EXPORT_COLUMNS, type ExportCell } from '../../funding/export';

/** True when the bytes are a ZIP container (XLSX, ODS, DOCX…). */
export function looksLikeZip(bytes: Uint8Array): boolean {
	return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
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
