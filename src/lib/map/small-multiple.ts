/**
 * SVG paths of the communes for small multiple maps (the scenario comparison, printable): a plain
 * equirectangular projection scaled by cos(mean latitude), fitted to a width, north up. Computed
 * once; each small map only changes the fills. Pure; WGS84 [lng, lat] in, SVG pixels out.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';

/** Communes as SVG paths, in a `width` × `height` box. */
export interface SmallMultipleShape {
	width: number;
	height: number;
	paths: { code: string; d: string }[];
	/** The projection, to place points: x = padding + (lon − west) · k · scale, y = padding + (north − lat) · scale. */
	transform: { west: number; north: number; k: number; scale: number; padding: number };
}

/** SVG pixel position of a point (degrees) in a shape. */
export function projectPoint(shape: SmallMultipleShape, lon: number, lat: number): { x: number; y: number } {
	const { west, north, k, scale, padding } = shape.transform;
	return { x: padding + (lon - west) * k * scale, y: padding + (north - lat) * scale };
}

/**
 * Projects commune outlines into a box `width` pixels wide (height from the aspect ratio).
 *
 * @param padding margin inside the box, pixels
 */
export function smallMultipleShape(
	communes: readonly { code: string; geometry: Polygon | MultiPolygon | null }[],
	width: number,
	padding = 4
): SmallMultipleShape {
	let west = Infinity;
	let east = -Infinity;
	let south = Infinity;
	let north = -Infinity;
	const visit = (geometry: Polygon | MultiPolygon, fn: (p: Position) => void) => {
		const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
		for (const polygon of polygons) for (const ring of polygon) for (const p of ring) fn(p);
	};
	for (const c of communes) {
		if (!c.geometry) continue;
		visit(c.geometry, ([lon, lat]) => {
			west = Math.min(west, lon);
			east = Math.max(east, lon);
			south = Math.min(south, lat);
			north = Math.max(north, lat);
		});
	}
	if (!Number.isFinite(west)) return { width, height: 0, paths: [], transform: { west: 0, north: 0, k: 1, scale: 1, padding } };
	const k = Math.cos((((south + north) / 2) * Math.PI) / 180);
	const spanX = Math.max((east - west) * k, 1e-9);
	const spanY = Math.max(north - south, 1e-9);
	const scale = (width - 2 * padding) / spanX;
	const height = Math.round(spanY * scale + 2 * padding);
	const x = (lon: number) => (padding + (lon - west) * k * scale).toFixed(1);
	const y = (lat: number) => (padding + (north - lat) * scale).toFixed(1);
	const paths = communes.flatMap((c) => {
		if (!c.geometry) return [];
		const polygons = c.geometry.type === 'Polygon' ? [c.geometry.coordinates] : c.geometry.coordinates;
		const d = polygons
			.flatMap((polygon) => polygon.map((ring) => `M${ring.map(([lon, lat]) => `${x(lon)},${y(lat)}`).join('L')}Z`))
			.join('');
		return [{ code: c.code, d }];
	});
	return { width, height, paths, transform: { west, north, k, scale, padding } };
}
