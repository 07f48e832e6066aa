/**
 * Lengths of an agrément as dated rules, read from the `agrement_duration_months.*` reference
 * parameters. They are **maxima**: the circular n°2012-013 sets a projet social « for 4 years (1
 * year for a first project) », which the Caf may grant for less; an EVS agrément runs 1 to 4 years
 * (a minimum and a maximum). An agrément is checked against the rules in force at its start; a
 * longer one is `exception` when the Caf recorded why, `non_conforme` otherwise; a shorter one is
 * valid. A *prorogation* is an extension by decision with its own dates: its length is not checked
 * against these rules. A rule of a regime whose figure is not public is pending (« à compléter »)
 * and the check says so. Pure: rules and dates are passed in.
 */
import { addMonths } from '../domain/agrement-status';
import { addDays, periodLength } from './dates';

/** Which duration rule: the maximum for a first projet social, for a renewal, the EVS minimum and maximum. */
export type DurationRuleKind = 'premier' | 'renouvellement' | 'evs_min' | 'evs_max';

/** A dated duration rule (one `reference_parameter` row). */
export interface DurationRule {
	kind: DurationRuleKind;
	/** First day the rule applies, inclusive. */
	validFrom: string;
	/** Last day the rule applies, inclusive; null while in force. */
	validUntil: string | null;
	/** Months, or null when the regime's figure is pending (« à compléter »). */
	months: number | null;
	/** The regime it belongs to, shown next to every check (« Circulaire Cnaf n°2012-013 »). */
	regime: string;
	source: string | null;
}

/** A reference parameter row as the repository reads it. */
export interface ParameterRow {
	key: string;
	validFrom: string;
	validUntil: string | null;
	value: unknown;
	regime: string;
	source: string | null;
}

/** The reference parameter keys of the duration rules. */
export const DURATION_KEYS = {
	premier: 'agrement_duration_months.premier',
	renouvellement: 'agrement_duration_months.renouvellement',
	evs_min: 'agrement_duration_months.evs_min',
	evs_max: 'agrement_duration_months.evs_max'
} as const satisfies Record<DurationRuleKind, string>;

/**
 * The duration rules among `rows` (other keys ignored); a null value is a pending rule.
 * @throws Error when a duration row's value is neither null nor a positive whole number of months
 */
export function durationRulesFromParameters(rows: readonly ParameterRow[]): DurationRule[] {
	const rules: DurationRule[] = [];
	for (const row of rows) {
		const kind = (Object.keys(DURATION_KEYS) as DurationRuleKind[]).find((k) => DURATION_KEYS[k] === row.key);
		if (!kind) continue;
		const months = row.value ?? null;
		if (months !== null && (typeof months !== 'number' || !Number.isInteger(months) || months <= 0)) {
			throw new Error(`invalid duration in months for ${row.key} from ${row.validFrom}: ${JSON.stringify(months)}`);
		}
		rules.push({ kind, validFrom: row.validFrom, validUntil: row.validUntil, months, regime: row.regime, source: row.source });
	}
	return rules.sort((a, b) => (a.validFrom < b.validFrom ? -1 : a.validFrom > b.validFrom ? 1 : 0));
}

/** The rule of `kind` in force on `date` (the latest starting one if several overlap), or null. */
export function ruleInForce(rules: readonly DurationRule[], kind: DurationRuleKind, date: string): DurationRule | null {
	let found: DurationRule | null = null;
	for (const rule of rules) {
		if (rule.kind !== kind || rule.validFrom > date) continue;
		if (rule.validUntil !== null && rule.validUntil < date) continue;
		if (!found || rule.validFrom >= found.validFrom) found = rule;
	}
	return found;
}

/**
 * The last day covered by an agrément of `months` months starting on `startDate`:
 * `expectedEndDate('2024-01-01', 48)` → `2027-12-31`; `expectedEndDate('2024-01-31', 1)` → `2024-02-28`
 * (the day before the same day of the next month, clamped to a shorter month).
 */
export function expectedEndDate(startDate: string, months: number): string {
	return addDays(addMonths(startDate, months), -1);
}

/** What an agrément's duration check needs. */
export interface AgrementDuration {
	startDate: string;
	endDate: string;
	isFirst: boolean;
	/** The reason the Caf recorded for a duration beyond the rule; null or empty when none. */
	durationException: string | null;
	/** The agrément kind: `animation_locale` (EVS) has a minimum and a maximum, the others a maximum. */
	kind?: string;
	/** A prorogation is not checked against the durations. */
	decision?: string;
}

/** The result of a duration check. */
export interface DurationCheck {
	/** The maximum rule applied (`premier` or `renouvellement` for a centre social, `evs_max` for an EVS). */
	kind: DurationRuleKind;
	/** The maximum in force at the start date, null when none is recorded for that date. */
	rule: DurationRule | null;
	/** The EVS minimum in force at the start date (EVS only). */
	minRule: DurationRule | null;
	/** The latest end date the maximum allows; null without a usable maximum. */
	expectedEnd: string | null;
	/** The earliest end date the minimum requires (EVS), else null. */
	earliestEnd: string | null;
	/** The granted length: whole calendar months and remaining days. */
	length: { months: number; days: number };
	/**
	 * `conforme`: within the rules (a shorter agrément is valid); `exception`: beyond them with a
	 * recorded reason; `non_conforme`: beyond them without a reason; `sans_regle`: no rule in force
	 * at the start; `a_completer`: the rule in force is pending; `prorogation`: an extension, not checked.
	 */
	status: 'conforme' | 'exception' | 'non_conforme' | 'sans_regle' | 'a_completer' | 'prorogation';
	/** Which bound is crossed when not `conforme`: `max` (too long) or `min` (too short, EVS). */
	crossed: 'max' | 'min' | null;
	exception: string | null;
}

/**
 * Checks an agrément's length against the rules in force on its start date (the period a projet
 * social covers is governed by the rules in force when it begins).
 */
export function checkDuration(agrement: AgrementDuration, rules: readonly DurationRule[]): DurationCheck {
	const evs = agrement.kind === 'animation_locale';
	const kind: DurationRuleKind = evs ? 'evs_max' : agrement.isFirst ? 'premier' : 'renouvellement';
	const rule = ruleInForce(rules, kind, agrement.startDate);
	const minRule = evs ? ruleInForce(rules, 'evs_min', agrement.startDate) : null;
	const exception = agrement.durationException?.trim() ? agrement.durationException.trim() : null;
	const length = periodLength(agrement.startDate, agrement.endDate);
	const base = { kind, rule, minRule, expectedEnd: null, earliestEnd: null, length, crossed: null, exception };
	if (agrement.decision === 'proroge') return { ...base, status: 'prorogation' };
	if (!rule && !minRule) return { ...base, status: 'sans_regle' };
	if ((rule && rule.months === null) || (minRule && minRule.months === null)) return { ...base, status: 'a_completer' };
	const expectedEnd = rule ? expectedEndDate(agrement.startDate, rule.months!) : null;
	const earliestEnd = minRule ? expectedEndDate(agrement.startDate, minRule.months!) : null;
	const crossed = expectedEnd !== null && agrement.endDate > expectedEnd ? 'max' : earliestEnd !== null && agrement.endDate < earliestEnd ? 'min' : null;
	const status = crossed === null ? 'conforme' : exception ? 'exception' : 'non_conforme';
	return { ...base, expectedEnd, earliestEnd, crossed, status };
}

/** French sentence of a duration check. */
export function durationCheckText(check: DurationCheck): string {
	const rule = check.rule;
	const months = (n: number | null | undefined) => `${n}\u00a0mois`;
	switch (check.status) {
		case 'prorogation':
			return 'Prorogation décidée par la Caf : sa durée n’est pas contrôlée.';
		case 'sans_regle':
			return 'Aucune règle de durée en vigueur à la date de début.';
		case 'a_completer':
			return `Durée maximale du régime en vigueur à la date de début (${(rule ?? check.minRule)?.regime}) : à compléter.`;
		case 'conforme':
			return check.minRule
				? `Entre ${months(check.minRule.months)} et ${months(rule?.months)} (${rule?.regime ?? check.minRule.regime}).`
				: `Au plus ${months(rule?.months)} (${rule?.regime}).`;
		default: {
			const bound = check.crossed === 'min' ? `au moins ${months(check.minRule?.months)}` : `au plus ${months(rule?.months)}`;
			return `Durée hors règle (${bound}, ${(check.crossed === 'min' ? check.minRule : rule)?.regime})${check.exception ? ` — motif enregistré : ${check.exception}` : ' — sans motif enregistré'}.`;
		}
	}
}
