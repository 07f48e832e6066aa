/**
 * The comparison table and its CSV cells, and the pure shaping behind the scenario maps (structure
 * points by status, the radius circle, small multiple SVG paths).
 */
import { describe, expect, it } from 'vitest';
import { buildCoverageContext, haversineKm } from '../../src/lib/analysis';
import { projectPoint, smallMultipleShape } from '../../src/lib/map/small-multiple';
import { radiusCollection, scenarioStructureCollection } from '../../src/lib/map/scenario-geojson';
import { comparisonRows, comparisonTable, createScenarioBase, evaluateScenario, formatShare, formatSigned } from '../../src/lib/planning';
import { toCsv } from '../../src/lib/io/csv-writer';
import { randomInput } from '../bench/coverage-random';

describe('comparisonRows(columns) / comparisonTable(columns)', () => {
	const input = randomInput(31);
	const context = buildCoverageContext(input, { date: '2025-06-01' });
	const base = createScenarioBase(context, input.structures);
	const c = input.communes[0];
	const added = evaluateScenario(base, [{ kind: 'add', key: 'n1', type: 'CS', name: 'Nouveau CS', lon: c.lon, lat: c.lat, communeCode: c.code, zoneCommunes: null }]);
	const columns = [
		{ label: 'Situation actuelle', figures: base.current.figures },
		{ label: 'Un CS de plus', figures: added.figures }
	];

	it('comparisonRows gives each figure per column and the difference to the first', () => {
		const rows = comparisonRows(columns);
		const cs = rows.find((r) => r.key === 'structures_cs')!;
		expect(cs.values).toEqual([base.current.figures.structures.cs, base.current.figures.structures.cs + 1]);
		expect(cs.deltas).toEqual([null, 1]);
		const covered = rows.find((r) => r.key === 'covered_population')!;
		expect(covered.deltas[1]).toBe(added.figures.covered.population - base.current.figures.covered.population);
		expect(covered.deltas[1]).toBeGreaterThanOrEqual(0);
	});

	it('comparisonTable writes French headers, percentages in % and one difference column per scenario', () => {
		const { headers, rows } = comparisonTable(columns);
		expect(headers).toEqual(['Indicateur', 'Unité', 'Situation actuelle', 'Un CS de plus', 'Écart : Un CS de plus']);
		const share = rows.find((r) => r[0] === 'Part de la population couverte')!;
		expect(share[1]).toBe('%');
		expect(share[2]).toBe(Math.round(base.current.figures.shareCovered! * 10_000) / 100);
		const csv = toCsv(headers, rows);
		expect(csv.startsWith('\ufeffIndicateur;Unité;Situation actuelle;Un CS de plus;Écart : Un CS de plus\r\n')).toBe(true);
		expect(csv).toContain(`Centres sociaux;structures;${base.current.figures.structures.cs};${base.current.figures.structures.cs + 1};1\r\n`);
	});

	it('formatSigned / formatShare print signed French numbers and shares with one decimal', () => {
		expect(formatSigned(1250)).toBe('+1\u202f250');
		expect(formatSigned(-3)).toBe('−3');
		expect(formatSigned(0.0049, 2)).toBe('0,00');
		expect(formatSigned(0.021, 2)).toBe('+0,02');
		expect(formatShare(0.74)).toBe('74,0\u202f%');
		expect(formatShare(null)).toBe('—');
	});
});

describe('scenario map shaping', () => {
	it('scenarioStructureCollection(structures, selected) keeps ids and statuses, the selected one drawn last', () => {
		const fc = scenarioStructureCollection(
			[
				{ id: '1', name: 'A', type: 'CS', lon: 0, lat: 46, status: 'existing' },
				{ id: 'n1', name: 'B', type: 'EVS', lon: 0.1, lat: 46, status: 'added' },
				{ id: '2', name: 'C', type: 'EVS', lon: 0.2, lat: 46, status: 'closed' }
			],
			'1'
		);
		expect(fc.features.map((f) => [f.id, f.properties.status, f.properties.selected])).toEqual([
			['n1', 'added', false],
			['2', 'closed', false],
			['1', 'existing', true]
		]);
	});

	it('radiusCollection(structure, radii) draws the radius of the type as a geodesic circle', () => {
		const fc = radiusCollection({ lon: 0.3, lat: 46.5, type: 'EVS' }, { CS: 8, EVS: 5 });
		const ring = fc.features[0].geometry.coordinates[0];
		for (const [lon, lat] of ring) expect(haversineKm(0.3, 46.5, lon, lat)).toBeCloseTo(5, 3);
		expect(radiusCollection(null, { CS: 8, EVS: 5 }).features).toEqual([]);
		expect(radiusCollection({ lon: 0, lat: 0, type: 'CS' }, { CS: 0, EVS: 5 }).features).toEqual([]);
	});

	it('smallMultipleShape(communes, width) fits the outlines to the width, north up, with points placed by projectPoint', () => {
		const square = (x: number, y: number) => ({
			type: 'Polygon' as const,
			coordinates: [
				[
					[x, y],
					[x + 1, y],
					[x + 1, y + 1],
					[x, y + 1],
					[x, y]
				]
			]
		});
		const shape = smallMultipleShape(
			[
				{ code: 'A', geometry: square(0, 45) },
				{ code: 'B', geometry: square(1, 45) },
				{ code: 'C', geometry: null }
			],
			204,
			2
		);
		expect(shape.paths.map((p) => p.code)).toEqual(['A', 'B']);
		const k = Math.cos((45.5 * Math.PI) / 180);
		expect(shape.height).toBe(Math.round((1 / (2 * k)) * 200 + 4));
		expect(shape.paths[0].d.startsWith('M2.0,')).toBe(true);
		const nw = projectPoint(shape, 0, 46);
		expect(nw).toEqual({ x: 2, y: 2 });
		const se = projectPoint(shape, 2, 45);
		expect(se.x).toBeCloseTo(202, 9);
	});
});
