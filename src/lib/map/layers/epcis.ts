/** EPCI (intercommunalités): a thick outline over the communes, not interactive. */
import { territory } from '$lib/palette';
import { layerGroup, lineLayer } from './spec';
import type { LegendSymbol } from './types';

export const epciSymbol = {
	shape: 'line',
	stroke: territory.epciLine,
	strokeWidth: 2.5
} as const satisfies LegendSymbol;

export const epciLineLayer = lineLayer(
	'maillage-epcis-line',
	{ 'line-color': epciSymbol.stroke, 'line-width': epciSymbol.strokeWidth, 'line-opacity': 0.9 },
	{ 'line-join': 'round', 'line-cap': 'round' }
);

export const epcisGroup = layerGroup(
	'epcis',
	[epciLineLayer],
	{ label: 'EPCI (intercommunalités)', description: 'contour épais', symbol: epciSymbol },
	{ interactive: false }
);
