import { describe, expect, it } from 'vitest';
import {
	createExpression,
	featureFilter,
	latest,
	validateStyleMin,
	type FilterSpecification,
	type StyleSpecification
} from '@maplibre/maplibre-gl-style-spec';
import { coverageCategories, sequential, series, structureTypes, territory, ui } from '$lib/palette';
import { offlineStyle } from '../basemap';
import { interactiveLayerIds, mapLayerGroups, type LayerSpecWithoutSource } from './index';
import { mapSources } from './sources';
import { HIGHLIGHT_RADIUS_PX } from './structures';

const paletteColours = new Set<string>([
	...Object.values(ui),
	...Object.values(territory),
	...structureTypes.map((t) => t.color),
	...coverageCategories.map((c) => c.color),
	...sequential,
	...series
]);

function styleWithAllLayers(): StyleSpecification {
	return {
		...structuredClone(offlineStyle),
		sources: Object.fromEntries(
			Object.values(mapSources).map((s) => [
				s.id,
				{ type: 'geojson', data: { type: 'FeatureCollection', features: [] }, promoteId: s.promoteId, attribution: s.attribution }
			])
		),
		layers: [
			...structuredClone(offlineStyle.layers),
			...mapLayerGroups.flatMap((g) =>
				g.layers.map((l) => ({ ...structuredClone(l), source: mapSources[g.source].id }) as StyleSpecification['layers'][number])
			)
		]
	} as StyleSpecification;
}

/** Evaluates a paint value (literal or expression) for a feature in a given feature-state. */
function evaluatePaint(layer: LayerSpecWithoutSource, property: string, state: Record<string, unknown> = {}, properties = {}): unknown {
	const value = (layer.paint as Record<string, unknown>)[property];
	const spec = (latest as unknown as Record<string, Record<string, unknown>>)[`paint_${layer.type}`][property];
	const parsed = createExpression(value, 'paint', spec as never);
	if (parsed.result !== 'success') throw new Error(`invalid ${layer.id}.${property}: ${JSON.stringify(parsed.value)}`);
	const result = parsed.value.evaluate({ zoom: 9 }, { type: 1, properties } as never, state as never);
	if (result && typeof result === 'object' && 'r' in result) return toHex(result as { r: number; g: number; b: number });
	return result;
}

function toHex({ r, g, b }: { r: number; g: number; b: number }): string {
	return `#${[r, g, b].map((c) => Math.round(c * 255).toString(16).padStart(2, '0')).join('')}`;
}

function colourStrings(value: unknown, found: string[] = []): string[] {
	if (typeof value === 'string' && value.startsWith('#')) found.push(value);
	else if (Array.isArray(value)) value.forEach((v) => colourStrings(v, found));
	else if (value && typeof value === 'object') Object.values(value).forEach((v) => colourStrings(v, found));
	return found;
}

const allLayers = mapLayerGroups.flatMap((g) => g.layers);
const layerById = (id: string) => allLayers.find((l) => l.id === id) as LayerSpecWithoutSource;

describe('layer specs', () => {
	it('mapLayerGroups with the offline basemap form a valid MapLibre style (validateStyleMin)', () => {
		expect(validateStyleMin(styleWithAllLayers())).toEqual([]);
	});

	it('mapLayerGroups has unique layer ids, prefixed so a basemap cannot collide, and no text symbol layer', () => {
		const ids = allLayers.map((l) => l.id);
		expect(new Set(ids).size).toBe(ids.length);
		for (const id of ids) expect(id).toMatch(/^maillage-/);
		for (const layer of allLayers) expect(layer.type).not.toBe('symbol');
	});

	it('mapLayerGroups covers communes, EPCI, CS and EVS, bottom to top', () => {
		expect(mapLayerGroups.map((g) => g.key)).toEqual(['communes', 'epcis', 'CS', 'EVS']);
	});

	it('every colour of the layer specs and legend entries comes from the palette', () => {
		const colours = colourStrings(mapLayerGroups);
		expect(colours.length).toBeGreaterThan(8);
		for (const colour of colours) expect(paletteColours, colour).toContain(colour);
		expect(paletteColours).toContain(colourStrings(offlineStyle)[0]);
	});
});

describe('legend entries', () => {
	it('each legend symbol equals the default (not hovered, not selected) paint of its layers', () => {
		for (const group of mapLayerGroups) {
			const symbol = group.legend.symbol;
			const [first, second] = group.layers;
			if (symbol.shape === 'area') {
				expect(evaluatePaint(first, 'fill-color')).toBe(symbol.fill);
				expect(evaluatePaint(first, 'fill-opacity')).toBe(symbol.fillOpacity);
				expect(evaluatePaint(second, 'line-color')).toBe(symbol.stroke);
				expect(evaluatePaint(second, 'line-width')).toBe(symbol.strokeWidth);
			} else if (symbol.shape === 'line') {
				expect(evaluatePaint(first, 'line-color')).toBe(symbol.stroke);
				expect(evaluatePaint(first, 'line-width')).toBe(symbol.strokeWidth);
			} else {
				expect(evaluatePaint(first, 'circle-radius')).toBe(symbol.radius);
				expect(evaluatePaint(first, 'circle-color')).toBe(symbol.fill);
				expect(evaluatePaint(first, 'circle-stroke-color')).toBe(symbol.stroke);
				expect(evaluatePaint(first, 'circle-stroke-width')).toBe(symbol.strokeWidth);
			}
		}
	});

	it('structure legend labels and colours follow the palette structureTypes', () => {
		for (const type of structureTypes) {
			const group = mapLayerGroups.find((g) => g.key === type.key);
			expect(group?.legend.label).toBe(`${type.label} (${type.key})`);
			expect(colourStrings(group?.legend.symbol)).toContain(type.color);
		}
	});

	it('CS and EVS markers differ without colour: a larger filled disc vs a smaller ring with a white centre', () => {
		const cs = mapLayerGroups.find((g) => g.key === 'CS')?.legend.symbol;
		const evs = mapLayerGroups.find((g) => g.key === 'EVS')?.legend.symbol;
		if (cs?.shape !== 'circle' || evs?.shape !== 'circle') throw new Error('structure symbols must be circles');
		expect(cs.radius + cs.strokeWidth).toBeGreaterThan(evs.radius + evs.strokeWidth);
		expect(cs.fill).toBe(structureTypes[0].color);
		expect(evs.fill).toBe(ui.paper);
		expect(evs.stroke).toBe(structureTypes[1].color);
	});
});

describe('feature-state and filters', () => {
	it('hovering or selecting a commune changes its fill and outline (feature-state, not data)', () => {
		const fill = layerById('maillage-communes-fill');
		const line = layerById('maillage-communes-line');
		expect(evaluatePaint(fill, 'fill-color', { hover: true })).toBe(ui.brand);
		expect(evaluatePaint(fill, 'fill-color', { selected: true, hover: true })).toBe(ui.focus);
		expect(evaluatePaint(line, 'line-width', { hover: true })).toBeGreaterThan(evaluatePaint(line, 'line-width') as number);
	});

	it('hovering or selecting a structure enlarges its marker; selecting darkens its edge', () => {
		for (const id of ['maillage-structures-cs', 'maillage-structures-evs']) {
			const layer = layerById(id);
			const base = evaluatePaint(layer, 'circle-radius') as number;
			expect(evaluatePaint(layer, 'circle-radius', { hover: true })).toBe(base + HIGHLIGHT_RADIUS_PX);
			expect(evaluatePaint(layer, 'circle-radius', { selected: true })).toBe(base + HIGHLIGHT_RADIUS_PX);
			expect(evaluatePaint(layer, 'circle-stroke-color', { selected: true })).toBe(ui.ink);
		}
	});

	it('each structure layer draws only its own type', () => {
		for (const [id, type] of [['maillage-structures-cs', 'CS'], ['maillage-structures-evs', 'EVS']] as const) {
			const layer = layerById(id);
			const filter = featureFilter('filter' in layer ? (layer.filter as FilterSpecification) : undefined, 'filter');
			const matches = (t: string) => filter.filter({ zoom: 9 }, { type: 1, properties: { type: t } } as never);
			expect(matches(type)).toBe(true);
			expect(matches(type === 'CS' ? 'EVS' : 'CS')).toBe(false);
		}
	});
});

describe('interactiveLayerIds', () => {
	it('interactiveLayerIds(groups) lists hoverable layers top-most first, without EPCI', () => {
		expect(interactiveLayerIds(mapLayerGroups)).toEqual([
			'maillage-structures-evs',
			'maillage-structures-cs',
			'maillage-communes-line',
			'maillage-communes-fill'
		]);
	});

	it('interactiveLayerIds(groups, hidden) leaves out hidden groups', () => {
		expect(interactiveLayerIds(mapLayerGroups, ['communes', 'EVS'])).toEqual(['maillage-structures-cs']);
	});
});
