import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import type { CommuneCoverage } from '$lib/analysis';
import CoverageDetails from './CoverageDetails.svelte';

const commune: CommuneCoverage = {
	code: '90001',
	name: 'A',
	population: 1000,
	epci: null,
	outside: false,
	covered: false,
	isolated: false,
	reinforce: false,
	reinforcedCsIds: [],
	category: 'depourvue',
	nearestStructureKm: 30,
	nearestStructureId: 2,
	nearestStructureType: 'EVS',
	nearestCsKm: 6,
	nearestCsId: 1,
	nearestEvsKm: 30,
	nearestEvsId: 2,
	nearestPoleKm: 0.4,
	nearestPoleId: 1,
	nearestStructureMinutes: 25,
	nearestCsMinutes: 40,
	nearestEvsMinutes: 25,
	nearestPoleMinutes: 0.6,
	zoneStructureIds: [],
	accessibility: 0,
	accessibilityRelative: null,
	reasons: []
};

const names = { 1: 'CS 1', 2: 'EVS 2' } as Record<string, string>;
const props = {
	commune,
	reasons: [],
	epciName: null,
	structureName: (id: string | number) => names[String(id)],
	poleName: () => 'Bourg de A',
	other: null,
	otherStatus: null,
	onclose: () => {}
};
const text = (html: string) => html.replace(/<!--[^]*?-->/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('CoverageDetails', () => {
	it('CoverageDetails with travel times shows minutes, km and where each time comes from', () => {
		const { body } = render(CoverageDetails, {
			props: {
				...props,
				unit: 'min',
				timeSources: { structure: 'matrix', cs: 'matrix', evs: 'matrix', pole: 'estimate' },
				sourceLabels: { matrix: 'temps importé (matrice)', estimate: 'temps estimé (distance × 1,3 à 50 km/h)' }
			}
		});
		const t = text(body);
		expect(t).toContain('Centre social le plus proche 40 min (6 km), temps importé (matrice)');
		expect(t).toContain('EVS le plus proche 25 min (30 km), temps importé (matrice)');
		expect(t).toContain('Pôle d’activités le plus proche Bourg de A, à 1 min (0,4 km), temps estimé (distance × 1,3 à 50 km/h)');
		expect(body).toContain('data-time-source="matrix"');
	});

	it('CoverageDetails with km thresholds shows distances only', () => {
		const t = text(render(CoverageDetails, { props }).body);
		expect(t).toContain('Centre social le plus proche 6 km');
		expect(t).not.toContain('min');
		expect(t).not.toContain('temps');
	});
});
