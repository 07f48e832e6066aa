/**
 * Layers of the scenario editor map: communes coloured by the scenario's coverage category (set as
 * feature-state `category`, so a recompute while dragging updates colours without re-sending
 * geometry), communes whose coverage changed outlined, the zone de compétence being edited, the
 * radius of the selected structure, and structures by status. Colours from `$lib/palette` only;
 * circle layers only (the offline basemap has no glyphs).
 */
import type { CircleLayerSpecification, ExpressionSpecification } from 'maplibre-gl';
import { coverageCategories, structureTypes, territory, ui } from '$lib/palette';
import { areaLayers, lineLayer, radiusLayers, roundJoin, typeColour } from './layers/spec';
import type { LegendEntry } from './layers/types';

/** Source ids of the scenario map. */
export const scenarioSources = {
	communes: 'scenario-communes',
	epcis: 'scenario-epcis',
	radius: 'scenario-radius',
	structures: 'scenario-structures'
} as const;

/** Opacity of a commune's category colour. */
export const SCENARIO_FILL_OPACITY = 0.8;

const categoryColour = [
	'match',
	['coalesce', ['feature-state', 'category'], ''],
	...coverageCategories.flatMap((c) => [c.key, c.color]),
	territory.communeFill
] as unknown as ExpressionSpecification;

const flag = (name: string) => ['boolean', ['feature-state', name], false] as const satisfies ExpressionSpecification;

export const [scenarioCommuneFill, scenarioCommuneLine] = areaLayers(
	'scenario-communes',
	{ 'fill-color': categoryColour, 'fill-opacity': ['case', flag('zone'), 1, SCENARIO_FILL_OPACITY] },
	{
		'line-color': ['case', flag('zone'), ui.brandStrong, flag('changed'), ui.ink, territory.communeLine],
		'line-width': ['case', flag('zone'), 3, flag('changed'), 2.5, 0.5]
	}
);

export const scenarioEpciLine = lineLayer('scenario-epcis-line', { 'line-color': territory.epciLine, 'line-width': 1.5, 'line-opacity': 0.7 }, roundJoin);

export const [scenarioRadiusFill, scenarioRadiusLine] = radiusLayers('scenario-radius', 0.08, { 'line-width': 2 });

const status = (value: string) => ['==', ['get', 'status'], value] as const satisfies ExpressionSpecification;
const isSelected = ['boolean', ['get', 'selected'], false] as const satisfies ExpressionSpecification;

/** Halo under added and moved structures (they are hypotheses, not real places). */
export const scenarioStructureHalo = {
	id: 'scenario-structures-halo',
	type: 'circle',
	filter: ['any', status('added'), status('moved')],
	paint: {
		'circle-radius': ['case', isSelected, 16, 13],
		'circle-color': ui.accent,
		'circle-opacity': 0.25,
		'circle-stroke-color': ui.accent,
		'circle-stroke-width': 2
	}
} as const satisfies Omit<CircleLayerSpecification, 'source'>;

/** Structures: a CS is a large filled disc, an EVS a smaller ring; closed ones grey and hollow. */
export const scenarioStructures = {
	id: 'scenario-structures',
	type: 'circle',
	paint: {
		'circle-radius': ['+', ['match', ['get', 'type'], 'CS', 7, 5], ['case', isSelected, 3, 0]],
		'circle-color': ['case', status('closed'), ui.paper, ['==', ['get', 'type'], 'CS'], typeColour, ui.paper],
		'circle-stroke-color': ['case', isSelected, ui.ink, status('closed'), ui.inkMuted, ['==', ['get', 'type'], 'CS'], ui.paper, typeColour],
		'circle-stroke-width': ['case', isSelected, 3, ['==', ['get', 'type'], 'CS'], 2, 3],
		'circle-opacity': ['case', status('closed'), 0.6, 1],
		'circle-stroke-opacity': ['case', status('closed'), 0.7, 1]
	}
} as const satisfies Omit<CircleLayerSpecification, 'source'>;

/** Interactive layers, top first. */
export const scenarioInteractiveLayers = [scenarioStructures.id, scenarioCommuneFill.id] as const;

/** Legend of the scenario map (same values as the paint above). */
export const scenarioLegend: readonly LegendEntry[] = [
	...coverageCategories.map((c) => ({
		label: c.label,
		description: 'couleur de la commune dans le scénario',
		symbol: { shape: 'area', fill: c.color, fillOpacity: SCENARIO_FILL_OPACITY, stroke: territory.communeLine, strokeWidth: 0.5 } as const
	})),
	{ label: 'Couverture modifiée par le scénario', description: 'contour épais foncé', symbol: { shape: 'area', fill: territory.communeFill, fillOpacity: 0, stroke: ui.ink, strokeWidth: 2.5 } },
	{ label: 'Centre social (CS)', description: 'grand disque plein', symbol: { shape: 'circle', radius: 7, fill: structureTypes[0].color, stroke: ui.paper, strokeWidth: 2 } },
	{ label: 'Espace de vie sociale (EVS)', description: 'petit anneau à centre blanc', symbol: { shape: 'circle', radius: 5, fill: ui.paper, stroke: structureTypes[1].color, strokeWidth: 3 } },
	{ label: 'Structure envisagée ou déplacée', description: 'auréole orangée', symbol: { shape: 'circle', radius: 9, fill: ui.accent, stroke: ui.accent, strokeWidth: 2 } },
	{ label: 'Structure fermée dans le scénario', description: 'anneau gris', symbol: { shape: 'circle', radius: 5, fill: ui.paper, stroke: ui.inkMuted, strokeWidth: 3 } }
];
