import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import { layoutTimeline } from '../../src/lib/pilotage/timeline-layout';
import { escapeXml, layoutMapSvg, mapSvgDocument } from '../../src/lib/pilotage/map-svg';
import { summarizeTerritory } from '../../src/lib/pilotage/territory-summary';
import AgrementTimeline from '../../src/lib/pilotage/components/AgrementTimeline.svelte';
import TrafficLight from '../../src/lib/pilotage/components/TrafficLight.svelte';

const rows = [
	{ key: '1', label: 'Centre social A' },
	{ key: '2', label: 'EVS B' }
];
const bars = [
	{ id: 10, row: '1', start: '2024-01-01', end: '2024-12-31', kind: 'animation_globale', status: 'accorde', label: 'AGC 2024' },
	{ id: 11, row: '1', start: '2024-01-01', end: '2024-12-31', kind: 'animation_collective_familles', status: 'refuse', label: 'ACF 2024' },
	{ id: 12, row: '2', start: '2019-01-01', end: '2025-06-30', kind: 'animation_locale', status: 'en_instruction', label: 'AL', href: '/agrements/12' },
	{ id: 13, row: '9', start: '2024-01-01', end: '2024-12-31', kind: 'animation_locale', status: 'accorde', label: 'ignorée' }
];

describe('layoutTimeline(rows, bars, today, options)', () => {
	const layout = layoutTimeline(rows, bars, '2024-07-01', { width: 1100, labelWidth: 100, domain: { start: '2023-01-01', end: '2025-12-31' } });
	it('maps a whole year to a third of the plot for a three-year domain, ending the day after the last day', () => {
		const agc = layout.bars.find((b) => b.id === 10)!;
		expect(agc.x).toBeCloseTo(100 + (365 / 1096) * 1000, 6);
		expect(agc.width).toBeCloseTo((366 / 1096) * 1000, 6);
	});
	it('stacks two kinds of one row in two lanes and clips a bar that starts before the domain', () => {
		const [agc, acf] = [layout.bars.find((b) => b.id === 10)!, layout.bars.find((b) => b.id === 11)!];
		expect(acf.y).toBeCloseTo(agc.y + agc.height + 1, 6);
		const al = layout.bars.find((b) => b.id === 12)!;
		expect(al).toMatchObject({ x: 100, clippedStart: true, clippedEnd: false });
	});
	it('ignores bars of unknown rows, ticks each 1 January and places today', () => {
		expect(layout.bars.map((b) => b.id).sort()).toEqual([10, 11, 12]);
		expect(layout.ticks.map((t) => t.year)).toEqual([2023, 2024, 2025]);
		expect(layout.todayX).toBeCloseTo(100 + (547 / 1096) * 1000, 6);
	});
});

describe('AgrementTimeline.svelte', () => {
	it('renders a labelled SVG group with its title, one rect per bar, a link for bars with one, and a legend in words', () => {
		const { body } = render(AgrementTimeline, {
			props: { rows, bars, today: '2024-07-01', title: 'Calendrier', description: 'Même données en tableau.', domain: { start: '2023-01-01', end: '2025-12-31' } }
		});
		expect(body).toMatch(/<svg[^>]*role="group"/);
		expect(body).toContain('<title');
		expect((body.match(/<rect[^>]*rx="2"/g) ?? []).length).toBe(3);
		expect(body).toContain('href="/agrements/12"');
		expect(body).toContain('hachuré : refusé');
		expect(body).toContain('aujourd’hui');
	});
	it('TrafficLight says its state in words', () => {
		expect(render(TrafficLight, { props: { light: 'rouge' } }).body).toContain('En retard sur la cible');
	});
});

describe('layoutMapSvg(communes, epcis, structures, options)', () => {
	const square = (x0: number, y0: number) => ({
		type: 'Polygon' as const,
		coordinates: [[[x0, y0], [x0 + 1, y0], [x0 + 1, y0 + 1], [x0, y0 + 1], [x0, y0]]]
	});
	it('fits the territory in the box at the equator, north up, and places the markers', () => {
		const layout = layoutMapSvg(
			[
				{ code: 'A', name: 'A', geometry: square(0, 0), category: 'couverte' },
				{ code: 'B', name: 'B', geometry: square(1, 0), category: 'depourvue' },
				{ code: 'C', name: 'C', geometry: null, category: null }
			],
			[],
			[{ id: 1, type: 'CS', lon: 2, lat: 1, name: 'S' }, { id: 2, type: 'EVS', lon: 40, lat: 1, name: 'loin' }],
			{ width: 210, height: 210, padding: 5 }
		);
		expect(layout.width).toBe(210);
		expect(layout.height).toBe(110);
		expect(layout.communes.map((c) => c.code)).toEqual(['A', 'B']);
		expect(layout.communes[0].d).toBe('M5,105L105,105L105,5L5,5Z');
		expect(layout.structures).toEqual([{ id: 1, type: 'CS', name: 'S', x: 205, y: 5 }]);
	});
	it('mapSvgDocument(layout, style) writes a standalone SVG with fills by category and escaped text', () => {
		const layout = layoutMapSvg([{ code: 'A', name: 'A', geometry: square(0, 45), category: 'depourvue' }], [], [{ id: 1, type: 'EVS', lon: 0.5, lat: 45.5, name: 'x' }]);
		const svg = mapSvgDocument(layout, { fills: { depourvue: '#d55e00' }, fallback: '#eee', communeStroke: '#fff', epciStroke: '#000', cs: '#00f', evs: '#f00', paper: '#fff', title: 'A & B' });
		expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
		expect(svg).toContain('fill="#d55e00"');
		expect(svg).toContain('<title>A &amp; B</title>');
		expect(svg).toContain('stroke="#f00"');
		expect(escapeXml('<"\'>')).toBe('&lt;&quot;&apos;&gt;');
	});
});

describe('summarizeTerritory(communes)', () => {
	it('adds inhabitants and communes per category and the covered share', () => {
		const s = summarizeTerritory([
			{ population: 100, covered: true, category: 'couverte' },
			{ population: 50, covered: false, category: 'depourvue' },
			{ population: 50, covered: true, category: 'isolee' }
		]);
		expect(s).toMatchObject({ communes: 3, population: 200, populationCovered: 150, shareCovered: 0.75 });
		expect(s.categories.depourvue).toEqual({ communes: 1, population: 50 });
		expect(summarizeTerritory([]).shareCovered).toBeNull();
	});
});

import { decisionFilter, decisionsGroup } from '../../src/lib/map/layers/decisions';
import { ui } from '../../src/lib/palette';

describe('decisionsGroup(codes)', () => {
	it('outlines the communes named by decisions over the communes source, with a legend in words', () => {
		const group = decisionsGroup(['00002', '00001', '00002']);
		expect(group).toMatchObject({ key: 'decisions', source: 'communes', interactive: false, legend: { description: 'contour épais en tirets orange' } });
		expect(group.layers[0]).toMatchObject({ type: 'line', paint: { 'line-color': ui.accent } });
		expect(decisionFilter(['00002', '00001', '00002'])).toEqual(['in', ['get', 'code'], ['literal', ['00001', '00002']]]);
	});
});
