/**
 * Starts the built app as `npm start` does (scripts/start.mjs: the production server over
 * adapter-node's handler) on a free loopback port, for the end-to-end harness and the few tests
 * that need their own server (shutdown, file modes).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
		});
	});
}

async function waitForServer(url: string, child: ChildProcess, timeoutMs: number, answering = false): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`the app server exited early with code ${child.exitCode}`);
		try {
			const response = await fetch(url);
			if (response.ok || answering) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error(`the app server did not answer at ${url} within ${timeoutMs} ms`);
}

export interface AppInstance {
	baseUrl: string;
	pid: number;
	/** The folder holding the embedded database (`<dir>/pglite`) and its lock. */
	dataDir: string;
	child: ChildProcess;
	/** What the server printed so far. */
	log(): string;
	stop(): Promise<void>;
}

/**
 * Starts the built app through the production server (`npm start`: scripts/start.mjs) on a free
 * loopback port: by default on a fresh embedded database (seeded with the demo at start), or on
 * `env.DATABASE_URL`.
 */
export async function startApp(
	root: string,
	options: {
		name: string;
		env?: Record<string, string>;
		dropSchema?: { url: string; schema: string };
		/** Runs before the server starts, with its environment (e.g. to create accounts with the CLI). */
		prepare?: (env: NodeJS.ProcessEnv) => void | Promise<void>;
		/** Return as soon as the server answers anything (the first-start page), not once the app is ready. */
		answering?: boolean;
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
	await options.prepare?.(env);
	const child = spawn(process.execPath, ['scripts/start.mjs'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
	let log = '';
	child.stdout?.on('data', (chunk) => (log += chunk));
	child.stderr?.on('data', (chunk) => (log += chunk));
	try {
		await waitForServer(baseUrl, child, 90_000, options.answering);
	} catch (error) {
		child.kill('SIGKILL');
		throw new Error(`${(error as Error).message}\n${log}`);
	}
	return {
		baseUrl,
		pid: child.pid ?? 0,
		dataDir,
		child,
		log: () => log,
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
