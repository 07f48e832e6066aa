/**
 * Durations of a projet social as dated rules (circular n°2012-013: 4 years, 1 year for a first
 * project), read from the `agrement_duration_months.*` reference parameters, and the check of an
 * agrément against the rule in force at its start, with the exception the CAF recorded when it
 * granted another length. Pure: rules and dates are passed in.
 */
import { addMonths } from '../domain/agrement-status';
import { addDays, periodLength } from './dates';

/** Which duration rule applies: a first projet social, or a renewal. */
export type DurationRuleKind = 'premier' | 'renouvellement';

/** A dated duration rule (one `reference_parameter` row). */
export interface DurationRule {
	kind: DurationRuleKind;
	/** First day the rule applies, inclusive. */
	validFrom: string;
	/** Last day the rule applies, inclusive; null while in force. */
	validUntil: string | null;
	/** Duration of the agrément, in calendar months. */
	months: number;
	/** The regime it belongs to, shown next to every check (« Circulaire CNAF n°2012-013 »). */
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
	renouvellement: 'agrement_duration_months.renouvellement'
} as const satisfies Record<DurationRuleKind, string>;

/**
 * The duration rules among `rows` (other keys ignored).
 * @throws Error when a duration row's value is not a positive whole number of months
 */
export function durationRulesFromParameters(rows: readonly ParameterRow[]): DurationRule[] {
	const rules: DurationRule[] = [];
	for (const row of rows) {
		const kind = (Object.keys(DURATION_KEYS) as DurationRuleKind[]).find((k) => DURATION_KEYS[k] === row.key);
		if (!kind) continue;
		const months = row.value;
		if (typeof months !== 'number' || !Number.isInteger(months) || months <= 0) {
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
	/** The reason the CAF recorded for a duration other than the rule's; null or empty when none. */
	durationException: string | null;
}

/** The result of a duration check. */
export interface DurationCheck {
	kind: DurationRuleKind;
	/** The rule in force at the start date, null when none is recorded for that date. */
	rule: DurationRule | null;
	/** The end date the rule gives; null without a rule. */
	expectedEnd: string | null;
	/** The granted length: whole calendar months and remaining days. */
	length: { months: number; days: number };
	/**
	 * `conforme`: ends on the rule's date; `exception`: another length with a recorded reason;
	 * `non_conforme`: another length without a reason; `sans_regle`: no rule in force at the start.
	 */
	status: 'conforme' | 'exception' | 'non_conforme' | 'sans_regle';
	exception: string | null;
}

/**
 * Checks an agrément's length against the rule in force on its start date (the period a projet
 * social covers is governed by the rules in force when it begins).
 */
export function checkDuration(agrement: AgrementDuration, rules: readonly DurationRule[]): DurationCheck {
	const kind: DurationRuleKind = agrement.isFirst ? 'premier' : 'renouvellement';
	const rule = ruleInForce(rules, kind, agrement.startDate);
	const exception = agrement.durationException?.trim() ? agrement.durationException.trim() : null;
	const length = periodLength(agrement.startDate, agrement.endDate);
	if (!rule) return { kind, rule: null, expectedEnd: null, length, status: 'sans_regle', exception };
	const expectedEnd = expectedEndDate(agrement.startDate, rule.months);
	const status = agrement.endDate === expectedEnd ? 'conforme' : exception ? 'exception' : 'non_conforme';
	return { kind, rule, expectedEnd, length, status, exception };
}
