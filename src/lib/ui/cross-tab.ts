/**
 * A cross table (rows × columns of summed values) with row, column and grand totals, for the
 * HTML tables of the funding pages. Pure: no DOM, no I/O.
 */

export interface CrossTab<R, C> {
	/** Row keys in first-seen order, with their labels. */
	rows: { key: R; label: string; cells: (number | null)[]; total: number }[];
	/** Column keys, in the order given (or ascending for numbers/strings when not given). */
	columns: C[];
	/** Sum of each column. */
	columnTotals: number[];
	grandTotal: number;
}

/**
 * Builds a cross table of `items`: `row(item)` and `column(item)` give the keys, `value(item)` the
 * number added to that cell. A cell with no item is `null` (shown as « — », distinct from 0).
 * `columns` fixes the columns (their order and the empty ones); otherwise the keys found, sorted.
 */
export function crossTab<T, R, C extends string | number>(
	items: readonly T[],
	accessors: {
		row: (item: T) => R;
		rowLabel: (item: T) => string;
		column: (item: T) => C;
		value: (item: T) => number;
		columns?: readonly C[];
	}
): CrossTab<R, C> {
	const columns = accessors.columns
		? [...accessors.columns]
		: [...new Set(items.map(accessors.column))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
	const columnIndex = new Map(columns.map((c, i) => [c, i]));
	const rows = new Map<R, { key: R; label: string; cells: (number | null)[]; total: number }>();
	const columnTotals = columns.map(() => 0);
	let grandTotal = 0;
	for (const item of items) {
		const i = columnIndex.get(accessors.column(item));
		if (i === undefined) continue;
		const key = accessors.row(item);
		let row = rows.get(key);
		if (!row) {
			row = { key, label: accessors.rowLabel(item), cells: columns.map(() => null), total: 0 };
			rows.set(key, row);
		}
		const value = accessors.value(item);
		row.cells[i] = (row.cells[i] ?? 0) + value;
		row.total += value;
		columnTotals[i] += value;
		grandTotal += value;
	}
	return { rows: [...rows.values()], columns, columnTotals, grandTotal };
}
