/**
 * Committee decisions on the map (issue 7): the communes named by a decision of the schéma's
 * instances get a thick dashed outline in the accent colour, drawn over the communes source.
 * The codes come from `committee.decisionsByCommune(db)`; the layer filters on the feature's
 * `code` property, so no new source is needed. A line layer only (the offline basemap has no
 * glyphs for labels); the details panel can list the decisions of the selected commune.
 */
import type { ExpressionSpecification } from 'maplibre-gl';
import { ui } from '$lib/palette';
import { layerGroup, lineLayer, type LineSpec } from './spec';
import type { LegendSymbol, MapLayerGroup } from './types';

export const decisionSymbol = { shape: 'line', stroke: ui.accent, strokeWidth: 3 } as const satisfies LegendSymbol;

/** The filter keeping the communes of `codes` (an empty list keeps none). */
export function decisionFilter(codes: readonly string[]): ExpressionSpecification {
	return ['in', ['get', 'code'], ['literal', [...new Set(codes)].sort()]];
}

/** The line layer outlining the communes of `codes`. */
export function decisionLineLayer(codes: readonly string[]): LineSpec {
	const layer = lineLayer(
		'maillage-decisions-line',
		{ 'line-color': decisionSymbol.stroke, 'line-width': decisionSymbol.strokeWidth, 'line-dasharray': [2, 1.5] },
		{ 'line-join': 'round', 'line-cap': 'round' }
	);
	return { ...layer, filter: decisionFilter(codes) };
}

/** The layer group (legend entry and toggle) for the communes named by a decision. */
export function decisionsGroup(codes: readonly string[]): MapLayerGroup {
	return layerGroup(
		'communes',
		[decisionLineLayer(codes)],
		{ label: 'Communes concernées par une décision du comité', description: 'contour épais en tirets orange', symbol: decisionSymbol },
		{ interactive: false, key: 'decisions' }
	);
}
