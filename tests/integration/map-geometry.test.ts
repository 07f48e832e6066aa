/**
 * The coverage map's outlines as their own response (`/api/geo/carte`): one version per content,
 * a new version after an import that changes them (and only then), conditional requests, private
 * caching, and the page naming the current URL instead of inlining the outlines.
 */
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { Polygon } from 'geojson';
import { testDialects, type TestDb } from '../helpers/db';
import type { Database } from '../../src/lib/server/db/schema';
import { runImport } from '../../src/lib/server/import';
import { mapGeometryResource } from '../../src/lib/server/coverage/map-resource';
import { decodeMapGeometry } from '../../src/lib/map/topology';
import { resourceOfRoute } from '../../src/lib/server/auth/routes';
import { GET } from '../../src/routes/api/geo/carte/+server';
import { load as carteLoad } from '../../src/routes/carte/+page.server';

function square(west: number, south: number, size: number): Polygon {
	return { type: 'Polygon', coordinates: [[[west, south], [west + size, south], [west + size, south + size], [west, south + size], [west, south]]] };
}

/** Three Lozère communes side by side (squares sharing their borders). */
function communesFile(names: [string, string, string]): Uint8Array {
	const features = names.map((name, i) => ({
		type: 'Feature',
		properties: { code: `4800${i + 1}`, nom: name, population: 100 * (i + 1) },
		geometry: square(3 + 0.05 * i, 44.5, 0.05)
	}));
	return new TextEncoder().encode(JSON.stringify({ type: 'FeatureCollection', features }));
}

async function importCommunes(db: Kysely<Database>, names: [string, string, string]) {
	const report = await runImport(db, { kind: 'communes', fileName: 'communes.geojson', bytes: communesFile(names), actor: 'test' });
	expect(report.status, JSON.stringify(report.issues)).toBe('accepted');
	return report;
}

async function get(db: Kysely<Database>, query: string, headers: Record<string, string> = {}) {
	const event = { locals: { db }, url: new URL(`http://localhost/api/geo/carte${query}`), request: new Request(`http://localhost/api/geo/carte${query}`, { headers }) };
	return GET(event as unknown as Parameters<typeof GET>[0]);
}

it('is behind the shared-maps policy (every signed-in role, nobody else)', () => {
	expect(resourceOfRoute('/api/geo/carte')).toBe('pilotage');
});

for (const dialect of testDialects()) {
	describe(`map outlines on ${dialect.kind}`, () => {
		let t: TestDb;
		beforeAll(async () => {
			t = await dialect.open();
			await importCommunes(t.db, ['Aumont', 'Badaroux', 'Chanac']);
		});
		afterAll(() => t?.dispose());

		it('names one version per content, kept in memory while the data do not change', async () => {
			const a = await mapGeometryResource(t.db);
			const b = await mapGeometryResource(t.db);
			expect(b).toBe(a);
			expect(a.url).toBe(`/api/geo/carte?v=${a.version}`);
			expect(a.version).toMatch(/^[0-9a-f]{16}$/);
			const decoded = decodeMapGeometry(JSON.parse(a.body.toString()));
			expect(decoded.communes.features.map((f) => [f.properties.code, f.properties.name])).toEqual([
				['48001', 'Aumont'],
				['48002', 'Badaroux'],
				['48003', 'Chanac']
			]);
			expect(a.neighbours.get('48002')).toEqual(['48001', '48003']);
			expect(zlib.brotliDecompressSync(a.brotli).equals(a.body)).toBe(true);
			expect(zlib.gunzipSync(a.gzip).equals(a.body)).toBe(true);
		});

		it('changes version after an import that changes the outlines, not after one that changes nothing', async () => {
			const before = await mapGeometryResource(t.db);
			const same = await importCommunes(t.db, ['Aumont', 'Badaroux', 'Chanac']);
			expect(same.counts.unchanged).toBe(3);
			expect((await mapGeometryResource(t.db)).version).toBe(before.version);
			await importCommunes(t.db, ['Aumont-Aubrac', 'Badaroux', 'Chanac']);
			const after = await mapGeometryResource(t.db);
			expect(after.version).not.toBe(before.version);
			expect(decodeMapGeometry(JSON.parse(after.body.toString())).communes.features[0].properties.name).toBe('Aumont-Aubrac');
		});

		it('answers the current version for a year, other URLs with revalidation, 304 on a matching ETag', async () => {
			const resource = await mapGeometryResource(t.db);
			const current = await get(t.db, `?v=${resource.version}`, { 'accept-encoding': 'gzip, deflate, br' });
			expect(current.status).toBe(200);
			expect(current.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
			expect(current.headers.get('content-encoding')).toBe('br');
			expect(current.headers.get('vary')).toBe('Accept-Encoding');
			const bytes = Buffer.from(await current.arrayBuffer());
			expect(zlib.brotliDecompressSync(bytes).equals(resource.body)).toBe(true);

			const stale = await get(t.db, '?v=0123456789abcdef', { 'accept-encoding': 'gzip' });
			expect(stale.headers.get('cache-control')).toBe('private, no-cache');
			expect(stale.headers.get('content-encoding')).toBe('gzip');
			const etag = stale.headers.get('etag')!;
			expect(etag).toBe(`"${resource.version}-gz"`);

			const revalidated = await get(t.db, '', { 'accept-encoding': 'gzip', 'if-none-match': etag });
			expect(revalidated.status).toBe(304);
			const plain = await get(t.db, '', { 'if-none-match': etag });
			expect(plain.status).toBe(200);
			expect(plain.headers.get('content-encoding')).toBeNull();
			expect(Buffer.from(await plain.arrayBuffer()).equals(resource.body)).toBe(true);
		});

		it('gives /carte the URL, bounds and EPCI list instead of the outlines', async () => {
			const event = { locals: { db: t.db }, url: new URL('http://localhost/carte') } as unknown as Parameters<typeof carteLoad>[0];
			const data = (await carteLoad(event)) as Exclude<Awaited<ReturnType<typeof carteLoad>>, void>;
			const resource = await mapGeometryResource(t.db);
			expect(data.geometry.url).toBe(resource.url);
			[3, 44.5, 3.15, 44.55].forEach((v, i) => expect(data.geometry.bounds![i]).toBeCloseTo(v, 9));
			expect(JSON.stringify(data).length).toBeLessThan(resource.body.length + 10_000);
			expect(JSON.stringify(data)).not.toContain('"coordinates"');
		});
	});
}
