import { describe, expect, it } from 'vitest';
import { crossTab } from './cross-tab';

const items = [
	{ partner: 'CAF', year: 2024, amount: 100 },
	{ partner: 'CD', year: 2025, amount: 30 },
	{ partner: 'CAF', year: 2025, amount: 120 },
	{ partner: 'CAF', year: 2025, amount: 5 }
];
const accessors = {
	row: (i: (typeof items)[number]) => i.partner,
	rowLabel: (i: (typeof items)[number]) => `Partenaire ${i.partner}`,
	column: (i: (typeof items)[number]) => i.year,
	value: (i: (typeof items)[number]) => i.amount
};

describe('crossTab(items, accessors)', () => {
	it('crossTab sums cells and gives row, column and grand totals that agree', () => {
		const t = crossTab(items, accessors);
		expect(t.columns).toEqual([2024, 2025]);
		expect(t.rows).toEqual([
			{ key: 'CAF', label: 'Partenaire CAF', cells: [100, 125], total: 225 },
			{ key: 'CD', label: 'Partenaire CD', cells: [null, 30], total: 30 }
		]);
		expect(t.columnTotals).toEqual([100, 155]);
		expect(t.grandTotal).toBe(255);
		expect(t.rows.reduce((s, r) => s + r.total, 0)).toBe(t.grandTotal);
	});

	it('crossTab with fixed columns keeps empty columns and drops items outside them', () => {
		const t = crossTab(items, { ...accessors, columns: [2023, 2024] });
		expect(t.columns).toEqual([2023, 2024]);
		expect(t.rows).toEqual([{ key: 'CAF', label: 'Partenaire CAF', cells: [null, 100], total: 100 }]);
		expect(t.columnTotals).toEqual([0, 100]);
		expect(t.grandTotal).toBe(100);
	});

	it('crossTab([]) is empty with a zero total', () => {
		expect(crossTab([], accessors)).toEqual({ rows: [], columns: [], columnTotals: [], grandTotal: 0 });
	});

	it('crossTab keeps an explicit zero distinct from an empty cell', () => {
		const t = crossTab([{ partner: 'CAF', year: 2024, amount: 0 }], { ...accessors, columns: [2024, 2025] });
		expect(t.rows[0].cells).toEqual([0, null]);
	});
});
