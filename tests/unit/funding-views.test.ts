import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import { fundingByEpci, fundingFlows, fundingMatrix, structurePanel, totalOf, yearSeries } from '../../src/lib/funding/aggregate';
import { EMPTY_FILTERS, fundingFiltersToParams, matchesFundingFilters, NO_EPCI, parseFundingFilters } from '../../src/lib/funding/filters';
import { layoutSankey } from '../../src/lib/charts/sankey-layout';
import { layoutStackedBars } from '../../src/lib/charts/stack-layout';
import { layoutChoropleth } from '../../src/lib/charts/choropleth-layout';
import { partnerColours } from '../../src/lib/charts/colours';
import { sequential, series } from '../../src/lib/palette';
import SankeyChart from '../../src/lib/charts/SankeyChart.svelte';
import StackedBarChart from '../../src/lib/charts/StackedBarChart.svelte';
import { EPCIS, generateFacts, PARTNERS, sumCents } from './funding-fixtures';

const cents = (euros: number) => Math.round(euros * 100);

describe('funding views on generated facts', () => {
	for (const seed of [1, 2, 3, 42]) {
		it(`fundingMatrix = fundingFlows = yearSeries = structurePanel = the brute-force sum (seed ${seed})`, () => {
			const facts = generateFacts(seed);
			const expected = sumCents(facts);
			const matrix = fundingMatrix(facts);
			const flows = fundingFlows(facts, 'structure');
			const byEpci = fundingFlows(facts, 'epci');
			const bars = yearSeries(facts);
			expect(cents(totalOf(facts))).toBe(expected);
			expect(cents(matrix.grandTotal)).toBe(expected);
			expect(cents(flows.total)).toBe(expected);
			expect(cents(bars.total)).toBe(expected);
			// every Sankey column adds up to the grand total
			for (const graph of [flows, byEpci]) {
				for (const column of [0, 1, 2]) {
					expect(graph.nodes.filter((n) => n.column === column).reduce((s, n) => s + cents(n.value), 0)).toBe(expected);
				}
			}
			// partner totals: matrix column = Sankey partner node = sum of the partner's bars = brute force
			for (const p of matrix.partners) {
				const brute = sumCents(facts, (f) => f.partnerId === p.id);
				expect(cents(p.total)).toBe(brute);
				expect(cents(flows.nodes.find((n) => n.id === `p:${p.id}`)!.value)).toBe(brute);
				const row = bars.partners.findIndex((bp) => bp.id === p.id);
				expect(bars.values[row].reduce((s, v) => s + cents(v), 0)).toBe(brute);
			}
			// structure totals: matrix row = Sankey structure node = panel
			let panels = 0;
			for (const r of matrix.rows) {
				const brute = sumCents(facts, (f) => f.structureId === r.structureId);
				const panel = structurePanel(facts, r.structureId);
				expect(cents(r.total)).toBe(brute);
				expect(cents(flows.nodes.find((n) => n.id === `s:${r.structureId}`)!.value)).toBe(brute);
				expect(cents(panel.total)).toBe(brute);
				expect(panel.years.reduce((s, y) => s + y.lines.reduce((t, l) => t + cents(l.amount), 0), 0)).toBe(brute);
				expect(r.shares.reduce<number>((s, v) => s + (v ?? 0), 0)).toBeCloseTo(1, 9);
				panels += cents(panel.total);
			}
			expect(panels).toBe(expected);
			// year totals
			bars.years.forEach((year, i) => expect(cents(bars.yearTotals[i])).toBe(sumCents(facts, (f) => f.year === year)));
			// EPCI totals and the « outside » remainder
			const epci = fundingByEpci(facts, EPCIS);
			expect(epci.epcis.reduce((s, e) => s + cents(e.amount), 0) + cents(epci.outsideEpci)).toBe(expected);
			expect(cents(epci.outsideEpci)).toBe(sumCents(facts, (f) => f.epciSiren === null));
		});
	}

	it('layoutSankey(graph) keeps the node totals of fundingFlows and lays each column inside the box', () => {
		const facts = generateFacts(7);
		const graph = fundingFlows(facts);
		const layout = layoutSankey(graph, { width: 900, height: 600, colours: partnerColours(PARTNERS.map((p) => p.id)) });
		expect(layout.nodes).toHaveLength(graph.nodes.length);
		for (const n of layout.nodes) {
			expect(cents(n.value)).toBe(cents(graph.nodes.find((g) => g.id === n.id)!.value));
			expect(n.y0).toBeGreaterThanOrEqual(0);
			expect(n.y1).toBeLessThanOrEqual(600);
		}
		// columns stay in their order, left to right
		const x = [0, 1, 2].map((c) => layout.nodes.find((n) => n.column === c)!.x0);
		expect(x[0]).toBeLessThan(x[1]);
		expect(x[1]).toBeLessThan(x[2]);
		// the input graph is not mutated
		expect(Object.keys(graph.links[0]).sort()).toEqual(['source', 'target', 'value']);
		expect(layoutSankey({ nodes: [], links: [], total: 0 }, { width: 100, height: 100 }).nodes).toEqual([]);
	});

	it('layoutStackedBars(series) stacks each year up to its total, partners keep their palette colour', () => {
		const facts = generateFacts(9);
		const s = yearSeries(facts);
		const colours = partnerColours(PARTNERS.map((p) => p.id));
		const layout = layoutStackedBars(s, { width: 600, height: 300, colours });
		for (const [i, year] of s.years.entries()) {
			const segs = layout.segments.filter((g) => g.year === year);
			expect(segs.reduce((t, g) => t + cents(g.value), 0)).toBe(cents(s.yearTotals[i]));
			const top = Math.min(...segs.map((g) => g.y));
			const bottom = Math.max(...segs.map((g) => g.y + g.height));
			expect(bottom).toBeCloseTo(layout.plot.bottom, 6);
			expect(top).toBeGreaterThanOrEqual(layout.plot.top - 1e-6);
		}
		expect(new Set(layout.segments.map((g) => g.colour))).toEqual(new Set(s.partners.map((p) => colours[p.id])));
		expect(Object.values(colours).every((c) => (series as readonly string[]).includes(c))).toBe(true);
	});

	it('layoutChoropleth(areas) fits the outlines in the box and classes values on the sequential ramp', () => {
		const square = (x: number, y: number) => ({
			type: 'Polygon' as const,
			coordinates: [[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]]
		});
		const layout = layoutChoropleth(
			[
				{ key: 'a', name: 'A', geometry: square(-5, 45), value: 10 },
				{ key: 'b', name: 'B', geometry: square(-4, 45), value: 50 },
				{ key: 'c', name: 'C', geometry: square(-5, 46), value: null }
			],
			{ width: 400, height: 300 }
		);
		const coords = layout.paths.flatMap((p) => p.d.replace(/[MZ]/g, ' ').replace(/L/g, ' ').trim().split(/\s+/)).map((xy) => xy.split(',').map(Number));
		for (const [x, y] of coords) {
			expect(x).toBeGreaterThanOrEqual(0);
			expect(x).toBeLessThanOrEqual(400);
			expect(y).toBeGreaterThanOrEqual(0);
			expect(y).toBeLessThanOrEqual(300);
		}
		expect(layout.paths.map((p) => p.classIndex)).toEqual([1, 4, null]);
		expect(layout.legend.map((l) => l.colour)).toEqual([...sequential]);
		expect(layout.paths[0].colour).toBe(sequential[1]);
	});
});

describe('funding filters', () => {
	it('parseFundingFilters(params) reads the URL, ignores unreadable values and round-trips', () => {
		const params = new URLSearchParams('annee=2025&financeur=3&dispositif=x&type=EVS&epci=aucun&statut=verse&statut=notifie&structure=-2');
		const filters = parseFundingFilters(params);
		expect(filters).toEqual({ ...EMPTY_FILTERS, year: 2025, partnerId: 3, structureType: 'EVS', epci: NO_EPCI, statuses: ['verse', 'notifie'] });
		expect(parseFundingFilters(fundingFiltersToParams(filters))).toEqual(filters);
		// every status checked means no status filter
		expect(parseFundingFilters(new URLSearchParams('statut=verse&statut=notifie&statut=previsionnel')).statuses).toEqual([]);
	});

	it('matchesFundingFilters(fact, filters) narrows the views consistently', () => {
		const facts = generateFacts(11);
		const filters = { ...EMPTY_FILTERS, year: 2024, statuses: ['verse' as const] };
		const kept = facts.filter((f) => matchesFundingFilters(f, filters));
		expect(kept.length).toBeGreaterThan(0);
		expect(kept.every((f) => f.year === 2024 && f.status === 'verse')).toBe(true);
		expect(cents(fundingMatrix(kept).grandTotal)).toBe(sumCents(facts, (f) => f.year === 2024 && f.status === 'verse'));
	});
});

describe('chart components rendered on the server', () => {
	it('SankeyChart draws one node per graph node with its total, an accessible title and description', () => {
		const facts = generateFacts(5, 60);
		const graph = fundingFlows(facts);
		const { body } = render(SankeyChart, {
			props: { graph, colours: partnerColours(PARTNERS.map((p) => p.id)), title: 'Flux', description: 'Des financeurs aux structures', format: (v: number) => `${v} €` }
		});
		const values = [...body.matchAll(/data-node-id="([^"]+)" data-value="([^"]+)"/g)].map((m) => [m[1], Number(m[2])]);
		expect(values).toHaveLength(graph.nodes.length);
		for (const [id, value] of values) expect(value).toBe(graph.nodes.find((n) => n.id === id)!.value);
		expect(body).toMatch(/role="img"/);
		expect(body).toMatch(/<title[^>]*>Flux<\/title>/);
		expect(body).toMatch(/<desc[^>]*>Des financeurs aux structures<\/desc>/);
	});

	it('StackedBarChart draws every non-zero partner-year segment with its value', () => {
		const facts = generateFacts(6, 80);
		const s = yearSeries(facts);
		const { body } = render(StackedBarChart, {
			props: { series: s, colours: partnerColours(PARTNERS.map((p) => p.id)), title: 'Barres', description: 'Par année', format: String, formatTick: String }
		});
		const drawn = [...body.matchAll(/data-partner-id="(\d+)" data-year="(\d+)" data-value="([^"]+)"/g)];
		const nonZero = s.values.flat().filter((v) => v > 0).length;
		expect(drawn).toHaveLength(nonZero);
		expect(drawn.reduce((t, m) => t + cents(Number(m[3])), 0)).toBe(cents(s.total));
	});
});
