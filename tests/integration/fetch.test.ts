/**
 * `maillage fetch communes` against a fake geo.api.gouv.fr on 127.0.0.1 (never the internet):
 * the client (`download`) on success, HTTP error, timeout, refused connection and oversize; then
 * the real CLI in child processes on a PGlite folder and a PostgreSQL schema: the département's
 * communes imported with the service's centres as reference points, and the French messages and
 * exit code 3 of a failing service, the database untouched.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMaillage } from '../helpers/cli';
import { tableChecksums } from '../fixtures/import/checksums';
import { EnvironmentError, RejectedDataError } from '../../src/lib/server/errors';
import { departementCommunesUrl, download, geoApiBaseUrl } from '../../src/lib/server/fetch/geo-api';
import { findDepartement } from '../../src/lib/server/fetch/departements';
import { cliDatabases, generatedCommunesGeoJson, officialCommunes, withDb } from './import-cli-fixtures';

const VIENNE = officialCommunes('86');
const BODY = generatedCommunesGeoJson({ communes: VIENNE, geoApi: true });
const EXPECTED_QUERY = 'fields=nom,code,population,centre,contour,codeEpci&format=geojson&geometry=contour';

/** A fake geo.api.gouv.fr: `/ok/…` answers, `/error/…` 503, `/slow/…` never answers. */
function startFakeGeoApi(): Promise<{ base: string; requests: string[]; close(): Promise<void> }> {
	const requests: string[] = [];
	const hanging = new Set<http.ServerResponse>();
	const server = http.createServer((req, res) => {
		requests.push(req.url ?? '');
		const url = new URL(req.url ?? '/', 'http://fake');
		const [, mode, ...rest] = url.pathname.split('/');
		const route = `/${rest.join('/')}`;
		if (mode === 'slow') {
			hanging.add(res);
			return;
		}
		if (mode === 'error') {
			res.writeHead(503, 'Service Unavailable', { 'content-type': 'application/json' });
			res.end('{"code":503,"message":"Service indisponible"}');
			return;
		}
		if (route === '/departements/86/communes' && url.search.slice(1) === EXPECTED_QUERY) {
			res.writeHead(200, { 'content-type': 'application/geo+json; charset=utf-8', 'content-length': Buffer.byteLength(BODY) });
			res.end(BODY);
			return;
		}
		res.writeHead(404, 'Not Found', { 'content-type': 'application/json' });
		res.end('{"code":404,"message":"Not found"}');
	});
	return new Promise((resolve) => {
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as AddressInfo;
			resolve({
				base: `http://127.0.0.1:${port}`,
				requests,
				close: () =>
					new Promise<void>((done) => {
						for (const res of hanging) res.destroy();
						server.closeAllConnections();
						server.close(() => done());
					})
			});
		});
	});
}

/** A loopback port nobody listens on. */
function closedPort(): Promise<number> {
	const server = http.createServer();
	return new Promise((resolve) =>
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as AddressInfo;
			server.close(() => resolve(port));
		})
	);
}

let fake: Awaited<ReturnType<typeof startFakeGeoApi>>;
beforeAll(async () => {
	fake = await startFakeGeoApi();
});
afterAll(() => fake?.close());

describe('geo.api.gouv.fr client', () => {
	it('departementCommunesUrl(base, code) asks for contours, centres, populations and EPCI as GeoJSON', () => {
		expect(departementCommunesUrl('https://geo.api.gouv.fr', '2A')).toBe(
			`https://geo.api.gouv.fr/departements/2A/communes?${EXPECTED_QUERY}`
		);
	});

	it('geoApiBaseUrl(env) defaults to the public service, trims a trailing slash, refuses a non-URL', () => {
		expect(geoApiBaseUrl({})).toBe('https://geo.api.gouv.fr');
		expect(geoApiBaseUrl({ MAILLAGE_GEO_API_URL: 'http://127.0.0.1:9/api/' })).toBe('http://127.0.0.1:9/api');
		expect(() => geoApiBaseUrl({ MAILLAGE_GEO_API_URL: 'geo.api' })).toThrow(EnvironmentError);
	});

	it('findDepartement(raw) accepts 86, 2a, 1, 974 and refuses 20, 99, 975', () => {
		expect(findDepartement('86')).toEqual({ code: '86', name: 'Vienne' });
		expect(findDepartement('2a')?.code).toBe('2A');
		expect(findDepartement('1')?.code).toBe('01');
		expect(findDepartement('974')?.name).toBe('La Réunion');
		for (const bad of ['20', '99', '975', 'abc', '']) expect(findDepartement(bad), bad).toBeNull();
	});

	it('download(url) returns the body and reports progress against Content-Length', async () => {
		const seen: [number, number | null][] = [];
		const bytes = await download(departementCommunesUrl(`${fake.base}/ok`, '86'), {
			timeoutMs: 5000,
			maxBytes: 10 * 1024 * 1024,
			onProgress: (r, t) => seen.push([r, t])
		});
		expect(new TextDecoder().decode(bytes)).toBe(BODY);
		expect(seen.at(-1)).toEqual([Buffer.byteLength(BODY), Buffer.byteLength(BODY)]);
	});

	it('download(url) turns an HTTP error, a timeout and a refused connection into French EnvironmentErrors', async () => {
		const options = { timeoutMs: 400, maxBytes: 1024 * 1024 };
		await expect(download(`${fake.base}/error/departements/86/communes`, options)).rejects.toThrow(
			/a répondu par une erreur HTTP 503 Service Unavailable.*réessayez plus tard/
		);
		const started = performance.now();
		const slow = download(`${fake.base}/slow/departements/86/communes`, options);
		await expect(slow).rejects.toBeInstanceOf(EnvironmentError);
		await expect(slow).rejects.toThrow(/n’a pas répondu en 0,4 s/);
		expect(performance.now() - started).toBeLessThan(3000);
		const closed = await closedPort();
		await expect(download(`http://127.0.0.1:${closed}/departements/86/communes`, options)).rejects.toThrow(
			new RegExp(`impossible de joindre 127\\.0\\.0\\.1:${closed} : connexion refusée`)
		);
	});

	it('download(url) refuses a body over the limit without reading it all', async () => {
		await expect(download(departementCommunesUrl(`${fake.base}/ok`, '86'), { timeoutMs: 5000, maxBytes: 1000 })).rejects.toBeInstanceOf(
			RejectedDataError
		);
	});
});

for (const target of cliDatabases('fetch')) {
	describe(`maillage fetch communes on ${target.kind}`, () => {
		afterAll(() => target.dispose());
		const run = (args: string[], geoApi: string) =>
			runMaillage(['fetch', 'communes', ...args], { env: { ...target.env, MAILLAGE_GEO_API_URL: geoApi }, timeoutMs: 90_000 });

		it('downloads the département from the fake service and imports every commune, centres as reference points', async () => {
			fake.requests.length = 0;
			const r = await run(['--departement', '86', '--json'], `${fake.base}/ok`);
			expect(r.stderr).toContain(`${VIENNE.length} communes importées : ${VIENNE.length} ajoutées`);
			expect(r.code).toBe(0);
			expect(r.stderr).toMatch(/Téléchargement des communes de Vienne \(86\) depuis 127\.0\.0\.1:\d+/);
			expect(fake.requests).toEqual([`/ok/departements/86/communes?${EXPECTED_QUERY}`]);
			const report = JSON.parse(r.stdout);
			expect(report).toMatchObject({ status: 'accepted', kind: 'communes', counts: { read: VIENNE.length, inserted: VIENNE.length } });
			expect(report.fileName).toMatch(/^127\.0\.0\.1:\d+\/departements\/86\/communes\.geojson$/);
			await withDb(target, async (db) => {
				const rows = await db.selectFrom('commune').select(['code', 'ref_point_source', 'population', 'epci_siren']).execute();
				expect(rows).toHaveLength(VIENNE.length);
				expect(new Set(rows.map((c) => c.ref_point_source))).toEqual(new Set(['supplied']));
				expect(rows.find((c) => c.code === '86194')).toMatchObject({ population: VIENNE.find((c) => c.code === '86194')!.population });
				expect(rows.filter((c) => c.epci_siren === null)).toEqual([]);
				const log = await db.selectFrom('import_log').select(['actor', 'status']).execute();
				expect(log).toEqual([{ actor: expect.stringMatching(/^cli:/), status: 'accepted' }]);
			});
		});

		it('an HTTP error of the service: exit 3, French message, database unchanged', async () => {
			const before = await withDb(target, tableChecksums);
			const r = await run(['--departement', '86'], `${fake.base}/error`);
			expect(r.code).toBe(3);
			expect(r.stderr).toMatch(/Erreur : le service 127\.0\.0\.1:\d+ a répondu par une erreur HTTP 503/);
			expect(await withDb(target, tableChecksums)).toEqual(before);
		});

		it('a service that does not answer: exit 3 after --timeout seconds, French message', async () => {
			const before = await withDb(target, tableChecksums);
			const r = await run(['--departement', '86', '--timeout', '1'], `${fake.base}/slow`);
			expect(r.code).toBe(3);
			expect(r.stderr).toMatch(/n’a pas répondu en 1 s .*--timeout/);
			expect(await withDb(target, tableChecksums)).toEqual(before);
		});

		it('an unknown département is a usage error (exit 2) and nothing is downloaded', async () => {
			fake.requests.length = 0;
			const r = await run(['--departement', '20'], `${fake.base}/ok`);
			expect(r.code).toBe(2);
			expect(r.stderr).toContain('département inconnu : « 20 »');
			expect(fake.requests).toEqual([]);
		});
	});
}
