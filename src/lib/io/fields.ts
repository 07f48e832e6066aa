/**
 * Field readers shared by the kinds: property lookup by canonical name, INSEE codes with their
 * leading-zero and merger checks, `|`-separated code lists, latitude/longitude pairs.
 */
import { isInFrance } from '../domain/france-bounds';
import { normalizeCommuneCode } from '../domain/insee';
import type { OfficialGeography } from '../domain/official-geography';
import { issueError, issueWarning, type ImportIssue, type IssueLocation } from './issues';
import { normalizeName, parseDecimal } from './values';

/** A feature's properties indexed by canonical name (`INSEE_COM` → `insee_com`). */
export type PropertyIndex = Map<string, { key: string; value: unknown }>;

export function indexProperties(properties: Record<string, unknown>): PropertyIndex {
	const index: PropertyIndex = new Map();
	for (const [key, value] of Object.entries(properties)) {
		const name = normalizeName(key);
		if (!index.has(name)) index.set(name, { key, value });
	}
	return index;
}

function isBlank(value: unknown): boolean {
	return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/** The first of `names` present with a non-blank value: its value and its name as written. */
export function pickProperty(index: PropertyIndex, names: readonly string[]): { key: string; value: unknown } | undefined {
	for (const name of names) {
		const hit = index.get(name);
		if (hit && !isBlank(hit.value)) return hit;
	}
	return undefined;
}

/** A property value as trimmed text (numbers written as is), or undefined. */
export function asText(value: unknown): string | undefined {
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return undefined;
}

/** A property value as a number: JSON numbers, or text with a decimal comma. */
export function asNumber(value: unknown): number | null | undefined {
	if (value === null || value === undefined) return null;
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (typeof value === 'string') return parseDecimal(value);
	return undefined;
}

export interface CommuneCodeOptions {
	/** Also warn when the code is absorbed by a merger, an arrondissement, or unknown. Default true. */
	checkOfficial?: boolean;
}

/**
 * Reads a commune INSEE code at `where`: restores a lost leading zero (warning), rejects an
 * invalid code (error), and — against the official list — warns when the commune was merged
 * into another since the file's vintage (naming the absorbing commune) or is unknown.
 */
export function readCommuneCode(
	raw: string,
	where: IssueLocation,
	official: OfficialGeography,
	issues: ImportIssue[],
	options: CommuneCodeOptions = {}
): string | null {
	const normalised = normalizeCommuneCode(raw);
	if (!normalised) {
		issues.push(issueError('insee-invalid', where, { value: raw }));
		return null;
	}
	if (normalised.restored) {
		issues.push(issueWarning('insee-leading-zero-restored', where, { value: raw, code: normalised.code }));
	}
	if (options.checkOfficial !== false) {
		const resolution = official.resolve(normalised.code);
		if (resolution.status === 'merged') {
			issues.push(
				issueWarning('commune-merged', where, {
					code: normalised.code,
					absorbedBy: resolution.absorbedBy.code,
					absorbedByName: resolution.absorbedBy.name,
					cogYear: official.cogYear
				})
			);
		} else if (resolution.status === 'arrondissement') {
			issues.push(
				issueWarning('commune-arrondissement', where, {
					code: normalised.code,
					commune: resolution.commune.code,
					communeName: resolution.commune.name
				})
			);
		} else if (resolution.status === 'unknown') {
			issues.push(issueWarning('commune-unknown', where, { code: normalised.code, cogYear: official.cogYear }));
		}
	}
	return normalised.code;
}

/** Splits a code list: a JSON array, or text separated by `|` (also `,`, `;`, blanks). */
export function splitCodeList(value: unknown): string[] {
	if (Array.isArray(value)) {
		return value
			.map((v) => (typeof v === 'object' && v !== null && 'code' in v ? (v as { code: unknown }).code : v))
			.map((v) => asText(v) ?? '')
			.filter((v) => v !== '');
	}
	const text = asText(value) ?? '';
	return text
		.split(/[|,;\s]+/)
		.map((v) => v.trim())
		.filter((v) => v !== '');
}

/**
 * Reads a latitude/longitude pair of cells (decimal comma accepted). Returns undefined when both
 * are blank, null after reporting a problem (one missing, unreadable, outside France — with a
 * hint when they look swapped), else [lon, lat].
 */
export function readLatLon(
	latRaw: string | undefined,
	lonRaw: string | undefined,
	where: { line?: number; feature?: number },
	columns: { lat: string; lon: string },
	issues: ImportIssue[]
): [number, number] | null | undefined {
	const latBlank = latRaw === undefined || latRaw.trim() === '';
	const lonBlank = lonRaw === undefined || lonRaw.trim() === '';
	if (latBlank && lonBlank) return undefined;
	if (latBlank || lonBlank) {
		issues.push(issueError('coordinates-incomplete', { ...where, column: latBlank ? columns.lat : columns.lon }));
		return null;
	}
	const lat = parseDecimal(latRaw!);
	const lon = parseDecimal(lonRaw!);
	if (lat === undefined || lat === null) {
		issues.push(issueError('coordinates-invalid', { ...where, column: columns.lat }, { value: latRaw! }));
		return null;
	}
	if (lon === undefined || lon === null) {
		issues.push(issueError('coordinates-invalid', { ...where, column: columns.lon }, { value: lonRaw! }));
		return null;
	}
	if (!isInFrance(lon, lat)) {
		const code = isInFrance(lat, lon) ? 'coordinates-swapped' : 'coordinates-outside-france';
		issues.push(issueError(code, { ...where, column: columns.lat }, { lat, lon }));
		return null;
	}
	return [lon, lat];
}
