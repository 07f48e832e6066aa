/**
 * Editing a scenario's change list as the editor does it, keeping it minimal: one change per
 * structure and kind, an added structure edited in place, a change undone when a value returns
 * to the current one. Every function returns a new list (the input is never modified).
 */
import type { StructureType } from '../analysis/types';
import { ADDED_KEY, changeTarget, type AddChange, type ScenarioChange } from './changes';

/** Whether `id` names a structure added by the scenario (`n1`, `n2`…). */
export function isAddedKey(id: string): boolean {
	return ADDED_KEY.test(id);
}

/** The next free key for an added structure. */
export function nextAddedKey(changes: readonly ScenarioChange[]): string {
	let max = 0;
	for (const c of changes) if (c.kind === 'add') max = Math.max(max, Number(c.key.slice(1)));
	return `n${max + 1}`;
}

/** Default name of an added structure: « EVS envisagé n° 2 — Brissac ». */
export function defaultAddedName(type: StructureType, key: string, communeName: string | null): string {
	const base = `${type === 'CS' ? 'Centre social' : 'EVS'} envisagé n° ${key.slice(1)}`;
	return communeName ? `${base} — ${communeName}` : base;
}

/** Adds a hypothetical structure (its key is chosen here). */
export function addStructure(
	changes: readonly ScenarioChange[],
	values: Omit<AddChange, 'kind' | 'key' | 'name' | 'zoneCommunes'> & { name?: string; zoneCommunes?: string[] | null; communeName?: string | null }
): { changes: ScenarioChange[]; key: string } {
	const key = nextAddedKey(changes);
	const change: AddChange = {
		kind: 'add',
		key,
		type: values.type,
		name: values.name?.trim() || defaultAddedName(values.type, key, values.communeName ?? null),
		lon: values.lon,
		lat: values.lat,
		communeCode: values.communeCode,
		zoneCommunes: values.zoneCommunes ?? null
	};
	return { changes: [...changes, change], key };
}

/** The add change of an added structure, if any. */
export function addedChange(changes: readonly ScenarioChange[], key: string): AddChange | undefined {
	return changes.find((c): c is AddChange => c.kind === 'add' && c.key === key);
}

function without(changes: readonly ScenarioChange[], id: string, kind: ScenarioChange['kind']): ScenarioChange[] {
	return changes.filter((c) => !(c.kind === kind && changeTarget(c) === id));
}

function updateAdded(changes: readonly ScenarioChange[], key: string, patch: Partial<AddChange>): ScenarioChange[] {
	return changes.map((c) => (c.kind === 'add' && c.key === key ? { ...c, ...patch, kind: 'add', key } : c));
}

/**
 * Moves a structure to (lon, lat). An added one is moved in place; an existing one gets one move
 * change (replacing an earlier one), removed when it returns to its current point.
 *
 * @param current the structure's current point (existing structures), to detect a return
 */
export function moveStructure(
	changes: readonly ScenarioChange[],
	id: string,
	point: { lon: number; lat: number; communeCode: string | null },
	current?: { lon: number; lat: number } | null
): ScenarioChange[] {
	if (isAddedKey(id) && addedChange(changes, id)) return updateAdded(changes, id, point);
	const rest = without(changes, id, 'move');
	if (current && current.lon === point.lon && current.lat === point.lat) return rest;
	return [...rest, { kind: 'move', structureId: id, ...point }];
}

/** Closes a structure: an added one is simply removed (with its other changes); an existing one gets a close change instead of its other changes. */
export function closeStructure(changes: readonly ScenarioChange[], id: string): ScenarioChange[] {
	const rest = changes.filter((c) => changeTarget(c) !== id);
	if (isAddedKey(id) && addedChange(changes, id)) return rest;
	return [...rest, { kind: 'close', structureId: id }];
}

/** Undoes the closing of an existing structure. */
export function reopenStructure(changes: readonly ScenarioChange[], id: string): ScenarioChange[] {
	return without(changes, id, 'close');
}

/** Changes a structure's type; for an existing one, a return to `currentType` removes the change. */
export function setStructureType(changes: readonly ScenarioChange[], id: string, type: StructureType, currentType?: StructureType): ScenarioChange[] {
	if (isAddedKey(id) && addedChange(changes, id)) return updateAdded(changes, id, { type });
	const rest = without(changes, id, 'retype');
	return type === currentType ? rest : [...rest, { kind: 'retype', structureId: id, type }];
}

function sameCodes(a: readonly string[], b: readonly string[]): boolean {
	if (a.length !== b.length) return false;
	const sa = [...a].sort();
	const sb = [...b].sort();
	return sa.every((v, i) => v === sb[i]);
}

/** Sets a structure's zone de compétence; for an existing one, a return to `currentZone` removes the change. */
export function setStructureZone(
	changes: readonly ScenarioChange[],
	id: string,
	zoneCommunes: readonly string[],
	currentZone?: readonly string[] | null
): ScenarioChange[] {
	const codes = [...new Set(zoneCommunes)].sort();
	if (isAddedKey(id) && addedChange(changes, id)) return updateAdded(changes, id, { zoneCommunes: codes.length > 0 ? codes : null });
	const rest = without(changes, id, 'zone');
	return sameCodes(codes, currentZone ?? []) ? rest : [...rest, { kind: 'zone', structureId: id, zoneCommunes: codes }];
}

/** Renames an added structure. */
export function renameAdded(changes: readonly ScenarioChange[], key: string, name: string): ScenarioChange[] {
	const trimmed = name.trim();
	return trimmed ? updateAdded(changes, key, { name: trimmed }) : [...changes];
}

/** Sets (or clears) who would run an added structure: name and SIREN as typed, blanks cleared. */
export function setAddedManager(changes: readonly ScenarioChange[], key: string, managerName: string, managerSiren: string): ScenarioChange[] {
	const name = managerName.trim() || null;
	const siren = managerSiren.replace(/[\s\u00a0\u202f.]/g, '') || null;
	return updateAdded(changes, key, { managerName: name, managerSiren: siren });
}

/** Removes the change at `index`. */
export function removeChange(changes: readonly ScenarioChange[], index: number): ScenarioChange[] {
	return changes.filter((_, i) => i !== index);
}

/** Add changes for proposed sites (e.g. from `recommendSites`), appended to `changes`. */
export function addSites(
	changes: readonly ScenarioChange[],
	type: StructureType,
	sites: readonly { name: string; lon: number; lat: number; communeCode: string | null }[]
): ScenarioChange[] {
	let out = [...changes];
	for (const site of sites) {
		const key = nextAddedKey(out);
		out = addStructure(out, { type, lon: site.lon, lat: site.lat, communeCode: site.communeCode, communeName: site.name, name: defaultAddedName(type, key, site.name).replace('envisagé', 'proposé') }).changes;
	}
	return out;
}
