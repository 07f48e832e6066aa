import { describe, expect, it } from 'vitest';
import { createExpression, latest, validateStyleMin, type StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import { coverageCategories, structureTypes, territory, ui } from '$lib/palette';
import { offlineStyle } from '../basemap';
import { CATEGORY_FILL_OPACITY, DIMMED_FILL_OPACITY, coverageLayerGroups } from './coverage';
import { interactiveLayerIds, type LayerSpecWithoutSource } from './index';
import { mapSources } from './sources';

const layers = coverageLayerGroups.flatMap((g) => g.layers);
const layer = (id: string) => layers.find((l) => l.id === id) as LayerSpecWithoutSource;

function evaluate(spec: LayerSpecWithoutSource, property: string, properties: Record<string, unknown> = {}, state: Record<string, unknown> = {}): unknown {
	const value = (spec.paint as Record<string, unknown>)[property];
	const styleSpec = (latest as unknown as Record<string, Record<string, unknown>>)[`paint_${spec.type}`][property];
	const parsed = createExpression(value, 'paint', styleSpec as never);
	if (parsed.result !== 'success') throw new Error(`invalid ${spec.id}.${property}: ${JSON.stringify(parsed.value)}`);
	const result = parsed.value.evaluate({ zoom: 9 }, { type: 3, properties } as never, state as never);
	if (result && typeof result === 'object' && 'r' in result) {
		const { r, g, b } = result as { r: number; g: number; b: number };
		return `#${[r, g, b].map((c) => Math.round(c * 255).toString(16).padStart(2, '0')).join('')}`;
	}
	return result;
}

describe('coverageLayerGroups', () => {
	it('coverageLayerGroups with the offline basemap form a valid MapLibre style', () => {
		const style = {
			...structuredClone(offlineStyle),
			sources: Object.fromEntries(Object.values(mapSources).map((s) => [s.id, { type: 'geojson', data: { type: 'FeatureCollection', features: [] }, promoteId: s.promoteId }])),
			layers: [
				...structuredClone(offlineStyle.layers),
				...coverageLayerGroups.flatMap((g) => g.layers.map((l) => ({ ...structuredClone(l), source: mapSources[g.source].id })))
			]
		} as StyleSpecification;
		expect(validateStyleMin(style)).toEqual([]);
	});

	it('coverageLayerGroups draws communes, circles, QPV, EPCI, poles, CS and EVS bottom to top, with unique prefixed ids', () => {
		expect(coverageLayerGroups.map((g) => g.key)).toEqual(['communes', 'circles', 'qpvs', 'epcis', 'poles', 'CS', 'EVS']);
		const ids = layers.map((l) => l.id);
		expect(new Set(ids).size).toBe(ids.length);
		for (const id of ids) expect(id).toMatch(/^maillage-/);
		for (const l of layers) expect(l.type).not.toBe('symbol');
	});

	it('the commune fill takes the palette colour of each category, the neutral fill otherwise', () => {
		const fill = layer('maillage-coverage-fill');
		for (const c of coverageCategories) expect(evaluate(fill, 'fill-color', { category: c.key })).toBe(c.color);
		expect(evaluate(fill, 'fill-color', {})).toBe(territory.communeFill);
		expect(evaluate(fill, 'fill-opacity', { category: 'depourvue' })).toBe(CATEGORY_FILL_OPACITY);
		expect(evaluate(fill, 'fill-opacity', { category: 'depourvue', dimmed: true })).toBe(DIMMED_FILL_OPACITY);
	});

	it('a selected commune gets a thick ink outline (feature-state), keeping its category colour', () => {
		const line = layer('maillage-coverage-line');
		expect(evaluate(line, 'line-color', {}, { selected: true })).toBe(ui.ink);
		expect(evaluate(line, 'line-width', {}, { selected: true })).toBeGreaterThan(evaluate(line, 'line-width') as number);
	});

	it('coverage circles take the colour of their structure type', () => {
		for (const t of structureTypes) expect(evaluate(layer('maillage-circles-line'), 'line-color', { type: t.key })).toBe(t.color);
	});

	it('interactiveLayerIds(coverageLayerGroups) lists structures, poles and communes, top-most first', () => {
		expect(interactiveLayerIds(coverageLayerGroups)).toEqual([
			'maillage-structures-evs',
			'maillage-structures-cs',
			'maillage-poles',
			'maillage-coverage-line',
			'maillage-coverage-fill'
		]);
	});
});
