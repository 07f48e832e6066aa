/**
 * Structures: one circle layer per type, told apart without colour — a centre social is a larger
 * filled disc with a white edge, an espace de vie sociale a smaller ring with a white centre.
 * Circle layers only: the offline basemap has no glyphs, so no text symbols.
 */
import type { CircleLayerSpecification, ExpressionSpecification } from 'maplibre-gl';
import { structureTypes, ui } from '$lib/palette';
import { hovered, selected } from './feature-state';
import type { LegendSymbol, MapLayerGroup } from './types';

export type StructureTypeKey = (typeof structureTypes)[number]['key'];

/** Marker shape per type: the colour comes from the palette, the shape from here. */
const markers = {
	CS: (color: `#${string}`) => ({
		symbol: { shape: 'circle', radius: 7, fill: color, stroke: ui.paper, strokeWidth: 2 } as const,
		description: 'grand disque plein'
	}),
	EVS: (color: `#${string}`) => ({
		symbol: { shape: 'circle', radius: 4.5, fill: ui.paper, stroke: color, strokeWidth: 3 } as const,
		description: 'petit anneau à centre blanc'
	})
} as const satisfies Record<StructureTypeKey, (color: `#${string}`) => { symbol: LegendSymbol; description: string }>;

/** Pixels added to a marker's radius while hovered or selected. */
export const HIGHLIGHT_RADIUS_PX = 3;
/** Opacity of a structure or pole of the border band (« hors département »): drawn, but muted. */
export const BAND_POINT_OPACITY = 0.45;

const outside = ['boolean', ['get', 'outside'], false] as const satisfies ExpressionSpecification;

function structureLayer(type: StructureTypeKey, symbol: Extract<LegendSymbol, { shape: 'circle' }>) {
	const highlighted = ['any', hovered, selected] as const satisfies ExpressionSpecification;
	return {
		id: `maillage-structures-${type.toLowerCase()}`,
		type: 'circle',
		filter: ['==', ['get', 'type'], type],
		paint: {
			'circle-radius': ['case', highlighted, symbol.radius + HIGHLIGHT_RADIUS_PX, symbol.radius],
			'circle-color': symbol.fill,
			'circle-opacity': ['case', outside, BAND_POINT_OPACITY, 1],
			'circle-stroke-opacity': ['case', outside, BAND_POINT_OPACITY, 1],
			'circle-stroke-color': ['case', selected, ui.ink, symbol.stroke],
			'circle-stroke-width': symbol.strokeWidth,
			'circle-pitch-alignment': 'map'
		}
	} as const satisfies Omit<CircleLayerSpecification, 'source'>;
}

/** One group per structure type, in the palette's order (CS then EVS, EVS drawn on top). */
export const structureGroups = structureTypes.map((type) => {
	const marker = markers[type.key](type.color);
	return {
		key: type.key,
		source: 'structures',
		layers: [structureLayer(type.key, marker.symbol)],
		legend: { label: `${type.label} (${type.key})`, description: marker.description, symbol: marker.symbol },
		interactive: true
	} as const satisfies MapLayerGroup;
});
