/**
 * First projets sociaux (agréed for one year by the circular): when each ends and what followed
 * it — renewed, renewal under instruction or refused, to prepare, or ended with nothing after.
 * Pure.
 */
import { addMonths, daysBetween, type AgrementDecision } from '../domain/agrement-status';

export interface FirstProjectInput {
	id: number;
	structureId: number;
	kind: string;
	startDate: string;
	endDate: string;
	isFirst: boolean;
	decision: AgrementDecision;
}

/** What happened after a first project. */
export type FirstProjectState =
	| 'renouvele'
	| 'renouvellement_en_instruction'
	| 'renouvellement_refuse'
	| 'a_preparer'
	| 'en_cours'
	| 'echu_sans_suite';

export interface FirstProjectFollowUp<T> {
	agrement: T;
	/** Days from `today` to the end (negative once ended). */
	daysLeft: number;
	/** The next agrément of the same structure and kind, if any. */
	next: T | null;
	state: FirstProjectState;
}

/**
 * Granted first projects ending on or after `today − 12 months`, with what followed. A running
 * project with nothing after it is `a_preparer` when it ends within `windowMonths` of `today`,
 * else `en_cours`. The nearest end first.
 */
export function firstProjects<T extends FirstProjectInput>(
	agrements: readonly T[],
	today: string,
	windowMonths: number
): FirstProjectFollowUp<T>[] {
	const since = addMonths(today, -12);
	const windowEnd = addMonths(today, windowMonths);
	return agrements
		.filter((a) => a.isFirst && a.decision === 'accorde' && a.endDate >= since)
		.map((agrement) => {
			const next =
				agrements
					.filter((b) => b !== agrement && b.structureId === agrement.structureId && b.kind === agrement.kind && b.startDate > agrement.startDate)
					.sort((x, y) => (x.startDate < y.startDate ? -1 : x.startDate > y.startDate ? 1 : 0))[0] ?? null;
			let state: FirstProjectState;
			if (next?.decision === 'accorde') state = 'renouvele';
			else if (next?.decision === 'en_instruction') state = 'renouvellement_en_instruction';
			else if (next?.decision === 'refuse') state = 'renouvellement_refuse';
			else if (agrement.endDate < today) state = 'echu_sans_suite';
			else state = agrement.endDate <= windowEnd ? 'a_preparer' : 'en_cours';
			return { agrement, daysLeft: daysBetween(today, agrement.endDate), next, state };
		})
		.sort((a, b) => a.daysLeft - b.daysLeft || a.agrement.id - b.agrement.id);
}

/** French label of a first-project state. */
export const FIRST_PROJECT_STATE_LABELS: Record<FirstProjectState, string> = {
	renouvele: 'Renouvelé',
	renouvellement_en_instruction: 'Renouvellement en instruction',
	renouvellement_refuse: 'Renouvellement refusé',
	a_preparer: 'Renouvellement à préparer',
	en_cours: 'En cours',
	echu_sans_suite: 'Échu sans renouvellement'
};
