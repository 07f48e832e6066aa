import { describe, expect, it } from 'vitest';
import { DEFAULT_COVERAGE_OPTIONS, resolveCoverageOptions, type CoverageOptionsInput } from '$lib/analysis';
import { PARAMETER_DEFINITIONS, applyParameter, definitionOf, readOption } from './parameter-definitions';

describe('PARAMETER_DEFINITIONS', () => {
	it('every definition names an engine option, and its default value parses', () => {
		const keys = PARAMETER_DEFINITIONS.map((d) => d.key);
		expect(new Set(keys).size).toBe(keys.length);
		for (const d of PARAMETER_DEFINITIONS) {
			expect(d.key).toMatch(/^analysis\.[a-z_]+$/);
			const value = readOption(DEFAULT_COVERAGE_OPTIONS, d.option);
			expect(value, d.option).not.toBeUndefined();
			expect(d.parse(value), d.key).toEqual(value);
		}
	});

	it('applyParameter(input, path, value) sets top-level and nested options the engine accepts', () => {
		const input: CoverageOptionsInput = {};
		applyParameter(input, 'radiusCsKm', 11);
		applyParameter(input, 'supplyWeights.EVS', 0.8);
		applyParameter(input, 'reinforce.qpvDistanceKm', 2);
		const options = resolveCoverageOptions(input);
		expect([options.radiusCsKm, options.supplyWeights, options.reinforce.qpvDistanceKm]).toEqual([11, { CS: 1, EVS: 0.8 }, 2]);
	});

	it('parse refuses values the engine cannot use', () => {
		expect(definitionOf('analysis.radius_cs_km')?.parse('8')).toBeUndefined();
		expect(definitionOf('analysis.radius_cs_km')?.parse(-1)).toBeUndefined();
		expect(definitionOf('analysis.catchment_km')?.parse(0)).toBeUndefined();
		expect(definitionOf('analysis.reinforce_need_quantile')?.parse(1.5)).toBeUndefined();
		expect(definitionOf('analysis.metric')?.parse('miles')).toBeUndefined();
		expect(definitionOf('analysis.reinforce_need_indicators')?.parse([{ key: '' }])).toBeUndefined();
		expect(definitionOf('analysis.demand')?.parse({ kind: 'need-weighted', indicator: { key: 'taux_pauvrete' }, blend: 0.5 })).toEqual({
			kind: 'need-weighted',
			indicator: { key: 'taux_pauvrete', per: null },
			blend: 0.5
		});
	});
});
