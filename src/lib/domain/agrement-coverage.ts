/**
 * Whether a structure is covered by its founding agrément on a day, including the **renewal grace
 * period**: when the agrément has ended and the renewal request is being examined, the centre stays
 * open and the Caf keeps funding it, so it keeps counting — until the decision, for at most
 * `graceMonths` months after the end (a dated departmental parameter,
 * `agrement.renewal_grace_months`, default 12). A refusal ends the grace the day after its
 * decision date; a withdrawal (`retire`) or a closure leaves no grace at all.
 *
 * Dates are ISO `YYYY-MM-DD`, both ends inclusive. Pure: `date` is passed in.
 */
import { addDaysIso, addMonths, agrementStatus, currentAgrement, daysBetween, effectiveEnd, type AgrementDates, type AgrementStatus } from './agrement-status';

/** Where a structure stands on a day, by its founding agrément. */
export type FoundingState =
	/** An agrément (granted, extended, or withdrawn later) covers the day. */
	| 'agree'
	/** The agrément has ended and its renewal is being examined, within the grace period. */
	| 'renouvellement_en_cours'
	/** Granted, not started yet. */
	| 'a_venir'
	/** Ended (no pending renewal, or the grace period is over, or the renewal was refused). */
	| 'echu'
	/** Withdrawn before its end. */
	| 'retire'
	/** Only refused or examined agréments: never agreed. */
	| 'non_agree'
	/** No agrément recorded at all. */
	| 'sans_agrement';

/** French labels of the states, as panels show them. */
export const FOUNDING_STATE_LABELS: Record<FoundingState, string> = {
	agree: 'agréée',
	renouvellement_en_cours: 'agrément échu, renouvellement en cours',
	a_venir: 'agrément à venir',
	echu: 'agrément échu',
	retire: 'agrément retiré',
	non_agree: 'sans agrément accordé',
	sans_agrement: 'aucun agrément enregistré'
};

/** An agrément as this module reads it. */
export type FoundingAgrement = AgrementDates;

/** The state of a structure on a day. */
export interface FoundingSituation<T extends FoundingAgrement> {
	state: FoundingState;
	/** The agrément that governs the day (running, last ended, or next); null when none covers any day. */
	agrement: T | null;
	/** The renewal request examined during the grace period (state `renouvellement_en_cours`), else null. */
	renewal: T | null;
	/**
	 * Last day the structure counts thanks to the pending renewal (grace end, or the refusal date);
	 * null outside the grace period.
	 */
	graceUntil: string | null;
	/** True when the structure takes part in coverage on the day (`agree` or `renouvellement_en_cours`). */
	counts: boolean;
}

/** The last day of a grace period of `graceMonths` months after an agrément ending on `end`. */
export function graceEnd(end: string, graceMonths: number): string {
	if (!Number.isInteger(graceMonths) || graceMonths < 0) throw new Error(`invalid grace period in months: ${graceMonths}`);
	if (graceMonths === 0) return end;
	return addDaysIso(addMonths(addDaysIso(end, 1), graceMonths), -1);
}

/**
 * True when `request` was still undecided on `date`: under examination, or decided after `date`
 * (a refusal decided on D removes the structure from D + 1).
 */
function undecidedOn(request: FoundingAgrement, date: string): boolean {
	if (request.decision === 'en_instruction') return true;
	return request.decision !== 'retire' && request.decisionDate != null && date <= request.decisionDate;
}

/**
 * The state of a structure on `date` from its agréments of one kind (its founding kind: AGC for
 * a centre social, animation locale for an EVS).
 *
 * @param graceMonths the renewal grace period in force on `date`, months (0 = none)
 */
export function foundingSituation<T extends FoundingAgrement>(agrements: readonly T[], date: string, graceMonths: number): FoundingSituation<T> {
	const none = { renewal: null, graceUntil: null };
	if (agrements.length === 0) return { state: 'sans_agrement', agrement: null, ...none, counts: false };
	const current = currentAgrement(agrements, date);
	if (!current) return { state: 'non_agree', agrement: null, ...none, counts: false };
	const end = effectiveEnd(current)!;
	if (current.startDate > date) return { state: 'a_venir', agrement: current, ...none, counts: false };
	if (date <= end) return { state: 'agree', agrement: current, ...none, counts: true };
	if (current.decision === 'retire' && end < current.endDate) return { state: 'retire', agrement: current, ...none, counts: false };

	// Ended: is a renewal request, filed after this agrément, still undecided on the day?
	const renewal =
		agrements
			.filter((a) => a !== current && a.startDate > current.startDate && undecidedOn(a, date))
			.sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : 0))[0] ?? null;
	if (renewal) {
		let until = graceEnd(end, graceMonths);
		if (renewal.decision === 'refuse' && renewal.decisionDate && renewal.decisionDate < until) until = renewal.decisionDate;
		if (date <= until) return { state: 'renouvellement_en_cours', agrement: current, renewal, graceUntil: until, counts: true };
	}
	return { state: 'echu', agrement: current, ...none, counts: false };
}

/**
 * The status a structure shows for its founding agrément on `today`: the status of the agrément
 * that governs the day, or `echu_renouvellement` (« agrément échu, renouvellement en cours ») during
 * the grace period; null when no agrément covers any day.
 *
 * @param rules the renewal lead time (`warningMonths`) and grace period in force on `today`
 */
export function structureAgrementStatus(
	agrements: readonly FoundingAgrement[],
	today: string,
	rules: { warningMonths: number; graceMonths: number }
): AgrementStatus | null {
	const situation = foundingSituation(agrements, today, rules.graceMonths);
	if (!situation.agrement) return null;
	if (situation.state === 'renouvellement_en_cours') {
		return { kind: 'echu_renouvellement', daysSinceEnd: daysBetween(effectiveEnd(situation.agrement)!, today), graceUntil: situation.graceUntil! };
	}
	return agrementStatus(situation.agrement, today, { warningMonths: rules.warningMonths });
}

/**
 * The status of one agrément among the agréments of its structure (`all`, any kinds): its own
 * status, except that an ended agrément whose renewal is being examined within the grace period
 * is `echu_renouvellement`.
 */
export function agrementStatusAmong<T extends FoundingAgrement & { structureId: number; kind: string }>(
	agrement: T,
	all: readonly T[],
	today: string,
	rules: { warningMonths: number; graceMonths: number }
): AgrementStatus {
	const status = agrementStatus(agrement, today, { warningMonths: rules.warningMonths });
	if (status.kind !== 'expire') return status;
	const siblings = all.filter((a) => a.structureId === agrement.structureId && a.kind === agrement.kind);
	const situation = foundingSituation(siblings, today, rules.graceMonths);
	if (situation.state === 'renouvellement_en_cours' && situation.agrement === agrement) {
		return { kind: 'echu_renouvellement', daysSinceEnd: status.daysSinceEnd, graceUntil: situation.graceUntil! };
	}
	return status;
}
