/**
 * `maillage routes compute` and `routes status` through the tool's entry (`callMaillage`, in this process; the usage errors in child processes), on a
 * PGlite folder holding the demo: progress on stderr, the bilan in JSON, the graph cache, and the
 * bad inputs (truncated extract, not an extract, an extract elsewhere, an OSRM server that is not
 * there, a wrong command line) with their French messages and exit codes, the previous times
 * left as they were.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callMaillage, runMaillage } from '../helpers/cli';
import { writeDemoRoadNetwork } from '../helpers/road-network';

const dir = mkdtempSync(path.join(os.tmpdir(), 'maillage-routes-cli-'));
const env = { MAILLAGE_DATA_DIR: path.join(dir, 'pglite'), MAILLAGE_ROUTES_CACHE: path.join(dir, 'cache') };
const extract = path.join(dir, 'demo.osm.pbf');
const MONACO = new URL('../../../shared/data/osm-monaco.osm.pbf', import.meta.url).pathname;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The stored times, as `routes status --json` and a checksum-like summary of them. */
async function status(): Promise<{ source: string; pairs: number }[]> {
	const result = await callMaillage(['routes', 'status', '--json'], { env });
	expect(result.code, result.stderr).toBe(0);
	return (JSON.parse(result.stdout) as { source: string; pairs: number }[]).map((s) => ({ source: s.source, pairs: s.pairs }));
}

describe('maillage routes (PGlite)', () => {
	beforeAll(async () => {
		await writeDemoRoadNetwork(extract, 5);
		const seeded = await callMaillage(['db', 'seed-demo'], { env, timeoutMs: 90_000 });
		expect(seeded.code, seeded.stderr).toBe(0);
	}, 120_000);

	let stored: { source: string; pairs: number }[] = [];

	it('routes compute reads the extract, prints each step on stderr, writes the times and caches the graph', async () => {
		const result = await callMaillage(['routes', 'compute', extract, '--json'], { env, timeoutMs: 120_000 });
		expect(result.code, result.stderr).toBe(0);
		const lines = result.stderr.split('\n');
		for (const start of ['Extrait : ', 'Lecture 1/2 (routes) : 100 %', 'Lecture 2/2 (nœuds des routes) : 100 %', 'Graphe : ', 'Raccordement au réseau : 332 points sur 332.', 'Temps de trajet : 100 %', 'Terminé en ']) {
			expect(lines.some((l) => l.startsWith(start)), `${start}\n${result.stderr}`).toBe(true);
		}
		const bilan = JSON.parse(result.stdout);
		expect(bilan).toMatchObject({ source: 'osm:2026-11-30', kind: 'osm', cutoffMinutes: 30, fileName: extract, extractDate: '2026-11-30' });
		expect(bilan.written).toBe(bilan.details.pairs.commune + bilan.details.pairs.structure + bilan.details.pairs.pole);
		stored = [{ source: 'osm:2026-11-30', pairs: bilan.written }];
		expect(await status()).toEqual(stored);
		expect(readdirSync(env.MAILLAGE_ROUTES_CACHE).filter((f) => f.endsWith('.graph'))).toHaveLength(1);

		const again = await callMaillage(['routes', 'compute', extract], { env, timeoutMs: 120_000 });
		expect(again.code, again.stderr).toBe(0);
		expect(again.stderr).toMatch(/^Graphe \(repris du cache\) : /m);
		expect(again.stdout).toBe('');
	}, 240_000);

	it('a truncated extract, a file that is none, an extract of elsewhere: exit 1, a French message, times untouched', async () => {
		const truncated = path.join(dir, 'coupe.osm.pbf');
		writeFileSync(truncated, readFileSync(extract).subarray(0, 20_000));
		const cut = await callMaillage(['routes', 'compute', truncated], { env, timeoutMs: 60_000 });
		expect(cut.code).toBe(1);
		expect(cut.stderr).toMatch(/^Erreur : .*coupe\.osm\.pbf est tronqué : le bloc n° \d+, qui commence à l’octet [\d\s  ]+, dépasse la fin du fichier \(20 ko\)\. Téléchargez l’extrait à nouveau\.$/m);

		const text = path.join(dir, 'communes.csv');
		writeFileSync(text, 'code;nom\n00001;Abbaye\n');
		const notOsm = await callMaillage(['routes', 'compute', text], { env, timeoutMs: 60_000 });
		expect(notOsm.code).toBe(1);
		expect(notOsm.stderr).toContain('communes.csv n’est pas un extrait OpenStreetMap : ni un .osm.pbf, ni un .osm (XML), ni un .osm.gz.');

		if (existsSync(MONACO)) {
			const elsewhere = await callMaillage(['routes', 'compute', MONACO], { env, timeoutMs: 60_000 });
			expect(elsewhere.code).toBe(1);
			expect(elsewhere.stderr).toMatch(/osm-monaco\.osm\.pbf ne couvre pas le territoire : l’extrait va de 7,35° à 7,49° de longitude/);
		} else console.warn('[tests] extrait de Monaco absent : cas « extrait d’ailleurs » ignoré ici (couvert par routes.test.ts sur données générées).');

		const missing = await callMaillage(['routes', 'compute', path.join(dir, 'absent.osm.pbf')], { env });
		expect(missing.code).toBe(1);
		expect(missing.stderr).toMatch(/Fichier introuvable : .*absent\.osm\.pbf\./);
		expect(await status()).toEqual(stored);
	}, 240_000);

	it('an OSRM server that is not there: exit 3; a wrong command line: exit 2', async () => {
		// A port nobody listens on.
		const server = createServer();
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const port = (server.address() as AddressInfo).port;
		await new Promise((resolve) => server.close(resolve));
		const osrm = await callMaillage(['routes', 'compute'], { env: { ...env, MAILLAGE_OSRM_URL: `http://127.0.0.1:${port}` }, timeoutMs: 60_000 });
		expect(osrm.code).toBe(3);
		expect(osrm.stderr).toContain(`Le serveur OSRM http://127.0.0.1:${port} n’a pas donné les temps (lot 1 sur 42, 50 × 50 points) : connexion refusée (le serveur est-il lancé ?).`);
		const nothing = await runMaillage(['routes', 'compute'], { env });
		expect(nothing.code).toBe(2);
		expect(nothing.stderr).toContain('indiquez l’extrait OpenStreetMap (.osm.pbf), ou un serveur OSRM avec --osrm URL.');
		const both = await runMaillage(['routes', 'compute', extract, '--osrm', 'http://127.0.0.1:9'], { env });
		expect(both.code).toBe(2);
		expect(await status()).toEqual(stored);
	}, 180_000);
});
