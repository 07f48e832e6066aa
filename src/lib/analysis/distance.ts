/**
 * Great-circle distances on a spherical Earth (haversine formula).
 *
 * Coordinates are WGS84 degrees, always in the order longitude, latitude (GeoJSON `[lng, lat]`).
 * Distances are kilometres on a sphere of the IUGG mean Earth radius R₁ = 6 371.0088 km. Against
 * the WGS84 ellipsoid the error is below 0.5 % (well inside the 1 % + 0.2 km tolerance the
 * coverage analysis is held to against PostGIS `ST_Distance(geography)`).
 *
 * The index (`point-index.ts`) and the brute-force oracle (`coverage-naive.ts`) both go through
 * {@link haverSin} then {@link haverSinToKm} with the same argument order, so the kilometres they
 * report for the same pair are bit-for-bit identical and ties break the same way.
 */

/** Mean Earth radius R₁ of the IUGG, in kilometres. */
export const EARTH_RADIUS_KM = 6371.0088;

/** Degrees → radians factor. */
export const RAD = Math.PI / 180;

/**
 * The haversine "h" of two points, hav(Δφ) + cos φ₁ · cos φ₂ · hav(Δλ), a number in [0, 1]
 * that grows with distance (0 = same point, 1 = antipodes).
 *
 * @param lon1 longitude of the first point, degrees
 * @param lat1 latitude of the first point, degrees
 * @param cosLat1 `Math.cos(lat1 * RAD)`, passed in so that repeated queries from one point reuse it
 * @param lon2 longitude of the second point, degrees
 * @param lat2 latitude of the second point, degrees
 */
export function haverSin(lon1: number, lat1: number, cosLat1: number, lon2: number, lat2: number): number {
	const sLat = Math.sin((lat2 - lat1) * RAD * 0.5);
	const sLon = Math.sin((lon2 - lon1) * RAD * 0.5);
	return sLat * sLat + cosLat1 * Math.cos(lat2 * RAD) * sLon * sLon;
}

/**
 * Kilometres for a haversine "h" (see {@link haverSin}): 2 R asin(√h).
 *
 * @param h haversine value in [0, 1] (clamped)
 * @returns great-circle distance in km
 */
export function haverSinToKm(h: number): number {
	return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(h < 0 ? 0 : h > 1 ? 1 : h));
}

/**
 * The haversine "h" for a distance in kilometres (inverse of {@link haverSinToKm}).
 *
 * @param km distance in km (≥ 0)
 */
export function kmToHaverSin(km: number): number {
	if (!(km > 0)) return 0;
	const half = km / (2 * EARTH_RADIUS_KM);
	if (half >= Math.PI / 2) return 1;
	const s = Math.sin(half);
	return s * s;
}

/**
 * Great-circle distance between two points, in kilometres.
 *
 * @param lon1 longitude of the first point (origin, e.g. a commune's reference point), degrees
 * @param lat1 latitude of the first point, degrees
 * @param lon2 longitude of the second point (e.g. a structure), degrees
 * @param lat2 latitude of the second point, degrees
 * @returns distance in km on a sphere of radius {@link EARTH_RADIUS_KM}
 */
export function haversineKm(lon1: number, lat1: number, lon2: number, lat2: number): number {
	return haverSinToKm(haverSin(lon1, lat1, Math.cos(lat1 * RAD), lon2, lat2));
}
