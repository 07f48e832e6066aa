/**
 * Which structures count at the analysis date.
 *
 * A structure counts when its agrément is in force that day: start ≤ date ≤ end, both days
 * included, a missing bound being open. After its end it still counts while its renewal is being
 * examined, up to `renewalPendingUntil` (`renewal_pending`: « agrément échu, renouvellement en
 * cours », counted apart in the summary). Structures with a missing date still count but are
 * flagged (`undated`: no date at all; `partially_dated`: one of the two), so that a result
 * resting on them can say so. With no analysis date, every structure counts (`not_checked`
 * when it has both dates).
 */
import { isIsoDate } from './options';
import type { CoverageStructure } from './types';

/** Status of a structure's agrément at the analysis date. */
export type AgrementStatus = 'in_force' | 'renewal_pending' | 'undated' | 'partially_dated' | 'not_started' | 'expired' | 'not_checked';

/** A structure's status and whether it is counted. */
export interface StructureStatus {
	id: CoverageStructure['id'];
	type: CoverageStructure['type'];
	status: AgrementStatus;
	/** True when the structure takes part in the analysis. */
	counted: boolean;
	/** True when it is counted although an agrément date is missing. */
	flagged: boolean;
}

function checkDate(id: CoverageStructure['id'], name: string, value: string | null | undefined): string | null {
	if (value == null || value === '') return null;
	if (!isIsoDate(value)) throw new Error(`invalid ${name} of structure ${id}: ${value}`);
	return value;
}

/**
 * Status of one structure at `date` (`YYYY-MM-DD`, or null for no date filter).
 *
 * @throws Error `invalid agrementStart of structure <id>: <value>` for a date not in `YYYY-MM-DD`
 */
export function agrementStatus(structure: CoverageStructure, date: string | null): StructureStatus {
	const start = checkDate(structure.id, 'agrementStart', structure.agrementStart);
	const end = checkDate(structure.id, 'agrementEnd', structure.agrementEnd);
	const pendingUntil = checkDate(structure.id, 'renewalPendingUntil', structure.renewalPendingUntil);
	const base = { id: structure.id, type: structure.type };
	// ISO dates compare as strings.
	if (date !== null && start !== null && date < start) return { ...base, status: 'not_started', counted: false, flagged: false };
	if (date !== null && end !== null && date > end) {
		if (pendingUntil !== null && date <= pendingUntil) return { ...base, status: 'renewal_pending', counted: true, flagged: false };
		return { ...base, status: 'expired', counted: false, flagged: false };
	}
	if (start === null && end === null) return { ...base, status: 'undated', counted: true, flagged: true };
	if (start === null || end === null) return { ...base, status: 'partially_dated', counted: true, flagged: true };
	return { ...base, status: date === null ? 'not_checked' : 'in_force', counted: true, flagged: false };
}
