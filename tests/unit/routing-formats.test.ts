/**
 * The project's generator written as `.osm.pbf` and `.osm` reads back to the same graph as the
 * network in memory; truncated, corrupt and foreign files are refused with a French message that
 * says where; and a property: a road time is never shorter than the straight line at the fastest
 * speed of the profile.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { haversineKm } from '$lib/analysis/distance';
import { buildRoadGraph } from '$lib/routing/graph';
import { generateRoadNetwork } from '$lib/routing/network-generator';
import { fastestSpeedKmh } from '$lib/routing/road-profile';
import { snapIndex, snapPoints } from '$lib/routing/snap';
import { travelTimePairs } from '$lib/routing/times';
import { collectNetwork } from '$lib/routing/ways';
import { readRoadNetwork } from '../../src/lib/server/routing/read-osm';
import { writeNetworkPbf, writeNetworkXml } from '../../src/lib/server/routing/write-network';
import { TEST_PROFILE } from './routing-fixtures';

const dir = mkdtempSync(path.join(os.tmpdir(), 'maillage-routes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const BBOX = { west: 0, south: 45, east: 0.25, north: 45.15 };
const network = generateRoadNetwork({ bbox: BBOX, villageCount: 9, latticeKm: 2, shapeSpacingM: 150, seed: 7 });

describe('generated extracts, PBF and XML', () => {
	it('read back to the same ways, nodes and graph as the network in memory', async () => {
		const pbf = path.join(dir, 'net.osm.pbf');
		const xml = path.join(dir, 'net.osm');
		await writeNetworkPbf(network, pbf, Date.UTC(2026, 10, 30) / 1000);
		await writeNetworkXml(network, xml, '2026-11-30T00:00:00Z');
		writeFileSync(`${xml}.gz`, gzipSync(readFileSync(xml)));
		const memory = collectNetwork(network, TEST_PROFILE);
		const expected = buildRoadGraph(memory.ways, memory.coords);
		expect(expected.stats.components).toBeGreaterThan(1);
		expect(memory.ways.counts.excluded.access).toBe(network.excluded.access.length);
		expect(memory.ways.counts.excluded.construction).toBe(network.excluded.construction.length);
		for (const file of [pbf, xml, `${xml}.gz`]) {
			const read = await readRoadNetwork(file, TEST_PROFILE, null);
			expect(read.ways.counts).toEqual(memory.ways.counts);
			expect(read.ways.nodeIds).toEqual(memory.ways.nodeIds);
			expect(read.coords.lat).toEqual(memory.coords.lat);
			expect(read.coords.lon).toEqual(memory.coords.lon);
			const graph = buildRoadGraph(read.ways, read.coords);
			expect(graph.stats).toEqual(expected.stats);
			expect(graph.cost).toEqual(expected.cost);
		}
	});

	it('refuse truncated, corrupt, empty and foreign files, saying what and where', async () => {
		const pbf = readFileSync(path.join(dir, 'net.osm.pbf'));
		const write = (name: string, bytes: Uint8Array | string) => {
			const file = path.join(dir, name);
			writeFileSync(file, bytes);
			return file;
		};
		const refused = async (file: string) => {
			try {
				await readRoadNetwork(file, TEST_PROFILE, null, { name: path.basename(file) });
			} catch (error) {
				return { message: (error as Error).message, exitCode: (error as { exitCode?: number }).exitCode };
			}
			throw new Error(`${file} accepted`);
		};
		const truncated = await refused(write('tronque.osm.pbf', pbf.subarray(0, Math.floor(pbf.length * 0.6))));
		expect(truncated.message).toMatch(/^tronque\.osm\.pbf est tronqué : le bloc n° \d+, qui commence à l’octet [\d\s  ]+, dépasse la fin du fichier \(\d+ ko\)\. Téléchargez/);
		expect(truncated.exitCode).toBe(1);
		const corrupt = Buffer.from(pbf);
		for (let k = 2000; k < 2400; k++) corrupt[k] ^= 0x5a;
		expect((await refused(write('abime.osm.pbf', corrupt))).message).toMatch(/^abime\.osm\.pbf : (bloc|données compressées|en-tête)/);
		expect((await refused(write('vide.osm.pbf', ''))).message).toBe('vide.osm.pbf est vide : ce n’est pas un extrait OpenStreetMap.');
		expect((await refused(write('texte.osm.pbf', 'code;nom\n75056;Paris\n'))).message).toMatch(/n’est pas un extrait OpenStreetMap/);
		expect((await refused(write('bz.osm.bz2', 'BZh91AY&SY'))).message).toMatch(/bzip2/);
		expect((await refused(write('coupe.osm', '<?xml version="1.0"?>\n<osm version="0.6">\n <node id="1" lat="45" lon="0"/>\n <way id="2">'))).message).toMatch(
			/^coupe\.osm : XML invalide à la ligne \d+/
		);
		expect((await refused(write('autre.xml', '<?xml version="1.0"?><kml><Placemark/></kml>'))).message).toMatch(/pas un fichier OpenStreetMap|aucune route/);
		expect((await refused(write('sans-routes.osm', '<osm version="0.6"><node id="1" lat="45" lon="0"/></osm>'))).message).toMatch(/aucune route praticable/);
	});
});

describe('property: a road time is never shorter than the straight line at the fastest speed', () => {
	it('holds on random networks and random points (up to the rounding of each segment to 0.1 s)', () => {
		const fastest = fastestSpeedKmh(TEST_PROFILE);
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 10_000 }),
				fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 2, maxLength: 12 }),
				(seed, raw) => {
					const net = generateRoadNetwork({ bbox: BBOX, villageCount: 4, latticeKm: 3, shapeSpacingM: 400, villageStreets: 3, seed });
					const { ways, coords } = collectNetwork(net, TEST_PROFILE);
					const graph = buildRoadGraph(ways, coords);
					const points = raw.map(([x, y]) => ({ lon: BBOX.west + x * (BBOX.east - BBOX.west), lat: BBOX.south + y * (BBOX.north - BBOX.south) }));
					const snaps = snapPoints(graph, snapIndex(graph), points, 5, 20);
					const [pairs] = travelTimePairs(graph, snaps, [snaps], 600 * 60);
					for (let k = 0; k < pairs.count; k++) {
						const o = points[pairs.origin[k]];
						const d = points[pairs.destination[k]];
						const bound = (36_000 * haversineKm(o.lon, o.lat, d.lon, d.lat)) / fastest;
						expect(pairs.tenths[k]).toBeGreaterThanOrEqual(0.99 * bound - 1);
					}
				}
			),
			{ numRuns: 25 }
		);
	});
});
