/**
 * Issue 11, item 2: the fictional demo — with its public password — goes only into a pristine
 * database (no account, no import logged, no dataset flag; the reference data of the migrations
 * do not count), whether loaded by the app at start, by `db seed-demo` or by `seedDemo`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects, type TestDb } from '../helpers/db';
import * as meta from '../../src/lib/server/db/meta';
import * as users from '../../src/lib/server/db/users';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { RejectedDataError } from '../../src/lib/server/errors';
import { createDb } from '../../src/lib/server/db/index';
import { migrate } from '../../src/lib/server/db/migrate';

const CLI = { userId: null, label: 'ligne de commande' };

for (const dialect of testDialects()) {
	describe(`meta.inUseReasons(db) on ${dialect.kind}`, () => {
		let t: TestDb;
		beforeAll(async () => {
			t = await dialect.open();
		});
		afterAll(() => t?.dispose());

		it('counts a freshly migrated database as pristine, whatever reference data the migrations seed', async () => {
			const parameters = await t.db.selectFrom('reference_parameter').select('key').execute();
			expect(parameters.length).toBeGreaterThan(0);
			expect(await meta.inUseReasons(t.db)).toEqual([]);
			expect(await meta.isPristine(t.db)).toBe(true);
		});

		it('an import logged makes it in use', async () => {
			const row = await t.db
				.insertInto('import_log')
				.values({ actor: 'agent', kind: 'communes', file_name: 'a.geojson', file_hash: 'x', status: 'rejected', counts: JSON.stringify({}), issues: JSON.stringify([]) })
				.returning('id')
				.executeTakeFirstOrThrow();
			expect(await meta.inUseReasons(t.db)).toEqual(['des imports journalisés']);
			await t.db.deleteFrom('import_log').where('id', '=', row.id).execute();
		});

		it('a dataset flag makes it in use', async () => {
			await meta.set(t.db, 'dataset', 'real');
			expect(await meta.inUseReasons(t.db)).toEqual(['des données réelles']);
			await t.db.deleteFrom('app_meta').where('key', '=', 'dataset').execute();
		});

		it('an account created before the first start makes it in use, and seedDemo then writes nothing', async () => {
			await users.create(t.db, CLI, { email: 'premiere.admin@caf.fr', role: 'admin', password: 'un mot de passe robuste' });
			expect(await meta.inUseReasons(t.db)).toEqual(['des comptes utilisateurs']);
			await expect(seedDemo(t.db, { referenceDate: '2026-06-30' })).rejects.toThrow(RejectedDataError);
			await expect(seedDemo(t.db, { referenceDate: '2026-06-30' })).rejects.toThrow(/des comptes utilisateurs/);
			const emails = (await t.db.selectFrom('app_user').select('email').execute()).map((u) => u.email);
			expect(emails).toEqual(['premiere.admin@caf.fr']);
			expect(Number((await t.db.selectFrom('commune').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)).toBe(0);
		});
	});
}

describe('the app at start (embedded database): db migrate, users create --role admin, then start', () => {
	let dir: string;
	const saved = { ...process.env };
	beforeAll(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'maillage-pristine-'));
	});
	afterAll(async () => {
		const { closeAppDb } = await import('../../src/lib/server/app-db');
		await closeAppDb();
		process.env = saved;
		fs.rmSync(dir, { recursive: true, force: true });
	});

	it('does not load the demo (no demo account, no public password) beside the first admin', { timeout: 120_000 }, async () => {
		const dataDir = path.join(dir, 'pglite');
		const prepared = await createDb({ databaseUrl: null, dataDir, schema: 'maillage' });
		await migrate(prepared.db, 'maillage');
		await users.create(prepared.db, CLI, { email: 'premiere.admin@caf.fr', role: 'admin', password: 'un mot de passe robuste' });
		await prepared.close();

		process.env.MAILLAGE_DATA_DIR = dataDir;
		delete process.env.DATABASE_URL;
		delete process.env.MAILLAGE_NO_DEMO;
		const { appDb } = await import('../../src/lib/server/app-db');
		const { db } = await appDb();
		expect(await meta.datasetKind(db)).toBeNull();
		expect((await db.selectFrom('app_user').select('email').execute()).map((u) => u.email)).toEqual(['premiere.admin@caf.fr']);
		expect(await users.authenticate(db, 'admin@demo.invalid', 'demo-maillage-2026', new Date())).toBeNull();
	});
});
