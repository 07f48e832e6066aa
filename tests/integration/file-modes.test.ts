/**
 * Issue 11, item 6: the embedded database folder is 0700 and its files 0600 (PGlite unpacks its
 * files 0666 at creation), its lock 0600, and backups 0600 — on PGlite and, for backups, on
 * PostgreSQL.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDb } from '../../src/lib/server/db/index';
import { runMaillage } from '../helpers/cli';
import { testDatabaseUrl } from '../helpers/db';
import { suiteTempDir } from '../helpers/suite-temp-dir';

/** Modes found under `dir` (itself included): `{ 'd700': 26, 'f600': 970 }`. */
function modes(dir: string): Record<string, number> {
	const out: Record<string, number> = {};
	const add = (target: string, isDir: boolean) => {
		const key = `${isDir ? 'd' : 'f'}${(fs.statSync(target).mode & 0o777).toString(8)}`;
		out[key] = (out[key] ?? 0) + 1;
		if (isDir) for (const e of fs.readdirSync(target, { withFileTypes: true })) add(path.join(target, e.name), e.isDirectory());
	};
	add(dir, true);
	return out;
}

const mode = (file: string) => (fs.statSync(file).mode & 0o777).toString(8);

describe('embedded database file modes', () => {
	const inTemp = suiteTempDir('maillage-modes-');

	it('creates the folder 0700 and every file 0600, also those PGlite writes while open', { timeout: 120_000 }, async () => {
		const dataDir = inTemp('data', 'pglite');
		const umaskBefore = process.umask();
		const handle = await createDb({ databaseUrl: null, dataDir, schema: 'maillage' });
		try {
			expect(mode(`${dataDir}.lock`)).toBe('600');
			expect(mode(inTemp('data'))).toBe('700');
			await handle.db.schema.createTable('essai').addColumn('a', 'integer').execute();
			await handle.db.insertInto('essai' as never).values({ a: 1 } as never).execute();
			const open = modes(dataDir);
			expect(Object.keys(open).sort()).toEqual(['d700', 'f600']);
			expect(open.f600).toBeGreaterThan(900);
		} finally {
			await handle.close();
		}
		expect(Object.keys(modes(dataDir)).sort()).toEqual(['d700', 'f600']);
		expect(fs.existsSync(`${dataDir}.lock`)).toBe(false);
		// The process's own umask is given back once the database is closed.
		expect(process.umask()).toBe(umaskBefore);
	});

	it('tightens an older folder whose files were left world-writable', { timeout: 120_000 }, async () => {
		const dataDir = inTemp('data', 'pglite');
		fs.chmodSync(dataDir, 0o777);
		fs.chmodSync(path.join(dataDir, 'PG_VERSION'), 0o666);
		const handle = await createDb({ databaseUrl: null, dataDir, schema: 'maillage' });
		await handle.close();
		expect(Object.keys(modes(dataDir)).sort()).toEqual(['d700', 'f600']);
	});

	it('writes backups 0600, also over an existing file readable by all', { timeout: 120_000 }, async () => {
		const out = inTemp('sauvegarde.ndjson');
		fs.writeFileSync(out, 'ancien', { mode: 0o644 });
		fs.chmodSync(out, 0o644);
		const result = await runMaillage(['backup', '--out', out], { env: { MAILLAGE_DATA_DIR: inTemp('data', 'pglite') }, timeoutMs: 90_000 });
		expect(result.code, result.stderr).toBe(0);
		expect(mode(out)).toBe('600');
		expect(fs.readFileSync(out, 'utf8')).toMatch(/^\{/);
	});

	it.skipIf(!testDatabaseUrl)('writes backups 0600 from PostgreSQL too', { timeout: 120_000 }, async () => {
		const out = inTemp('sauvegarde-pg.ndjson');
		const schema = `modes_${Date.now().toString(36)}`;
		const result = await runMaillage(['backup', '--out', out], { env: { DATABASE_URL: testDatabaseUrl!, MAILLAGE_DB_SCHEMA: schema }, timeoutMs: 90_000 });
		try {
			expect(result.code, result.stderr).toBe(0);
			expect(mode(out)).toBe('600');
		} finally {
			const handle = await createDb({ databaseUrl: testDatabaseUrl, dataDir: '', schema });
			await handle.db.schema.dropSchema(schema).ifExists().cascade().execute();
			await handle.close();
		}
	});
});
