/**
 * Column model of the data table (`DataTable.svelte`) and its pure helpers: which columns are
 * shown, footnote markers, client-side sorting, and the value a column repeats on every row
 * (turned into a note instead of a cell). No DOM, no Svelte.
 */

/** One column of a data table. The first column is the row header (sticky, never hidden). */
export interface Column<T> {
	/** Stable key: used by the column picker, the sort and the `cell` snippet. */
	key: string;
	/** Header text (French). */
	label: string;
	/** A shorter header shown instead of `label`, which stays readable in an `<abbr>` title. */
	short?: string;
	/** Right-aligned tabular figures. */
	numeric?: boolean;
	/** Plain cell text; columns without it are drawn by the table's `cell` snippet. */
	value?: (row: T) => string | number | null | undefined;
	/** Sort value; a column with one can be sorted from its header. */
	sort?: (row: T) => string | number | null | undefined;
	/** Sort descending on the first click (amounts, distances). */
	descendingFirst?: boolean;
	/** Hidden until the user shows it in the column picker. */
	hidden?: boolean;
	/** The user may not hide it (identifiers, editable cells). The first column never hides. */
	required?: boolean;
	/** A note on the whole column, printed once under the table and marked in the header. */
	note?: string;
	/** Total printed in the table footer under this column. */
	footer?: string;
	/** Extra class of the column's cells (`date`, `wrap`…). */
	class?: string;
}

/** Keys of the columns shown: defaults (not `hidden`) unless the user chose, first column always. */
export function visibleKeys<T>(columns: readonly Column<T>[], chosen: readonly string[] | null): Set<string> {
	const keys = new Set<string>();
	columns.forEach((c, i) => {
		const locked = i === 0 || c.required;
		if (locked || (chosen ? chosen.includes(c.key) : !c.hidden)) keys.add(c.key);
	});
	return keys;
}

/** The columns the user may show or hide (all but the first and the required ones). */
export function hideableColumns<T>(columns: readonly Column<T>[]): Column<T>[] {
	return columns.filter((c, i) => i > 0 && !c.required);
}

/** Footnote markers (`1`, `2`…) of the columns that carry a note, in column order. */
export function noteMarkers<T>(columns: readonly Column<T>[]): Map<string, number> {
	const markers = new Map<string, number>();
	for (const c of columns) if (c.note) markers.set(c.key, markers.size + 1);
	return markers;
}

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

/** Compares two sort values: numbers numerically, text in French order; missing values last. */
export function compareValues(a: string | number | null | undefined, b: string | number | null | undefined): number {
	const missingA = a === null || a === undefined || (typeof a === 'number' && Number.isNaN(a));
	const missingB = b === null || b === undefined || (typeof b === 'number' && Number.isNaN(b));
	if (missingA || missingB) return missingA === missingB ? 0 : missingA ? 1 : -1;
	if (typeof a === 'number' && typeof b === 'number') return a - b;
	return collator.compare(String(a), String(b));
}

/** The sort state of a table: a column key and a direction. */
export interface SortState {
	key: string;
	descending: boolean;
}

/** `rows` sorted by `sort` (a new array; stable; missing values stay last in both directions). */
export function sortRows<T>(rows: readonly T[], columns: readonly Column<T>[], sort: SortState | null): T[] {
	const column = sort ? columns.find((c) => c.key === sort.key) : undefined;
	const accessor = column?.sort ?? column?.value;
	if (!sort || !accessor) return [...rows];
	const sign = sort.descending ? -1 : 1;
	return rows
		.map((row, index) => ({ row, index, value: accessor(row) }))
		.sort((x, y) => {
			const missingX = x.value === null || x.value === undefined;
			const missingY = y.value === null || y.value === undefined;
			if (missingX !== missingY) return missingX ? 1 : -1;
			return sign * compareValues(x.value, y.value) || x.index - y.index;
		})
		.map((x) => x.row);
}

/** The next sort after a click on `key`'s header: same column flips, another starts fresh. */
export function nextSort<T>(current: SortState | null, column: Column<T>): SortState {
	if (current?.key === column.key) return { key: column.key, descending: !current.descending };
	return { key: column.key, descending: Boolean(column.descendingFirst) };
}

/**
 * The value `pick` gives on every row when it is the same on all of them (at least two rows),
 * else null: a cell repeated on every row (« Prix plafond CNAF (valeur fictive…) ») reads better
 * as one note under the table.
 */
export function commonValue<T>(rows: readonly T[], pick: (row: T) => string | null | undefined): string | null {
	if (rows.length < 2) return null;
	const first = pick(rows[0]);
	if (first === null || first === undefined || first === '') return null;
	return rows.every((r) => pick(r) === first) ? first : null;
}

/** The values `pick` gives, distinct and in first-seen order (for « régimes : A ; B » notes). */
export function distinctValues<T>(rows: readonly T[], pick: (row: T) => string | null | undefined): string[] {
	const seen = new Set<string>();
	for (const r of rows) {
		const v = pick(r);
		if (v) seen.add(v);
	}
	return [...seen];
}

/** Parses the column choice stored in the browser (`["a","b"]`), or null when absent or damaged. */
export function parseChosenColumns(stored: string | null): string[] | null {
	if (!stored) return null;
	try {
		const value: unknown = JSON.parse(stored);
		return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : null;
	} catch {
		return null;
	}
}

/** Notes that replace a text repeated in the cells of a column (a regime, a source). */
export interface RepeatedNotes {
	/** The marker a cell prints next to its value (`a`, `b`…); empty when one note covers all rows. */
	marker: (value: string | null | undefined) => string;
	/** The notes, printed once under the table. */
	notes: string[];
}

/**
 * Turns a text repeated down a column into notes: one value on every row → one note
 * « label : value (toutes les lignes) » and no marker; several values → a letter per value.
 */
export function repeatedCellNotes(values: readonly (string | null | undefined)[], label: string): RepeatedNotes {
	const distinct = [...new Set(values.filter((v): v is string => Boolean(v)))];
	if (distinct.length <= 1) {
		return { marker: () => '', notes: distinct.map((v) => `${label} : ${v} (toutes les lignes).`) };
	}
	const letters = new Map(distinct.map((v, i) => [v, String.fromCharCode(97 + (i % 26)) + (i >= 26 ? String(Math.floor(i / 26)) : '')]));
	return {
		marker: (value) => (value ? (letters.get(value) ?? '') : ''),
		notes: distinct.map((v) => `${letters.get(v)} — ${label} : ${v}.`)
	};
}
