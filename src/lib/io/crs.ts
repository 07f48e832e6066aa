/**
 * Coordinate reference systems of imported GeoJSON. Maillage stores WGS84 longitude/latitude
 * (degrees). Files in Lambert-93 (EPSG:2154, metres, what IGN's ADMIN EXPRESS ships) are
 * recognised — by their `crs` member or by the magnitude of their coordinates — and reprojected
 * with proj4. Any other declared CRS (UTM zones of the DROM, Lambert II…) is refused clearly.
 */
import proj4 from 'proj4';
import { issueError, issueWarning, type ImportIssue } from './issues';
import type { GeoJsonInput, RawFeature } from './geojson';

export type Crs = 'wgs84' | 'lambert93';

/** EPSG:2154, RGF93 v1 / Lambert-93, as published by the EPSG registry (inline: no network). */
export const LAMBERT93_PROJ4 =
	'+proj=lcc +lat_0=46.5 +lon_0=3 +lat_1=49 +lat_2=44 +x_0=700000 +y_0=6600000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs +type=crs';

const WGS84_NAMES = ['crs84', '4326', '4171', 'wgs84', 'wgs 84'];
const LAMBERT93_NAMES = ['2154', 'lambert93', 'lambert-93', 'rgf93_lambert_93'];

/**
 * The CRS a `crs` name denotes: `urn:ogc:def:crs:OGC:1.3:CRS84`, `EPSG:4326`, `EPSG:4171`
 * (RGF93 geographic, within centimetres of WGS84) → wgs84; `EPSG:2154` → lambert93;
 * anything else → 'unsupported'.
 */
export function crsFromName(name: string): Crs | 'unsupported' {
	const code = name.trim().toLowerCase().split(':').filter(Boolean).pop() ?? '';
	if (WGS84_NAMES.includes(code)) return 'wgs84';
	if (LAMBERT93_NAMES.includes(code)) return 'lambert93';
	return 'unsupported';
}

/** Metropolitan Lambert-93 extent in metres, with a margin. */
const L93 = { minX: -100_000, maxX: 1_400_000, minY: 5_900_000, maxY: 7_300_000 };

/** Up to `limit` finite [x, y] positions of the features' geometries (and `centre` properties). */
function samplePositions(features: readonly RawFeature[], limit: number): [number, number][] {
	const out: [number, number][] = [];
	const visit = (node: unknown): void => {
		if (out.length >= limit || !Array.isArray(node)) return;
		if (typeof node[0] === 'number' && typeof node[1] === 'number') {
			if (Number.isFinite(node[0]) && Number.isFinite(node[1])) out.push([node[0], node[1]]);
			return;
		}
		for (const child of node) visit(child);
	};
	for (const f of features) {
		if (out.length >= limit) break;
		const g = f.geometry as { coordinates?: unknown } | null;
		if (g && typeof g === 'object') visit(g.coordinates);
	}
	return out;
}

/**
 * Decides the CRS of a collection. A declared CRS other than WGS84/Lambert-93 is refused;
 * otherwise the coordinates decide: all within ±180/±90 → wgs84; all within the metropolitan
 * Lambert-93 extent → lambert93 (with a warning saying they were converted); else refused.
 */
export function detectCrs(
	crsName: string | null,
	features: readonly RawFeature[]
): { crs: Crs; issues: ImportIssue[] } | { crs: null; issues: ImportIssue[] } {
	if (crsName !== null && crsFromName(crsName) === 'unsupported') {
		return { crs: null, issues: [issueError('crs-unsupported', {}, { crs: crsName })] };
	}
	const sample = samplePositions(features, 2000);
	if (sample.every(([x, y]) => Math.abs(x) <= 180 && Math.abs(y) <= 90)) return { crs: 'wgs84', issues: [] };
	if (sample.every(([x, y]) => x >= L93.minX && x <= L93.maxX && y >= L93.minY && y <= L93.maxY)) {
		return { crs: 'lambert93', issues: [issueWarning('crs-lambert93-reprojected')] };
	}
	const odd = sample.find(([x, y]) => Math.abs(x) > 180 || Math.abs(y) > 90)!;
	return { crs: null, issues: [issueError('crs-unknown', {}, { x: odd[0], y: odd[1] })] };
}

/**
 * How every GeoJSON importer starts: the reader's issues, the number of features, and the CRS —
 * null when the file has no feature or no usable CRS (the importer then imports nothing).
 */
export function openGeoJson(input: GeoJsonInput): { issues: ImportIssue[]; read: number; crs: Crs | null } {
	const issues: ImportIssue[] = [...input.issues];
	if (input.features.length === 0) return { issues, read: input.count, crs: null };
	const detected = detectCrs(input.crsName, input.features);
	issues.push(...detected.issues);
	return { issues, read: input.count, crs: detected.crs };
}

let converter: proj4.Converter | null = null;

/** Lambert-93 metres → WGS84 [longitude, latitude] degrees, rounded to 7 decimals (≈ 1 cm). */
export function lambert93ToWgs84(x: number, y: number): [number, number] {
	converter ??= proj4(LAMBERT93_PROJ4, 'WGS84');
	const [lon, lat] = converter.forward([x, y]);
	return [Math.round(lon * 1e7) / 1e7, Math.round(lat * 1e7) / 1e7];
}

/** WGS84 [longitude, latitude] → Lambert-93 metres (used by tests and fixtures). */
export function wgs84ToLambert93(lon: number, lat: number): [number, number] {
	converter ??= proj4(LAMBERT93_PROJ4, 'WGS84');
	const [x, y] = converter.inverse([lon, lat]);
	return [x, y];
}
