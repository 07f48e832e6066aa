/**
 * The routing engine against the brute-force oracle (`$lib/routing/naive`) on generated road
 * networks: every origin → destination time within the cutoff, the nearest facility of every
 * origin, the nodes kept, one-ways, islands and unsnapped points.
 */
import { describe, expect, it } from 'vitest';
import { buildRoadGraph } from '$lib/routing/graph';
import { buildNaiveGraph, naiveDistances, naiveSnap } from '$lib/routing/naive';
import { generateRoadNetwork } from '$lib/routing/network-generator';
import { snapIndex, snapPoints } from '$lib/routing/snap';
import { nearestTimes, travelTimePairs } from '$lib/routing/times';
import { collectNetwork } from '$lib/routing/ways';
import { segmentTenths } from '$lib/routing/graph';
import { createRandom } from '$lib/domain/random';
import { TEST_PROFILE } from './routing-fixtures';

const ACCESS_KMH = 20;
const SNAP_KM = 1.5;

function randomPoints(seed: number, n: number, bbox: { west: number; south: number; east: number; north: number }) {
	const random = createRandom(seed);
	return Array.from({ length: n }, () => ({
		lon: bbox.west - 0.02 + random() * (bbox.east - bbox.west + 0.04),
		lat: bbox.south - 0.02 + random() * (bbox.north - bbox.south + 0.04)
	}));
}

describe('routing engine = brute-force Dijkstra on every pair', () => {
	for (const seed of [1, 2, 3, 4, 5, 6]) {
		it(`generated network, seed ${seed}`, () => {
			const bbox = { west: 0, south: 45, east: 0.12 + seed * 0.01, north: 45.09 };
			const network = generateRoadNetwork({ bbox, villageCount: 5, latticeKm: 2, shapeSpacingM: 400, villageStreets: 3, islands: 2, seed });
			const clip = seed % 2 === 0 ? { west: bbox.west + 0.01, south: bbox.south, east: bbox.east, north: bbox.north } : null;
			const { ways, coords } = collectNetwork(network, TEST_PROFILE, clip);
			const graph = buildRoadGraph(ways, coords);
			const naive = buildNaiveGraph(ways, coords);
			expect(graph.stats.components).toBeGreaterThan(1); // islands and one-way traps exist
			expect(graph.pointLon.length).toBe(naive.kept.reduce((a, b) => a + b, 0));

			const origins = [...network.villages, ...randomPoints(seed, 25, bbox)];
			const destinations = randomPoints(seed + 100, 30, bbox);
			const index = snapIndex(graph);
			const oSnaps = snapPoints(graph, index, origins, SNAP_KM, ACCESS_KMH);
			const dSnaps = snapPoints(graph, index, destinations, SNAP_KM, ACCESS_KMH);
			const cutoff = 12 * 600;
			const [pairs] = travelTimePairs(graph, oSnaps, [dSnaps], cutoff);
			const got = new Map<string, number>();
			for (let k = 0; k < pairs.count; k++) got.set(`${pairs.origin[k]}>${pairs.destination[k]}`, pairs.tenths[k]);

			const expected = new Map<string, number>();
			let unsnapped = 0;
			origins.forEach((o, i) => {
				const so = naiveSnap(naive, o.lon, o.lat, SNAP_KM);
				expect(so.node >= 0).toBe(oSnaps[i] !== null);
				if (so.node < 0) {
					unsnapped++;
					return;
				}
				expect(oSnaps[i]!.km).toBeCloseTo(so.km, 12);
				const dist = naiveDistances(naive, so.node);
				destinations.forEach((d, j) => {
					const sd = naiveSnap(naive, d.lon, d.lat, SNAP_KM);
					if (sd.node < 0) return;
					const t = segmentTenths(so.km * 1000, ACCESS_KMH) + dist[sd.node] + segmentTenths(sd.km * 1000, ACCESS_KMH);
					if (t <= cutoff) expected.set(`${i}>${j}`, t);
				});
			});
			expect(got).toEqual(expected);
			expect(expected.size).toBeGreaterThan(50);

			// The multi-source fast path gives the row minimum (ties: lowest index).
			const nearest = nearestTimes(graph, oSnaps, dSnaps, cutoff);
			origins.forEach((_, i) => {
				let best = Infinity;
				let bestJ = -1;
				destinations.forEach((__, j) => {
					const t = expected.get(`${i}>${j}`);
					if (t !== undefined && t < best) {
						best = t;
						bestJ = j;
					}
				});
				expect([nearest.index[i], nearest.index[i] < 0 ? -1 : nearest.tenths[i]]).toEqual([bestJ, bestJ < 0 ? -1 : best]);
			});
			void unsnapped;
		});
	}
});
