import { describe, expect, it } from 'vitest';
import { analyzeCoverage } from './coverage';
import type { CoverageCommune, CoverageInput } from './types';

// Five communes east of one CS (0.02° ≈ 1.5 km at 46.5° N): accessibility falls with distance.
function communes(needs: (number | null)[]): CoverageCommune[] {
	return needs.map((taux, i) => ({
		code: `8600${i}`,
		name: `C${i}`,
		population: 1000,
		lon: 0.3 + 0.02 * i,
		lat: 46.5,
		needs: { taux_pauvrete: taux }
	}));
}
const structures = [{ id: 'CS', type: 'CS' as const, lon: 0.3, lat: 46.5, agrementStart: '2020-01-01', agrementEnd: '2030-12-31' }];
const options = { reinforce: { needIndicators: [{ key: 'taux_pauvrete' }] } };
const run = (input: Omit<CoverageInput, 'structures' | 'poles'>, extra = {}) =>
	analyzeCoverage({ structures, poles: [], ...input }, { ...options, ...extra }).communes;

describe('evaluateReinforce via analyzeCoverage(input, options)', () => {
	it('flags a covered commune with low accessibility and high need, with both reasons', () => {
		// Accessibility falls from C0 to C4; its lowest quartile (R-7 over 5 values) is C3's score,
		// so C3 and C4 are low. Poverty 5, 6, 7, 4, 30: highest quartile 7, so C2 and C4 are high.
		const result = run({ communes: communes([5, 6, 7, 4, 30]) });
		expect(result.map((c) => c.reinforce)).toEqual([false, false, false, false, true]);
		expect(result[4].category).toBe('a_renforcer');
		expect(result[4].reasons.map((r) => r.code)).toEqual(['cs_within_radius', 'no_poles', 'low_accessibility', 'high_need']);
	});

	it('does not flag high need where accessibility is not low, nor low accessibility where need is not high', () => {
		// High: C0 and C2 (not low); low: C3 and C4 (not high).
		expect(run({ communes: communes([30, 6, 7, 4, 5]) }).map((c) => c.reinforce)).toEqual([false, false, false, false, false]);
	});

	it('returns null, with need_unknown, when the indicator is missing where accessibility is low', () => {
		// Highest quartile of 5, 6, 7, 4 is 6.25: C3 (low) is not high; C4 (low) is unknown.
		const result = run({ communes: communes([5, 6, 7, 4, null]) });
		expect(result[4]).toMatchObject({ reinforce: null, category: 'couverte' });
		expect(result[4].reasons.map((r) => r.code)).toContain('need_unknown');
		// Where accessibility is not low the answer does not depend on need: false, not null.
		expect(result.slice(0, 4).map((c) => c.reinforce)).toEqual([false, false, false, false]);
	});

	it('flags a commune with a QPV more than qpvDistanceKm from any structure, even without indicators', () => {
		const input = {
			communes: communes([null, null, null, null, null]),
			qpvs: [{ code: 'QN086001M', lon: 0.32, lat: 46.5, communeCode: '86001', population: 1500 }]
		};
		const result = run(input);
		expect(result[1]).toMatchObject({ reinforce: true, category: 'a_renforcer' });
		expect(result[1].reasons.find((r) => r.code === 'qpv_unserved')?.params).toMatchObject({ qpvCode: 'QN086001M', population: 1500, threshold: 1 });
		// Within 2 km the QPV is served.
		expect(run(input, { reinforce: { ...options.reinforce, qpvDistanceKm: 2 } })[1].reinforce).toBe(false);
	});

	it('never flags a commune that is not covered', () => {
		const result = run({ communes: communes([5, 6, 7, 4, 30]) }, { radiusCsKm: 4 });
		expect(result[4]).toMatchObject({ covered: false, reinforce: false, category: 'depourvue' });
	});

	it('reads a share indicator as a percentage of its denominator', () => {
		const c = communes([null, null, null, null, null]).map((x, i) => ({
			...x,
			needs: { familles: 100, familles_monoparentales: i === 4 ? 40 : 10 }
		}));
		const result = analyzeCoverage({ communes: c, structures, poles: [] }, { reinforce: { needIndicators: [{ key: 'familles_monoparentales', per: 'familles' }] } });
		expect(result.reinforce.needThresholds).toEqual({ 'familles_monoparentales/familles': 10 });
		expect(result.communes[4].reinforce).toBe(true);
		expect(result.communes[4].reasons.at(-1)).toEqual({
			code: 'high_need',
			params: { indicator: 'familles_monoparentales/familles', value: 40, threshold: 10, quantile: 0.75 }
		});
	});
});
