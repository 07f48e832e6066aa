/**
 * End-to-end harness: builds the app (`vite build`), starts it as `npm start` does — the
 * production server over adapter-node's handler (tests/e2e/app-server.ts) — on free loopback ports
 * with fresh embedded databases (one seeded with the demo) and the offline basemap, and hands their
 * URLs to the tests. Skips, with a printed reason, when Chromium is absent.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserServer } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { chromiumPath, launchBrowserServer } from './browser';
import { ROOT, startApp, type AppInstance } from './app-server';

declare module 'vitest' {
	export interface ProvidedContext {
		baseUrl: string;
		/** The same demo served from PostgreSQL, or '' without TEST_DATABASE_URL. */
		pgBaseUrl: string;
		e2eSkipReason: string;
		/** A server on an empty embedded database (MAILLAGE_NO_DEMO=1), where real imports are allowed. */
		emptyBaseUrl: string;
		/** Process id of the demo server on PGlite (memory checks), 0 when skipped. */
		serverPid: number;
		/** A server on the Sarthe loaded from ../shared/data (issue 14), or '' when that folder is absent. */
		sartheBaseUrl: string;
		/** The Chromium shared by every e2e file (see browser.ts `launchBrowser`), or '' when skipped. */
		browserWsEndpoint: string;
	}
}

/** Accounts created with `maillage users create` on the empty instance's folder before it starts. */
export const EMPTY_INSTANCE_ACCOUNTS = { admin: 'admin@import.invalid', agent: 'agent@import.invalid' } as const;
export const EMPTY_INSTANCE_PASSWORD = 'mot de passe des tests e2e';

export default async function setup(project: TestProject) {
	const executable = chromiumPath();
	if (!executable) {
		const reason = 'Chromium absent (/usr/bin/chromium) : tests de bout en bout ignorés. Installez-le : apt-get install -y chromium';
		console.warn(`[e2e] ${reason}`);
		project.provide('e2eSkipReason', reason);
		project.provide('baseUrl', '');
		project.provide('pgBaseUrl', '');
		project.provide('emptyBaseUrl', '');
		project.provide('serverPid', 0);
		project.provide('sartheBaseUrl', '');
		project.provide('browserWsEndpoint', '');
		return;
	}
	project.provide('e2eSkipReason', '');

	const root = ROOT;
	if (process.env.E2E_SKIP_BUILD !== '1') {
		const started = Date.now();
		const build = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], {
			cwd: root,
			stdio: ['ignore', 'inherit', 'inherit'],
			env: { ...process.env, NODE_ENV: 'production' }
		});
		if (build.status !== 0) throw new Error(`vite build failed (exit ${build.status})`);
		console.error(`[e2e] build ${(Date.now() - started) / 1000} s`);
	}

	const instances: AppInstance[] = [];
	let browserServer: BrowserServer | null = null;
	try {
		// The demo with road travel times (a generated network laid on its communes, `routes compute`),
		// so the coverage page can switch to minutes (tests/e2e/routes.e2e.ts).
		const demo = await startApp(root, {
			name: 'pglite',
			prepare(env) {
				const file = path.join(path.dirname(env.MAILLAGE_DATA_DIR!), 'demo.osm.pbf');
				const steps = [
					['node_modules/tsx/dist/cli.mjs', 'scripts/generate-roads.ts', '--demo', '--out', file, '--lattice-km', '3', '--shape-m', '300'],
					['scripts/maillage.mjs', 'db', 'seed-demo'],
					['scripts/maillage.mjs', 'routes', 'compute', file]
				];
				for (const args of steps) {
					const run = spawnSync(process.execPath, args, { cwd: root, env: { ...env, MAILLAGE_ROUTES_CACHE: path.join(path.dirname(file), 'routes-cache') }, encoding: 'utf8' });
					if (run.status !== 0) throw new Error(`${args.join(' ')} failed: ${run.stderr}`);
				}
			}
		});
		instances.push(demo);
		project.provide('baseUrl', demo.baseUrl);
		project.provide('serverPid', demo.pid);

		// The same demo on a real PostgreSQL server, for suites that must pass on both databases.
		const testUrl = process.env.TEST_DATABASE_URL?.trim();
		if (testUrl) {
			const schema = `e2e_${Date.now().toString(36)}`;
			const env = { DATABASE_URL: testUrl, MAILLAGE_DB_SCHEMA: schema };
			const seeded = spawnSync(process.execPath, ['scripts/maillage.mjs', 'db', 'seed-demo'], {
				cwd: root,
				env: { ...process.env, ...env },
				encoding: 'utf8'
			});
			if (seeded.status !== 0) throw new Error(`db seed-demo on PostgreSQL failed: ${seeded.stderr}`);
			const pg = await startApp(root, { name: 'postgres', env, dropSchema: { url: testUrl, schema } });
			instances.push(pg);
			project.provide('pgBaseUrl', pg.baseUrl);
		} else {
			console.warn('[e2e] TEST_DATABASE_URL absent : les tests de bout en bout ne tournent que sur PGlite.');
			project.provide('pgBaseUrl', '');
		}

		// An empty database (no demo) with two accounts created by the CLI, for real imports.
		const empty = await startApp(root, {
			name: 'vide',
			env: { MAILLAGE_NO_DEMO: '1' },
			prepare(env) {
				for (const [role, email] of Object.entries(EMPTY_INSTANCE_ACCOUNTS)) {
					const created = spawnSync(process.execPath, ['scripts/maillage.mjs', 'users', 'create', '--email', email, '--role', role], {
						cwd: root,
						env,
						input: `${EMPTY_INSTANCE_PASSWORD}\n`,
						encoding: 'utf8'
					});
					if (created.status !== 0) throw new Error(`maillage users create failed: ${created.stderr}`);
				}
			}
		});
		instances.push(empty);
		project.provide('emptyBaseUrl', empty.baseUrl);

		// The Sarthe of the real open data, loaded in this process before its server starts (no build, one more server).
		const { sarthePresent } = await import('../helpers/sarthe');
		if (sarthePresent) {
			const started = Date.now();
			const sarthe = await startApp(root, { name: 'sarthe', env: { MAILLAGE_NO_DEMO: '1' }, prepare: prepareSarthe });
			instances.push(sarthe);
			project.provide('sartheBaseUrl', sarthe.baseUrl);
			console.error(`[e2e] Sarthe ${(Date.now() - started) / 1000} s`);
		} else {
			console.warn('[e2e] ../shared/data absent : le rendu de /carte sur la Sarthe réelle est ignoré.');
			project.provide('sartheBaseUrl', '');
		}

		// One Chromium for the whole run: each file connects to it instead of starting its own.
		browserServer = await launchBrowserServer();
		project.provide('browserWsEndpoint', browserServer.wsEndpoint());
	} catch (error) {
		await Promise.all(instances.map((i) => i.stop()));
		throw error;
	}

	return async () => {
		await Promise.all([...instances.map((i) => i.stop()), browserServer?.close()]);
	};
}

/** Accounts of the Sarthe instance (same password as the empty one). */
export const SARTHE_INSTANCE_ADMIN = 'admin@sarthe.invalid';

/** Loads the Sarthe into the instance's embedded database, with an admin account, then closes it. */
async function prepareSarthe(env: NodeJS.ProcessEnv): Promise<void> {
	const [{ createDb }, { migrate }, { loadSarthe }, users] = await Promise.all([
		import('../../src/lib/server/db/index'),
		import('../../src/lib/server/db/migrate'),
		import('../helpers/sarthe'),
		import('../../src/lib/server/db/users')
	]);
	fs.mkdirSync(path.dirname(env.MAILLAGE_DATA_DIR!), { recursive: true });
	const handle = await createDb({ databaseUrl: null, dataDir: env.MAILLAGE_DATA_DIR!, schema: 'maillage' });
	try {
		await migrate(handle.db, handle.schema);
		await loadSarthe(handle.db);
		await users.create(handle.db, { userId: null, label: 'e2e' }, { email: SARTHE_INSTANCE_ADMIN, role: 'admin', password: EMPTY_INSTANCE_PASSWORD });
	} finally {
		await handle.close();
	}
}
