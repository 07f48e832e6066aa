/**
 * Structures: one circle layer per type, told apart without colour — a centre social is a larger
 * filled disc with a white edge, an espace de vie sociale a smaller ring with a white centre.
 * Circle layers only: the offline basemap has no glyphs, so no text symbols.
 */
import { structureTypes, ui } from '$lib/palette';
import { layerGroup, markerPaint, type CircleSpec } from './spec';
import type { LegendSymbol } from './types';

export { BAND_POINT_OPACITY } from './spec';

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
function structureLayer(type: StructureTypeKey, symbol: Extract<LegendSymbol, { shape: 'circle' }>): CircleSpec {
	return {
		id: `maillage-structures-${type.toLowerCase()}`,
		type: 'circle',
		filter: ['==', ['get', 'type'], type],
		paint: markerPaint(symbol, HIGHLIGHT_RADIUS_PX, ui.ink)
	};
}

/** One group per structure type, in the palette's order (CS then EVS, EVS drawn on top). */
export const structureGroups = structureTypes.map((type) => {
	const marker = markers[type.key](type.color);
	return layerGroup(
		'structures',
		[structureLayer(type.key, marker.symbol)],
		{ label: `${type.label} (${type.key})`, description: marker.description, symbol: marker.symbol },
		{ interactive: true, key: type.key }
	);
});
