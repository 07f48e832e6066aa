/**
 * CSV text → header + records, RFC 4180 with the habits of French files: `;` or `,` (or tab)
 * separator detected on the header line, quoted fields with `""` escapes and line breaks inside
 * quotes, CRLF/LF/CR line ends, a leading BOM. Every record keeps the 1-based physical line on
 * which it starts (the header is line 1). Blank lines are skipped. Values are raw strings:
 * codes such as `01001` are never turned into numbers here.
 */
import { issueError, type ImportIssue } from './issues';

export type CsvDelimiter = ';' | ',' | '\t';

export interface CsvRecord {
	/** Physical line (1-based) where the record starts. */
	line: number;
	values: string[];
}

export interface CsvTable {
	delimiter: CsvDelimiter;
	/** Column names as written (trimmed). */
	header: string[];
	/** Data records with the same number of values as the header; malformed ones are reported. */
	records: CsvRecord[];
	issues: ImportIssue[];
}

const CANDIDATES: readonly CsvDelimiter[] = [';', ',', '\t'];

/**
 * Picks the separator: the candidate that occurs most often outside quotes on the first
 * non-blank line. A header without any candidate (a one-column file) gives `;`.
 */
export function detectDelimiter(text: string): CsvDelimiter {
	const counts = new Map<CsvDelimiter, number>(CANDIDATES.map((c) => [c, 0]));
	let inQuotes = false;
	let seenContent = false;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (ch === '"') inQuotes = !inQuotes;
		else if (!inQuotes && (ch === '\n' || ch === '\r')) {
			if (seenContent) break;
		} else if (!inQuotes && counts.has(ch as CsvDelimiter)) {
			counts.set(ch as CsvDelimiter, counts.get(ch as CsvDelimiter)! + 1);
			seenContent = true;
		} else if (ch.trim() !== '') seenContent = true;
	}
	let best: CsvDelimiter = ';';
	let bestCount = 0;
	for (const c of CANDIDATES) {
		const n = counts.get(c)!;
		if (n > bestCount) {
			best = c;
			bestCount = n;
		}
	}
	return best;
}

/** Splits CSV text into raw records (before header handling). */
function tokenize(text: string, delimiter: CsvDelimiter): { records: CsvRecord[]; issues: ImportIssue[] } {
	const records: CsvRecord[] = [];
	const issues: ImportIssue[] = [];
	let line = 1;
	let recordLine = 1;
	let field = '';
	let values: string[] = [];
	let inQuotes = false;
	let quoteLine = 0;

	const endRecord = () => {
		values.push(field);
		// Blank lines and lines of empty cells (`;;;`, left by spreadsheets) are not records.
		const blank = values.every((v) => v.trim() === '');
		if (!blank) records.push({ line: recordLine, values });
		values = [];
		field = '';
	};

	const n = text.length;
	let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
	for (; i < n; i++) {
		const ch = text[i];
		if (inQuotes) {
			if (ch === '"') {
				if (text[i + 1] === '"') {
					field += '"';
					i++;
				} else inQuotes = false;
			} else {
				if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
				field += ch;
			}
			continue;
		}
		if (ch === '"' && field.trim() === '') {
			// A quote opens a quoted field only at its start; elsewhere it is kept literally.
			inQuotes = true;
			quoteLine = line;
			field = '';
		} else if (ch === delimiter) {
			values.push(field);
			field = '';
		} else if (ch === '\r' || ch === '\n') {
			if (ch === '\r' && text[i + 1] === '\n') i++;
			endRecord();
			line++;
			recordLine = line;
		} else {
			field += ch;
		}
	}
	if (inQuotes) {
		issues.push(issueError('csv-unterminated-quote', { line: quoteLine }));
	} else if (field !== '' || values.length > 0) {
		endRecord();
	}
	return { records, issues };
}

/**
 * Parses CSV text. The first non-blank record is the header. A record whose number of values
 * differs from the header's is reported (`csv-column-count`, often a decimal comma in a
 * comma-separated file) and left out; an unterminated quote is reported at the line it opens.
 */
export function parseCsv(text: string): CsvTable {
	// Excel's « sep=; » first line names the separator.
	const hint = /^\ufeff?sep=([;,\t])[ \t]*(?:\r\n|\n|\r|$)/i.exec(text);
	const body = hint ? text.slice(hint[0].length) : text;
	const delimiter = hint ? (hint[1] as CsvDelimiter) : detectDelimiter(text);
	const { records: raw, issues } = tokenize(body, delimiter);
	if (hint) for (const r of [...raw, ...issues]) if (r.line !== undefined) r.line += 1;
	if (raw.length === 0) {
		return { delimiter, header: [], records: [], issues: issues.length ? issues : [issueError('file-empty')] };
	}
	const [headerRecord, ...rest] = raw;
	const header = headerRecord.values.map((h) => h.trim());
	const records: CsvRecord[] = [];
	for (const record of rest) {
		if (record.values.length !== header.length) {
			// Trailing empty cells some exporters add are harmless.
			const trimmed = record.values.slice();
			while (trimmed.length > header.length && trimmed[trimmed.length - 1].trim() === '') trimmed.pop();
			if (trimmed.length === header.length) {
				records.push({ line: record.line, values: trimmed });
				continue;
			}
			issues.push(
				issueError(
					'csv-column-count',
					{ line: record.line },
					{ expected: header.length, actual: record.values.length, delimiter }
				)
			);
			continue;
		}
		records.push(record);
	}
	return { delimiter, header, records, issues };
}
