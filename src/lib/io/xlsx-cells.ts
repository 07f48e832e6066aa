/**
 * Small rules of the XLSX cell format (ECMA-376), for the guarded workbook reader
 * (`$lib/server/import/xlsx-reader`): column letters, which number formats are dates, Excel date
 * serials, and a cell as the text a CSV would hold. Pure.
 */

/** Widest sheet Excel writes (column XFD). */
export const MAX_COLUMNS = 16_384;

/** 0-based column of a cell reference (`B7` → 1), or null when it is not one within XFD. */
export function columnIndex(ref: string): number | null {
	const letters = /^([A-Z]{1,3})\d*$/.exec(ref)?.[1];
	if (!letters) return null;
	let n = 0;
	for (const c of letters) n = n * 26 + (c.charCodeAt(0) - 64);
	return n <= MAX_COLUMNS ? n - 1 : null;
}

/** Built-in number formats that show dates or times (ids of ECMA-376 §18.8.30, with the East Asian ones). */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** Whether number format `id` (with its `code` when custom) displays a date. */
export function isDateFormat(id: number, code: string | undefined): boolean {
	if (BUILTIN_DATE_FORMATS.has(id)) return true;
	if (!code) return false;
	// Quoted text, escapes and [colour]/[$-locale] sections carry no date token.
	const bare = code.replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/\[[^\]]*\]/g, '');
	return /[dmyhs]/i.test(bare) && !/^[#0.,%\s]*$/.test(bare);
}

/**
 * The calendar date (`YYYY-MM-DD`) of an Excel date serial, in the 1900 system (with Excel's
 * phantom 29 February 1900) or the 1904 one; null when out of range.
 */
export function serialToIsoDate(serial: number, date1904 = false): string | null {
	if (!Number.isFinite(serial) || serial < 0 || serial > 2_958_465) return null;
	const days = Math.floor(serial);
	const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 31);
	const offset = !date1904 && days >= 60 ? days - 1 : days;
	return new Date(epoch + offset * 86_400_000).toISOString().slice(0, 10);
}

/** A cell as read from the sheet XML: its type attribute `t`, and its value or inline text. */
export interface RawCell {
	/** `s` shared string, `inlineStr`, `str` formula text, `b` boolean, `e` error, `d` ISO date, `n` or absent: number. */
	type: string | null;
	value: string;
	/** The cell's number format is a date format. */
	dateStyle: boolean;
}

/**
 * A cell as the text a CSV would hold: numbers with a `.` decimal point, dates ISO, booleans
 * `oui` / `non`, errors empty.
 * @param sharedStrings the workbook's shared strings (type `s` holds an index into them)
 */
export function cellText(cell: RawCell, sharedStrings: readonly string[], date1904: boolean): string {
	switch (cell.type) {
		case 's':
			return sharedStrings[Number(cell.value)] ?? '';
		case 'inlineStr':
		case 'str':
			return cell.value;
		case 'b':
			return cell.value === '1' ? 'oui' : cell.value === '0' ? 'non' : '';
		case 'e':
			return '';
		case 'd':
			return cell.value.slice(0, 10);
		default: {
			if (cell.value.trim() === '') return '';
			const n = Number(cell.value);
			if (!Number.isFinite(n)) return cell.value;
			return cell.dateStyle ? (serialToIsoDate(n, date1904) ?? String(n)) : String(n);
		}
	}
}
