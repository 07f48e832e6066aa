import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readImportFile } from '../../src/lib/io/import-file';
import { officialGeography } from '../../src/lib/server/import/official';
import { csvText, geoJsonText, IMPORT_KIND_LIST, importNeverThrows, mutated } from './import-arbitraries';

const ctx = () => ({
	official: officialGeography(),
	communes: new Map([['86194', { name: 'Poitiers', refLon: 0.305, refLat: 46.57 }]]),
	epciSirens: new Set<string>()
});

describe('readImportFile(kind, anything) — property', () => {
	it('always returns { items, issues }, never throws (quick sample; the fuzz runner does 10,000)', async () => {
		await fc.assert(importNeverThrows(ctx()), { numRuns: 300, seed: 20261127 });
	});

	it('never throws on damaged CSV or GeoJSON for each kind', async () => {
		const c = ctx();
		for (const kind of IMPORT_KIND_LIST) {
			await fc.assert(
				fc.asyncProperty(fc.oneof(mutated(csvText), mutated(geoJsonText)), async (text) => {
					const r = await readImportFile(kind, new TextEncoder().encode(text), c);
					expect(Array.isArray(r.items) && Array.isArray(r.issues)).toBe(true);
				}),
				{ numRuns: 40, seed: 7 }
			);
		}
	});
});
