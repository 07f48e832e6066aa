/**
 * CSV for French spreadsheet users: `;` separator, UTF-8 with a byte-order mark (so Excel reads
 * the accents), CRLF line ends, decimal commas, `oui`/`non` for booleans. Text that a spreadsheet
 * would run as a formula (starting with = + - @ tab or CR) is prefixed with an apostrophe.
 * Pure: no I/O.
 */

export type CsvCell = string | number | boolean | null | undefined;

/** The UTF-8 byte-order mark, first character of every file. */
export const BOM = '\ufeff';
const SEPARATOR = ';';

/** One cell as CSV text: quoted when it holds `;`, `"`, or a line break. */
export function csvCell(value: CsvCell): string {
	let text: string;
	if (value === null || value === undefined) text = '';
	else if (typeof value === 'boolean') text = value ? 'oui' : 'non';
	else if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw new Error(`invalid number for CSV: ${value}`);
		text = String(value).replace('.', ',');
	} else text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
	return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole CSV document: BOM, header line, one line per row, each ended by CRLF. */
export function toCsv(headers: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
	const lines = [headers.map(csvCell).join(SEPARATOR)];
	for (const row of rows) {
		if (row.length !== headers.length) throw new Error(`CSV row has ${row.length} cells, expected ${headers.length}`);
		lines.push(row.map(csvCell).join(SEPARATOR));
	}
	return `${BOM}${lines.join('\r\n')}\r\n`;
}
