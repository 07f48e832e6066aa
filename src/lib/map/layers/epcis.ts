/** EPCI (intercommunalités): a thick outline over the communes, not interactive. */
import type { LineLayerSpecification } from 'maplibre-gl';
import { territory } from '$lib/palette';
import type { LegendSymbol, MapLayerGroup } from './types';

export const epciSymbol = {
	shape: 'line',
	stroke: territory.epciLine,
	strokeWidth: 2.5
} as const satisfies LegendSymbol;

export const epciLineLayer = {
	id: 'maillage-epcis-line',
	type: 'line',
	layout: { 'line-join': 'round', 'line-cap': 'round' },
	paint: { 'line-color': epciSymbol.stroke, 'line-width': epciSymbol.strokeWidth, 'line-opacity': 0.9 }
} as const satisfies Omit<LineLayerSpecification, 'source'>;

export const epcisGroup = {
	key: 'epcis',
	source: 'epcis',
	layers: [epciLineLayer],
	legend: { label: 'EPCI (intercommunalités)', description: 'contour épais', symbol: epciSymbol },
	interactive: false
} as const satisfies MapLayerGroup;
