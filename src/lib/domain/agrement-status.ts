/**
 * The status of an agrément on a given day, and the calendar arithmetic it needs.
 * Dates are ISO calendar dates `YYYY-MM-DD` (no time zone); `today` is always passed in.
 * Pure: no clock, no I/O.
 */

/** The CAF decision recorded on an agrément. */
export type AgrementDecision = 'en_instruction' | 'accorde' | 'refuse';

/** What the status needs to know about an agrément. */
export interface AgrementDates {
	decision: AgrementDecision;
	/** First day covered, inclusive. */
	startDate: string;
	/** Last day covered, inclusive. */
	endDate: string;
}

/** The status of an agrément on a day. */
export type AgrementStatus =
	| { kind: 'en_instruction' }
	| { kind: 'refuse' }
	/** Granted, starting after `today`. */
	| { kind: 'a_venir'; daysUntilStart: number }
	/** Granted and running, ending after the warning window. */
	| { kind: 'en_cours'; daysLeft: number }
	/** Granted and running, ending within the warning window (`daysLeft` 0 = ends today). */
	| { kind: 'expire_bientot'; daysLeft: number; monthsLeft: number }
	/** Granted, its end date has passed. */
	| { kind: 'expire'; daysSinceEnd: number };

/** Default warning window before an agrément's end, in months. */
export const DEFAULT_WARNING_MONTHS = 6;

const MS_PER_DAY = 86_400_000;

function toUtcMs(iso: string): number {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
	if (!match) throw new Error(`invalid ISO date: ${iso}`);
	const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const ms = Date.UTC(y, m - 1, d);
	const check = new Date(ms);
	if (check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) throw new Error(`invalid ISO date: ${iso}`);
	return ms;
}

function fromUtcMs(ms: number): string {
	return new Date(ms).toISOString().slice(0, 10);
}

/** Number of days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
	return Math.round((toUtcMs(to) - toUtcMs(from)) / MS_PER_DAY);
}

/**
 * `iso` plus `months` calendar months, the day clamped to the end of a shorter month:
 * `addMonths('2026-08-31', 6)` → `2027-02-28`. Negative `months` go back.
 */
export function addMonths(iso: string, months: number): string {
	if (!Number.isInteger(months)) throw new Error(`invalid month count: ${months}`);
	const date = new Date(toUtcMs(iso));
	const day = date.getUTCDate();
	const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
	const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
	target.setUTCDate(Math.min(day, lastDay));
	return fromUtcMs(target.getTime());
}

/** Whole calendar months from `from` to a later `to` (0 when less than a month). */
export function wholeMonthsBetween(from: string, to: string): number {
	if (to < from) throw new Error(`dates out of order: ${from} > ${to}`);
	let months = 0;
	while (addMonths(from, months + 1) <= to) months += 1;
	return months;
}

/**
 * The status of `agrement` on `today`. A granted agrément whose end date falls within
 * `warningMonths` calendar months of `today` (both ends inclusive: ending today, or exactly
 * `warningMonths` months later) is `expire_bientot`; ending later, `en_cours`; ended, `expire`.
 */
export function agrementStatus(
	agrement: AgrementDates,
	today: string,
	options: { warningMonths?: number } = {}
): AgrementStatus {
	const warningMonths = options.warningMonths ?? DEFAULT_WARNING_MONTHS;
	if (agrement.decision === 'refuse') return { kind: 'refuse' };
	if (agrement.decision === 'en_instruction') return { kind: 'en_instruction' };
	if (agrement.endDate < agrement.startDate) {
		throw new Error(`agrément ends before it starts: ${agrement.startDate} > ${agrement.endDate}`);
	}
	if (agrement.endDate < today) return { kind: 'expire', daysSinceEnd: daysBetween(agrement.endDate, today) };
	if (agrement.startDate > today) return { kind: 'a_venir', daysUntilStart: daysBetween(today, agrement.startDate) };
	const daysLeft = daysBetween(today, agrement.endDate);
	if (agrement.endDate <= addMonths(today, warningMonths)) {
		return { kind: 'expire_bientot', daysLeft, monthsLeft: wholeMonthsBetween(today, agrement.endDate) };
	}
	return { kind: 'en_cours', daysLeft };
}

/** The French label of a status: `en cours`, `expire dans 3 mois`, `expiré`, … */
export function agrementStatusLabel(status: AgrementStatus): string {
	switch (status.kind) {
		case 'en_instruction':
			return 'en instruction';
		case 'refuse':
			return 'refusé';
		case 'a_venir':
			return 'à venir';
		case 'en_cours':
			return 'en cours';
		case 'expire':
			return 'expiré';
		case 'expire_bientot':
			if (status.daysLeft === 0) return "expire aujourd'hui";
			if (status.monthsLeft === 0) return `expire dans ${status.daysLeft}\u00a0jour${status.daysLeft > 1 ? 's' : ''}`;
			return `expire dans ${status.monthsLeft}\u00a0mois`;
	}
}

/** An agrément with what identifies its structure and kind, for renewal checks. */
export interface AgrementOfStructure extends AgrementDates {
	structureId: number;
	kind: string;
}

/**
 * The granted agréments of `agrements` that end within the warning window of `today` and have
 * no successor yet: no other agrément of the same structure and kind, granted or under
 * instruction, starting after this one's start. These are the renewals to prepare.
 */
export function agrementsToRenew<T extends AgrementOfStructure>(
	agrements: readonly T[],
	today: string,
	options: { warningMonths?: number } = {}
): T[] {
	return agrements.filter((a) => {
		if (agrementStatus(a, today, options).kind !== 'expire_bientot') return false;
		return !agrements.some(
			(b) =>
				b !== a &&
				b.structureId === a.structureId &&
				b.kind === a.kind &&
				b.decision !== 'refuse' &&
				b.startDate > a.startDate
		);
	});
}

/** The agrément kind that founds a structure: AGC for a centre social, animation locale for an EVS. */
export function mainAgrementKind(structureType: 'CS' | 'EVS'): 'animation_globale' | 'animation_locale' {
	return structureType === 'CS' ? 'animation_globale' : 'animation_locale';
}

/**
 * The granted agrément that governs `today` among `agrements` (one structure, one kind): the
 * running one (the latest ending if several overlap); else the last one that ended; else the
 * next one to start; null when none was granted.
 */
export function currentAgrement<T extends AgrementDates>(agrements: readonly T[], today: string): T | null {
	const granted = agrements.filter((a) => a.decision === 'accorde');
	const byEnd = (a: T, b: T) => (a.endDate < b.endDate ? 1 : a.endDate > b.endDate ? -1 : 0);
	const running = granted.filter((a) => a.startDate <= today && today <= a.endDate).sort(byEnd);
	if (running.length > 0) return running[0];
	const ended = granted.filter((a) => a.endDate < today).sort(byEnd);
	if (ended.length > 0) return ended[0];
	const upcoming = granted.filter((a) => a.startDate > today).sort((a, b) => (a.startDate < b.startDate ? -1 : 1));
	return upcoming[0] ?? null;
}
