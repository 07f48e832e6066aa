import { describe, expect, it } from 'vitest';
import { activeThresholds, DEFAULT_COVERAGE_OPTIONS, resolveCoverageOptions } from './options';

describe('resolveCoverageOptions(input)', () => {
	it('resolveCoverageOptions() gives the documented defaults', () => {
		const o = resolveCoverageOptions();
		expect(o).toEqual(DEFAULT_COVERAGE_OPTIONS);
		expect(o).toMatchObject({ radiusCsKm: 8, radiusEvsKm: 5, isolationKm: 15, catchmentKm: 20, metric: 'km', date: null });
		expect(o.supplyWeights).toEqual({ CS: 1, EVS: 0.5 });
		expect(o.reinforce).toEqual({
			accessibilityQuantile: 0.25,
			needIndicators: [
				{ key: 'taux_pauvrete', per: null },
				{ key: 'familles_monoparentales', per: 'familles' }
			],
			needQuantile: 0.75,
			qpvDistanceKm: 1
		});
	});

	it('resolveCoverageOptions merges nested partial objects with the defaults', () => {
		const o = resolveCoverageOptions({ radiusCsKm: 10, supplyWeights: { EVS: 0.3 }, reinforce: { qpvDistanceKm: 0.5 } });
		expect(o.radiusCsKm).toBe(10);
		expect(o.supplyWeights).toEqual({ CS: 1, EVS: 0.3 });
		expect(o.reinforce.qpvDistanceKm).toBe(0.5);
		expect(o.reinforce.accessibilityQuantile).toBe(0.25);
	});

	it('resolveCoverageOptions rejects invalid values with the option name', () => {
		expect(() => resolveCoverageOptions({ radiusCsKm: -1 })).toThrow('invalid radiusCsKm: -1');
		expect(() => resolveCoverageOptions({ catchmentKm: 0 })).toThrow('invalid catchmentKm: 0');
		expect(() => resolveCoverageOptions({ date: '2025-1-1' })).toThrow('invalid date: 2025-1-1');
		expect(() => resolveCoverageOptions({ metric: 'miles' as never })).toThrow('invalid metric: miles');
		expect(() => resolveCoverageOptions({ reinforce: { needQuantile: 2 } })).toThrow('invalid reinforce.needQuantile: 2');
		expect(() => resolveCoverageOptions({ demand: { kind: 'need-weighted', indicator: { key: 'taux_pauvrete' }, blend: 1.5 } })).toThrow(
			'invalid demand.blend: 1.5'
		);
	});

	it('activeThresholds reads km or minutes according to the metric', () => {
		expect(activeThresholds(resolveCoverageOptions())).toEqual({ unit: 'km', radiusCs: 8, radiusEvs: 5, isolation: 15, catchment: 20 });
		expect(activeThresholds(resolveCoverageOptions({ metric: 'minutes', radiusCsMinutes: 12 }))).toEqual({
			unit: 'min',
			radiusCs: 12,
			radiusEvs: 10,
			isolation: 20,
			catchment: 30
		});
	});
});
