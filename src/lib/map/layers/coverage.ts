/**
 * Layers of the coverage map (`/carte`): communes coloured by coverage category, coverage circles
 * around counted structures, QPV outlines and activity poles, under the EPCI outlines and the
 * structure markers of the département map. Colours from `$lib/palette` only.
 *
 * The commune features carry `category` (a `coverageCategories` key) and `dimmed` (outside the
 * EPCI filter) as properties; the page replaces the collection when either changes.
 */
import type { CircleLayerSpecification, ExpressionSpecification, FillLayerSpecification, LineLayerSpecification } from 'maplibre-gl';
import { coverageCategories, structureTypes, territory, ui } from '$lib/palette';
import { epcisGroup } from './epcis';
import { hovered, selected } from './feature-state';
import { BAND_POINT_OPACITY, structureGroups } from './structures';
import type { LegendSymbol, MapLayerGroup } from './types';

/** Opacity of a commune's category colour (the basemap stays faintly visible). */
export const CATEGORY_FILL_OPACITY = 0.85;
/** Opacity of a commune outside the EPCI filter. */
export const DIMMED_FILL_OPACITY = 0.2;
/** Opacity of a commune of the border band (« hors département »), drawn in `territory.bandFill`. */
export const BAND_FILL_OPACITY = 0.6;

/** A feature of the border band: the `outside` property (absent: in the département). */
export const outsideTerritory = ['boolean', ['get', 'outside'], false] as const satisfies ExpressionSpecification;

const categoryColour = [
	'match',
	['get', 'category'],
	...coverageCategories.flatMap((c) => [c.key, c.color]),
	territory.communeFill
] as unknown as ExpressionSpecification;

const dimmed = ['boolean', ['get', 'dimmed'], false] as const satisfies ExpressionSpecification;

export const coverageFillLayer = {
	id: 'maillage-coverage-fill',
	type: 'fill',
	paint: {
		// The border band is one muted grey: it counts for distances, not in the département's categories.
		'fill-color': ['case', outsideTerritory, territory.bandFill, categoryColour],
		'fill-opacity': ['case', outsideTerritory, BAND_FILL_OPACITY, dimmed, DIMMED_FILL_OPACITY, CATEGORY_FILL_OPACITY]
	}
} as const satisfies Omit<FillLayerSpecification, 'source'>;

export const coverageLineLayer = {
	id: 'maillage-coverage-line',
	type: 'line',
	layout: { 'line-join': 'round' },
	paint: {
		'line-color': ['case', selected, ui.ink, hovered, ui.brandStrong, territory.communeLine],
		'line-width': ['case', selected, 3, hovered, 2, 0.5]
	}
} as const satisfies Omit<LineLayerSpecification, 'source'>;

export const coverageCommunesGroup = {
	key: 'communes',
	source: 'communes',
	layers: [coverageFillLayer, coverageLineLayer],
	legend: {
		label: 'Communes par catégorie de couverture',
		description: 'couleur de la catégorie',
		symbol: { shape: 'area', fill: coverageCategories[4].color, fillOpacity: CATEGORY_FILL_OPACITY, stroke: territory.communeLine, strokeWidth: 0.5 }
	},
	interactive: true
} as const satisfies MapLayerGroup;

const typeColour = ['match', ['get', 'type'], 'CS', structureTypes[0].color, structureTypes[1].color] as const satisfies ExpressionSpecification;

export const circleFillLayer = {
	id: 'maillage-circles-fill',
	type: 'fill',
	paint: { 'fill-color': typeColour, 'fill-opacity': 0.06 }
} as const satisfies Omit<FillLayerSpecification, 'source'>;

export const circleLineLayer = {
	id: 'maillage-circles-line',
	type: 'line',
	paint: { 'line-color': typeColour, 'line-width': 1.5, 'line-dasharray': [3, 2], 'line-opacity': 0.9 }
} as const satisfies Omit<LineLayerSpecification, 'source'>;

export const circlesGroup = {
	key: 'circles',
	source: 'circles',
	layers: [circleFillLayer, circleLineLayer],
	legend: {
		label: 'Rayons de couverture',
		description: 'cercle en tirets autour de chaque structure prise en compte',
		symbol: { shape: 'line', stroke: structureTypes[0].color, strokeWidth: 1.5 }
	},
	interactive: false
} as const satisfies MapLayerGroup;

export const qpvSymbol = {
	shape: 'area',
	fill: territory.qpvFill,
	fillOpacity: 0.15,
	stroke: territory.qpvFill,
	strokeWidth: 2
} as const satisfies LegendSymbol;

export const qpvFillLayer = {
	id: 'maillage-qpvs-fill',
	type: 'fill',
	paint: { 'fill-color': qpvSymbol.fill, 'fill-opacity': qpvSymbol.fillOpacity }
} as const satisfies Omit<FillLayerSpecification, 'source'>;

export const qpvLineLayer = {
	id: 'maillage-qpvs-line',
	type: 'line',
	layout: { 'line-join': 'round' },
	paint: { 'line-color': qpvSymbol.stroke, 'line-width': qpvSymbol.strokeWidth, 'line-dasharray': [2, 1] }
} as const satisfies Omit<LineLayerSpecification, 'source'>;

export const qpvsGroup = {
	key: 'qpvs',
	source: 'qpvs',
	layers: [qpvFillLayer, qpvLineLayer],
	legend: { label: 'Quartiers prioritaires (QPV)', description: 'contour violet en tirets', symbol: qpvSymbol },
	interactive: false
} as const satisfies MapLayerGroup;

export const poleSymbol = { shape: 'circle', radius: 4, fill: territory.pole, stroke: ui.paper, strokeWidth: 1.5 } as const satisfies LegendSymbol;

export const poleLayer = {
	id: 'maillage-poles',
	type: 'circle',
	paint: {
		'circle-radius': ['case', ['any', hovered, selected], poleSymbol.radius + 2, poleSymbol.radius],
		'circle-color': poleSymbol.fill,
		'circle-opacity': ['case', outsideTerritory, BAND_POINT_OPACITY, 1],
		'circle-stroke-opacity': ['case', outsideTerritory, BAND_POINT_OPACITY, 1],
		'circle-stroke-color': ['case', selected, ui.focus, poleSymbol.stroke],
		'circle-stroke-width': poleSymbol.strokeWidth,
		'circle-pitch-alignment': 'map'
	}
} as const satisfies Omit<CircleLayerSpecification, 'source'>;

export const polesGroup = {
	key: 'poles',
	source: 'poles',
	layers: [poleLayer],
	legend: { label: 'Pôles d’activités', description: 'petit disque noir', symbol: poleSymbol },
	interactive: true
} as const satisfies MapLayerGroup;

/** The coverage map, bottom to top. */
export const coverageLayerGroups: readonly MapLayerGroup[] = [
	coverageCommunesGroup,
	circlesGroup,
	qpvsGroup,
	epcisGroup,
	polesGroup,
	...structureGroups
];
