/**
 * The département summary of the observatory for the schéma directeur and the committee: for each
 * main SENACS indicator, its total and median over the structures of each year (CS and EVS, or one
 * type), the change from the year before, and the structures that did not answer SENACS. A total
 * or median only counts the records that have a value: the count goes with it, since a sum over
 * fewer records is not comparable from one year to the next. Pure.
 */
import { fieldOf, type ObservatoryRecord } from './dictionary';

/** The indicators of the summary, in display order, by theme. */
export const SUMMARY_INDICATORS = [
	{ key: 'personnes_touchees', theme: 'Publics' },
	{ key: 'familles_touchees', theme: 'Publics' },
	{ key: 'usagers', theme: 'Publics' },
	{ key: 'adherents', theme: 'Publics' },
	{ key: 'actions_total', theme: 'Activités et partenariats' },
	{ key: 'conventions_total', theme: 'Activités et partenariats' },
	{ key: 'associations_hebergees', theme: 'Activités et partenariats' },
	{ key: 'benevoles_activite', theme: 'Bénévolat et gouvernance' },
	{ key: 'benevoles_gouvernance', theme: 'Bénévolat et gouvernance' },
	{ key: 'heures_benevolat', theme: 'Bénévolat et gouvernance' },
	{ key: 'participation_5', theme: 'Bénévolat et gouvernance' },
	{ key: 'salaries', theme: 'Emploi' },
	{ key: 'etp', theme: 'Emploi' },
	{ key: 'charges_total', theme: 'Finances' },
	{ key: 'produits_total', theme: 'Finances' },
	{ key: 'resultat', theme: 'Finances' },
	{ key: 'caf_total', theme: 'Finances' },
	{ key: 'financements_communes', theme: 'Finances' },
	{ key: 'financements_epci', theme: 'Finances' },
	{ key: 'financements_departement', theme: 'Finances' },
	{ key: 'aides_investissement', theme: 'Finances' }
] as const;

export type SummaryValueType = 'entier' | 'decimal' | 'euros' | 'part';

export interface SummaryCell {
	year: number;
	/** Sum over the records with a value (a share: Caf total ÷ produits total over them). */
	total: number | null;
	median: number | null;
	/** Records of the year with a value. */
	count: number;
}

export interface SummaryRow {
	key: string;
	label: string;
	theme: string;
	type: SummaryValueType;
	cells: SummaryCell[];
	/** Change of the total (relative, 0.05 = +5 %) from the year before to the year summed up; null when not computable. */
	totalChange: number | null;
	medianChange: number | null;
}

export interface NonRespondent {
	structureId: number;
	name: string;
	type: string;
	/** false: declared as not answered; null: not entered. */
	answered: false | null;
}

export interface DepartementSummary {
	/** The year summed up. */
	year: number;
	/** The years shown, ascending, ending with `year` (at most `yearsShown`). */
	years: number[];
	/** Structure type the summary covers, or null for every structure. */
	type: 'CS' | 'EVS' | null;
	records: { year: number; count: number; respondents: number; responseRate: number | null; deficits: number }[];
	rows: SummaryRow[];
	nonRespondents: NonRespondent[];
}

/** Median of numbers (the mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
	if (values.length === 0) return null;
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const round = (n: number, type: SummaryValueType) => (type === 'entier' ? Math.round(n * 10) / 10 : type === 'part' ? Math.round(n * 10000) / 10000 : Math.round(n * 100) / 100);
const change = (prev: number | null | undefined, last: number | null | undefined) => (prev == null || last == null || prev === 0 ? null : (last - prev) / Math.abs(prev));

function cellOf(records: readonly ObservatoryRecord[], key: string, type: SummaryValueType, year: number): SummaryCell {
	const values = records.map((r) => r[key]).filter((v): v is number => typeof v === 'number');
	if (values.length === 0) return { year, total: null, median: null, count: 0 };
	// Euros are added as cents so the total is exact whatever the order.
	const total = type === 'euros' ? values.reduce((s, v) => s + Math.round(v * 100), 0) / 100 : round(values.reduce((s, v) => s + v, 0), type);
	return { year, total, median: round(median(values)!, type), count: values.length };
}

function shareCell(records: readonly ObservatoryRecord[], year: number): SummaryCell {
	const pairs = records.filter((r) => typeof r.caf_total === 'number' && typeof r.produits_total === 'number' && (r.produits_total as number) > 0);
	if (pairs.length === 0) return { year, total: null, median: null, count: 0 };
	const caf = pairs.reduce((s, r) => s + (r.caf_total as number), 0);
	const produits = pairs.reduce((s, r) => s + (r.produits_total as number), 0);
	return { year, total: round(caf / produits, 'part'), median: round(median(pairs.map((r) => (r.caf_total as number) / (r.produits_total as number)))!, 'part'), count: pairs.length };
}

/**
 * The summary of `year` over `byYear` (year → records of that year), for every structure or one
 * type, showing that year and up to `yearsShown − 1` years before it.
 */
export function departementSummary(
	byYear: ReadonlyMap<number, readonly ObservatoryRecord[]>,
	year: number,
	options: { type?: 'CS' | 'EVS' | null; yearsShown?: number } = {}
): DepartementSummary {
	const type = options.type ?? null;
	const years = [...byYear.keys()]
		.filter((y) => y <= year)
		.sort((a, b) => a - b)
		.slice(-(options.yearsShown ?? 4));
	if (!years.includes(year)) years.push(year);
	const of = (y: number) => (byYear.get(y) ?? []).filter((r) => type === null || r.type_structure === type);
	const rows: SummaryRow[] = SUMMARY_INDICATORS.map(({ key, theme }) => {
		const def = fieldOf(key);
		const valueType: SummaryValueType = def.type === 'euros' ? 'euros' : def.type === 'decimal' ? 'decimal' : 'entier';
		const cells = years.map((y) => cellOf(of(y), key, valueType, y));
		return { key, label: def.header, theme, type: valueType, cells, totalChange: null, medianChange: null };
	});
	rows.push({ key: 'part_caf', label: 'Part de la Caf dans les produits', theme: 'Finances', type: 'part', cells: years.map((y) => shareCell(of(y), y)), totalChange: null, medianChange: null });
	for (const row of rows) {
		const last = row.cells.find((c) => c.year === year);
		const prev = row.cells.find((c) => c.year === year - 1);
		row.totalChange = change(prev?.total, last?.total);
		row.medianChange = change(prev?.median, last?.median);
	}
	const records = years.map((y) => {
		const list = of(y);
		const respondents = list.filter((r) => r.reponse_senacs === true).length;
		return {
			year: y,
			count: list.length,
			respondents,
			responseRate: list.length === 0 ? null : respondents / list.length,
			deficits: list.filter((r) => typeof r.resultat === 'number' && r.resultat < 0).length
		};
	});
	const nonRespondents = of(year)
		.filter((r) => r.reponse_senacs !== true)
		.map((r) => ({ structureId: Number(r.identifiant_maillage), name: String(r.nom), type: String(r.type_structure), answered: r.reponse_senacs === false ? (false as const) : null }))
		.sort((a, b) => a.name.localeCompare(b.name, 'fr'));
	return { year, years, type, records, rows, nonRespondents };
}
