/** The graph cache: bytes round trip, a damaged or foreign file is ignored (rebuilt), the key follows file and settings. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildRoadGraph } from '$lib/routing/graph';
import { decodeGraph, encodeGraph } from '$lib/routing/graph-codec';
import { generateRoadNetwork } from '$lib/routing/network-generator';
import { collectNetwork } from '$lib/routing/ways';
import { graphCacheKey, readCachedGraph, routesCacheDir, writeCachedGraph } from '../../src/lib/server/routing/graph-cache';
import { TEST_PROFILE } from './routing-fixtures';

const dir = mkdtempSync(path.join(os.tmpdir(), 'maillage-routes-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const network = generateRoadNetwork({ bbox: { west: 0, south: 45, east: 0.1, north: 45.08 }, villageCount: 3, latticeKm: 2, shapeSpacingM: 300, seed: 2 });
const { ways, coords } = collectNetwork(network, TEST_PROFILE);
const graph = buildRoadGraph(ways, coords);

describe('graph cache', () => {
	it('encodes and decodes a graph to the same arrays, with its extra data', () => {
		const decoded = decodeGraph(encodeGraph(graph, { header: { source: 'x' } }))!;
		expect(decoded.extra).toEqual({ header: { source: 'x' } });
		expect(decoded.graph.stats).toEqual(graph.stats);
		for (const key of ['firstOut', 'head', 'cost', 'firstIn', 'tail', 'costIn', 'chainDir', 'pointLon', 'pointOffset'] as const) expect(decoded.graph[key]).toEqual(graph[key]);
	});

	it('ignores a damaged, truncated or foreign cache file (the graph is rebuilt)', async () => {
		const bytes = encodeGraph(graph, {});
		expect(decodeGraph(bytes.subarray(0, bytes.length >> 1))).toBeNull();
		expect(decodeGraph(new TextEncoder().encode('pas un graphe'))).toBeNull();
		writeFileSync(path.join(dir, 'abime.graph'), bytes.subarray(0, 100));
		expect(await readCachedGraph(dir, 'abime.graph')).toBeNull();
		expect(await readCachedGraph(dir, 'absent.graph')).toBeNull();
		expect(await writeCachedGraph(dir, 'ok.graph', graph, {})).toBeNull();
		expect((await readCachedGraph(dir, 'ok.graph'))!.graph.stats).toEqual(graph.stats);
		expect(await writeCachedGraph(path.join(dir, 'ok.graph'), 'sous-fichier.graph', graph, {})).toMatch(/EEXIST|ENOTDIR/);
	});

	it('keys on the file hash, the speeds and the clip box; lives beside the data folder, never in the database', () => {
		const clip = { west: 0, south: 45, east: 1, north: 46 };
		const key = graphCacheKey('a'.repeat(64), TEST_PROFILE, clip);
		expect(key).toMatch(/^a{32}-[0-9a-f]{16}\.graph$/);
		expect(graphCacheKey('b'.repeat(64), TEST_PROFILE, clip)).not.toBe(key);
		expect(graphCacheKey('a'.repeat(64), { ...TEST_PROFILE, maxspeedFactor: 0.9 }, clip)).not.toBe(key);
		expect(graphCacheKey('a'.repeat(64), TEST_PROFILE, { ...clip, east: 1.05 })).not.toBe(key);
		expect(routesCacheDir({}, '/srv/maillage/data/pglite', '/srv/maillage')).toBe('/srv/maillage/data/routes-cache');
		expect(routesCacheDir({}, 'memory://', '/srv/maillage')).toBe('/srv/maillage/data/routes-cache');
		expect(routesCacheDir({ MAILLAGE_ROUTES_CACHE: '/var/cache/maillage' }, '/x/pglite', '/srv')).toBe('/var/cache/maillage');
	});
});
