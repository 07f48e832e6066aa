/**
 * Layers of the coverage map (`/carte`): communes coloured by coverage category, coverage circles
 * around counted structures, QPV outlines and activity poles, under the EPCI outlines and the
 * structure markers of the département map. Colours from `$lib/palette` only.
 *
 * The commune features carry `category` (a `coverageCategories` key) and `dimmed` (outside the
 * EPCI filter) as properties; the page replaces the collection when either changes.
 */
import type { ExpressionSpecification } from 'maplibre-gl';
import { coverageCategories, structureTypes, territory, ui } from '$lib/palette';
import { epcisGroup } from './epcis';
import { areaLayers, highlight, layerGroup, markerPaint, outsideTerritory, radiusLayers, type CircleSpec } from './spec';
import { structureGroups } from './structures';
import type { LegendSymbol, MapLayerGroup } from './types';

export { outsideTerritory } from './spec';

/** Opacity of a commune's category colour (the basemap stays faintly visible). */
export const CATEGORY_FILL_OPACITY = 0.85;
/** Opacity of a commune outside the EPCI filter. */
export const DIMMED_FILL_OPACITY = 0.2;
/** Opacity of a commune of the border band (« hors département »), drawn in `territory.bandFill`. */
export const BAND_FILL_OPACITY = 0.6;

const categoryColour = [
	'match',
	['get', 'category'],
	...coverageCategories.flatMap((c) => [c.key, c.color]),
	territory.communeFill
] as unknown as ExpressionSpecification;

const dimmed = ['boolean', ['get', 'dimmed'], false] as const satisfies ExpressionSpecification;

export const [coverageFillLayer, coverageLineLayer] = areaLayers(
	'maillage-coverage',
	{
		// The border band is one muted grey: it counts for distances, not in the département's categories.
		'fill-color': ['case', outsideTerritory, territory.bandFill, categoryColour],
		'fill-opacity': ['case', outsideTerritory, BAND_FILL_OPACITY, dimmed, DIMMED_FILL_OPACITY, CATEGORY_FILL_OPACITY]
	},
	{
		'line-color': highlight<string>(ui.ink, ui.brandStrong, territory.communeLine),
		'line-width': highlight(3, 2, 0.5)
	}
);

export const coverageCommunesGroup = layerGroup(
	'communes',
	[coverageFillLayer, coverageLineLayer],
	{
		label: 'Communes par catégorie de couverture',
		description: 'couleur de la catégorie',
		symbol: { shape: 'area', fill: coverageCategories[4].color, fillOpacity: CATEGORY_FILL_OPACITY, stroke: territory.communeLine, strokeWidth: 0.5 }
	},
	{ interactive: true }
);

export const [circleFillLayer, circleLineLayer] = radiusLayers('maillage-circles', 0.06, { 'line-width': 1.5, 'line-opacity': 0.9 });

export const circlesGroup = layerGroup(
	'circles',
	[circleFillLayer, circleLineLayer],
	{
		label: 'Rayons de couverture',
		description: 'cercle en tirets autour de chaque structure prise en compte',
		symbol: { shape: 'line', stroke: structureTypes[0].color, strokeWidth: 1.5 }
	},
	{ interactive: false }
);

export const qpvSymbol = {
	shape: 'area',
	fill: territory.qpvFill,
	fillOpacity: 0.15,
	stroke: territory.qpvFill,
	strokeWidth: 2
} as const satisfies LegendSymbol;

export const [qpvFillLayer, qpvLineLayer] = areaLayers(
	'maillage-qpvs',
	{ 'fill-color': qpvSymbol.fill, 'fill-opacity': qpvSymbol.fillOpacity },
	{ 'line-color': qpvSymbol.stroke, 'line-width': qpvSymbol.strokeWidth, 'line-dasharray': [2, 1] }
);

export const qpvsGroup = layerGroup(
	'qpvs',
	[qpvFillLayer, qpvLineLayer],
	{ label: 'Quartiers prioritaires (QPV)', description: 'contour violet en tirets', symbol: qpvSymbol },
	{ interactive: false }
);

export const poleSymbol = { shape: 'circle', radius: 4, fill: territory.pole, stroke: ui.paper, strokeWidth: 1.5 } as const satisfies LegendSymbol;

export const poleLayer: CircleSpec = { id: 'maillage-poles', type: 'circle', paint: markerPaint(poleSymbol, 2, ui.focus) };

export const polesGroup = layerGroup(
	'poles',
	[poleLayer],
	{ label: 'Pôles d’activités', description: 'petit disque noir', symbol: poleSymbol },
	{ interactive: true }
);

/** The coverage map, bottom to top. */
export const coverageLayerGroups: readonly MapLayerGroup[] = [
	coverageCommunesGroup,
	circlesGroup,
	qpvsGroup,
	epcisGroup,
	polesGroup,
	...structureGroups
];
