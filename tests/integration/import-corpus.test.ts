/**
 * The malformed corpus against a real database, on every dialect: each file is refused with a
 * structured error naming where, only an `import_log` row is written, and every other table is
 * unchanged (row counts and an md5 of its ordered rows).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects, type TestDb } from '../helpers/db';
import { runImport } from '../../src/lib/server/import/run-import';
import { formatIssue } from '../../src/lib/io/messages-fr';
import { MALFORMED_CORPUS } from '../fixtures/import/corpus';
import { tableChecksums } from '../fixtures/import/checksums';

const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.resolve('tests/fixtures/import/in', name)));

for (const dialect of testDialects()) {
	describe(`runImport(db, malformed file) on ${dialect.kind}`, () => {
		let t: TestDb;
		beforeAll(async () => {
			t = await dialect.open();
			// Real content first, so « unchanged » is checked on non-empty tables.
			for (const [kind, file] of [['communes', 'communes-wgs84.geojson'], ['structures', 'structures-semicolon-bom.csv']] as const) {
				const r = await runImport(t.db, { kind, fileName: file, bytes: fixture(file), actor: 'test' });
				expect(r.status).toBe('accepted');
			}
		});
		afterAll(() => t?.dispose());

		for (const c of MALFORMED_CORPUS) {
			it(`refuses « ${c.name} » and leaves every table but import_log unchanged`, async () => {
				const before = await tableChecksums(t.db);
				const logsBefore = await t.db.selectFrom('import_log').select('id').execute();
				const report = await runImport(t.db, { kind: c.kind, fileName: `${c.name}.bin`, bytes: c.bytes(), actor: 'test', maxBytes: c.maxBytes });
				expect(report.status).toBe('rejected');
				expect(report.counts).toMatchObject({ inserted: 0, updated: 0, unchanged: 0 });
				expect(report.issues).toContainEqual(expect.objectContaining({ severity: 'error', ...c.expected }));
				expect(formatIssue(report.issues.find((i) => i.code === c.expected.code)!).length).toBeGreaterThan(10);
				expect(await tableChecksums(t.db)).toEqual(before);
				const logs = await t.db.selectFrom('import_log').selectAll().orderBy('id').execute();
				expect(logs.length).toBe(logsBefore.length + 1);
				const log = logs[logs.length - 1];
				expect(log).toMatchObject({ id: report.importLogId, status: 'rejected', kind: c.kind, actor: 'test', file_name: `${c.name}.bin` });
				expect(log.file_hash).toMatch(/^[0-9a-f]{64}$/);
				expect(log.issues).toEqual(JSON.parse(JSON.stringify(report.issues)));
			});
		}

		it('accepts a self-intersecting but otherwise sound polygon, repaired, with a warning', async () => {
			const report = await runImport(t.db, { kind: 'communes', fileName: 'bow-tie.geojson', bytes: fixture('communes-self-intersecting.geojson'), actor: 'test' });
			expect(report.status).toBe('accepted');
			expect(report.counts).toMatchObject({ read: 1, updated: 1 });
			expect(report.issues).toEqual([
				expect.objectContaining({ severity: 'warning', feature: 1, code: 'geometry-self-intersection-repaired' })
			]);
			const row = await t.db.selectFrom('commune').select(['geometry']).where('code', '=', '86194').executeTakeFirstOrThrow();
			expect(row.geometry?.type).toBe('MultiPolygon');
		});
	});
}
