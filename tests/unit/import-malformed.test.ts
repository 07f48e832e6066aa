import { describe, expect, it } from 'vitest';
import { readImportFile } from '../../src/lib/io/import-file';
import { formatIssue } from '../../src/lib/io/messages-fr';
import { officialGeography } from '../../src/lib/server/import/official';
import { MALFORMED_CORPUS } from '../fixtures/import/corpus';

const ctx = () => ({ official: officialGeography(), communes: new Map(), epciSirens: new Set<string>() });

describe('readImportFile(kind, bytes) on the malformed corpus', () => {
	for (const c of MALFORMED_CORPUS) {
		it(`reports « ${c.name} » as a structured error naming where`, async () => {
			const result = await readImportFile(c.kind, c.bytes(), ctx(), { maxBytes: c.maxBytes });
			const errors = result.issues.filter((i) => i.severity === 'error');
			expect(errors.length).toBeGreaterThan(0);
			expect(errors).toContainEqual(expect.objectContaining({ severity: 'error', ...c.expected }));
			const message = formatIssue(errors.find((e) => e.code === c.expected.code)!);
			if (c.expected.line !== undefined) expect(message).toMatch(new RegExp(`^Ligne ${c.expected.line}\\b`));
			if (c.expected.feature !== undefined) expect(message).toMatch(new RegExp(`^Objet n° ${c.expected.feature}\\b`));
			if (c.expected.column !== undefined) expect(message).toContain(c.expected.column);
		});
	}

	it('the over-size case is fine without the limit (so the limit is what refuses it)', async () => {
		const c = MALFORMED_CORPUS.find((x) => x.expected.code === 'file-too-large')!;
		const result = await readImportFile(c.kind, c.bytes(), ctx());
		expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
	});

	it('names the size and the limit in megabytes', async () => {
		const result = await readImportFile('communes', new Uint8Array(3 * 1024 * 1024).fill(32), ctx(), { maxBytes: 2 * 1024 * 1024 });
		expect(formatIssue(result.issues[0])).toBe(
			'Le fichier pèse 3 Mo, au-delà de la limite de 2 Mo (réglable par MAILLAGE_MAX_UPLOAD_MB).'
		);
	});

	it('refuses a CSV where GeoJSON is expected, and the reverse', async () => {
		const csv = await readImportFile('communes', new TextEncoder().encode('code;nom\n86194;Poitiers\n'), ctx());
		expect(csv.issues).toEqual([{ severity: 'error', code: 'file-format-unexpected', params: { found: 'CSV', expected: 'GeoJSON' } }]);
		const json = await readImportFile('structures', new TextEncoder().encode('{"type":"FeatureCollection","features":[]}'), ctx());
		expect(json.issues[0].code).toBe('file-format-unexpected');
	});

	it('reports a header-only CSV', async () => {
		const r = await readImportFile('structures', new TextEncoder().encode('id;nom;type;code_commune\n'), ctx());
		expect(r.issues).toEqual([{ severity: 'error', code: 'csv-no-rows' }]);
	});
});
