import { describe, expect, it } from 'vitest';
import { parseViewState, writeViewState, VIEW_KEYS, type ViewState } from './view-state';

const LAYERS = ['communes', 'circles', 'qpvs', 'epcis', 'poles', 'CS', 'EVS'];
const DEFAULTS = { radiusCs: 8, radiusEvs: 5, isolation: 15, shown: LAYERS.filter((k) => k !== 'circles') };

describe('parseViewState', () => {
	it('parseViewState(empty query) gives the defaults', () => {
		expect(parseViewState(new URLSearchParams(), DEFAULTS, LAYERS)).toEqual({ ...DEFAULTS, epci: null, commune: null });
	});

	it('parseViewState(query) reads thresholds (decimal comma too), layers, EPCI and commune', () => {
		const state = parseViewState(
			new URLSearchParams('rayonCs=10,5&rayonEvs=3&isolement=22&couches=communes,CS,inconnue&epci=200000001&commune=00012'),
			DEFAULTS,
			LAYERS
		);
		expect(state).toEqual({ radiusCs: 10.5, radiusEvs: 3, isolation: 22, shown: ['communes', 'CS'], epci: '200000001', commune: '00012' });
	});

	it('parseViewState(query) falls back to the defaults for invalid or out-of-range thresholds', () => {
		const state = parseViewState(new URLSearchParams('rayonCs=abc&rayonEvs=-2&isolement=999'), DEFAULTS, LAYERS);
		expect([state.radiusCs, state.radiusEvs, state.isolation]).toEqual([8, 5, 15]);
	});

	it('parseViewState(couches=) shows no layer', () => {
		expect(parseViewState(new URLSearchParams('couches='), DEFAULTS, LAYERS).shown).toEqual([]);
	});
});

describe('writeViewState', () => {
	it('writeViewState(params, defaults) leaves every default out and keeps other parameters', () => {
		const state: ViewState = { ...DEFAULTS, shown: [...DEFAULTS.shown], epci: null, commune: null };
		expect(writeViewState(new URLSearchParams('date=2025-01-01'), state, DEFAULTS, LAYERS).toString()).toBe('date=2025-01-01');
	});

	it('writeViewState then parseViewState reproduces the view (a link reproduces it)', () => {
		const state: ViewState = { radiusCs: 12.5, radiusEvs: 5, isolation: 20, shown: ['EVS', 'communes', 'circles'], epci: '200000002', commune: '00077' };
		const params = writeViewState(new URLSearchParams(), state, DEFAULTS, LAYERS);
		expect(params.get(VIEW_KEYS.radiusCs)).toBe('12.5');
		expect(params.has(VIEW_KEYS.radiusEvs)).toBe(false);
		expect(params.get(VIEW_KEYS.layers)).toBe('communes,circles,EVS');
		expect(parseViewState(params, DEFAULTS, LAYERS)).toEqual({ ...state, shown: ['communes', 'circles', 'EVS'] });
	});

	it('writeViewState(view without layers) writes an empty layer list', () => {
		const state: ViewState = { ...DEFAULTS, shown: [], epci: null, commune: null };
		expect(writeViewState(new URLSearchParams(), state, DEFAULTS, LAYERS).toString()).toBe('couches=');
	});
});

describe('the metric of the view', () => {
	it('parseViewMetric / writeViewMetric: mesure=minutes or km, left out when it is the one in force', async () => {
		const { parseViewMetric, writeViewMetric } = await import('./view-state');
		expect(parseViewMetric(new URLSearchParams('mesure=minutes'))).toBe('minutes');
		expect(parseViewMetric(new URLSearchParams('mesure=heures'))).toBeNull();
		expect(writeViewMetric(new URLSearchParams('date=2025-01-01'), 'minutes', 'km').toString()).toBe('date=2025-01-01&mesure=minutes');
		expect(writeViewMetric(new URLSearchParams('mesure=minutes'), 'km', 'km').toString()).toBe('');
	});
});
