/**
 * The distance from a point to a QPV **contour**: 0 when the point lies inside the quartier,
 * otherwise the great-circle distance to the nearest point of its boundary. One definition, used
 * by the « à renforcer » rule (a QPV is served when a counted structure lies within
 * `qpvDistanceKm` of it), the QPV view and the recommended sites.
 *
 * Inside: even–odd rule over every ring (holes excluded), in longitude/latitude — exact enough at a
 * quartier's scale. Nearest boundary point: on each edge, the closest point is found in a local
 * equirectangular plane centred on the query point, then measured with the haversine of
 * `distance.ts` (so the plane only places the point; the distance itself is great-circle). Against
 * PostGIS `st_distance(geography, geography)` (WGS84 ellipsoid) it agrees within 0.5 %.
 *
 * Without a contour, the QPV's reference point stands in for it (distance to that point).
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { haversineKm, RAD } from './distance';

/** A QPV prepared for distance queries. */
export interface QpvShape {
	/** Rings as flat `[lon0, lat0, lon1, lat1, …]` arrays (closed: last = first), degrees. */
	rings: Float64Array[];
	/** Bounding box, degrees. */
	minLon: number;
	minLat: number;
	maxLon: number;
	maxLat: number;
	/** Largest distance from the reference point to any vertex, km: the shape lies within this radius. */
	radiusKm: number;
}

function ringsOf(geometry: Polygon | MultiPolygon): Position[][] {
	return geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
}

/**
 * Prepares `geometry` (GeoJSON Polygon or MultiPolygon, WGS84 degrees) around the reference point.
 * @throws Error `invalid QPV geometry: <code>` without any ring of at least 3 positions
 */
export function prepareQpvShape(code: string, geometry: Polygon | MultiPolygon, refLon: number, refLat: number): QpvShape {
	const rings: Float64Array[] = [];
	let minLon = Infinity;
	let minLat = Infinity;
	let maxLon = -Infinity;
	let maxLat = -Infinity;
	let radiusKm = 0;
	for (const ring of ringsOf(geometry)) {
		if (ring.length < 3) continue;
		const closed = ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1];
		const n = closed ? ring.length : ring.length + 1;
		const flat = new Float64Array(n * 2);
		for (let i = 0; i < n; i++) {
			const [lon, lat] = ring[i % ring.length];
			if (!Number.isFinite(lon) || !Number.isFinite(lat)) throw new Error(`invalid QPV geometry: ${code}`);
			flat[2 * i] = lon;
			flat[2 * i + 1] = lat;
			if (lon < minLon) minLon = lon;
			if (lon > maxLon) maxLon = lon;
			if (lat < minLat) minLat = lat;
			if (lat > maxLat) maxLat = lat;
			const d = haversineKm(refLon, refLat, lon, lat);
			if (d > radiusKm) radiusKm = d;
		}
		rings.push(flat);
	}
	if (rings.length === 0) throw new Error(`invalid QPV geometry: ${code}`);
	return { rings, minLon, minLat, maxLon, maxLat, radiusKm };
}

/** True when (lon, lat) lies inside the shape (even–odd rule; on the boundary counts as inside via distance 0). */
export function insideQpvShape(shape: QpvShape, lon: number, lat: number): boolean {
	if (lon < shape.minLon || lon > shape.maxLon || lat < shape.minLat || lat > shape.maxLat) return false;
	let inside = false;
	for (const r of shape.rings) {
		for (let i = 0, j = r.length / 2 - 1; i < r.length / 2; j = i++) {
			const xi = r[2 * i];
			const yi = r[2 * i + 1];
			const xj = r[2 * j];
			const yj = r[2 * j + 1];
			if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
		}
	}
	return inside;
}

/**
 * Distance from (lon, lat) to the shape, km: 0 inside, else to the nearest boundary point.
 */
export function distanceToQpvShapeKm(shape: QpvShape, lon: number, lat: number): number {
	if (insideQpvShape(shape, lon, lat)) return 0;
	// Local plane centred on the query point: x east, y north, in degrees of latitude.
	const k = Math.cos(lat * RAD);
	let best = Infinity;
	for (const r of shape.rings) {
		const n = r.length / 2;
		for (let i = 0; i + 1 < n; i++) {
			const ax = (r[2 * i] - lon) * k;
			const ay = r[2 * i + 1] - lat;
			const bx = (r[2 * i + 2] - lon) * k;
			const by = r[2 * i + 3] - lat;
			const dx = bx - ax;
			const dy = by - ay;
			const len2 = dx * dx + dy * dy;
			let t = len2 > 0 ? -(ax * dx + ay * dy) / len2 : 0;
			if (t < 0) t = 0;
			else if (t > 1) t = 1;
			const pLon = r[2 * i] + t * (r[2 * i + 2] - r[2 * i]);
			const pLat = r[2 * i + 1] + t * (r[2 * i + 3] - r[2 * i + 1]);
			const d = haversineKm(lon, lat, pLon, pLat);
			if (d < best) best = d;
		}
	}
	return best;
}
