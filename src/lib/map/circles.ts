/**
 * Geodesic circles for the coverage map: the ring of points at `radiusKm` great-circle distance
 * from a centre (the same sphere as the analysis, `EARTH_RADIUS_KM`), so a commune's reference
 * point lies inside a structure's circle exactly when the analysis finds it within the radius
 * (up to the polygon's chord error, below 0.2 % with 64 steps). WGS84 degrees, [lng, lat].
 */
import type { Feature, FeatureCollection, Polygon, Position } from 'geojson';
import { EARTH_RADIUS_KM } from '$lib/analysis/distance';
import type { CircleProperties } from './map-data';

const RAD = Math.PI / 180;

/** The point at `distanceKm` from (lon, lat) towards `bearingDeg` (clockwise from north), [lng, lat]. */
export function destination(lon: number, lat: number, distanceKm: number, bearingDeg: number): Position {
	const δ = distanceKm / EARTH_RADIUS_KM;
	const θ = bearingDeg * RAD;
	const φ1 = lat * RAD;
	const λ1 = lon * RAD;
	const φ2 = Math.asin(Math.sin(φ1) * Math.cos(δ) + Math.cos(φ1) * Math.sin(δ) * Math.cos(θ));
	const λ2 = λ1 + Math.atan2(Math.sin(θ) * Math.sin(δ) * Math.cos(φ1), Math.cos(δ) - Math.sin(φ1) * Math.sin(φ2));
	return [Math.round((λ2 / RAD) * 1e6) / 1e6, Math.round((φ2 / RAD) * 1e6) / 1e6];
}

/** A closed polygon approximating the circle of `radiusKm` around (lon, lat), with `steps` vertices (≥ 8). */
export function circlePolygon(lon: number, lat: number, radiusKm: number, steps = 64): Polygon {
	if (!(radiusKm >= 0) || !Number.isFinite(radiusKm)) throw new Error(`invalid radius: ${radiusKm}`);
	if (!Number.isInteger(steps) || steps < 8) throw new Error(`invalid steps: ${steps}`);
	const ring: Position[] = [];
	// Counter-clockwise (GeoJSON exterior ring): bearings decreasing.
	for (let i = 0; i < steps; i++) ring.push(destination(lon, lat, radiusKm, 360 - (i * 360) / steps));
	ring.push(ring[0]);
	return { type: 'Polygon', coordinates: [ring] };
}

/** A structure as the circles need it. */
export interface CircleCentre {
	id: number;
	type: 'CS' | 'EVS';
	/** Degrees. */
	lon: number;
	lat: number;
}

/** One circle per structure, of the radius of its type (km); structures with a zero radius get none. */
export function coverageCircles(
	structures: readonly CircleCentre[],
	radiusKm: Record<'CS' | 'EVS', number>,
	steps = 64
): FeatureCollection<Polygon, CircleProperties> {
	const features: Feature<Polygon, CircleProperties>[] = [];
	for (const s of structures) {
		const r = radiusKm[s.type];
		if (r <= 0) continue;
		features.push({ type: 'Feature', id: s.id, geometry: circlePolygon(s.lon, s.lat, r, steps), properties: { id: s.id, type: s.type, radiusKm: r } });
	}
	return { type: 'FeatureCollection', features };
}
