/**
 * Renewals to prepare: granted agréments ending within a window of N months and not yet followed
 * by another agrément of the same structure and kind; and those already ended without a
 * successor. The window defaults to the renewal lead time in force (`agrement.renewal_lead_months`,
 * a dated departmental parameter read by `renewal-rules.ts`); a list may narrow or widen it with
 * `?mois=`. Built on `agrementsToRenew` of `$lib/domain/agrement-status`. Pure.
 */
import { agrementsToRenew, daysBetween, hasSuccessor, wholeMonthsBetween, type AgrementOfStructure } from '../domain/agrement-status';

/** The accepted range of the window of the renewals list, in months. */
export const RENEWAL_WINDOW_BOUNDS = { min: 1, max: 60 } as const;

/**
 * Reads the window from a URL parameter (`?mois=9`). Absent or empty → `fallback` (the lead time
 * in force); anything but a whole number of months in range → `fallback` and a French message.
 */
export function parseWindowMonths(raw: string | null | undefined, fallback: number): { months: number; error: string | null } {
	const { min, max } = RENEWAL_WINDOW_BOUNDS;
	if (raw === null || raw === undefined || raw.trim() === '') return { months: fallback, error: null };
	const text = raw.trim();
	const n = /^\d{1,3}$/.test(text) ? Number(text) : NaN;
	if (!Number.isInteger(n) || n < min || n > max) {
		return {
			months: fallback,
			error: `La durée « ${raw} » n’est pas un nombre entier de mois entre ${min} et ${max} : la fenêtre de ${fallback} mois est appliquée.`
		};
	}
	return { months: n, error: null };
}

/** A renewal to prepare, with how long is left. */
export interface RenewalDue<T> {
	agrement: T;
	/** Days from `today` to the end date (0 = ends today). */
	daysLeft: number;
	/** Whole calendar months from `today` to the end date. */
	monthsLeft: number;
}

/**
 * Granted agréments ending between `today` and `today + months` (both included) that have no
 * successor yet, the nearest end first.
 */
export function renewalsDue<T extends AgrementOfStructure>(agrements: readonly T[], today: string, months: number): RenewalDue<T>[] {
	if (!Number.isInteger(months) || months < 0) throw new Error(`invalid window in months: ${months}`);
	return agrementsToRenew(agrements, today, { warningMonths: months })
		.map((agrement) => ({
			agrement,
			daysLeft: daysBetween(today, agrement.endDate),
			monthsLeft: wholeMonthsBetween(today, agrement.endDate)
		}))
		.sort((a, b) => a.daysLeft - b.daysLeft || a.agrement.structureId - b.agrement.structureId);
}

/**
 * Granted agréments already ended (before `today`) with no later agrément of the same structure
 * and kind, granted or under instruction: the structure works without a valid agrément.
 * The longest overdue first.
 */
export function overdueRenewals<T extends AgrementOfStructure>(agrements: readonly T[], today: string): (RenewalDue<T> & { daysOverdue: number })[] {
	return agrements
		.filter((a) => (a.decision === 'accorde' || a.decision === 'proroge') && a.endDate < today && !hasSuccessor(agrements, a))
		.map((agrement) => ({
			agrement,
			daysLeft: -daysBetween(agrement.endDate, today),
			monthsLeft: 0,
			daysOverdue: daysBetween(agrement.endDate, today)
		}))
		.sort((a, b) => b.daysOverdue - a.daysOverdue || a.agrement.structureId - b.agrement.structureId);
}
