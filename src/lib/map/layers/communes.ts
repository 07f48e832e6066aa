/** Communes: a light fill and a thin outline; hover and selection highlight through feature-state. */
import type { FillLayerSpecification, LineLayerSpecification } from 'maplibre-gl';
import { territory, ui } from '$lib/palette';
import { hovered, selected } from './feature-state';
import type { LegendSymbol, MapLayerGroup } from './types';

export const communeSymbol = {
	shape: 'area',
	fill: territory.communeFill,
	fillOpacity: 0.6,
	stroke: territory.communeLine,
	strokeWidth: 0.6
} as const satisfies LegendSymbol;

export const communeFillLayer = {
	id: 'maillage-communes-fill',
	type: 'fill',
	paint: {
		'fill-color': ['case', selected, ui.focus, hovered, ui.brand, communeSymbol.fill],
		'fill-opacity': ['case', selected, 0.45, hovered, 0.3, communeSymbol.fillOpacity]
	}
} as const satisfies Omit<FillLayerSpecification, 'source'>;

export const communeLineLayer = {
	id: 'maillage-communes-line',
	type: 'line',
	layout: { 'line-join': 'round' },
	paint: {
		'line-color': ['case', selected, ui.ink, hovered, ui.brandStrong, communeSymbol.stroke],
		'line-width': ['case', selected, 2.5, hovered, 2, communeSymbol.strokeWidth]
	}
} as const satisfies Omit<LineLayerSpecification, 'source'>;

export const communesGroup = {
	key: 'communes',
	source: 'communes',
	layers: [communeFillLayer, communeLineLayer],
	legend: { label: 'Communes', description: 'surface claire, contour fin', symbol: communeSymbol },
	interactive: true
} as const satisfies MapLayerGroup;
