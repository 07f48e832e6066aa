/**
 * The status of an agrément on a given day, and the calendar arithmetic it needs.
 * Dates are ISO calendar dates `YYYY-MM-DD` (no time zone); `today` is always passed in.
 * Pure: no clock, no I/O.
 */

/**
 * The Caf decision recorded on an agrément: under examination, granted, extended by decision
 * (*prorogation*: a row of its own with the extension's dates), refused, or withdrawn (*retrait*:
 * the agrément stops covering the day after its decision date).
 */
export type AgrementDecision = 'en_instruction' | 'accorde' | 'proroge' | 'refuse' | 'retire';

/** Every decision, in the order forms list them. */
export const AGREMENT_DECISIONS = ['en_instruction', 'accorde', 'proroge', 'refuse', 'retire'] as const satisfies readonly AgrementDecision[];

/** French labels of the decisions. */
export const AGREMENT_DECISION_LABELS: Record<AgrementDecision, string> = {
	en_instruction: 'En instruction',
	accorde: 'Accordé',
	proroge: 'Prorogé',
	refuse: 'Refusé',
	retire: 'Retiré'
};

/** True for a decision that makes the agrément cover days: granted or extended (a withdrawn one until its withdrawal). */
export function coversDays(decision: AgrementDecision): boolean {
	return decision === 'accorde' || decision === 'proroge' || decision === 'retire';
}

/** What the status needs to know about an agrément. */
export interface AgrementDates {
	decision: AgrementDecision;
	/** First day covered, inclusive. */
	startDate: string;
	/** Last day covered, inclusive. */
	endDate: string;
	/** Date of the decision; for a withdrawal (`retire`), the last day the agrément covers. */
	decisionDate?: string | null;
}

/**
 * The last day `agrement` really covers: its end date, or for a withdrawal the day of the
 * withdrawal decision when earlier (« removed from the day after »). Null when it covers nothing
 * (under examination, refused).
 */
export function effectiveEnd(agrement: AgrementDates): string | null {
	if (!coversDays(agrement.decision)) return null;
	if (agrement.decision === 'retire' && agrement.decisionDate && agrement.decisionDate < agrement.endDate) {
		return agrement.decisionDate < agrement.startDate ? null : agrement.decisionDate;
	}
	return agrement.endDate;
}

/** The status of an agrément on a day. */
export type AgrementStatus =
	| { kind: 'en_instruction' }
	| { kind: 'refuse' }
	/** Withdrawn: its withdrawal has taken effect (`since` = first day no longer covered). */
	| { kind: 'retire'; since: string }
	/** Granted, starting after `today`. */
	| { kind: 'a_venir'; daysUntilStart: number }
	/** Granted and running, ending after the warning window. */
	| { kind: 'en_cours'; daysLeft: number }
	/** Granted and running, ending within the warning window (`daysLeft` 0 = ends today). */
	| { kind: 'expire_bientot'; daysLeft: number; monthsLeft: number }
	/** Granted, its end date has passed. */
	| { kind: 'expire'; daysSinceEnd: number }
	/**
	 * Ended, its renewal being examined within the grace period: the structure still counts
	 * (structure-level status, from `$lib/domain/agrement-coverage`).
	 */
	| { kind: 'echu_renouvellement'; daysSinceEnd: number; graceUntil: string };

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
 * The status of `agrement` on `today`. A granted (or extended) agrément whose end date falls
 * within `warningMonths` calendar months of `today` (both ends inclusive: ending today, or exactly
 * `warningMonths` months later) is `expire_bientot`; ending later, `en_cours`; ended, `expire`.
 * `warningMonths` is the renewal lead time, a dated departmental parameter
 * (`agrement.renewal_lead_months`, read by `$lib/pilotage/renewal-rules`). A withdrawn agrément
 * is `retire` from the day after its withdrawal, and runs as granted before.
 */
export function agrementStatus(agrement: AgrementDates, today: string, options: { warningMonths: number }): AgrementStatus {
	const { warningMonths } = options;
	if (!Number.isInteger(warningMonths) || warningMonths < 0) throw new Error(`invalid warning window in months: ${warningMonths}`);
	if (agrement.decision === 'refuse') return { kind: 'refuse' };
	if (agrement.decision === 'en_instruction') return { kind: 'en_instruction' };
	if (agrement.endDate < agrement.startDate) {
		throw new Error(`agrément ends before it starts: ${agrement.startDate} > ${agrement.endDate}`);
	}
	const end = effectiveEnd(agrement);
	if (agrement.decision === 'retire' && (end === null || end < today) && end !== agrement.endDate) {
		return { kind: 'retire', since: end === null ? agrement.startDate : addDaysIso(end, 1) };
	}
	const endDate = end ?? agrement.endDate;
	if (endDate < today) return { kind: 'expire', daysSinceEnd: daysBetween(endDate, today) };
	if (agrement.startDate > today) return { kind: 'a_venir', daysUntilStart: daysBetween(today, agrement.startDate) };
	const daysLeft = daysBetween(today, endDate);
	if (endDate <= addMonths(today, warningMonths)) {
		return { kind: 'expire_bientot', daysLeft, monthsLeft: wholeMonthsBetween(today, endDate) };
	}
	return { kind: 'en_cours', daysLeft };
}

/** `iso` plus `days` days. */
export function addDaysIso(iso: string, days: number): string {
	if (!Number.isInteger(days)) throw new Error(`invalid day count: ${days}`);
	return fromUtcMs(toUtcMs(iso) + days * MS_PER_DAY);
}

/** The French label of a status: `en cours`, `expire dans 3 mois`, `expiré`, … */
export function agrementStatusLabel(status: AgrementStatus): string {
	switch (status.kind) {
		case 'en_instruction':
			return 'en instruction';
		case 'refuse':
			return 'refusé';
		case 'retire':
			return 'retiré';
		case 'a_venir':
			return 'à venir';
		case 'en_cours':
			return 'en cours';
		case 'expire':
			return 'expiré';
		case 'echu_renouvellement':
			return 'agrément échu, renouvellement en cours';
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
	options: { warningMonths: number }
): T[] {
	return agrements.filter((a) => {
		if (agrementStatus(a, today, options).kind !== 'expire_bientot') return false;
		return !hasSuccessor(agrements, a);
	});
}

/**
 * True when another agrément of the same structure and kind, granted, extended or under
 * examination, starts after `a`: its renewal is already on file.
 */
export function hasSuccessor<T extends AgrementOfStructure>(agrements: readonly T[], a: T): boolean {
	return agrements.some(
		(b) =>
			b !== a &&
			b.structureId === a.structureId &&
			b.kind === a.kind &&
			b.decision !== 'refuse' &&
			b.decision !== 'retire' &&
			b.startDate > a.startDate
	);
}

/** The agrément kind that founds a structure: AGC for a centre social, animation locale for an EVS. */
export function mainAgrementKind(structureType: 'CS' | 'EVS'): 'animation_globale' | 'animation_locale' {
	return structureType === 'CS' ? 'animation_globale' : 'animation_locale';
}

/**
 * The granted (or extended, or withdrawn) agrément that governs `today` among `agrements` (one
 * structure, one kind), by the days it really covers (`effectiveEnd`): the running one (the
 * latest ending if several overlap); else the last one that ended; else the next one to start;
 * null when none covers any day.
 */
export function currentAgrement<T extends AgrementDates>(agrements: readonly T[], today: string): T | null {
	const granted = agrements.filter((a) => effectiveEnd(a) !== null);
	const end = (a: T) => effectiveEnd(a)!;
	const byEnd = (a: T, b: T) => (end(a) < end(b) ? 1 : end(a) > end(b) ? -1 : 0);
	const running = granted.filter((a) => a.startDate <= today && today <= end(a)).sort(byEnd);
	if (running.length > 0) return running[0];
	const ended = granted.filter((a) => end(a) < today).sort(byEnd);
	if (ended.length > 0) return ended[0];
	const upcoming = granted.filter((a) => a.startDate > today).sort((a, b) => (a.startDate < b.startDate ? -1 : 1));
	return upcoming[0] ?? null;
}
