/**
 * CSV for French spreadsheets: `;` separator, UTF-8 with a byte-order mark, CRLF line ends,
 * French headers, decimal comma (euros with 2 decimals), dates `AAAA-MM-JJ`, `oui`/`non`.
 * Text a spreadsheet would run as a formula (starting with = + - @ tab or CR) gets a leading
 * apostrophe. `parseObservatoryCsv` reads such a file back into typed records (round trip). Pure.
 */
import { parseCsv } from '../io/csv';
import { DICTIONARY_COLUMNS, dictionaryRows, type FieldDefinition, type FieldType, type FieldValue } from './dictionary';

export const BOM = '\ufeff';
const SEPARATOR = ';';
const EOL = '\r\n';

/** One value as CSV text for a field of `type`. */
export function formatCsvValue(value: FieldValue, type: FieldType): string {
	if (value === null) return '';
	let text: string;
	switch (type) {
		case 'entier':
		case 'decimal':
		case 'euros': {
			if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`invalid number for CSV: ${String(value)}`);
			text = (type === 'euros' ? value.toFixed(2) : String(value)).replace('.', ',');
			break;
		}
		case 'booleen':
			text = value ? 'oui' : 'non';
			break;
		case 'date':
			text = String(value);
			break;
		default:
			text = String(value);
			if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
	}
	return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole CSV document of `rows` (objects keyed by field key) over `fields`. */
export function toFieldCsv(fields: readonly FieldDefinition[], rows: readonly Readonly<Record<string, FieldValue>>[]): string {
	const lines = [fields.map((f) => formatCsvValue(f.header, 'texte')).join(SEPARATOR)];
	for (const row of rows) lines.push(fields.map((f) => formatCsvValue(row[f.key] ?? null, f.type)).join(SEPARATOR));
	return `${BOM}${lines.join(EOL)}${EOL}`;
}

/** The data dictionary itself as CSV (Champ ; En-tête ; Signification ; Type ; Import ; Source ; Rubrique). */
export function dictionaryCsv(fields: readonly FieldDefinition[]): string {
	const columns: FieldDefinition[] = DICTIONARY_COLUMNS.map((c) => ({ key: c.key, header: c.header, meaning: '', type: 'texte', source: '', entry: 'calcule' }));
	return toFieldCsv(columns, dictionaryRows(fields));
}

/** Reads a CSV cell back into a value of `type`; throws with the cell on a malformed value. */
export function parseCsvValue(text: string, type: FieldType): FieldValue {
	if (text === '') return null;
	switch (type) {
		case 'entier':
		case 'decimal':
		case 'euros': {
			const n = Number(text.replace(',', '.'));
			if (!Number.isFinite(n) || (type === 'entier' && !Number.isInteger(n))) throw new Error(`not a ${type}: ${text}`);
			return n;
		}
		case 'booleen':
			if (text !== 'oui' && text !== 'non') throw new Error(`not oui/non: ${text}`);
			return text === 'oui';
		case 'date':
			if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) throw new Error(`not a date: ${text}`);
			return text;
		default:
			return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
	}
}

/**
 * Parses a CSV written by `toFieldCsv` back into rows keyed by field key.
 * @throws Error when the header differs from `fields` or a value does not match its type
 */
export function parseFieldCsv(text: string, fields: readonly FieldDefinition[]): Record<string, FieldValue>[] {
	const table = parseCsv(text);
	if (table.issues.length > 0) throw new Error(`malformed CSV: ${JSON.stringify(table.issues[0])}`);
	const expected = fields.map((f) => f.header);
	if (table.header.join('\u0000') !== expected.join('\u0000')) {
		throw new Error(`unexpected header: ${table.header.join(';')}`);
	}
	return table.records.map((r) => Object.fromEntries(fields.map((f, i) => [f.key, parseCsvValue(r.values[i], f.type)])));
}
