/**
 * The staff form of one schéma indicator: baseline (year and value), source, `published`, and per
 * year of the schéma a target and — for an indicator entered by hand — a value with its source.
 * Numbers accept the decimal comma and spaces as digit groups (`1 234,5`). Pure.
 */

export interface IndicatorFormValue {
	baselineYear: number | null;
	baselineValue: number | null;
	source: string | null;
	published: boolean;
	targets: { year: number; target: number }[];
	values: { year: number; value: number; source: string | null }[];
}

/** Field names of a year's target, value and value source. */
export const yearFields = (year: number) => ({ target: `cible-${year}`, value: `valeur-${year}`, valueSource: `source-${year}` });

/** A French-typed number (`1 234,5`, `-3`, `12.5`), null when empty; NaN when unreadable. */
export function parseFrenchNumber(raw: string | null | undefined): number | null {
	const text = (raw ?? '').replace(/[\s\u00a0\u202f]/g, '');
	if (text === '') return null;
	if (!/^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/.test(text)) return NaN;
	return Number(text.replace(',', '.'));
}

function clean(raw: string | null | undefined): string | null {
	const t = (raw ?? '').trim();
	return t === '' ? null : t;
}

/**
 * Reads the form for the years `startYear`…`endYear` (the schéma's period). A value needs a
 * source (who measured it); a baseline value needs its year.
 */
export function parseIndicatorForm(
	fields: Readonly<Record<string, string | null | undefined>>,
	period: { startYear: number; endYear: number },
	computed: boolean
): { ok: true; value: IndicatorFormValue } | { ok: false; errors: Record<string, string> } {
	const errors: Record<string, string> = {};
	const number = (field: string, label: string): number | null => {
		const n = parseFrenchNumber(fields[field]);
		if (n !== null && !Number.isFinite(n)) {
			errors[field] = `${label} : « ${fields[field]} » n’est pas un nombre (exemple : 12,5).`;
			return null;
		}
		return n;
	};
	let baselineYear: number | null = null;
	const yearText = clean(fields.baseline_year);
	if (yearText !== null) {
		if (!/^\d{4}$/.test(yearText)) errors.baseline_year = `Année de référence : « ${yearText} » n’est pas une année sur 4 chiffres.`;
		else baselineYear = Number(yearText);
	}
	const baselineValue = number('baseline_value', 'Valeur de référence');
	if (baselineValue !== null && baselineYear === null && !errors.baseline_year) {
		errors.baseline_year = 'Indiquez l’année de la valeur de référence.';
	}
	const source = clean(fields.source);
	const targets: IndicatorFormValue['targets'] = [];
	const values: IndicatorFormValue['values'] = [];
	for (let year = period.startYear; year <= period.endYear; year++) {
		const f = yearFields(year);
		const target = number(f.target, `Cible ${year}`);
		if (target !== null) targets.push({ year, target });
		if (computed) continue;
		const value = number(f.value, `Valeur ${year}`);
		const valueSource = clean(fields[f.valueSource]);
		if (value !== null) {
			if (valueSource === null) errors[f.valueSource] = `Valeur ${year} : indiquez sa source (enquête, service, document…).`;
			values.push({ year, value, source: valueSource });
		}
	}
	for (const text of [source, ...values.map((v) => v.source)]) {
		if (text && text.length > 500) errors.source = 'Une source ne dépasse pas 500 caractères.';
	}
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	return { ok: true, value: { baselineYear, baselineValue, source, published: fields.published === 'on' || fields.published === 'true', targets, values } };
}
