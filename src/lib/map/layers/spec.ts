/**
 * Builders of the layer specs: the shapes every spec file (and the scenario map) would otherwise
 * repeat — a fill or line layer, the hover/selection highlight, a marker disc, a radius ring and
 * the layer group a legend entry and a toggle stand for.
 */
import type { CircleLayerSpecification, ExpressionSpecification, FillLayerSpecification, LineLayerSpecification } from 'maplibre-gl';
import { structureTypes } from '$lib/palette';
import { hovered, selected } from './feature-state';
import type { LayerSpecWithoutSource, LegendEntry, LegendSymbol, MapLayerGroup, MapSourceKey } from './types';

export type FillSpec = Omit<FillLayerSpecification, 'source'>;
export type LineSpec = Omit<LineLayerSpecification, 'source'>;
export type CircleSpec = Omit<CircleLayerSpecification, 'source'>;

/** Outlines of areas join round (no spikes at sharp commune corners). */
export const roundJoin = { 'line-join': 'round' } as const satisfies LineSpec['layout'];

export function fillLayer(id: string, paint: FillSpec['paint']): FillSpec {
	return { id, type: 'fill', paint };
}

export function lineLayer(id: string, paint: LineSpec['paint'], layout?: LineSpec['layout']): LineSpec {
	return layout ? { id, type: 'line', layout, paint } : { id, type: 'line', paint };
}

/** An area: a fill and its outline (`<prefix>-fill`, `<prefix>-line`), drawn in that order. */
export function areaLayers(idPrefix: string, fill: FillSpec['paint'], outline: LineSpec['paint']): [FillSpec, LineSpec] {
	return [fillLayer(`${idPrefix}-fill`, fill), lineLayer(`${idPrefix}-line`, outline, roundJoin)];
}

/** A paint value that changes while the feature is selected, else while hovered. */
export function highlight<T extends string | number>(whenSelected: T, whenHovered: T, otherwise: T): ExpressionSpecification {
	return ['case', selected, whenSelected, hovered, whenHovered, otherwise] as ExpressionSpecification;
}

/** A feature of the border band: the `outside` property (absent: in the département). */
export const outsideTerritory = ['boolean', ['get', 'outside'], false] as const satisfies ExpressionSpecification;

/** Opacity of a structure or pole of the border band (« hors département »): drawn, but muted. */
export const BAND_POINT_OPACITY = 0.45;

/** Paint of a point marker (structure, pole): grows while hovered or selected, muted in the border band. */
export function markerPaint(
	symbol: Extract<LegendSymbol, { shape: 'circle' }>,
	highlightPx: number,
	selectedStroke: string
): CircleSpec['paint'] {
	return {
		'circle-radius': ['case', ['any', hovered, selected], symbol.radius + highlightPx, symbol.radius],
		'circle-color': symbol.fill,
		'circle-opacity': ['case', outsideTerritory, BAND_POINT_OPACITY, 1],
		'circle-stroke-opacity': ['case', outsideTerritory, BAND_POINT_OPACITY, 1],
		'circle-stroke-color': ['case', selected, selectedStroke, symbol.stroke],
		'circle-stroke-width': symbol.strokeWidth,
		'circle-pitch-alignment': 'map'
	};
}

/** The colour of a structure type (`type` property: CS, else EVS). */
export const typeColour = ['match', ['get', 'type'], 'CS', structureTypes[0].color, structureTypes[1].color] as const satisfies ExpressionSpecification;

/** A coverage radius around a structure: a faint fill and a dashed ring in the type's colour. */
export function radiusLayers(idPrefix: string, fillOpacity: number, ring: LineSpec['paint']): [FillSpec, LineSpec] {
	return [
		fillLayer(`${idPrefix}-fill`, { 'fill-color': typeColour, 'fill-opacity': fillOpacity }),
		lineLayer(`${idPrefix}-line`, { 'line-color': typeColour, 'line-dasharray': [3, 2], ...ring })
	];
}

/** A layer group over `source` (its key is the source's unless told otherwise). */
export function layerGroup(
	source: MapSourceKey,
	layers: readonly LayerSpecWithoutSource[],
	legend: LegendEntry,
	options: { interactive: boolean; key?: string }
): MapLayerGroup {
	return { key: options.key ?? source, source, layers, legend, interactive: options.interactive };
}
