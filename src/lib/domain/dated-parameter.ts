/**
 * Dated reference parameters (`reference_parameter`): one value per key and validity period,
 * with the regime it belongs to and its source. Every rule of Maillage (PS rates, durations,
 * criteria lists, staff requirements, thresholds) is one of these, never a constant in code.
 *
 * A value may be **pending** (`null`): the rule exists in a regime (e.g. the 18 December 2025
 * cadre de référence from 1 January 2027) but its figure is not public in the sources Maillage
 * holds; it is stored empty with the mark « à compléter » and every reader says so instead of
 * inventing a figure. Pure.
 */

/** A `reference_parameter` row, as pure modules read it. */
export interface DatedParameter {
	id?: number;
	key: string;
	/** First day in force, ISO `YYYY-MM-DD`, inclusive. */
	validFrom: string;
	/** Last day in force, inclusive; null while open-ended. */
	validUntil: string | null;
	/** The value; null when pending (« à compléter »). */
	value: unknown;
	unit?: string | null;
	/** The regime it belongs to (« Circulaire Cnaf n°2012-013 »), shown beside every figure it gives. */
	regime: string;
	/** Where the figure comes from; « source à compléter » when unknown. */
	source: string | null;
	comment?: string | null;
}

/** The mark of a pending value, shown wherever the figure would be. */
export const PENDING_MARK = 'à compléter';

/** The source text of a parameter whose source is not known yet. */
export const SOURCE_PENDING = 'source à compléter';

/** True when the parameter exists but its value is not known yet. */
export function isPending(p: Pick<DatedParameter, 'value'> | null | undefined): boolean {
	return p != null && (p.value === null || p.value === undefined);
}

/**
 * The row of `key` in force on `date` (`valid_from ≤ date ≤ valid_until`); when several are, the
 * one that started last — a later regime supersedes an earlier one without editing its rows.
 * Null when none. A pending row is returned too (check `isPending`).
 */
export function parameterOn<T extends DatedParameter>(params: readonly T[], key: string, date: string): T | null {
	let best: T | null = null;
	for (const p of params) {
		if (p.key !== key || p.validFrom > date || (p.validUntil !== null && p.validUntil < date)) continue;
		if (!best || p.validFrom > best.validFrom) best = p;
	}
	return best;
}

/** The row of `key` in force on 1 January of `year` (see {@link parameterOn}). */
export function parameterInYear<T extends DatedParameter>(params: readonly T[], key: string, year: number): T | null {
	return parameterOn(params, key, `${String(year).padStart(4, '0')}-01-01`);
}

/** The numeric value of a parameter, or null when absent, pending or not a finite number. */
export function numericValue(p: Pick<DatedParameter, 'value'> | null | undefined): number | null {
	if (!p) return null;
	const v = typeof p.value === 'string' && p.value.trim() !== '' ? Number(p.value) : p.value;
	return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/**
 * What a figure used, to print beside it: the value (null when pending), its regime, validity and
 * source.
 */
export interface RuleUse<T> {
	key: string;
	value: T | null;
	pending: boolean;
	regime: string;
	validFrom: string;
	validUntil: string | null;
	source: string | null;
}

/**
 * The rule `key` in force on `date`, its value read by `read` (null when it cannot be read).
 * `{ found: false }` when no row is in force; a pending row gives `pending: true, value: null`.
 */
export function ruleOn<T>(
	params: readonly DatedParameter[],
	key: string,
	date: string,
	read: (value: unknown) => T | null
): RuleUse<T> | null {
	const p = parameterOn(params, key, date);
	if (!p) return null;
	const pending = isPending(p);
	return {
		key,
		value: pending ? null : read(p.value),
		pending,
		regime: p.regime,
		validFrom: p.validFrom,
		validUntil: p.validUntil,
		source: p.source
	};
}

/** Reads a finite number. */
export function readNumber(value: unknown): number | null {
	return numericValue({ value });
}

/** Reads a non-negative whole number. */
export function readWholeNumber(value: unknown): number | null {
	const n = readNumber(value);
	return n !== null && Number.isInteger(n) && n >= 0 ? n : null;
}

/** The text printed for a rule's value: the formatted value, or « à compléter ». */
export function ruleValueText<T>(rule: Pick<RuleUse<T>, 'value' | 'pending'> | null, format: (value: T) => string): string {
	if (!rule) return 'aucune règle enregistrée';
	if (rule.pending || rule.value === null) return PENDING_MARK;
	return format(rule.value);
}
