/**
 * Cell text → typed values, the French way: decimal comma (`46,58`), spaces as thousands
 * separators (`12 345`), dates `AAAA-MM-JJ` or `JJ/MM/AAAA`, `oui`/`non`. Each parser returns
 * `null` for an empty cell and `undefined` for a value it cannot read, so callers can report.
 */

/** Lower case, accents removed, inner blanks collapsed: `  Espace de Vie  Sociale ` → `espace de vie sociale`. */
export function foldText(value: string): string {
	return value
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[\s\u00a0\u202f]+/g, ' ')
		.trim();
}

/**
 * A column or property name in canonical form: folded, with blanks, dashes, dots and
 * apostrophes as `_` (`Code commune` → `code_commune`, `Date 1er agrément` → `date_1er_agrement`).
 */
export function normalizeName(name: string): string {
	return foldText(name)
		.replace(/[\s\-.'’/]+/g, '_')
		.replace(/_+/g, '_')
		.replace(/^_|_$/g, '');
}

/**
 * A decimal number: `46.58`, `46,58`, `-0,5`, `12 345,6`, `1e3`. Null when blank, undefined
 * when unreadable (`12,345.6` with both separators, `abc`, `NaN`, `Infinity`).
 */
export function parseDecimal(raw: string): number | null | undefined {
	let value = raw.trim().replace(/[\s\u00a0\u202f]/g, '');
	if (value === '') return null;
	if (value.includes(',')) {
		if (value.includes('.') || value.indexOf(',') !== value.lastIndexOf(',')) return undefined;
		value = value.replace(',', '.');
	}
	if (!/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(value)) return undefined;
	const n = Number(value);
	return Number.isFinite(n) ? n : undefined;
}

/** A whole number (`12`, `12 345`, `12,0`). Null when blank, undefined otherwise unreadable. */
export function parseInteger(raw: string): number | null | undefined {
	const n = parseDecimal(raw);
	if (n === null || n === undefined) return n;
	return Number.isInteger(n) ? n : undefined;
}

function isoDate(year: number, month: number, day: number): string | undefined {
	if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) return undefined;
	const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
	const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
	if (day > daysInMonth) return undefined;
	return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * A calendar date `AAAA-MM-JJ` or `JJ/MM/AAAA` (also `J/M/AAAA`, and `-` or `.` for `/`),
 * returned as `YYYY-MM-DD`. Null when blank, undefined when unreadable or not a real day
 * (`31/02/2024`).
 */
export function parseDate(raw: string): string | null | undefined {
	const value = raw.trim();
	if (value === '') return null;
	let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]00:00(?::00)?)?$/.exec(value);
	if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
	m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?: 00:00(?::00)?)?$/.exec(value);
	if (m) return isoDate(Number(m[3]), Number(m[2]), Number(m[1]));
	return undefined;
}

const YES = new Set(['oui', 'o', 'yes', 'y', 'vrai', 'true', '1', 'x']);
const NO = new Set(['non', 'n', 'no', 'faux', 'false', '0']);

/** `oui`/`non` (also `o`/`n`, `vrai`/`faux`, `1`/`0`, `x` for a ticked box). Null when blank. */
export function parseYesNo(raw: string): boolean | null | undefined {
	const value = foldText(raw);
	if (value === '') return null;
	if (YES.has(value)) return true;
	if (NO.has(value)) return false;
	return undefined;
}
