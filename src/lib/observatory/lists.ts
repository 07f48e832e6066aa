/**
 * The code lists and thresholds of the observatory, read from the dated reference parameters
 * (`observatory.*`, migration 2026-12-06T0510) in force on 1 January of the year: SENACS changes
 * its questionnaire, the Caf adds a dated row, the code follows. Pure.
 */
import { numericValue, parameterInYear, type DatedParameter } from '../domain/dated-parameter';
import type { CodeListKey } from './year-fields';

export interface CodeItem {
	code: string;
	label: string;
}

/** The lists of a year, with the regime each comes from (null when no row is in force). */
export type ObservatoryLists = Record<CodeListKey, { items: CodeItem[]; regime: string | null }>;

/** French names of the lists, for messages and the dictionary. */
export const LIST_LABELS: Record<CodeListKey, string> = {
	collective_agreements: 'conventions collectives',
	activity_domains: 'domaines d’activité',
	publics: 'publics',
	partner_kinds: 'types de partenaires',
	contract_types: 'types de contrats'
};

export const LIST_KEYS = Object.keys(LIST_LABELS) as CodeListKey[];

/** The key prefix the server loads. */
export const OBSERVATORY_PARAMETER_PREFIX = 'observatory.';

function readItems(value: unknown): CodeItem[] {
	if (!Array.isArray(value)) return [];
	return value.flatMap((v) =>
		v && typeof v === 'object' && typeof (v as CodeItem).code === 'string' && typeof (v as CodeItem).label === 'string' ? [{ code: (v as CodeItem).code, label: (v as CodeItem).label }] : []
	);
}

/** The lists in force on 1 January of `year`. */
export function listsInYear(params: readonly DatedParameter[], year: number): ObservatoryLists {
	return Object.fromEntries(
		LIST_KEYS.map((key) => {
			const p = parameterInYear(params, `observatory.${key}`, year);
			return [key, { items: p ? readItems(p.value) : [], regime: p?.regime ?? null }];
		})
	) as ObservatoryLists;
}

/** The label of `code` in `list`, or the code itself when the list does not have it. */
export function codeLabel(lists: ObservatoryLists, list: CodeListKey, code: string): string {
	return lists[list].items.find((i) => i.code === code)?.label ?? code;
}

/** The consistency thresholds of a year (null when no row is in force: that check is not run). */
export interface ObservatoryThresholds {
	/** Hours per volunteer a year above which the hours are implausible. */
	maxHoursPerVolunteer: number | null;
	/** Share of the charges beyond which a deficit or surplus is flagged (0.1 = 10 %). */
	resultWarningShare: number | null;
	/** ETP gap tolerated between the contracts and the staff ETP. */
	etpTolerance: number | null;
}

export function thresholdsInYear(params: readonly DatedParameter[], year: number): ObservatoryThresholds {
	const n = (key: string) => numericValue(parameterInYear(params, `observatory.${key}`, year));
	return {
		maxHoursPerVolunteer: n('max_hours_per_volunteer'),
		resultWarningShare: n('result_warning_share'),
		etpTolerance: n('etp_tolerance')
	};
}
