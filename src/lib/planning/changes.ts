/**
 * The changes a scenario is made of, and their validation. A scenario never alters real
 * structures: it is a list of changes applied, in order, to a copy of the current structures
 * (`apply.ts`). Stored as jsonb in the `scenario` table, sent by the editor, read by the CLI.
 *
 * Coordinates are WGS84 degrees, longitude first; commune codes are INSEE strings; structure
 * ids are compared as strings (database ids are numbers, added structures have keys `n1`, `n2`…).
 */
import type { StructureType } from '../analysis/types';

/** A hypothetical structure: a candidate EVS or CS, at a point, in a commune. */
export interface AddChange {
	kind: 'add';
	/** `n1`, `n2`…: the id the structure gets in the scenario (unique within it). */
	key: string;
	type: StructureType;
	/** Label shown in the editor and the comparison (« EVS proposé à Brissac »). */
	name: string;
	/** Longitude, degrees. */
	lon: number;
	/** Latitude, degrees. */
	lat: number;
	/** INSEE code of the commune it sits in (lets a travel-time matrix apply), null if unknown. */
	communeCode: string | null;
	/** Its zone de compétence (INSEE codes), or null for none. */
	zoneCommunes: string[] | null;
	/**
	 * Who would run it, when the scenario says so (name and/or SIREN). In a territory « à
	 * renforcer » an EVS must have a manager distinct from the centre social's: without one, the
	 * scenario flags it.
	 */
	managerName?: string | null;
	managerSiren?: string | null;
}

/** An existing structure moved to another point (e.g. new premises). */
export interface MoveChange {
	kind: 'move';
	structureId: string;
	lon: number;
	lat: number;
	communeCode: string | null;
}

/** An existing structure closed (it no longer counts). */
export interface CloseChange {
	kind: 'close';
	structureId: string;
}

/** An existing structure changing type (an EVS becoming a centre social, or the reverse). */
export interface RetypeChange {
	kind: 'retype';
	structureId: string;
	type: StructureType;
}

/** An existing structure's zone de compétence replaced (INSEE codes; empty = no zone). */
export interface ZoneChange {
	kind: 'zone';
	structureId: string;
	zoneCommunes: string[];
}

/** One change of a scenario. */
export type ScenarioChange = AddChange | MoveChange | CloseChange | RetypeChange | ZoneChange;

/** The change kinds, in the order the editor lists them. */
export const CHANGE_KINDS = ['add', 'move', 'close', 'retype', 'zone'] as const satisfies readonly ScenarioChange['kind'][];

/** At most this many changes in one scenario (a scenario is a planning hypothesis, not an import). */
export const MAX_CHANGES = 500;
/** At most this many communes in one zone de compétence. */
export const MAX_ZONE_COMMUNES = 1000;
/** Longest name of an added structure, characters. */
export const MAX_NAME_LENGTH = 200;

/** Pattern of the keys of added structures. */
export const ADDED_KEY = /^n[1-9][0-9]{0,5}$/;
/** Commune codes: INSEE codes (`01001`, `2A004`); other territories' codes are checked against the data when applied. */
const COMMUNE_CODE = /^[0-9A-Za-z]{1,10}$/;

/** A problem found in submitted changes: where (change index) and what (code + numbers). */
export interface ChangeIssue {
	/** Index of the change in the submitted list, or null for the list itself. */
	index: number | null;
	code:
		| 'not_a_list'
		| 'too_many'
		| 'not_an_object'
		| 'unknown_kind'
		| 'invalid_type'
		| 'invalid_point'
		| 'invalid_key'
		| 'duplicate_key'
		| 'invalid_name'
		| 'invalid_structure_id'
		| 'invalid_commune_code'
		| 'invalid_zone'
		| 'invalid_manager';
	/** Extra details (the offending value, a limit). */
	params: Record<string, string | number>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function point(raw: Record<string, unknown>): { lon: number; lat: number } | null {
	const { lon, lat } = raw;
	if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat)) return null;
	if (lon < -180 || lon > 180 || lat < -90 || lat > 90) return null;
	return { lon, lat };
}

function communeCode(value: unknown): string | null | undefined {
	if (value === null || value === undefined || value === '') return null;
	return typeof value === 'string' && COMMUNE_CODE.test(value) ? value : undefined;
}

function zone(value: unknown): string[] | undefined {
	if (!Array.isArray(value) || value.length > MAX_ZONE_COMMUNES) return undefined;
	const codes = new Set<string>();
	for (const code of value) {
		if (typeof code !== 'string' || !COMMUNE_CODE.test(code)) return undefined;
		codes.add(code);
	}
	return [...codes].sort();
}

function structureId(value: unknown): string | null {
	if (typeof value === 'number' && Number.isInteger(value) && value > 0) return String(value);
	if (typeof value === 'string' && value.length > 0 && value.length <= 64) return value;
	return null;
}

/**
 * Validates changes received from a form, the API or the database (`unknown` in, typed out).
 * Invalid changes are left out and reported; zone codes are de-duplicated and sorted; names are
 * trimmed. Numbers in `params` are the limits that were exceeded.
 */
export function parseScenarioChanges(value: unknown): { changes: ScenarioChange[]; issues: ChangeIssue[] } {
	const issues: ChangeIssue[] = [];
	if (!Array.isArray(value)) return { changes: [], issues: [{ index: null, code: 'not_a_list', params: {} }] };
	if (value.length > MAX_CHANGES) return { changes: [], issues: [{ index: null, code: 'too_many', params: { max: MAX_CHANGES, count: value.length } }] };
	const changes: ScenarioChange[] = [];
	const keys = new Set<string>();
	value.forEach((raw, index) => {
		const issue = (code: ChangeIssue['code'], params: ChangeIssue['params'] = {}) => void issues.push({ index, code, params });
		if (!isRecord(raw)) return issue('not_an_object');
		const kind = raw.kind;
		if (kind === 'add') {
			if (raw.type !== 'CS' && raw.type !== 'EVS') return issue('invalid_type', { value: String(raw.type) });
			const p = point(raw);
			if (!p) return issue('invalid_point');
			if (typeof raw.key !== 'string' || !ADDED_KEY.test(raw.key)) return issue('invalid_key', { value: String(raw.key) });
			if (keys.has(raw.key)) return issue('duplicate_key', { value: raw.key });
			const name = typeof raw.name === 'string' ? raw.name.trim() : '';
			if (name.length === 0 || name.length > MAX_NAME_LENGTH) return issue('invalid_name', { max: MAX_NAME_LENGTH });
			const code = communeCode(raw.communeCode);
			if (code === undefined) return issue('invalid_commune_code', { value: String(raw.communeCode) });
			const zoneCommunes = raw.zoneCommunes === null || raw.zoneCommunes === undefined ? null : zone(raw.zoneCommunes);
			if (zoneCommunes === undefined) return issue('invalid_zone', { max: MAX_ZONE_COMMUNES });
			const managerName = typeof raw.managerName === 'string' && raw.managerName.trim() ? raw.managerName.trim() : null;
			const sirenText = typeof raw.managerSiren === 'string' ? raw.managerSiren.replace(/[\s\u00a0\u202f.]/g, '') : '';
			if ((raw.managerName != null && typeof raw.managerName !== 'string') || (managerName && managerName.length > MAX_NAME_LENGTH)) {
				return issue('invalid_manager', { max: MAX_NAME_LENGTH });
			}
			if (sirenText && !/^\d{9}$/.test(sirenText)) return issue('invalid_manager', { value: String(raw.managerSiren) });
			keys.add(raw.key);
			const manager = managerName || sirenText ? { managerName, managerSiren: sirenText || null } : {};
			changes.push({ kind, key: raw.key, type: raw.type, name, lon: p.lon, lat: p.lat, communeCode: code, zoneCommunes, ...manager });
			return;
		}
		if (kind !== 'move' && kind !== 'close' && kind !== 'retype' && kind !== 'zone') return issue('unknown_kind', { value: String(kind) });
		const id = structureId(raw.structureId);
		if (id === null) return issue('invalid_structure_id', { value: String(raw.structureId) });
		if (kind === 'close') {
			changes.push({ kind, structureId: id });
		} else if (kind === 'move') {
			const p = point(raw);
			if (!p) return issue('invalid_point');
			const code = communeCode(raw.communeCode);
			if (code === undefined) return issue('invalid_commune_code', { value: String(raw.communeCode) });
			changes.push({ kind, structureId: id, lon: p.lon, lat: p.lat, communeCode: code });
		} else if (kind === 'retype') {
			if (raw.type !== 'CS' && raw.type !== 'EVS') return issue('invalid_type', { value: String(raw.type) });
			changes.push({ kind, structureId: id, type: raw.type });
		} else {
			const zoneCommunes = zone(raw.zoneCommunes);
			if (zoneCommunes === undefined) return issue('invalid_zone', { max: MAX_ZONE_COMMUNES });
			changes.push({ kind, structureId: id, zoneCommunes });
		}
	});
	return { changes, issues };
}

/** The structure a change is about: an existing structure's id, or the key of an added one. */
export function changeTarget(change: ScenarioChange): string {
	return change.kind === 'add' ? change.key : change.structureId;
}
