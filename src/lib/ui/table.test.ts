import { describe, expect, it } from 'vitest';
import { commonValue, compareValues, distinctValues, hideableColumns, nextSort, noteMarkers, parseChosenColumns, repeatedCellNotes, sortRows, visibleKeys, type Column } from './table';

interface Row {
	name: string;
	km: number | null;
	regime: string;
}
const columns: Column<Row>[] = [
	{ key: 'name', label: 'Commune', sort: (r) => r.name },
	{ key: 'km', label: 'Distance', numeric: true, sort: (r) => r.km, descendingFirst: true, note: 'à vol d’oiseau' },
	{ key: 'regime', label: 'Régime', hidden: true },
	{ key: 'id', label: 'Code', required: true }
];
const rows: Row[] = [
	{ name: 'Évry', km: 3, regime: 'A' },
	{ name: 'abbeville', km: null, regime: 'A' },
	{ name: 'Zonza', km: 10.5, regime: 'A' },
	{ name: 'Ecouen', km: 3, regime: 'A' }
];

describe('table helpers', () => {
	it('visibleKeys(columns, null) shows the default columns; a choice never hides the first or required ones', () => {
		expect([...visibleKeys(columns, null)]).toEqual(['name', 'km', 'id']);
		expect([...visibleKeys(columns, ['regime'])]).toEqual(['name', 'regime', 'id']);
		expect(hideableColumns(columns).map((c) => c.key)).toEqual(['km', 'regime']);
	});

	it('sortRows(rows, columns, sort) sorts French text, numbers, keeps ties stable and missing values last', () => {
		expect(sortRows(rows, columns, { key: 'name', descending: false }).map((r) => r.name)).toEqual(['abbeville', 'Ecouen', 'Évry', 'Zonza']);
		expect(sortRows(rows, columns, { key: 'km', descending: true }).map((r) => r.name)).toEqual(['Zonza', 'Évry', 'Ecouen', 'abbeville']);
		expect(sortRows(rows, columns, { key: 'km', descending: false }).map((r) => r.name)).toEqual(['Évry', 'Ecouen', 'Zonza', 'abbeville']);
		expect(sortRows(rows, columns, null)).toEqual(rows);
	});

	it('nextSort flips the same column and starts a new one in its first direction', () => {
		expect(nextSort(null, columns[1])).toEqual({ key: 'km', descending: true });
		expect(nextSort({ key: 'km', descending: true }, columns[1])).toEqual({ key: 'km', descending: false });
		expect(nextSort({ key: 'km', descending: true }, columns[0])).toEqual({ key: 'name', descending: false });
	});

	it('compareValues puts missing values after everything', () => {
		expect(compareValues(null, 1)).toBeGreaterThan(0);
		expect(compareValues(2, undefined)).toBeLessThan(0);
		expect(compareValues(Number.NaN, null)).toBe(0);
	});

	it('commonValue finds the cell repeated on every row, and only then', () => {
		expect(commonValue(rows, (r) => r.regime)).toBe('A');
		expect(commonValue([...rows, { name: 'X', km: 1, regime: 'B' }], (r) => r.regime)).toBeNull();
		expect(commonValue(rows.slice(0, 1), (r) => r.regime)).toBeNull();
		expect(commonValue(rows, () => null)).toBeNull();
		expect(distinctValues([...rows, { name: 'X', km: 1, regime: 'B' }], (r) => r.regime)).toEqual(['A', 'B']);
	});

	it('noteMarkers numbers the noted columns; parseChosenColumns ignores damaged storage', () => {
		expect([...noteMarkers(columns)]).toEqual([['km', 1]]);
		expect(parseChosenColumns('["a","b"]')).toEqual(['a', 'b']);
		expect(parseChosenColumns('{')).toBeNull();
		expect(parseChosenColumns('[1]')).toBeNull();
		expect(parseChosenColumns(null)).toBeNull();
	});
});

describe('repeatedCellNotes', () => {
	it('one value on every row becomes one note without markers', () => {
		const n = repeatedCellNotes(['Prix plafond CNAF (valeur fictive)', 'Prix plafond CNAF (valeur fictive)', null], 'Régime du prix plafond');
		expect(n.marker('Prix plafond CNAF (valeur fictive)')).toBe('');
		expect(n.notes).toEqual(['Régime du prix plafond : Prix plafond CNAF (valeur fictive) (toutes les lignes).']);
	});
	it('several values get a letter each, in first-seen order', () => {
		const n = repeatedCellNotes(['B', 'A', 'B'], 'Régime');
		expect([n.marker('B'), n.marker('A'), n.marker(null)]).toEqual(['a', 'b', '']);
		expect(n.notes).toEqual(['a — Régime : B.', 'b — Régime : A.']);
	});
});
