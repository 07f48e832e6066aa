/**
 * Applies a scenario's changes, in order, to a copy of the current structures. The input array
 * and its objects are never modified; unchanged structures are passed through as the same
 * objects (so per-structure work can be reused, see `session.ts`).
 *
 * A change whose structure no longer exists (deleted since the scenario was saved), or was closed
 * by an earlier change, is ignored and reported: a saved scenario stays readable when the real
 * data moves on.
 */
import type { CoverageStructure } from '../analysis/types';
import type { ScenarioChange } from './changes';

/** Why a change could not be applied. */
export type IgnoredReason = 'unknown_structure' | 'closed_structure' | 'key_collision';

/** What happened to each change, in the order given. */
export type ChangeOutcome = { index: number; applied: true } | { index: number; applied: false; reason: IgnoredReason; target: string };

/** The structures of a scenario. */
export interface AppliedChanges {
	/** Current structures with the changes applied (closed ones removed, added ones last). */
	structures: CoverageStructure[];
	outcomes: ChangeOutcome[];
	/** Ids (as strings) of the structures added, moved, retyped or re-zoned, and of those closed. */
	touched: Set<string>;
	closed: Set<string>;
}

/**
 * Agrément given to a hypothetical structure so that it counts at the analysis date: in force
 * exactly on that day (or over all time when the analysis has no date). Not flagged as undated.
 */
export function hypotheticalAgrement(date: string | null): { agrementStart: string; agrementEnd: string } {
	return date === null ? { agrementStart: '0001-01-01', agrementEnd: '9999-12-31' } : { agrementStart: date, agrementEnd: date };
}

/**
 * Applies `changes` to `structures`.
 *
 * @param structures the current structures (engine input, any agrément status)
 * @param changes validated changes (`parseScenarioChanges`)
 * @param date analysis date `YYYY-MM-DD` (added structures count on that day), or null
 */
export function applyChanges(
	structures: readonly CoverageStructure[],
	changes: readonly ScenarioChange[],
	date: string | null
): AppliedChanges {
	const list: (CoverageStructure | null)[] = structures.slice();
	const position = new Map<string, number>();
	list.forEach((s, j) => position.set(String(s!.id), j));
	const outcomes: ChangeOutcome[] = [];
	const touched = new Set<string>();
	const closed = new Set<string>();

	changes.forEach((change, index) => {
		if (change.kind === 'add') {
			if (position.has(change.key) || closed.has(change.key)) {
				outcomes.push({ index, applied: false, reason: 'key_collision', target: change.key });
				return;
			}
			position.set(change.key, list.length);
			list.push({
				id: change.key,
				type: change.type,
				lon: change.lon,
				lat: change.lat,
				communeCode: change.communeCode,
				zoneCommunes: change.zoneCommunes,
				...hypotheticalAgrement(date),
				supplyWeight: null
			});
			touched.add(change.key);
			outcomes.push({ index, applied: true });
			return;
		}
		const id = change.structureId;
		const j = position.get(id);
		if (j === undefined) {
			outcomes.push({ index, applied: false, reason: closed.has(id) ? 'closed_structure' : 'unknown_structure', target: id });
			return;
		}
		const current = list[j]!;
		switch (change.kind) {
			case 'close':
				list[j] = null;
				position.delete(id);
				closed.add(id);
				touched.delete(id);
				break;
			case 'move':
				list[j] = { ...current, lon: change.lon, lat: change.lat, communeCode: change.communeCode ?? null };
				touched.add(id);
				break;
			case 'retype':
				// The supply of the new type applies (a structure's own weight described the old one).
				list[j] = { ...current, type: change.type, supplyWeight: null };
				touched.add(id);
				break;
			case 'zone':
				list[j] = { ...current, zoneCommunes: change.zoneCommunes.length > 0 ? change.zoneCommunes : null };
				touched.add(id);
				break;
		}
		outcomes.push({ index, applied: true });
	});

	return { structures: list.filter((s): s is CoverageStructure => s !== null), outcomes, touched, closed };
}
