/**
 * Year-over-year trends of the observatory: for each summable figure, its total over the
 * records of every year present, and the change from the previous year. Pure.
 */
import type { FieldKey, ObservatoryRecord } from './dictionary';
import { OBSERVATORY_FIELDS } from './dictionary';

/** Figures followed over the years (sums over the records, plus the record count). */
export const TREND_FIELDS: readonly FieldKey[] = [
	'salaries',
	'etp',
	'benevoles_activite',
	'benevoles_gouvernance',
	'participation_1',
	'participation_2',
	'participation_3',
	'participation_4',
	'participation_5',
	'population_zone',
	'budget_total',
	'produits_caf',
	'produits_collectivites',
	'produits_departement',
	'produits_etat',
	'produits_autres_financeurs'
];

export interface TrendRow {
	/** `fiches` for the number of records, else a field key. */
	key: string;
	label: string;
	type: 'entier' | 'decimal' | 'euros';
	/** One value per year of `years`; null when no record of that year has a value. */
	values: (number | null)[];
	/** Records of each year that have a value (a sum over fewer records is not comparable). */
	counts: number[];
	/** Relative change of the last year over the one before (0.05 = +5 %), null when not computable. */
	lastChange: number | null;
}

export interface Trends {
	years: number[];
	rows: TrendRow[];
}

/** Trends over `byYear` (year → records). */
export function observatoryTrends(byYear: ReadonlyMap<number, readonly ObservatoryRecord[]>): Trends {
	const years = [...byYear.keys()].sort((a, b) => a - b);
	const change = (values: (number | null)[]) => {
		const [prev, last] = values.slice(-2);
		return values.length >= 2 && prev !== null && last !== null && prev !== 0 ? (last - prev) / prev : null;
	};
	const countValues = years.map((y) => byYear.get(y)!.length);
	const rows: TrendRow[] = [{ key: 'fiches', label: 'Structures (fiches)', type: 'entier', values: countValues, counts: countValues, lastChange: change(countValues) }];
	for (const key of TREND_FIELDS) {
		const def = OBSERVATORY_FIELDS.find((f) => f.key === key)!;
		const counts: number[] = [];
		const values = years.map((y) => {
			let sum = 0;
			let n = 0;
			for (const r of byYear.get(y)!) {
				const v = r[key];
				if (typeof v === 'number') {
					sum += def.type === 'euros' ? Math.round(v * 100) : v;
					n++;
				}
			}
			counts.push(n);
			if (n === 0) return null;
			return def.type === 'euros' ? sum / 100 : Math.round(sum * 100) / 100;
		});
		rows.push({ key, label: def.header, type: def.type as TrendRow['type'], values, counts, lastChange: change(values) });
	}
	return { years, rows };
}
