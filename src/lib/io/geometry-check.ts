/**
 * Checks and cleans one feature's geometry for storage, WGS84 [longitude, latitude] degrees.
 *
 * Polygons: the type must be Polygon or MultiPolygon; positions finite numbers; every ring
 * closed (an **unclosed ring is an error**: closing it silently would hide a truncated or
 * mis-exported file) with at least 4 positions; every vertex in France (metropole or DROM).
 * Lambert-93 input is reprojected; a third coordinate (altitude) is dropped; consecutive
 * duplicate vertices are removed silently. A self-intersecting polygon — real files have them,
 * e.g. after a Douglas-Peucker simplification — is repaired by a polygon union of itself
 * (polyclip, which splits bow-ties and merges overlaps) with a warning; if the union fails, the
 * polygon is kept as it is, with a warning.
 */
import type { MultiPolygon, Point, Polygon, Position } from 'geojson';
import { featureCollection, feature as turfFeature, union } from '@turf/turf';
import { isInFrance } from '../domain/france-bounds';
import type { PolygonalGeometry } from '../domain/territory';
import { lambert93ToWgs84, type Crs } from './crs';
import { issueError, issueWarning, type ImportIssue, type IssueLocation } from './issues';
import { findSelfIntersection } from './self-intersection';

export interface GeometryCheck<G> {
	/** The cleaned geometry, or null when an error was found. */
	geometry: G | null;
	issues: ImportIssue[];
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const round7 = (v: number) => Math.round(v * 1e7) / 1e7;

/** One position → [lon, lat] in WGS84, or a reason. */
function readPosition(raw: unknown, crs: Crs): [number, number] | 'malformed' | 'non-finite' {
	if (!Array.isArray(raw) || raw.length < 2) return 'malformed';
	const [x, y] = raw;
	if ((typeof x !== 'number' && x !== null) || (typeof y !== 'number' && y !== null)) return 'malformed';
	if (x === null || y === null || !Number.isFinite(x) || !Number.isFinite(y)) return 'non-finite';
	return crs === 'lambert93' ? lambert93ToWgs84(x, y) : [x, y];
}

type RingResult = { ring: Position[] } | { issue: ImportIssue };

function readRing(raw: unknown, crs: Crs, where: IssueLocation, part: number, ringNo: number): RingResult {
	const at = { part, ring: ringNo };
	if (!Array.isArray(raw)) return { issue: issueError('geometry-malformed', where, { ...at, detail: 'ring' }) };
	const ring: Position[] = [];
	for (let i = 0; i < raw.length; i++) {
		const p = readPosition(raw[i], crs);
		if (p === 'malformed') {
			return { issue: issueError('geometry-malformed', where, { ...at, position: i + 1, detail: 'position' }) };
		}
		if (p === 'non-finite') return { issue: issueError('geometry-non-finite', where, { ...at, position: i + 1 }) };
		const last = ring[ring.length - 1];
		if (!last || last[0] !== p[0] || last[1] !== p[1]) ring.push(p);
	}
	const first = raw[0] as number[] | undefined;
	const end = raw[raw.length - 1] as number[] | undefined;
	if (raw.length >= 2 && first && end && (first[0] !== end[0] || first[1] !== end[1])) {
		return { issue: issueError('ring-unclosed', where, at) };
	}
	if (ring.length < 4) return { issue: issueError('ring-too-short', where, { ...at, positions: ring.length }) };
	for (const [lon, lat] of ring) {
		if (!isInFrance(lon, lat)) {
			return { issue: issueError('geometry-outside-france', where, { lon: round7(lon), lat: round7(lat) }) };
		}
	}
	return { ring };
}

/** Repairs a self-intersecting polygon by the union of it with itself. */
function repair(geometry: PolygonalGeometry): PolygonalGeometry | null {
	try {
		const merged = union(featureCollection([turfFeature(geometry), turfFeature(geometry)]));
		const g = merged?.geometry;
		if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) return null;
		const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
		if (polygons.length === 0 || polygons.some((p) => p.length === 0 || p.some((r) => r.length < 4))) return null;
		return g;
	} catch {
		return null;
	}
}

/**
 * Checks a Polygon/MultiPolygon (`crs` of the file) and returns it cleaned, in WGS84.
 * Reports the first problem of each kind with its part, ring and position (1-based).
 */
export function checkPolygonal(raw: unknown, crs: Crs, where: IssueLocation): GeometryCheck<PolygonalGeometry> {
	if (raw === null || raw === undefined) return { geometry: null, issues: [issueError('geometry-missing', where)] };
	if (!isObject(raw) || (raw.type !== 'Polygon' && raw.type !== 'MultiPolygon')) {
		const found = isObject(raw) && typeof raw.type === 'string' ? raw.type : 'inconnu';
		return { geometry: null, issues: [issueError('geometry-not-polygon', where, { found })] };
	}
	const rawPolygons = raw.type === 'Polygon' ? [raw.coordinates] : raw.coordinates;
	if (!Array.isArray(rawPolygons) || rawPolygons.length === 0) {
		return { geometry: null, issues: [issueError('geometry-malformed', where, { detail: 'coordinates' })] };
	}
	const polygons: Position[][][] = [];
	for (let p = 0; p < rawPolygons.length; p++) {
		const rawRings = rawPolygons[p];
		if (!Array.isArray(rawRings) || rawRings.length === 0) {
			return { geometry: null, issues: [issueError('geometry-malformed', where, { part: p + 1, detail: 'polygon' })] };
		}
		const rings: Position[][] = [];
		for (let r = 0; r < rawRings.length; r++) {
			const result = readRing(rawRings[r], crs, where, p + 1, r + 1);
			if ('issue' in result) return { geometry: null, issues: [result.issue] };
			rings.push(result.ring);
		}
		polygons.push(rings);
	}
	const geometry: PolygonalGeometry =
		polygons.length === 1 && raw.type === 'Polygon'
			? ({ type: 'Polygon', coordinates: polygons[0] } satisfies Polygon)
			: ({ type: 'MultiPolygon', coordinates: polygons } satisfies MultiPolygon);

	for (const rings of polygons) {
		const crossing = findSelfIntersection(rings);
		if (!crossing) continue;
		const at = { lon: round7(crossing[0]), lat: round7(crossing[1]) };
		const repaired = repair(geometry);
		return repaired
			? { geometry: repaired, issues: [issueWarning('geometry-self-intersection-repaired', where, at)] }
			: { geometry, issues: [issueWarning('geometry-self-intersection-kept', where, at)] };
	}
	return { geometry, issues: [] };
}

/** Checks a Point (`crs` of the file) in France; returns [lon, lat] in WGS84. */
export function checkPoint(raw: unknown, crs: Crs, where: IssueLocation): GeometryCheck<Point> {
	if (raw === null || raw === undefined) return { geometry: null, issues: [issueError('geometry-missing', where)] };
	if (!isObject(raw) || raw.type !== 'Point') {
		const found = isObject(raw) && typeof raw.type === 'string' ? raw.type : 'inconnu';
		return { geometry: null, issues: [issueError('geometry-not-point', where, { found })] };
	}
	const p = readPosition(raw.coordinates, crs);
	if (p === 'malformed') return { geometry: null, issues: [issueError('geometry-malformed', where, { detail: 'position' })] };
	if (p === 'non-finite') return { geometry: null, issues: [issueError('geometry-non-finite', where, { position: 1 })] };
	if (!isInFrance(p[0], p[1])) {
		return { geometry: null, issues: [issueError('geometry-outside-france', where, { lon: round7(p[0]), lat: round7(p[1]) })] };
	}
	return { geometry: { type: 'Point', coordinates: p }, issues: [] };
}
