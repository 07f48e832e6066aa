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
		e2eSkipReason: string;
	}
}

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

	const port = await freePort();
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'maillage-e2e-'));
	const baseUrl = `http://127.0.0.1:${port}`;
	const child = spawn(process.execPath, ['scripts/start.mjs'], {
		cwd: root,
		env: {
			...process.env,
			HOST: '127.0.0.1',
			PORT: String(port),
			ORIGIN: baseUrl,
			MAILLAGE_DATA_DIR: path.join(dataDir, 'pglite'),
			PUBLIC_BASEMAP_STYLE: 'offline',
			DATABASE_URL: ''
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let log = '';
	child.stdout?.on('data', (chunk) => (log += chunk));
	child.stderr?.on('data', (chunk) => (log += chunk));
	try {
		await waitForServer(baseUrl, child, 90_000);
	} catch (error) {
		child.kill('SIGKILL');
		throw new Error(`${(error as Error).message}\n${log}`);
	}
	project.provide('baseUrl', baseUrl);

	return async () => {
		const stopped = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
		child.kill('SIGTERM');
		const timer = setTimeout(() => child.kill('SIGKILL'), 8_000);
		await stopped;
		clearTimeout(timer);
		fs.rmSync(dataDir, { recursive: true, force: true });
		if (process.env.E2E_SERVER_LOG === '1') console.error(log);
	};
}
