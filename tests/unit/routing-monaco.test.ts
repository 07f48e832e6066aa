/**
 * The real OpenStreetMap extract of Monaco (`../shared/data/osm-monaco.osm.pbf`, ODbL): read, graph
 * built, counts checked, and a few routes checked by hand. Skipped with a message when the shared
 * data folder is absent; every behaviour is also covered on generated networks
 * (`routing-oracle.test.ts`, `routing-formats.test.ts`).
 */
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { haversineKm } from '$lib/analysis/distance';
import { buildRoadGraph, segmentTenths, type RoadGraph } from '$lib/routing/graph';
import { fastestSpeedKmh } from '$lib/routing/road-profile';
import { snapIndex, snapPoints } from '$lib/routing/snap';
import { nearestTimes, travelTimePairs } from '$lib/routing/times';
import { readRoadNetwork, type RoadNetworkRead } from '../../src/lib/server/routing/read-osm';
import { extractDateOf } from '../../src/lib/server/routing/compute';
import { TEST_PROFILE } from './routing-fixtures';

const FILE = new URL('../../../shared/data/osm-monaco.osm.pbf', import.meta.url).pathname;
const present = existsSync(FILE);
if (!present) console.warn(`[tests] ${FILE} absent : les tests sur l’extrait réel de Monaco sont ignorés.`);

const PLACES = {
	palais: { lon: 7.4203, lat: 43.7312 }, // Palais princier, Monaco-Ville
	casino: { lon: 7.4282, lat: 43.7395 }, // Casino de Monte-Carlo
	gare: { lon: 7.4197, lat: 43.7384 }, // Gare de Monaco
	stade: { lon: 7.4158, lat: 43.7276 }, // Stade Louis-II, Fontvieille
	larvotto: { lon: 7.4357, lat: 43.746 } // Plage du Larvotto
};

describe.skipIf(!present)('the OpenStreetMap extract of Monaco', () => {
	let read: RoadNetworkRead;
	let graph: RoadGraph;
	beforeAll(async () => {
		read = await readRoadNetwork(FILE, TEST_PROFILE, null);
		graph = buildRoadGraph(read.ways, read.coords);
	});

	it('has the expected entities, drivable ways, nodes and strongly connected components', () => {
		expect(read.format).toBe('pbf');
		expect(read.counts).toEqual({ nodes: 180_118, ways: 27_377, relations: 212 });
		expect(read.ways.counts).toEqual({ ways: 27_377, highway: 2_927, drivable: 1_700, excluded: { not_drivable: 1_165, access: 60, construction: 0, reversible: 0 } });
		expect(graph.stats).toEqual({
			nodes: 15_695,
			vertices: 2_264,
			chains: 2_725,
			components: 112,
			largestComponent: 2_074,
			verticesKept: 2_074,
			chainsKept: 2_521,
			edges: 4_021,
			nodesKept: 14_343
		});
		expect(extractDateOf(read.header)).toBe('2016-03-05');
	});

	it('drives a one-way street (way 4224972, residential) forward in its own time, backward only by a detour', () => {
		const w = Array.from(read.ways.wayIds).indexOf(4_224_972);
		expect(read.ways.oneway[w]).toBe(1);
		const [a, b] = [read.ways.nodeOf[read.ways.wayStart[w]], read.ways.nodeOf[read.ways.wayStart[w + 1] - 1]];
		const points = [a, b].map((n) => ({ lon: read.coords.lon[n], lat: read.coords.lat[n] }));
		const snaps = snapPoints(graph, snapIndex(graph), points, 0.001, 20);
		expect(snaps.map((s) => s?.km)).toEqual([0, 0]);
		const [pairs] = travelTimePairs(graph, snaps, [snaps], 600 * 10);
		const time = (o: number, d: number) => pairs.tenths[Array.from(pairs.origin).findIndex((x, k) => x === o && pairs.destination[k] === d)];
		const meters = 1000 * haversineKm(points[0].lon, points[0].lat, points[1].lon, points[1].lat);
		expect(time(0, 1)).toBe(segmentTenths(meters, 25)); // 13 m at 25 km/h: 1.9 s
		expect(time(0, 1)).toBe(19);
		expect(time(1, 0)).toBeGreaterThan(5 * time(0, 1)); // round the block
	});

	it('gives plausible times between landmarks, asymmetric where one-ways are, never faster than the crow flies at the fastest speed', () => {
		const names = Object.keys(PLACES) as (keyof typeof PLACES)[];
		const points = names.map((n) => PLACES[n]);
		const snaps = snapPoints(graph, snapIndex(graph), points, 0.5, 20);
		expect(snaps.every((s) => s !== null && s.km < 0.2)).toBe(true);
		const [pairs] = travelTimePairs(graph, snaps, [snaps], 600 * 30);
		expect(pairs.count).toBe(25); // Monaco is small: every pair within 30 min
		const minutes = new Map<string, number>();
		for (let k = 0; k < pairs.count; k++) minutes.set(`${names[pairs.origin[k]]}>${names[pairs.destination[k]]}`, pairs.tenths[k] / 600);
		// Palais princier → Casino: about 2.5 km of streets at 25–55 km/h.
		expect(minutes.get('palais>casino')).toBeGreaterThan(2);
		expect(minutes.get('palais>casino')).toBeLessThan(4);
		expect(minutes.get('casino>palais')).not.toBe(minutes.get('palais>casino'));
		expect(minutes.get('stade>palais')).toBeLessThan(minutes.get('stade>larvotto')!); // Fontvieille is next to the Rock
		const fastest = fastestSpeedKmh(TEST_PROFILE);
		for (let k = 0; k < pairs.count; k++) {
			const o = points[pairs.origin[k]];
			const d = points[pairs.destination[k]];
			expect(pairs.tenths[k]).toBeGreaterThanOrEqual((36_000 * haversineKm(o.lon, o.lat, d.lon, d.lat)) / fastest - 1);
		}
		const nearest = nearestTimes(graph, snaps, snaps.slice(1), 600 * 30);
		expect(names[1 + nearest.index[0]]).toBe(Array.from({ length: 4 }, (_, j) => names[j + 1]).sort((x, y) => minutes.get(`palais>${x}`)! - minutes.get(`palais>${y}`)!)[0]);
	});

	it('clipped to a box, keeps only the roads inside it', async () => {
		const clip = { west: 7.41, south: 43.725, east: 7.425, north: 43.74 };
		const clipped = await readRoadNetwork(FILE, TEST_PROFILE, clip);
		const g = buildRoadGraph(clipped.ways, clipped.coords);
		expect(g.stats.nodesKept).toBeLessThan(graph.stats.nodesKept);
		for (let p = 0; p < g.pointLon.length; p++) {
			expect(g.pointLon[p] >= clip.west && g.pointLon[p] <= clip.east && g.pointLat[p] >= clip.south && g.pointLat[p] <= clip.north).toBe(true);
		}
	});
});
