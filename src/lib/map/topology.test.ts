import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { generateDemoDepartement } from '$lib/demo';
import { simplifyForDisplay } from '$lib/analysis/simplify';
import type { CommuneProperties, QpvProperties } from './map-data';
import { communeNeighbours, decodeMapGeometry, encodeMapGeometry, MAP_GRID_M, quantizationFor, type MapGeometryInput } from './topology';
import { computeBounds } from './to-geojson';

type Polygonal = Polygon | MultiPolygon;

const demo = generateDemoDepartement();

function demoInput(options: { epciOutlines: boolean }): MapGeometryInput {
	const epciName = new Map(demo.epcis.map((e) => [e.siren, e.name]));
	return {
		communes: demo.communes.map((c) => ({
			type: 'Feature',
			geometry: c.displayGeometry,
			properties: { code: c.code, name: c.name, population: c.population, epciSiren: c.epciSiren, epciName: epciName.get(c.epciSiren) ?? null }
		})),
		epcis: demo.epcis.map((e) => ({ siren: e.siren, name: e.name, geometry: options.epciOutlines ? e.displayGeometry : null })),
		qpvs: demo.zones.map((z) => ({ type: 'Feature', geometry: z.geometry, properties: { code: z.code, name: z.name, population: z.population } }))
	};
}

function positions(g: Polygonal): Position[] {
	return (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).flat(2);
}

/** Largest distance (m) from a vertex of `a` to the nearest vertex of `b` (small cells: a fair proxy of the shift). */
function maxShiftM(a: Polygonal, b: Polygonal): number {
	const pb = positions(b);
	let worst = 0;
	for (const [x, y] of positions(a)) {
		let best = Infinity;
		for (const [u, v] of pb) best = Math.min(best, Math.hypot((x - u) * 111_320 * Math.cos((y * Math.PI) / 180), (y - v) * 111_320));
		worst = Math.max(worst, best);
	}
	return worst;
}

describe('map topology', () => {
	it('round-trips the demo communes, EPCI and QPV with their properties, within the grid', () => {
		const input = demoInput({ epciOutlines: true });
		const decoded = decodeMapGeometry(JSON.parse(JSON.stringify(encodeMapGeometry(input))));
		expect(decoded.communes.features).toHaveLength(demo.communes.length);
		expect(decoded.epcis.features.map((f) => f.properties)).toEqual(demo.epcis.map((e) => ({ siren: e.siren, name: e.name })));
		expect(decoded.qpvs.features.map((f) => f.properties.code)).toEqual(demo.zones.map((z) => z.code));
		decoded.communes.features.forEach((f, i) => {
			expect(f.properties).toEqual(input.communes[i].properties);
			expect(f.id).toBe(input.communes[i].properties.code);
			expect(maxShiftM(f.geometry, input.communes[i].geometry)).toBeLessThan(MAP_GRID_M);
		});
		const qpv = decoded.qpvs.features[0];
		expect(qpv.properties satisfies QpvProperties).toEqual({ code: demo.zones[0].code, name: demo.zones[0].name, population: demo.zones[0].population });
	});

	it('draws an EPCI without a stored outline as the union of its communes', () => {
		const decoded = decodeMapGeometry(encodeMapGeometry(demoInput({ epciOutlines: false })));
		expect(decoded.epcis.features.map((f) => f.properties.siren).sort()).toEqual(demo.epcis.map((e) => e.siren).sort());
		for (const e of demo.epcis) {
			const merged = decoded.epcis.features.find((f) => f.properties.siren === e.siren)!;
			const expected = computeBounds([e.geometry])!;
			computeBounds([merged.geometry])!.forEach((v, k) => expect(Math.abs(v - expected[k])).toBeLessThan(1e-3));
			// Names are restored on the communes from their EPCI.
			const member = decoded.communes.features.find((f) => f.properties.epciSiren === e.siren)!;
			expect(member.properties.epciName).toBe(e.name);
		}
	});

	it('finds the neighbours the generator made (shared border segments)', () => {
		const neighbours = communeNeighbours(encodeMapGeometry(demoInput({ epciOutlines: true })));
		for (const c of demo.communes) expect(neighbours.get(c.code), c.code).toEqual([...c.neighbours].sort());
	});

	it('sizes the grid from the extent (5 m steps over a département, bounded)', () => {
		expect(quantizationFor([2.0, 50.0, 4.2, 51.1])).toBeGreaterThan(25_000);
		expect(quantizationFor([2.0, 50.0, 4.2, 51.1])).toBeLessThan(40_000);
		expect(quantizationFor(null)).toBe(1000);
		expect(quantizationFor([0, 0, 1e-6, 1e-6])).toBe(1000);
	});

	const nord = resolve(import.meta.dirname, '../../../../shared/data/communes-2023-59-nord.geojson');
	it.skipIf(!existsSync(nord))('keeps the Nord communes’ topology: every commune drawn, sizes well under the raw file', () => {
		const fc = JSON.parse(readFileSync(nord, 'utf8')) as FeatureCollection<Polygonal, { nom: string }>;
		const display = simplifyForDisplay(fc.features.map((f) => f.geometry));
		const communes: Feature<Polygonal, CommuneProperties>[] = fc.features.map((f, i) => ({
			type: 'Feature',
			geometry: display[i]!,
			properties: { code: String(f.id), name: f.properties.nom, population: 1000, epciSiren: null, epciName: null }
		}));
		const body = JSON.stringify(encodeMapGeometry({ communes, epcis: [], qpvs: [] }));
		const decoded = decodeMapGeometry(JSON.parse(body));
		expect(decoded.communes.features).toHaveLength(648);
		expect(body.length).toBeLessThan(readFileSync(nord).length / 2.5);
		const neighbours = communeNeighbours(JSON.parse(body));
		// Lille (59350) borders a dozen communes.
		expect(neighbours.get('59350')!.length).toBeGreaterThan(8);
		for (const [code, list] of neighbours) for (const other of list) expect(neighbours.get(other), `${code}–${other}`).toContain(code);
	});
	if (!existsSync(nord)) console.warn('[topology.test] ../shared/data/communes-2023-59-nord.geojson absent : cas réel ignoré (le cas généré tourne).');
});
