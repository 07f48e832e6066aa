/**
 * A small SVG choropleth of areas (EPCI) coloured by a value (funding per inhabitant): WGS84
 * [lng, lat] outlines projected with a local equirectangular projection (longitudes scaled by the
 * cosine of the mid latitude — exact enough at the scale of a département), fitted to the SVG box;
 * classes of equal width on a nice domain, coloured with the sequential ramp of the palette.
 * Pure: no DOM, no d3-geo winding rules to satisfy.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { scaleQuantize } from 'd3-scale';
import { sequential, ui } from '../palette';

export interface ChoroplethArea {
	key: string;
	name: string;
	geometry: Polygon | MultiPolygon | null;
	/** The value to colour by, null when unknown (drawn hatched/grey, listed as such). */
	value: number | null;
}

export interface ChoroplethPath {
	key: string;
	name: string;
	/** SVG path data, empty when the area has no geometry. */
	d: string;
	value: number | null;
	/** Index of the class in `legend`, null when the value is unknown. */
	classIndex: number | null;
	colour: string;
}

export interface ChoroplethLayout {
	width: number;
	height: number;
	paths: ChoroplethPath[];
	/** Classes, lowest first: [from, to) except the last, inclusive. */
	legend: { from: number; to: number; colour: string }[];
	/** Fill of the areas without a value. */
	missingColour: string;
}

function rings(geometry: Polygon | MultiPolygon): Position[][] {
	return geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
}

/** Lays out `areas` inside `width` × `height` pixels with `padding` pixels around. */
export function layoutChoropleth(areas: readonly ChoroplethArea[], options: { width: number; height: number; padding?: number }): ChoroplethLayout {
	const { width, height, padding = 8 } = options;
	let minLon = Infinity;
	let maxLon = -Infinity;
	let minLat = Infinity;
	let maxLat = -Infinity;
	for (const a of areas) {
		if (!a.geometry) continue;
		for (const ring of rings(a.geometry)) {
			for (const [lon, lat] of ring) {
				if (lon < minLon) minLon = lon;
				if (lon > maxLon) maxLon = lon;
				if (lat < minLat) minLat = lat;
				if (lat > maxLat) maxLat = lat;
			}
		}
	}
	const hasExtent = Number.isFinite(minLon) && maxLon > minLon && maxLat > minLat;
	const kx = hasExtent ? Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180) : 1;
	const spanX = hasExtent ? (maxLon - minLon) * kx : 1;
	const spanY = hasExtent ? maxLat - minLat : 1;
	const scale = Math.min((width - 2 * padding) / spanX, (height - 2 * padding) / spanY);
	const offsetX = (width - spanX * scale) / 2;
	const offsetY = (height - spanY * scale) / 2;
	const round = (v: number) => Math.round(v * 10) / 10;
	const project = ([lon, lat]: Position) => `${round(offsetX + (lon - minLon) * kx * scale)},${round(offsetY + (maxLat - lat) * scale)}`;

	const values = areas.map((a) => a.value).filter((v): v is number => v !== null && Number.isFinite(v));
	const lo = values.length ? Math.min(0, ...values) : 0;
	const hi = values.length ? Math.max(...values) : 1;
	const quantize = scaleQuantize<string>()
		.domain([lo, hi > lo ? hi : lo + 1])
		.nice(sequential.length)
		.range([...sequential]);
	const [d0, d1] = quantize.domain();
	const thresholds = quantize.thresholds();
	const bounds = [d0, ...thresholds, d1];
	const legend = sequential.map((colour, i) => ({ from: bounds[i], to: bounds[i + 1], colour }));

	return {
		width,
		height,
		missingColour: ui.surface,
		legend,
		paths: areas.map((a) => {
			const d = a.geometry && hasExtent ? rings(a.geometry).map((ring) => `M${ring.map(project).join('L')}Z`).join('') : '';
			const colour = a.value === null || !Number.isFinite(a.value) ? ui.surface : quantize(a.value);
			const classIndex = a.value === null || !Number.isFinite(a.value) ? null : sequential.indexOf(colour as (typeof sequential)[number]);
			return { key: a.key, name: a.name, d, value: a.value, classIndex, colour };
		})
	};
}
