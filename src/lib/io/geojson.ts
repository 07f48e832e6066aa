/**
 * GeoJSON text → the features of a FeatureCollection, with precise problems: broken or
 * truncated JSON (line and column), a root that is not a FeatureCollection, an empty
 * collection, a feature that is not a Feature (its 1-based rank). Values `NaN`/`Infinity`
 * are read as `null`, so the geometry checks report them on their feature. Never throws.
 */
import { issueError, type ImportIssue } from './issues';
import { replaceNonFinite, scanJson } from './json-locate';

/** A feature as read: its `id`, `properties` (never null) and raw `geometry`. */
export interface RawFeature {
	/** 1-based rank in `features`. */
	index: number;
	id: string | number | null;
	properties: Record<string, unknown>;
	geometry: unknown;
}

export interface GeoJsonInput {
	/** The `name` of the collection's `crs` member, if any (old GeoJSON, GDAL/QGIS exports). */
	crsName: string | null;
	/** Features that are objects of type Feature; the others are reported. */
	features: RawFeature[];
	/** Number of entries of `features`, valid or not. */
	count: number;
	issues: ImportIssue[];
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeName(value: unknown): string {
	if (Array.isArray(value)) return 'tableau';
	if (isObject(value)) return typeof value.type === 'string' ? value.type : 'objet sans type';
	if (value === null) return 'null';
	return typeof value === 'string' ? 'texte' : typeof value === 'number' ? 'nombre' : typeof value;
}

/** Parses JSON text, reporting where it is broken. */
export function parseJsonText(text: string): { value: unknown; issues: ImportIssue[] } {
	try {
		return { value: JSON.parse(text), issues: [] };
	} catch {
		const scan = scanJson(text);
		if (scan.error) {
			const e = scan.error;
			const code = e.truncated ? 'json-truncated' : 'json-syntax';
			return {
				value: undefined,
				issues: [issueError(code, { line: e.line }, { col: e.column, expected: e.expected, found: e.found })]
			};
		}
		if (scan.nonFinite.length > 0) {
			try {
				return { value: JSON.parse(replaceNonFinite(text, scan.nonFinite)), issues: [] };
			} catch {
				// fall through to the generic message
			}
		}
		return { value: undefined, issues: [issueError('json-syntax', {}, { expected: 'value', found: '' })] };
	}
}

/** Reads a GeoJSON FeatureCollection from text. */
export function parseGeoJson(text: string): GeoJsonInput {
	const empty = (issues: ImportIssue[]): GeoJsonInput => ({ crsName: null, features: [], count: 0, issues });
	const parsed = parseJsonText(text);
	if (parsed.issues.length > 0) return empty(parsed.issues);
	const root = parsed.value;
	if (!isObject(root) || root.type !== 'FeatureCollection' || !Array.isArray(root.features)) {
		const found =
			isObject(root) && root.type === 'FeatureCollection' ? 'FeatureCollection sans tableau features' : typeName(root);
		return empty([issueError('geojson-not-feature-collection', {}, { found })]);
	}
	const issues: ImportIssue[] = [];
	if (root.features.length === 0) issues.push(issueError('geojson-no-features'));
	let crsName: string | null = null;
	if (isObject(root.crs) && isObject(root.crs.properties) && typeof root.crs.properties.name === 'string') {
		crsName = root.crs.properties.name;
	}
	const features: RawFeature[] = [];
	root.features.forEach((f: unknown, i: number) => {
		const index = i + 1;
		if (!isObject(f) || f.type !== 'Feature') {
			issues.push(issueError('geojson-feature-invalid', { feature: index }, { found: typeName(f) }));
			return;
		}
		const id = typeof f.id === 'string' || typeof f.id === 'number' ? f.id : null;
		features.push({
			index,
			id,
			properties: isObject(f.properties) ? f.properties : {},
			geometry: f.geometry
		});
	});
	return { crsName, features, count: root.features.length, issues };
}
