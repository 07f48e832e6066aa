/**
 * The two dated departmental parameters of the renewal follow-up:
 * - the **lead time** (`agrement.renewal_lead_months`, default 12): an agrément ending within it is
 *   to renew — every renewal list, alert and the committee mode use it;
 * - the **grace period** (`agrement.renewal_grace_months`, default 12): how long after its end an
 *   agrément whose renewal is being examined still counts (see `$lib/domain/agrement-coverage`).
 * A missing row falls back to Maillage's documented default, said so in the regime. Pure.
 */
import { parameterOn, readWholeNumber, type DatedParameter } from '../domain/dated-parameter';

/** The parameter keys. */
export const RENEWAL_RULE_KEYS = {
	leadMonths: 'agrement.renewal_lead_months',
	graceMonths: 'agrement.renewal_grace_months'
} as const;

/** Maillage's defaults, used only when the database holds no row (the migrations seed both). */
const FALLBACK = { leadMonths: 12, graceMonths: 12 } as const;
const FALLBACK_REGIME = 'Valeur par défaut de Maillage (aucun paramètre enregistré)';

/** One parameter as used: months, and where it comes from. */
export interface MonthsRule {
	months: number;
	regime: string;
	validFrom: string | null;
	source: string | null;
}

export interface RenewalRules {
	lead: MonthsRule;
	grace: MonthsRule;
}

function monthsOn(params: readonly DatedParameter[], key: string, date: string, fallback: number): MonthsRule {
	const p = parameterOn(params, key, date);
	const months = p ? readWholeNumber(p.value) : null;
	if (!p || months === null) return { months: fallback, regime: FALLBACK_REGIME, validFrom: null, source: null };
	return { months, regime: p.regime, validFrom: p.validFrom, source: p.source };
}

/** The lead time and the grace period in force on `date` (`YYYY-MM-DD`). */
export function renewalRulesOn(params: readonly DatedParameter[], date: string): RenewalRules {
	return {
		lead: monthsOn(params, RENEWAL_RULE_KEYS.leadMonths, date, FALLBACK.leadMonths),
		grace: monthsOn(params, RENEWAL_RULE_KEYS.graceMonths, date, FALLBACK.graceMonths)
	};
}

/** « 12 mois (Paramètre départemental (valeur par défaut), depuis le 01/01/2012) » */
export function monthsRuleText(rule: MonthsRule): string {
	return `${rule.months}\u00a0mois (${rule.regime})`;
}
