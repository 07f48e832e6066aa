/** Communes: a light fill and a thin outline; hover and selection highlight through feature-state. */
import { territory, ui } from '$lib/palette';
import { areaLayers, highlight, layerGroup } from './spec';
import type { LegendSymbol } from './types';

export const communeSymbol = {
	shape: 'area',
	fill: territory.communeFill,
	fillOpacity: 0.6,
	stroke: territory.communeLine,
	strokeWidth: 0.6
} as const satisfies LegendSymbol;

export const [communeFillLayer, communeLineLayer] = areaLayers(
	'maillage-communes',
	{
		'fill-color': highlight<string>(ui.focus, ui.brand, communeSymbol.fill),
		'fill-opacity': highlight(0.45, 0.3, communeSymbol.fillOpacity)
	},
	{
		'line-color': highlight<string>(ui.ink, ui.brandStrong, communeSymbol.stroke),
		'line-width': highlight(2.5, 2, communeSymbol.strokeWidth)
	}
);

export const communesGroup = layerGroup(
	'communes',
	[communeFillLayer, communeLineLayer],
	{ label: 'Communes', description: 'surface claire, contour fin', symbol: communeSymbol },
	{ interactive: true }
);
