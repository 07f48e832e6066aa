import { describe, expect, it } from 'vitest';
import { area, booleanPointInPolygon, booleanWithin, feature, point } from '@turf/turf';
import { generateDemoDepartement } from './index';
import { isLuhnValid } from './identifiers';

const demo = generateDemoDepartement();
const byCode = new Map(demo.communes.map((c) => [c.code, c]));

describe('demo EPCI', () => {
	it('are 5 with fictional Luhn-valid SIREN 2000000xx and French names', () => {
		expect(demo.epcis).toHaveLength(5);
		for (const e of demo.epcis) {
			expect(e.siren).toMatch(/^2000000\d\d$/);
			expect(isLuhnValid(e.siren)).toBe(true);
			expect(e.name).toMatch(/^(CA d|CC d)/);
		}
		expect(demo.epcis.filter((e) => e.nature === 'CA')).toHaveLength(1);
	});

	it('partition the communes: every commune in exactly one EPCI, matching its epciSiren', () => {
		const seen = new Map<string, string>();
		for (const e of demo.epcis) {
			for (const code of e.communeCodes) {
				expect(seen.has(code), code).toBe(false);
				seen.set(code, e.siren);
			}
		}
		expect(seen.size).toBe(300);
		for (const c of demo.communes) expect(c.epciSiren).toBe(seen.get(c.code));
	});

	it('are contiguous over shared borders', () => {
		for (const e of demo.epcis) {
			const members = new Set(e.communeCodes);
			const reached = new Set([e.communeCodes[0]]);
			const queue = [e.communeCodes[0]];
			while (queue.length) {
				for (const n of byCode.get(queue.pop()!)!.neighbours) {
					if (members.has(n) && !reached.has(n)) {
						reached.add(n);
						queue.push(n);
					}
				}
			}
			expect(reached.size, e.name).toBe(members.size);
		}
	});

	it('are outlined by the union of their communes', () => {
		for (const e of demo.epcis) {
			const sum = e.communeCodes.reduce((s, code) => s + area(byCode.get(code)!.geometry), 0);
			expect(Math.abs(area(e.geometry) - sum) / sum).toBeLessThan(1e-4);
			for (const code of e.communeCodes.slice(0, 10)) {
				expect(booleanPointInPolygon(byCode.get(code)!.refPoint, e.geometry)).toBe(true);
			}
		}
	});
});

describe('demo QPV', () => {
	it('are 3 small polygons inside the 2 largest towns, with plausible populations', () => {
		expect(demo.zones).toHaveLength(3);
		const largest = [...demo.communes].sort((a, b) => b.population - a.population).slice(0, 3).map((c) => c.code);
		for (const z of demo.zones) {
			expect(z.code).toMatch(/^QN0000\d[A-Z]$/);
			expect(z.name).toMatch(/^Quartier /);
			expect(z.population).toBeGreaterThanOrEqual(1000);
			expect(z.population).toBeLessThanOrEqual(6000);
			expect(z.communeCodes).toHaveLength(1);
			const commune = byCode.get(z.communeCodes[0])!;
			expect(largest).toContain(commune.code);
			expect(z.population).toBeLessThan(commune.population);
			expect(booleanWithin(feature(z.geometry), feature(commune.geometry))).toBe(true);
			expect(booleanPointInPolygon(point(z.refPoint), z.geometry)).toBe(true);
			expect(area(z.geometry) / 1e6).toBeLessThan(5);
		}
		const [a, b] = demo.zones;
		expect(booleanWithin(point(a.refPoint), feature(b.geometry))).toBe(false);
	});
});

describe('demo activity poles', () => {
	it('are 5–8 of the three types, located at their commune', () => {
		expect(demo.activityPoles.length).toBeGreaterThanOrEqual(5);
		expect(demo.activityPoles.length).toBeLessThanOrEqual(8);
		expect(new Set(demo.activityPoles.map((p) => p.type))).toEqual(
			new Set(['pôle majeur', 'pôle intermédiaire', 'pôle de proximité'])
		);
		for (const p of demo.activityPoles) {
			expect(booleanPointInPolygon(p.point, byCode.get(p.communeCode)!.geometry)).toBe(true);
		}
		const prefecture = [...demo.communes].sort((a, b) => b.population - a.population)[0];
		expect(demo.activityPoles.find((p) => p.type === 'pôle majeur')!.communeCode).toBe(prefecture.code);
	});
});
