import { describe, expect, it } from 'vitest';
import { area, booleanPointInPolygon, feature, intersect, featureCollection, kinks, bbox } from '@turf/turf';
import type { Polygon } from 'geojson';
import { generateDemoDepartement } from './index';
import { sortKey } from './names';
import { ringEdgeKeys } from '../../../tests/helpers/ring-edges';

const demo = generateDemoDepartement();

describe('generateDemoDepartement()', () => {
	it('is deterministic: the same seed and date give deep-equal output', () => {
		expect(generateDemoDepartement({ seed: 2012, referenceDate: '2026-06-30' })).toStrictEqual(demo);
	});

	it('generateDemoDepartement({ seed: 7 }) gives another territory', () => {
		const other = generateDemoDepartement({ seed: 7 });
		expect(other.communes).toHaveLength(300);
		expect(other.communes[0].geometry).not.toStrictEqual(demo.communes[0].geometry);
	});

	it('keeps its invariants for other seeds and reference dates', () => {
		for (const [seed, referenceDate] of [[1, '2025-11-27'], [2, '2026-01-15'], [3, '2027-09-30']] as const) {
			const d = generateDemoDepartement({ seed, referenceDate });
			expect(d.communes).toHaveLength(300);
			expect(d.departement.outline.type).toBe('Polygon');
			for (const c of d.communes) {
				expect(kinks(c.geometry).features).toHaveLength(0);
				expect(booleanPointInPolygon(c.refPoint, c.geometry)).toBe(true);
			}
			expect(d.epcis.reduce((n, e) => n + e.communeCodes.length, 0)).toBe(300);
			expect(d.anomalies.psMismatches).toHaveLength(2);
			const vacant = d.staffPosts.filter((p) => p.kind === 'directeur' && p.vacantFrom !== null && p.vacantUntil === null);
			expect(vacant).toHaveLength(1);
			expect(vacant[0].vacantFrom! < referenceDate).toBe(true);
			expect(d.fundingLines.filter((l) => l.status === 'notifie').every((l) => l.year === Number(referenceDate.slice(0, 4)))).toBe(true);
		}
	});

	it('rejects an invalid reference date', () => {
		expect(() => generateDemoDepartement({ referenceDate: '2026-02-30' })).toThrow('invalid ISO date');
	});

	it('describes the fictional département 00 in the Atlantic Ocean', () => {
		expect(demo.departement.code).toBe('00');
		expect(demo.departement.name).toBe('Département fictif de démonstration');
		const [w, s, e, n] = bbox(demo.departement.outline);
		expect(w).toBeGreaterThanOrEqual(-6.5);
		expect(e).toBeLessThanOrEqual(-4);
		expect(s).toBeGreaterThanOrEqual(45);
		expect(n).toBeLessThanOrEqual(46.8);
	});
});

describe('demo communes', () => {
	it('are 300, coded 00001…00300 as strings in alphabetical order of unique names', () => {
		expect(demo.communes.map((c) => c.code)).toEqual(
			Array.from({ length: 300 }, (_, i) => String(i + 1).padStart(5, '0'))
		);
		const keys = demo.communes.map((c) => sortKey(c.name));
		expect([...keys].sort()).toEqual(keys);
		expect(new Set(demo.communes.map((c) => c.name)).size).toBe(300);
	});

	it('have valid polygons: closed counter-clockwise rings of finite WGS84 coordinates without self-intersection', () => {
		for (const c of demo.communes) {
			const ring = c.geometry.coordinates[0];
			expect(c.geometry.coordinates).toHaveLength(1);
			expect(ring.length).toBeGreaterThanOrEqual(4);
			expect(ring[0]).toEqual(ring.at(-1));
			for (const [lng, lat] of ring) {
				expect(Number.isFinite(lng) && Number.isFinite(lat)).toBe(true);
				expect(lng).toBeGreaterThan(-6.5);
				expect(lng).toBeLessThan(-4);
				expect(lat).toBeGreaterThan(45);
				expect(lat).toBeLessThan(46.8);
			}
			expect(kinks(c.geometry).features, c.code).toHaveLength(0);
			expect(c.displayGeometry).toStrictEqual(c.geometry);
		}
	});

	it('tile the outline: the areas add up to the outline area', () => {
		const sum = demo.communes.reduce((s, c) => s + c.areaKm2, 0);
		expect(Math.abs(sum - demo.departement.areaKm2) / demo.departement.areaKm2).toBeLessThan(1e-4);
		expect(demo.departement.outline.type).toBe('Polygon');
		expect(demo.departement.areaKm2).toBeGreaterThan(3000);
		expect(demo.departement.areaKm2).toBeLessThan(9000);
	});

	it('do not overlap: neighbouring polygons intersect along their border only', () => {
		const boxes = demo.communes.map((c) => bbox(c.geometry));
		let checked = 0;
		for (let i = 0; i < demo.communes.length; i++) {
			for (let j = i + 1; j < demo.communes.length; j++) {
				const [a, b] = [boxes[i], boxes[j]];
				if (a[0] > b[2] || b[0] > a[2] || a[1] > b[3] || b[1] > a[3]) continue;
				const overlap = intersect(featureCollection([feature(demo.communes[i].geometry), feature(demo.communes[j].geometry)]));
				const m2 = overlap ? area(overlap) : 0;
				expect(m2, `${demo.communes[i].code} × ${demo.communes[j].code}`).toBeLessThan(1);
				checked++;
			}
		}
		expect(checked).toBeGreaterThan(600);
	});

	it('list as neighbours exactly the communes they share a border edge with', () => {
		const owners = new Map<string, string[]>();
		for (const c of demo.communes) {
			for (const key of ringEdgeKeys(c.geometry.coordinates[0])) owners.set(key, [...(owners.get(key) ?? []), c.code]);
		}
		const expected = new Map(demo.communes.map((c) => [c.code, new Set<string>()]));
		for (const codes of owners.values()) {
			expect(codes.length).toBeLessThanOrEqual(2);
			if (codes.length === 2) {
				expected.get(codes[0])!.add(codes[1]);
				expected.get(codes[1])!.add(codes[0]);
			}
		}
		for (const c of demo.communes) expect(c.neighbours, c.code).toEqual([...expected.get(c.code)!].sort());
	});

	it('have their reference point (area-weighted centroid) inside their polygon', () => {
		for (const c of demo.communes) expect(booleanPointInPolygon(c.refPoint, c.geometry), c.code).toBe(true);
	});

	it('carry their area in km²', () => {
		for (const c of demo.communes) expect(c.areaKm2).toBeCloseTo(area(c.geometry) / 1e6, 2);
	});

	it('have a skewed population: one préfecture of 50–70k, towns of 8–25k, a median village', () => {
		const pops = demo.communes.map((c) => c.population).sort((a, b) => a - b);
		const total = pops.reduce((a, b) => a + b, 0);
		const median = pops[150];
		expect(total).toBeGreaterThanOrEqual(350000);
		expect(total).toBeLessThanOrEqual(450000);
		expect(pops.at(-1)!).toBeGreaterThan(20 * median);
		expect(pops.at(-1)!).toBeGreaterThanOrEqual(50000);
		expect(pops.at(-1)!).toBeLessThanOrEqual(70000);
		expect(pops.filter((p) => p >= 8000 && p <= 25000).length).toBeGreaterThanOrEqual(4);
		expect(median).toBeGreaterThanOrEqual(100);
		expect(median).toBeLessThanOrEqual(2000);
		const urban = demo.communes.filter((c) => c.urban).length;
		expect(urban).toBeGreaterThan(5);
		expect(urban).toBeLessThan(100);
	});
});

describe('demo indicators', () => {
	it('give the 5 indicators for every commune for 2 years, consistent with population', () => {
		const years = [...new Set(demo.indicators.map((i) => i.year))].sort();
		expect(years).toEqual([2023, 2024]);
		const communeRows = demo.indicators.filter((i) => i.territoryKind === 'commune');
		expect(communeRows).toHaveLength(300 * 2 * 5);
		const get = (code: string, year: number, key: string) =>
			communeRows.find((i) => i.territoryCode === code && i.year === year && i.key === key)!.value;
		for (const c of demo.communes) {
			for (const year of years) {
				const familles = get(c.code, year, 'familles');
				const allocataires = get(c.code, year, 'allocataires');
				expect(familles).toBeLessThan(c.population);
				expect(allocataires).toBeLessThan(c.population);
				expect(get(c.code, year, 'allocataires_bas_revenus')).toBeLessThanOrEqual(allocataires);
				expect(get(c.code, year, 'familles_monoparentales')).toBeLessThanOrEqual(familles);
				const rate = get(c.code, year, 'taux_pauvrete');
				expect(rate).toBeGreaterThan(5);
				expect(rate).toBeLessThan(30);
			}
		}
	});

	it('give département totals summed before rounding', () => {
		const dep = demo.indicators.filter((i) => i.territoryKind === 'departement' && i.year === 2023 && i.key === 'familles');
		expect(dep).toHaveLength(1);
		const sum = demo.indicators
			.filter((i) => i.territoryKind === 'commune' && i.year === 2023 && i.key === 'familles')
			.reduce((s, i) => s + i.value, 0);
		expect(Math.abs(dep[0].value - sum)).toBeLessThanOrEqual(150);
	});
});
