/**
 * End-to-end harness: builds the app (`vite build`), starts the built adapter-node server on a
 * free loopback port with a fresh embedded database (seeded with the demo) and the offline
 * basemap, and hands its URL to the tests. Skips, with a printed reason, when Chromium is absent.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { chromiumPath } from './browser';

declare module 'vitest' {
	export interface ProvidedContext {
		baseUrl: string;
		/** The same demo served from PostgreSQL, or '' without TEST_DATABASE_URL. */
		pgBaseUrl: string;
		e2eSkipReason: string;
		/** A server on an empty embedded database (MAILLAGE_NO_DEMO=1), where real imports are allowed. */
		emptyBaseUrl: string;
	}
}

/** Accounts created with `maillage users create` on the empty instance's folder before it starts. */
export const EMPTY_INSTANCE_ACCOUNTS = { admin: 'admin@import.invalid', agent: 'agent@import.invalid' } as const;
export const EMPTY_INSTANCE_PASSWORD = 'mot de passe des tests e2e';

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
		});
	});
}

async function waitForServer(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`the app server exited early with code ${child.exitCode}`);
		try {
			const response = await fetch(url);
			if (response.ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error(`the app server did not answer at ${url} within ${timeoutMs} ms`);
}

export default async function setup(project: TestProject) {
	const executable = chromiumPath();
	if (!executable) {
		const reason = 'Chromium absent (/usr/bin/chromium) : tests de bout en bout ignorés. Installez-le : apt-get install -y chromium';
		console.warn(`[e2e] ${reason}`);
		project.provide('e2eSkipReason', reason);
		project.provide('baseUrl', '');
		project.provide('pgBaseUrl', '');
		project.provide('emptyBaseUrl', '');
		return;
	}
	project.provide('e2eSkipReason', '');

	const root = path.resolve(import.meta.dirname, '../..');
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
	} catch (error) {
		await Promise.all(instances.map((i) => i.stop()));
		throw error;
	}

	return async () => {
		await Promise.all(instances.map((i) => i.stop()));
	};
}

interface AppInstance {
	baseUrl: string;
	stop(): Promise<void>;
}

/**
 * Starts the built server (scripts/start.mjs) on a free loopback port: by default on a fresh
 * embedded database (seeded with the demo at start), or on `env.DATABASE_URL`.
 */
async function startApp(
	root: string,
	options: {
		name: string;
		env?: Record<string, string>;
		dropSchema?: { url: string; schema: string };
		/** Runs before the server starts, with its environment (e.g. to create accounts with the CLI). */
		prepare?: (env: NodeJS.ProcessEnv) => void;
	}
): Promise<AppInstance> {
	const port = await freePort();
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `maillage-e2e-${options.name}-`));
	const baseUrl = `http://127.0.0.1:${port}`;
	const env: NodeJS.ProcessEnv = {
		...process.env,
		HOST: '127.0.0.1',
		PORT: String(port),
		ORIGIN: baseUrl,
		MAILLAGE_DATA_DIR: path.join(dataDir, 'pglite'),
		PUBLIC_BASEMAP_STYLE: 'offline',
		DATABASE_URL: '',
		...options.env
	};
	options.prepare?.(env);
	const child = spawn(process.execPath, ['scripts/start.mjs'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
	let log = '';
	child.stdout?.on('data', (chunk) => (log += chunk));
	child.stderr?.on('data', (chunk) => (log += chunk));
	try {
		await waitForServer(baseUrl, child, 90_000);
	} catch (error) {
		child.kill('SIGKILL');
		throw new Error(`${(error as Error).message}\n${log}`);
	}
	return {
		baseUrl,
		async stop() {
			if (child.exitCode === null) {
				const stopped = new Promise<void>((resolve) => child.once('exit', () => resolve()));
				child.kill('SIGTERM');
				const timer = setTimeout(() => child.kill('SIGKILL'), 8_000);
				await stopped;
				clearTimeout(timer);
			}
			fs.rmSync(dataDir, { recursive: true, force: true });
			if (options.dropSchema) {
				const pg = (await import('pg')).default;
				const client = new pg.Client({ connectionString: options.dropSchema.url });
				await client.connect();
				await client.query(`drop schema if exists "${options.dropSchema.schema}" cascade`);
				await client.end();
			}
			if (process.env.E2E_SERVER_LOG === '1') console.error(`[${options.name}]\n${log}`);
		}
	};
}
