/**
 * Road travel times end to end, on every test dialect, over the demo département and a generated
 * road network laid on its communes: computed from the extract and written in one transaction;
 * read by the coverage analysis as a complete source (no estimate, « beyond the cutoff »), an
 * imported row winning over a computed one; from a fake OSRM server on loopback (batches, retries,
 * errors, time-outs); a failure while writing leaves the previous times untouched.
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { testDialects, type TestDb } from '../helpers/db';
import type { Database } from '../../src/lib/server/db/schema';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { haversineKm } from '../../src/lib/analysis/distance';
import { writeDemoRoadNetwork } from '../helpers/road-network';
import { computeRoadTimes, loadRoutePoints, type ComputedTimes } from '../../src/lib/server/routing/compute';
import { writeComputedTimes } from '../../src/lib/server/routing/write';
import { loadCoverageInputs, loadTravelTimes } from '../../src/lib/server/coverage/inputs';
import { runCoverageAnalysis } from '../../src/lib/server/coverage/report';
import { CLI_NAMES } from '../../src/lib/server/coverage/request';
import { tableChecksums } from '../fixtures/import/checksums';

const DATE = '2026-06-30';
const dir = mkdtempSync(path.join(os.tmpdir(), 'maillage-routes-int-'));
const extract = path.join(dir, 'demo.osm.pbf');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
	await writeDemoRoadNetwork(extract, 3, DATE);
});

async function useMinutes(db: Kysely<Database>): Promise<void> {
	await db
		.insertInto('reference_parameter')
		.values({ key: 'analysis.metric', valid_from: '2020-01-01', valid_until: null, value: JSON.stringify('minutes'), unit: null, regime: 'test', source: null, comment: null })
		.execute();
}

/** A fake OSRM server: 1 km of straight line = 1 minute; `behaviour` decides each answer. */
function fakeOsrm(behaviour: (n: number) => 'ok' | 'error' | 'hang' | 'bad'): Promise<{ server: Server; url: string; requests: string[] }> {
	const requests: string[] = [];
	const server = createServer((req, res) => {
		requests.push(req.url ?? '');
		const mode = behaviour(requests.length);
		if (mode === 'hang') return; // never answers: the client times out
		const m = /^\/table\/v1\/driving\/([^?]+)\?sources=([\d;]+)&destinations=([\d;]+)/.exec(req.url ?? '');
		if (mode === 'error' || !m) {
			res.writeHead(mode === 'error' ? 500 : 400, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ code: 'InvalidQuery', message: 'erreur simulée' }));
			return;
		}
		const coords = m[1].split(';').map((c) => c.split(',').map(Number));
		if (coords.length > 100) {
			res.writeHead(400, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ code: 'TooBig', message: 'Too many table coordinates' }));
			return;
		}
		if (mode === 'bad') {
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end('{"code":"Ok","durations":[[1]]');
			return;
		}
		const sources = m[2].split(';').map(Number);
		const destinations = m[3].split(';').map(Number);
		const durations = sources.map((s) => destinations.map((d) => (haversineKm(coords[s][0], coords[s][1], coords[d][0], coords[d][1]) > 40 ? null : 60 * haversineKm(coords[s][0], coords[s][1], coords[d][0], coords[d][1]))));
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end(JSON.stringify({ code: 'Ok', durations }));
	});
	return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests })));
}

for (const dialect of testDialects()) {
	describe(`road travel times on ${dialect.kind}`, () => {
		let t: TestDb;
		let computed: ComputedTimes;
		const cacheDir = path.join(dir, `cache-${dialect.kind}`);
		beforeAll(async () => {
			t = await dialect.open();
			await seedDemo(t.db, { referenceDate: DATE });
		});
		afterAll(() => t?.dispose());

		it('computes every pair within the cutoff from the extract and writes them in one transaction, with their source', async () => {
			const steps: string[] = [];
			computed = await computeRoadTimes(t.db, { file: extract, fileName: 'demo.osm.pbf', date: DATE, cacheDir, onProgress: (e) => steps.push(e.step) });
			expect(new Set(steps)).toEqual(new Set(['hash', 'read', 'graph', 'snap', 'times']));
			expect(computed.source).toBe('osm:2026-11-30');
			expect(computed.cutoffMinutes).toBe(30);
			expect(computed.details.unsnapped).toEqual([]);
			expect(computed.details.graph!.components).toBeGreaterThan(1);
			expect(computed.rows.every((r) => r.minutes >= 0 && r.minutes <= 30)).toBe(true);
			const written = await writeComputedTimes(t.db, computed);
			expect(written).toBe(computed.rows.length);
			const kinds = await t.db
				.selectFrom('travel_time')
				.select(['destination_kind', 'source', 'computed', (eb) => eb.fn.countAll().as('n')])
				.groupBy(['destination_kind', 'source', 'computed'])
				.orderBy('destination_kind')
				.execute();
			expect(kinds.map((k) => [k.destination_kind, k.source, k.computed, Number(k.n)])).toEqual([
				['commune', 'osm:2026-11-30', true, computed.details.pairs.commune],
				['pole', 'osm:2026-11-30', true, computed.details.pairs.pole],
				['structure', 'osm:2026-11-30', true, computed.details.pairs.structure]
			]);
			// Every commune reaches itself (two access legs).
			const points = await loadRoutePoints(t.db);
			const communes = points.filter((p) => p.kind === 'commune');
			const self = computed.rows.filter((r) => r.destinationKind === 'commune' && r.origin === r.destination);
			expect(self.length).toBe(communes.length);
			const source = await t.db.selectFrom('travel_time_source').selectAll().execute();
			expect(source.map((s) => [s.source, s.kind, s.complete, Number(s.cutoff_minutes), s.file_name, Number(s.pairs)])).toEqual([
				['osm:2026-11-30', 'osm', true, 30, 'demo.osm.pbf', computed.rows.length]
			]);
		});

		it('a second computation reuses the cached graph and gives the same times', async () => {
			const again = await computeRoadTimes(t.db, { file: extract, fileName: 'demo.osm.pbf', date: DATE, cacheDir });
			expect(again.details.graph!.cached).toBe(true);
			expect(again.rows).toEqual(computed.rows);
		});

		it('the analysis in minutes reads them as a complete source: no estimate, « beyond the cutoff », the source named', async () => {
			await useMinutes(t.db);
			const run = await runCoverageAnalysis(t.db, { date: DATE }, CLI_NAMES);
			expect(run.report.travelTimes!.complete).toEqual({ cutoffMinutes: 30, source: 'osm:2026-11-30' });
			expect(run.report.travelTimes!.text).toMatch(/^Seuils en minutes : temps par la route \(OpenStreetMap, extrait du 30\/11\/2026\), calculés jusqu’à 30 min/);
			const sources = run.report.communes.flatMap((c) => [c.timeSources!.cs, c.timeSources!.evs, c.timeSources!.pole]);
			expect(sources).not.toContain('estimate');
			expect(sources).toContain('road');
			// The nearest CS of each commune is the fastest computed row to a CS.
			const cs = new Set(run.inputs.structures.filter((s) => s.type === 'CS').map((s) => String(s.id)));
			const counted = new Set(run.result.communes.map((c) => c.nearestCsId).filter((id) => id !== null).map(String));
			for (const c of run.result.communes.slice(0, 40)) {
				const rows = computed.rows.filter((r) => r.origin === c.code && r.destinationKind === 'structure' && cs.has(r.destination) && counted.has(r.destination));
				const best = rows.length > 0 ? Math.min(...rows.map((r) => r.minutes)) : Infinity;
				if (Number.isFinite(best)) expect(c.nearestCsMinutes).toBeCloseTo(best, 9);
				else expect(c.nearestCsMinutes).toBe(Infinity);
			}
			const beyond = run.report.communes.find((c) => c.timeSources!.cs === 'beyond');
			if (beyond) expect(beyond.reasons.find((r) => r.code === 'cs_beyond_radius')!.text).toMatch(/^Centre social le plus proche \(.+\) hors d’atteinte dans la limite du calcul des temps \([\d,]+ km à vol d’oiseau\), seuil de 15 min — au-delà de 30 min par la route \(limite du calcul\)$/);
		});

		it('an imported time wins over the computed one for its pair, and says so', async () => {
			const row = computed.rows.find((r) => r.destinationKind === 'structure')!;
			await sql`insert into travel_time (origin_commune, destination_kind, destination, minutes, source, computed) values (${row.origin}, 'structure', ${row.destination}, ${row.minutes + 7}, 'import:terrain.csv', false)`.execute(t.db);
			const rows = (await loadTravelTimes(t.db))!;
			const mine = rows.filter((r) => r.origin === row.origin && r.destinationKind === 'structure' && r.destination === row.destination);
			expect(mine).toEqual([{ origin: row.origin, destination: row.destination, destinationKind: 'structure', minutes: row.minutes + 7, source: 'import:terrain.csv' }]);
			const inputs = await loadCoverageInputs(t.db, DATE);
			expect(inputs.travelTimesComplete).toEqual({ cutoffMinutes: 30, source: 'osm:2026-11-30' });
			await sql`delete from travel_time where source = 'import:terrain.csv'`.execute(t.db);
		});

		it('a failure while writing leaves the previous times untouched', async () => {
			const before = await tableChecksums(t.db);
			const bigger = { ...computed, source: 'osm:2027-01-01', rows: [...computed.rows, ...computed.rows.map((r) => ({ ...r, destination: r.destination }))] };
			await expect(
				writeComputedTimes(t.db, bigger, async (done) => {
					if (done >= 2000) throw new Error('interrompu');
				})
			).rejects.toThrow('interrompu');
			expect(await tableChecksums(t.db)).toEqual(before);
		});

		it('from an OSRM server: batches of at most 100 points, retried after errors, every pair within the cutoff', async () => {
			const fake = await fakeOsrm((n) => (n <= 2 ? 'error' : 'ok'));
			try {
				const times = await computeRoadTimes(t.db, { osrmUrl: fake.url, date: DATE, cacheDir, osrmRetryDelayMs: 5 });
				expect(times.source).toBe(`osrm:${fake.url}`);
				const points = await loadRoutePoints(t.db);
				const communes = points.filter((p) => p.kind === 'commune');
				const expected = communes.flatMap((o) =>
					points
						.map((d) => ({ d, minutes: haversineKm(Number(o.lon.toFixed(6)), Number(o.lat.toFixed(6)), Number(d.lon.toFixed(6)), Number(d.lat.toFixed(6))) }))
						.filter((x) => x.minutes <= 30)
						.map((x) => `${o.key}>${x.d.kind}:${x.d.key}`)
				);
				expect(new Set(times.rows.map((r) => `${r.origin}>${r.destinationKind}:${r.destination}`))).toEqual(new Set(expected));
				expect(fake.requests.length).toBe(2 + Math.ceil(communes.length / 50) * Math.ceil(points.length / 50));
				expect(fake.requests.every((u) => u.split('/')[4].split('?')[0].split(';').length <= 100)).toBe(true);
			} finally {
				fake.server.close();
			}
		});

		it('a commune added after the computation has no road time, and the analysis says so', async () => {
			await t.db.insertInto('commune').values({ code: '00999', name: 'Nouvelle-Commune', departement_code: '00', population: 10, ref_lon: -5.2, ref_lat: 45.9 }).execute();
			const run = await runCoverageAnalysis(t.db, { date: DATE }, CLI_NAMES);
			expect(run.report.travelTimes!.text).toContain(
				'Attention : 1 commune sans temps calculé (Nouvelle-Commune) : loin de toute route, ou ajoutée depuis le calcul (relancez maillage routes compute).'
			);
			await t.db.deleteFrom('commune').where('code', '=', '00999').execute();
		});

		it('an OSRM server in error, silent, garbled or unreachable: a French error, exit code 3, nothing computed', async () => {
			const failing = async (mode: 'error' | 'hang' | 'bad', pattern: RegExp) => {
				const fake = await fakeOsrm(() => mode);
				try {
					const error = await computeRoadTimes(t.db, { osrmUrl: fake.url, date: DATE, cacheDir, osrmRetryDelayMs: 5, osrmTimeoutMs: 300 }).catch((e: Error) => e);
					expect(error).toBeInstanceOf(Error);
					expect((error as Error).message).toMatch(pattern);
					expect((error as { exitCode?: number }).exitCode).toBe(3);
				} finally {
					fake.server.closeAllConnections();
					fake.server.close();
				}
			};
			await failing('error', /^Le serveur OSRM http:\/\/127\.0\.0\.1:\d+ n’a pas donné les temps \(lot 1 sur \d+, 50 × 50 points\) : HTTP 500, InvalidQuery : erreur simulée\. Les temps de trajet enregistrés n’ont pas été modifiés\.$/);
			await failing('hang', /pas de réponse en 0,3 s/);
			await failing('bad', /réponse illisible/);
			const closed = await fakeOsrm(() => 'ok');
			const url = closed.url;
			await new Promise((r) => closed.server.close(r));
			const error = await computeRoadTimes(t.db, { osrmUrl: url, date: DATE, cacheDir, osrmRetryDelayMs: 5 }).catch((e: Error) => e);
			expect((error as Error).message).toMatch(/connexion refusée \(le serveur est-il lancé \?\)/);
		});
	});
}
