/**
 * The comparison table: key figures of the current situation and of a few scenarios, side by side,
 * each scenario with its difference to the first column. The same rows feed the page, the
 * printable view and the CSV export (labels in French, units stated).
 */
import type { ScenarioFigures } from './figures';

/** One column: a situation and its figures. */
export interface ComparisonColumn {
	label: string;
	figures: ScenarioFigures;
}

/** How a value is shown. */
export type FigureFormat = 'integer' | 'percent' | 'decimal';

/** One row of the table. */
export interface ComparisonRow {
	key: string;
	label: string;
	/** Unit shown after the label (« habitants », « km »…), or empty. */
	unit: string;
	format: FigureFormat;
	/** Whether a larger value is an improvement (for the colour of deltas); null when neutral. */
	higherIsBetter: boolean | null;
	/** One value per column (null: not available). */
	values: (number | null)[];
	/** Value − first column's value, per column (null for the first column and when unavailable). */
	deltas: (number | null)[];
}

interface RowSpec {
	key: string;
	label: string;
	unit: string;
	format: FigureFormat;
	higherIsBetter: boolean | null;
	get: (f: ScenarioFigures) => number | null;
}

/** The rows, in display order. */
export const COMPARISON_ROWS: readonly RowSpec[] = [
	{ key: 'covered_population', label: 'Population couverte', unit: 'habitants', format: 'integer', higherIsBetter: true, get: (f) => f.covered.population },
	{ key: 'share_covered', label: 'Part de la population couverte', unit: '', format: 'percent', higherIsBetter: true, get: (f) => f.shareCovered },
	{ key: 'covered_families', label: 'Familles couvertes', unit: 'familles', format: 'integer', higherIsBetter: true, get: (f) => f.coveredFamilies },
	{ key: 'covered_communes', label: 'Communes couvertes', unit: 'communes', format: 'integer', higherIsBetter: true, get: (f) => f.covered.communes },
	{ key: 'depourvues_communes', label: 'Communes dépourvues (dont isolées)', unit: 'communes', format: 'integer', higherIsBetter: false, get: (f) => f.depourvues.communes },
	{ key: 'depourvues_population', label: 'Population des communes dépourvues', unit: 'habitants', format: 'integer', higherIsBetter: false, get: (f) => f.depourvues.population },
	{ key: 'a_renforcer_communes', label: 'Communes à renforcer', unit: 'communes', format: 'integer', higherIsBetter: false, get: (f) => f.categories.a_renforcer.communes },
	{ key: 'qpv_reached', label: 'Quartiers prioritaires atteints', unit: 'QPV', format: 'integer', higherIsBetter: true, get: (f) => f.qpv?.reached ?? null },
	{ key: 'structures_cs', label: 'Centres sociaux', unit: 'structures', format: 'integer', higherIsBetter: null, get: (f) => f.structures.cs },
	{ key: 'structures_evs', label: 'Espaces de vie sociale', unit: 'structures', format: 'integer', higherIsBetter: null, get: (f) => f.structures.evs },
	{ key: 'accessibility_mean', label: 'Accessibilité moyenne (2SFCA)', unit: 'structures pour 10 000 habitants', format: 'decimal', higherIsBetter: true, get: (f) => f.accessibility.mean },
	{ key: 'nearest_median', label: 'Distance médiane à la structure la plus proche', unit: 'km', format: 'decimal', higherIsBetter: false, get: (f) => f.nearestStructureKm.median },
	{ key: 'nearest_p90', label: 'Distance au 9e décile à la structure la plus proche', unit: 'km', format: 'decimal', higherIsBetter: false, get: (f) => f.nearestStructureKm.p90 }
];

/** The comparison rows of `columns` (the first column is the reference, normally the current situation). */
export function comparisonRows(columns: readonly ComparisonColumn[]): ComparisonRow[] {
	return COMPARISON_ROWS.map((spec) => {
		const values = columns.map((c) => spec.get(c.figures));
		const first = values[0] ?? null;
		return {
			key: spec.key,
			label: spec.label,
			unit: spec.unit,
			format: spec.format,
			higherIsBetter: spec.higherIsBetter,
			values,
			deltas: values.map((v, i) => (i === 0 || v === null || first === null ? null : v - first))
		};
	});
}

/**
 * The comparison as CSV cells: a header (indicator, unit, then each column and, for scenarios,
 * its difference) and one line per row. Shares in %, rounded like the page (integers as is,
 * decimals to 2 places).
 */
export function comparisonTable(columns: readonly ComparisonColumn[]): { headers: string[]; rows: (string | number | null)[][] } {
	const headers = ['Indicateur', 'Unité'];
	columns.forEach((c, i) => {
		headers.push(c.label);
		if (i > 0) headers.push(`Écart : ${c.label}`);
	});
	const round = (v: number | null, format: FigureFormat) =>
		v === null ? null : format === 'percent' ? Math.round(v * 10_000) / 100 : format === 'decimal' ? Math.round(v * 100) / 100 : Math.round(v);
	const rows = comparisonRows(columns).map((row) => {
		const line: (string | number | null)[] = [row.label, row.format === 'percent' ? '%' : row.unit];
		row.values.forEach((v, i) => {
			line.push(round(v, row.format));
			if (i > 0) line.push(round(row.deltas[i], row.format));
		});
		return line;
	});
	return { headers, rows };
}
