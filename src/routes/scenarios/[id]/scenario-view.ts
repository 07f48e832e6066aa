/**
 * What the scenario map draws, from an evaluated scenario: each structure with its state in the
 * scenario (existing, added, moved, modified, closed), and the communes whose category changed.
 * Pure.
 */
import { isAddedKey, type ScenarioChange, type evaluateScenario } from '$lib/planning';
import type { ScenarioMapStructure, ScenarioStructureStatus } from '$lib/map/scenario-geojson';

type Evaluation = ReturnType<typeof evaluateScenario>;
interface Existing {
	name: string;
	type: 'CS' | 'EVS';
	lon: number;
	lat: number;
}

/** The structures of the scenario (closed ones last), named by their current or chosen name. */
export function scenarioMapStructures(
	evaluation: Evaluation,
	changes: readonly ScenarioChange[],
	existing: ReadonlyMap<string, Existing>,
	addedName: (id: string) => string | undefined
): ScenarioMapStructure[] {
	const moved = new Set(changes.flatMap((c) => (c.kind === 'move' ? [c.structureId] : [])));
	const list: ScenarioMapStructure[] = evaluation.structures.map((s) => {
		const id = String(s.id);
		const status: ScenarioStructureStatus =
			isAddedKey(id) && !existing.has(id) ? 'added' : moved.has(id) ? 'moved' : evaluation.touched.has(id) ? 'modified' : 'existing';
		return { id, name: existing.get(id)?.name ?? addedName(id) ?? id, type: s.type, lon: s.lon, lat: s.lat, status };
	});
	for (const id of evaluation.closed) {
		const s = existing.get(id);
		if (s) list.push({ id, name: s.name, type: s.type, lon: s.lon, lat: s.lat, status: 'closed' });
	}
	return list;
}

/** Codes of the communes whose coverage or category differs from the current situation. */
export function changedCommunes(evaluation: Evaluation, current: Evaluation['result']): Set<string> {
	return new Set(
		evaluation.result.communes
			.filter((c, i) => c.covered !== current.communes[i].covered || c.category !== current.communes[i].category)
			.map((c) => c.code)
	);
}
