/**
 * The Cnaf prestations de service (PS): PS = rate × min(eligible expenses, prix plafond), due
 * **pro rata temporis** of the days (or whole months) of the year covered by an agrément that opens
 * it (`ps-coverage.ts`). Rates, ceilings, the instrument codes of each PS, the agrément kinds that
 * open it and the pro rata unit are dated reference parameters (`ps_rate.<kind>`,
 * `ps_ceiling.<kind>`, `ps.instrument_codes`, `ps.agrement_kinds`, `ps.prorata_unit`); a year uses
 * the values in force on 1 January of that year, and every figure says which regime it used. A
 * rule whose figure is pending (« à compléter », e.g. the 2025 regime's rates) is reported as such,
 * never replaced by a guess. Amounts in euros, results rounded to the cent. Pure.
 */
import { isPending, numericValue, parameterInYear, type DatedParameter } from '../domain/dated-parameter';
import { renewalRulesOn } from '../pilotage/renewal-rules';
import { coverageInYear, type ProrataUnit, type PsAgrement, type YearCoverage } from './ps-coverage';

/**
 * The AVS prestations de service (the kinds of agrément they follow): the three of the 2012
 * regime, and the merged « PS centre social » of the 2025 regime (AGC + ACF, 2027–2030). Which
 * exist in a year is dated data (`ps.instrument_codes`).
 */
export const PS_KINDS = ['animation_globale', 'animation_collective_familles', 'centre_social', 'animation_locale'] as const;
export type PsKind = (typeof PS_KINDS)[number];

export const PS_KIND_LABELS: Record<PsKind, string> = {
	animation_globale: 'Animation globale et coordination (AGC)',
	animation_collective_familles: 'Animation collective familles (ACF)',
	centre_social: 'Centre social (AGC + ACF fusionnées)',
	animation_locale: 'Animation locale (EVS)'
};

export type { DatedParameter };
export { numericValue };

/**
 * The parameter `key` in force on 1 January of `year` (`valid_from ≤ YYYY-01-01 ≤ valid_until`);
 * when several are, the one that started last. Null when none. A pending row (value null,
 * « à compléter ») is returned too.
 */
export function parameterInForce<T extends DatedParameter>(params: readonly T[], key: string, year: number): T | null {
	return parameterInYear(params, key, year);
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
	const codes = instrumentCodesInYear(params, year);
	for (const kind of PS_KINDS) if (codes[kind]?.includes(instrumentCode)) return kind;
	return null;
}

/** The instrument codes of each PS in `year` (`ps.instrument_codes` on 1 January); kinds absent that year are left out. */
export function instrumentCodesInYear(params: readonly DatedParameter[], year: number): Partial<Record<PsKind, string[]>> {
	const p = parameterInForce(params, 'ps.instrument_codes', year);
	const out: Partial<Record<PsKind, string[]>> = {};
	if (!p || typeof p.value !== 'object' || p.value === null) return out;
	for (const kind of PS_KINDS) {
		const code = (p.value as Record<string, unknown>)[kind];
		if (typeof code === 'string') out[kind] = [code];
		else if (Array.isArray(code)) out[kind] = code.filter((c): c is string => typeof c === 'string');
	}
	return out;
}

/**
 * The PS instruments of `year`, in the order of `PS_KINDS`, with the regime of the rule that lists
 * them: the three PS of the 2012 regime, or in the 2027–2030 transition also the merged PS
 * centre social (both shown while both exist), or after the merger the PS centre social alone.
 * Used by the PS check and by the observatory's columns.
 */
export function psInstrumentsInYear(params: readonly DatedParameter[], year: number): { kind: PsKind; label: string; codes: string[]; regime: string }[] {
	const p = parameterInForce(params, 'ps.instrument_codes', year);
	const codes = instrumentCodesInYear(params, year);
	return PS_KINDS.filter((k) => (codes[k]?.length ?? 0) > 0).map((kind) => ({ kind, label: PS_KIND_LABELS[kind], codes: codes[kind]!, regime: p!.regime }));
}

/** Every instrument code any `ps.instrument_codes` row names (any year). */
export function allPsInstrumentCodes(params: readonly DatedParameter[]): string[] {
	const codes = new Set<string>();
	for (const p of params) {
		if (p.key !== 'ps.instrument_codes' || typeof p.value !== 'object' || p.value === null) continue;
		for (const v of Object.values(p.value as Record<string, unknown>)) {
			if (typeof v === 'string') codes.add(v);
			else if (Array.isArray(v)) for (const c of v) if (typeof c === 'string') codes.add(c);
		}
	}
	return [...codes].sort();
}

/**
 * The agrément kinds that open PS `kind` in `year` (`ps.agrement_kinds` on 1 January); without a
 * row, the PS follows the agrément of the same kind (the merged PS, the centre social's AGC).
 */
export function agrementKindsOpening(params: readonly DatedParameter[], kind: PsKind, year: number): { kinds: string[]; regime: string | null } {
	const p = parameterInForce(params, 'ps.agrement_kinds', year);
	const listed = p && typeof p.value === 'object' && p.value !== null ? (p.value as Record<string, unknown>)[kind] : undefined;
	if (Array.isArray(listed) && listed.every((k) => typeof k === 'string') && listed.length > 0) return { kinds: listed as string[], regime: p!.regime };
	return { kinds: [kind === 'centre_social' ? 'animation_globale' : kind], regime: null };
}

/** The pro rata unit in force in `year` (`ps.prorata_unit`), `jours` by default. */
export function prorataUnitInYear(params: readonly DatedParameter[], year: number): ProrataUnit {
	const p = parameterInForce(params, 'ps.prorata_unit', year);
	return p?.value === 'mois' ? 'mois' : 'jours';
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
	/** Every agrément of the structure (any kind, any decision): the PS is due for the days they cover. */
	agrements: PsAgrement[];
}

export type PsCheckStatus =
	| 'conforme'
	| 'ecart'
	| 'sans_agrement'
	| 'non_du'
	| 'sans_depenses'
	| 'sans_plafond'
	| 'sans_taux'
	| 'regle_a_completer'
	| 'hors_periode'
	| 'non_enregistre'
	| 'refuse';

export const PS_CHECK_STATUS_LABELS: Record<PsCheckStatus, string> = {
	conforme: 'Conforme',
	ecart: 'Écart',
	sans_agrement: 'PS sans agrément sur l’année',
	non_du: 'Aucune PS due (sans agrément)',
	sans_depenses: 'Dépenses éligibles non saisies',
	sans_plafond: 'Prix plafond non saisi',
	sans_taux: 'Taux non défini',
	regle_a_completer: 'Taux à compléter (nouveau cadre)',
	hors_periode: 'Dispositif hors de sa période',
	non_enregistre: 'PS non enregistrée',
	refuse: 'Calcul impossible'
};

/** Statuses that need no action. */
export const PS_CHECK_OK: readonly PsCheckStatus[] = ['conforme', 'non_du'];

/** A parameter as used by a figure: value (null when pending), regime and where it starts. */
export interface UsedParameter {
	value: number | null;
	/** True when the rule exists in its regime but its figure is « à compléter ». */
	pending: boolean;
	regime: string;
	validFrom: string;
}

export interface PsCheckRow extends PsCheckInput {
	/** The PS the instrument carries that year; null when the instrument is a PS of other years only (`hors_periode`). */
	kind: PsKind | null;
	rate: UsedParameter | null;
	ceiling: UsedParameter | null;
	/** The agrément kinds that open this PS that year, and the regime of that rule (null: same kind, no rule). */
	openedBy: { kinds: string[]; regime: string | null };
	/** The days (or months) of the year covered by those agréments, with the periods and gaps. */
	coverage: YearCoverage;
	/** rate × min(expenses, ceiling) for a whole year, before the pro rata; null when not computable. */
	fullYear: number | null;
	/** The PS due: `fullYear` × the share of the year covered, to the cent; null when not computable. */
	computed: number | null;
	capped: boolean;
	/** recorded − computed (euros), null when either is missing. */
	difference: number | null;
	status: PsCheckStatus;
	refusal: PsRefusal | null;
}

function used(p: DatedParameter | null): UsedParameter | null {
	if (!p) return null;
	const value = numericValue(p);
	const pending = isPending(p);
	if (!pending && value === null) return null;
	return { value: pending ? null : value, pending, regime: p.regime, validFrom: p.validFrom };
}

/**
 * Compares recorded PS with the PS due: rate × min(expenses, ceiling) × the share of the year
 * covered by an agrément that opens it (or a renewal grace period), each input with the rules of
 * its own year. A line of a year without any covering agrément is `sans_agrement`; a difference
 * above `toleranceEur` (absolute) is an `ecart`. Inputs whose instrument is not a PS in any year
 * are left out; one that is a PS of other years only is `hors_periode`.
 */
export function checkPs(
	inputs: readonly PsCheckInput[],
	params: readonly DatedParameter[],
	options: { toleranceEur: number }
): PsCheckRow[] {
	const everPs = new Set(allPsInstrumentCodes(params));
	const rows: PsCheckRow[] = [];
	for (const input of inputs) {
		const kind = psKindOfInstrument(params, input.instrumentCode, input.year);
		if (kind === null && !everPs.has(input.instrumentCode)) continue;
		const openedBy = kind ? agrementKindsOpening(params, kind, input.year) : { kinds: [], regime: null };
		const grace = renewalRulesOn(params, `${input.year}-01-01`).grace.months;
		const coverage = coverageInYear(input.agrements, openedBy.kinds, input.year, { graceMonths: grace, unit: prorataUnitInYear(params, input.year) });
		const rate = kind ? used(parameterInForce(params, `ps_rate.${kind}`, input.year)) : null;
		const ceiling = kind ? used(parameterInForce(params, `ps_ceiling.${kind}`, input.year)) : null;
		const row: PsCheckRow = {
			...input,
			kind,
			rate,
			ceiling,
			openedBy,
			coverage,
			fullYear: null,
			computed: null,
			capped: false,
			difference: null,
			status: 'conforme',
			refusal: null
		};
		rows.push(row);
		const recordedSomething = input.recorded !== null && input.recorded !== 0;
		if (kind === null) row.status = 'hors_periode';
		else if (coverage.share === 0) {
			row.computed = 0;
			if (recordedSomething) {
				row.difference = roundCents(input.recorded!);
				row.status = 'sans_agrement';
			} else row.status = 'non_du';
		} else if (input.eligibleExpenses === null) row.status = 'sans_depenses';
		else if (!rate) row.status = 'sans_taux';
		else if (rate.pending) row.status = 'regle_a_completer';
		else if (!ceiling || ceiling.pending) row.status = 'sans_plafond';
		else {
			const result = computePs({ eligibleExpensesEur: input.eligibleExpenses, ceilingEur: ceiling.value!, rate: rate.value! });
			if (!result.ok) {
				row.status = 'refuse';
				row.refusal = result.refusal;
			} else {
				row.fullYear = result.amountEur;
				row.computed = roundCents(result.amountEur * coverage.share);
				row.capped = result.capped;
				if (input.recorded === null) row.status = 'non_enregistre';
				else {
					row.difference = roundCents(input.recorded - row.computed);
					row.status = Math.abs(row.difference) > options.toleranceEur ? 'ecart' : 'conforme';
				}
			}
		}
	}
	return rows.sort((a, b) => b.year - a.year || a.structureName.localeCompare(b.structureName, 'fr') || a.instrumentCode.localeCompare(b.instrumentCode));
}
