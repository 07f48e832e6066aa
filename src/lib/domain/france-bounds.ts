/**
 * Boxes that contain French territory, WGS84 [west, south, east, north] in degrees, with a
 * margin of about 0.3° for coasts and islands. A coordinate outside all of them is not in
 * France (a wrong CRS, swapped latitude/longitude, or a typo).
 */

export type Box = readonly [west: number, south: number, east: number, north: number];

/** Metropolitan France and Corsica, then the DROM and the COM the COG codes (975, 977, 978). */
export const FRANCE_BOXES = {
	metropole: [-5.6, 41.0, 10.0, 51.5],
	guadeloupe: [-63.3, 15.7, -60.8, 18.3], // includes Saint-Martin and Saint-Barthélemy
	martinique: [-61.4, 14.2, -60.6, 15.1],
	guyane: [-54.8, 1.9, -51.4, 6.0],
	reunion: [55.0, -21.6, 56.0, -20.7],
	mayotte: [44.8, -13.2, 45.5, -12.4],
	saintPierreEtMiquelon: [-56.6, 46.6, -55.9, 47.3]
} as const satisfies Record<string, Box>;

const boxes: readonly Box[] = Object.values(FRANCE_BOXES);

/** True when the point (degrees, WGS84) lies in one of the French boxes. */
export function isInFrance(lon: number, lat: number): boolean {
	for (const [w, s, e, n] of boxes) {
		if (lon >= w && lon <= e && lat >= s && lat <= n) return true;
	}
	return false;
}
