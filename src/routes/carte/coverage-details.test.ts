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
const LABELS = {
	matrix: 'temps importé (matrice)',
	road: 'temps par la route (OpenStreetMap, extrait du 30/11/2026)',
	estimate: 'temps estimé (distance × 1,3 à 50 km/h)',
	beyond: 'au-delà de 30 min par la route (limite du calcul)'
};
type TimeSource = 'matrix' | 'road' | 'estimate' | 'beyond';
/** The panel in minutes, with these sources (and commune). */
const inMinutes = (extra: { commune?: CommuneCoverage; timeSources: Record<'structure' | 'cs' | 'evs' | 'pole', TimeSource> }) =>
	render(CoverageDetails, { props: { ...props, unit: 'min', sourceLabels: LABELS, ...extra } });
const text = (html: string) => html.replace(/<!--[^]*?-->/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('CoverageDetails', () => {
	it('CoverageDetails with travel times shows minutes, km and where each time comes from', () => {
		const { body } = inMinutes({ timeSources: { structure: 'matrix', cs: 'matrix', evs: 'matrix', pole: 'estimate' } });
		const t = text(body);
		expect(t).toContain('Centre social le plus proche 40 min (6 km), temps importé (matrice)');
		expect(t).toContain('EVS le plus proche 25 min (30 km), temps importé (matrice)');
		expect(t).toContain('Pôle d’activités le plus proche Bourg de A, à 1 min (0,4 km), temps estimé (distance × 1,3 à 50 km/h)');
		expect(body).toContain('data-time-source="matrix"');
	});

	it('CoverageDetails with road times reads « 23 min par la route (14,2 km à vol d’oiseau) », and beyond the cutoff', () => {
		const { body } = inMinutes({
			commune: { ...commune, nearestCsKm: 14.2, nearestCsMinutes: 23.2, nearestEvsMinutes: Infinity },
			timeSources: { structure: 'road', cs: 'road', evs: 'beyond', pole: 'road' }
		});
		const t = text(body);
		expect(t).toContain('Centre social le plus proche 23 min par la route (14,2 km à vol d’oiseau)');
		expect(t).toContain('EVS le plus proche au-delà de 30 min par la route (limite du calcul) (30 km à vol d’oiseau)');
		expect(body).toContain('data-time-source="road"');
	});

	it('CoverageDetails with km thresholds shows distances only', () => {
		const t = text(render(CoverageDetails, { props }).body);
		expect(t).toContain('Centre social le plus proche 6 km');
		expect(t).not.toContain('min');
		expect(t).not.toContain('temps');
	});
});
