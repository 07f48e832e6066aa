/**
 * The CNAF prestations de service (PS): PS = rate × min(eligible expenses, prix plafond).
 * Rates, ceilings and the instrument codes of each PS are dated reference parameters
 * (`ps_rate.<kind>`, `ps_ceiling.<kind>`, `ps.instrument_codes`); a year uses the values in force
 * on 1 January of that year, and every figure says which regime it used. Amounts in euros,
 * results rounded to the cent. Pure.
 */

/** The three AVS prestations de service (the kinds of agrément they follow). */
export const PS_KINDS = ['animation_globale', 'animation_collective_familles', 'animation_locale'] as const;
export type PsKind = (typeof PS_KINDS)[number];

export const PS_KIND_LABELS: Record<PsKind, string> = {
	animation_globale: 'Animation globale et coordination (AGC)',
	animation_collective_familles: 'Animation collective familles (ACF)',
	animation_locale: 'Animation locale (EVS)'
};

/** A row of `reference_parameter`, as the pure modules read it. */
export interface DatedParameter {
	id: number;
	key: string;
	/** ISO date, inclusive. */
	validFrom: string;
	/** ISO date, inclusive; null when open-ended. */
	validUntil: string | null;
	value: unknown;
	unit: string | null;
	regime: string;
	source: string | null;
}

/**
 * The parameter `key` in force on 1 January of `year` (`valid_from ≤ YYYY-01-01 ≤ valid_until`);
 * when several are, the one that started last. Null when none.
 */
export function parameterInForce(params: readonly DatedParameter[], key: string, year: number): DatedParameter | null {
	const day = `${String(year).padStart(4, '0')}-01-01`;
	let best: DatedParameter | null = null;
	for (const p of params) {
		if (p.key !== key || p.validFrom > day || (p.validUntil !== null && p.validUntil < day)) continue;
		if (!best || p.validFrom > best.validFrom) best = p;
	}
	return best;
}

/** The numeric value of a parameter, or null when absent or not a finite number. */
export function numericValue(p: DatedParameter | null): number | null {
	if (!p) return null;
	const v = typeof p.value === 'string' ? Number(p.value) : p.value;
	return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** Why a PS cannot be computed from the given inputs. */
export type PsRefusal = 'expenses-not-positive' | 'ceiling-not-positive' | 'rate-out-of-range';

export const PS_REFUSAL_MESSAGES: Record<PsRefusal, string> = {
	'expenses-not-positive': 'les dépenses éligibles doivent être un montant strictement positif.',
	'ceiling-not-positive': 'le prix plafond doit être un montant strictement positif.',
	'rate-out-of-range': 'le taux doit être compris entre 0 (exclu) et 100 %.'
};

export interface PsInput {
	/** Eligible expenses of the structure for the year, euros. */
	eligibleExpensesEur: number;
	/** Prix plafond of the year, euros. */
	ceilingEur: number;
	/** Rate as a ratio (0.424 = 42,4 %). */
	rate: number;
}

export type PsResult =
	| {
			ok: true;
			/** rate × base, rounded to the cent. */
			amountEur: number;
			/** min(expenses, ceiling), euros. */
			baseEur: number;
			/** True when the ceiling, not the expenses, set the base. */
			capped: boolean;
	  }
	| { ok: false; refusal: PsRefusal };

function roundCents(euros: number): number {
	return Math.round(euros * 100) / 100;
}

/** PS = rate × min(expenses, ceiling). Zero, negative or non-finite inputs are refused. */
export function computePs(input: PsInput): PsResult {
	const { eligibleExpensesEur: expenses, ceilingEur: ceiling, rate } = input;
	if (!Number.isFinite(expenses) || expenses <= 0) return { ok: false, refusal: 'expenses-not-positive' };
	if (!Number.isFinite(ceiling) || ceiling <= 0) return { ok: false, refusal: 'ceiling-not-positive' };
	if (!Number.isFinite(rate) || rate <= 0 || rate > 1) return { ok: false, refusal: 'rate-out-of-range' };
	const capped = ceiling < expenses;
	const baseEur = capped ? ceiling : expenses;
	return { ok: true, amountEur: roundCents(rate * baseEur), baseEur, capped };
}

/** The PS kind an instrument code stands for in `year` (parameter `ps.instrument_codes`), or null. */
export function psKindOfInstrument(params: readonly DatedParameter[], instrumentCode: string, year: number): PsKind | null {
	const p = parameterInForce(params, 'ps.instrument_codes', year);
	if (!p || typeof p.value !== 'object' || p.value === null) return null;
	for (const kind of PS_KINDS) {
		const code = (p.value as Record<string, unknown>)[kind];
		if (code === instrumentCode || (Array.isArray(code) && code.includes(instrumentCode))) return kind;
	}
	return null;
}

/** What a PS check needs for one structure, instrument and year. */
export interface PsCheckInput {
	structureId: number;
	structureName: string;
	structureType: 'CS' | 'EVS';
	instrumentId: number;
	instrumentCode: string;
	year: number;
	/** Eligible expenses recorded (euros), null when none. */
	eligibleExpenses: number | null;
	/** Version of the eligible-expense row (for editing), null when none. */
	eligibleVersion: number | null;
	/** PS recorded as funding line(s) (euros), null when no line. */
	recorded: number | null;
}

export type PsCheckStatus =
	| 'conforme'
	| 'ecart'
	| 'sans_depenses'
	| 'sans_plafond'
	| 'sans_taux'
	| 'non_enregistre'
	| 'refuse';

export const PS_CHECK_STATUS_LABELS: Record<PsCheckStatus, string> = {
	conforme: 'Conforme',
	ecart: 'Écart',
	sans_depenses: 'Dépenses éligibles non saisies',
	sans_plafond: 'Prix plafond non saisi',
	sans_taux: 'Taux non défini',
	non_enregistre: 'PS non enregistrée',
	refuse: 'Calcul impossible'
};

/** A parameter as used by a figure: value, regime and where it starts. */
export interface UsedParameter {
	value: number;
	regime: string;
	validFrom: string;
}

export interface PsCheckRow extends PsCheckInput {
	kind: PsKind;
	rate: UsedParameter | null;
	ceiling: UsedParameter | null;
	computed: number | null;
	capped: boolean;
	/** recorded − computed (euros), null when either is missing. */
	difference: number | null;
	status: PsCheckStatus;
	refusal: PsRefusal | null;
}

function used(p: DatedParameter | null): UsedParameter | null {
	const value = numericValue(p);
	return p && value !== null ? { value, regime: p.regime, validFrom: p.validFrom } : null;
}

/**
 * Compares recorded PS with rate × min(expenses, ceiling) for each input whose instrument is a PS
 * in its year (others are left out). A difference above `toleranceEur` (absolute) is an `ecart`.
 */
export function checkPs(
	inputs: readonly PsCheckInput[],
	params: readonly DatedParameter[],
	options: { toleranceEur: number }
): PsCheckRow[] {
	const rows: PsCheckRow[] = [];
	for (const input of inputs) {
		const kind = psKindOfInstrument(params, input.instrumentCode, input.year);
		if (kind === null) continue;
		const rate = used(parameterInForce(params, `ps_rate.${kind}`, input.year));
		const ceiling = used(parameterInForce(params, `ps_ceiling.${kind}`, input.year));
		const row: PsCheckRow = { ...input, kind, rate, ceiling, computed: null, capped: false, difference: null, status: 'conforme', refusal: null };
		if (input.eligibleExpenses === null) row.status = 'sans_depenses';
		else if (!rate) row.status = 'sans_taux';
		else if (!ceiling) row.status = 'sans_plafond';
		else {
			const result = computePs({ eligibleExpensesEur: input.eligibleExpenses, ceilingEur: ceiling.value, rate: rate.value });
			if (!result.ok) {
				row.status = 'refuse';
				row.refusal = result.refusal;
			} else {
				row.computed = result.amountEur;
				row.capped = result.capped;
				if (input.recorded === null) row.status = 'non_enregistre';
				else {
					row.difference = roundCents(input.recorded - result.amountEur);
					row.status = Math.abs(row.difference) > options.toleranceEur ? 'ecart' : 'conforme';
				}
			}
		}
		rows.push(row);
	}
	return rows.sort((a, b) => b.year - a.year || a.structureName.localeCompare(b.structureName, 'fr') || a.instrumentCode.localeCompare(b.instrumentCode));
}
