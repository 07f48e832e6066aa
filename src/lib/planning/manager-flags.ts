/**
 * The distinct-manager rule in scenarios: an EVS a scenario adds (or an existing structure it
 * turns into an EVS) in a territory « à renforcer » of the current situation must have a manager
 * distinct from the centre social's. Each such EVS is flagged with the centres sociaux concerned;
 * an added EVS whose manager the scenario does not give is flagged « gestionnaire à préciser ».
 * The territory is judged in the current situation, before the EVS. Pure.
 */
import { checkEvsManager, evsManagerText, type EvsManagerCheck, type ManagerIdentity, type ReinforcedCentre } from '../analysis/evs-manager';
import type { PointId } from '../analysis/types';
import type { ScenarioChange } from './changes';
import type { ScenarioBase } from './session';

/** An existing structure as the flags need it. */
export interface StructureWithManager {
	id: PointId;
	name: string;
	type: 'CS' | 'EVS';
	communeCode: string | null;
	zoneCommunes?: readonly string[] | null;
	manager: ManagerIdentity;
}

/** One EVS of the scenario in a territory « à renforcer ». */
export interface ManagerFlag {
	/** The added key (`n1`) or the existing structure's id. */
	target: string;
	name: string;
	check: EvsManagerCheck;
	text: string;
}

/** The EVS of `changes` placed in a territory « à renforcer » of the current situation, with their check. */
export function scenarioManagerFlags(base: ScenarioBase, changes: readonly ScenarioChange[], structures: readonly StructureWithManager[]): ManagerFlag[] {
	const byId = new Map(structures.map((s) => [String(s.id), s]));
	const current = base.current.result.communes;
	const index = base.context.communeIndex;
	const centreOf = (id: PointId): ReinforcedCentre | undefined => {
		const s = byId.get(String(id));
		return s ? { id: s.id, name: s.name, manager: s.manager } : undefined;
	};
	const territory = (codes: readonly (string | null | undefined)[]) =>
		[...new Set(codes.filter((c): c is string => !!c))]
			.map((code) => index.get(code))
			.filter((i): i is number => i !== undefined)
			.map((i) => current[i]);
	const flags: ManagerFlag[] = [];
	for (const change of changes) {
		let target: string;
		let name: string;
		let codes: (string | null | undefined)[];
		let manager: ManagerIdentity | null;
		if (change.kind === 'add' && change.type === 'EVS') {
			target = change.key;
			name = change.name;
			codes = [change.communeCode, ...(change.zoneCommunes ?? [])];
			manager = change.managerName || change.managerSiren ? { name: change.managerName ?? null, siren: change.managerSiren ?? null } : null;
		} else if (change.kind === 'retype' && change.type === 'EVS') {
			const s = byId.get(change.structureId);
			if (!s) continue;
			target = change.structureId;
			name = s.name;
			codes = [s.communeCode, ...(s.zoneCommunes ?? [])];
			manager = s.manager;
		} else continue;
		const check = checkEvsManager(
			territory(codes).map((c) => ({ code: c.code, reinforce: c.reinforce, reinforcedCsIds: c.reinforcedCsIds.filter((id) => String(id) !== target) })),
			manager,
			centreOf
		);
		if (check.status === 'non_applicable') continue;
		flags.push({ target, name, check, text: `${name} : ${evsManagerText(check)}` });
	}
	return flags;
}
