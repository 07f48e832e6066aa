/**
 * Issue 11, items 5 and 10: the production server (`npm start`) that the harness starts — security
 * headers on every response including static files, body limits per route decided before a body is
 * read, upload routes closed to everyone but signed-in CAF staff before the body is read, and a
 * graceful shutdown that closes PGlite and releases its lock.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { ROOT, startApp } from './app-server';
import { rawHttp, residentBytes, signInCookie } from './http';

const skipReason = inject('e2eSkipReason');
const baseUrl = inject('baseUrl');
const serverPid = inject('serverPid');
const MB = 1024 * 1024;

function expectSecurityHeaders(headers: Headers | Record<string, string>, what: string) {
	const get = (name: string) => (headers instanceof Headers ? headers.get(name) : headers[name]) ?? null;
	expect([what, get('x-content-type-options')]).toEqual([what, 'nosniff']);
	expect([what, get('x-frame-options')]).toEqual([what, 'DENY']);
	expect([what, get('referrer-policy')]).toEqual([what, 'same-origin']);
	expect([what, get('content-security-policy')?.includes("frame-ancestors 'none'")]).toEqual([what, true]);
}

describe.skipIf(Boolean(skipReason))('production server (npm start)', () => {
	it('sends the security headers on every kind of response, static files included', async () => {
		const page = await fetch(`${baseUrl}/connexion`);
		const html = await page.text();
		expectSecurityHeaders(page.headers, 'page');
		// The page keeps SvelteKit's own policy (script hashes), not the fallback.
		expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
		const asset = /\/_app\/immutable\/[^"']+\.js/.exec(html)?.[0];
		expect(asset).toBeDefined();
		const targets: [string, string][] = [
			['favicon', '/favicon.svg'],
			['script', asset!],
			['version', '/_app/version.json'],
			['données de page', '/connexion/__data.json'],
			['API sans session', '/api/coverage'],
			['page inconnue', '/nulle-part'],
			['fichier inconnu', '/_app/immutable/absent.js']
		];
		for (const [what, target] of targets) {
			const response = await fetch(baseUrl + target, { redirect: 'manual' });
			await response.arrayBuffer();
			expectSecurityHeaders(response.headers, `${what} ${target} (${response.status})`);
		}
		const svg = await fetch(`${baseUrl}/favicon.svg`);
		expect(svg.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
	});

	it('refuses four parallel 100 MB posts to /connexion from their headers, without reading them', async () => {
		const before = await residentBytes(serverPid);
		const answers = await Promise.all(
			Array.from({ length: 4 }, () =>
				rawHttp(
					baseUrl,
					['POST /connexion?/connexion HTTP/1.1', 'Content-Type: application/x-www-form-urlencoded', `Content-Length: ${100 * MB}`, `Origin: ${baseUrl}`, 'Accept: text/html'],
					'email=' + 'a'.repeat(64 * 1024),
					5_000
				)
			)
		);
		for (const answer of answers) {
			expect(answer.status).toBe(413);
			expect(answer.body).toContain('Envoi trop volumineux : 100 Mo pour 64 Ko au plus sur cette adresse.');
			expect(answer.ms).toBeLessThan(2_000);
		}
		const after = await residentBytes(serverPid);
		if (before !== null && after !== null) expect(after - before).toBeLessThan(50 * MB);
	});

	it('refuses a body without a declared length (411)', async () => {
		const answer = await rawHttp(baseUrl, ['POST /connexion?/connexion HTTP/1.1', 'Transfer-Encoding: chunked', `Origin: ${baseUrl}`], '4\r\nab=c\r\n', 5_000);
		expect(answer.status).toBe(411);
	});

	it('keeps the large limit (MAILLAGE_MAX_UPLOAD_MB, 100 MB) for uploads only, and refuses above it', async () => {
		const over = await rawHttp(baseUrl, ['POST /api/import?kind=communes HTTP/1.1', 'Content-Type: application/octet-stream', `Content-Length: ${101 * MB}`, `Origin: ${baseUrl}`], '', 5_000);
		expect(over.status).toBe(413);
		expect(JSON.parse(over.body).message).toContain('MAILLAGE_MAX_UPLOAD_MB');
	});

	it('closes the upload routes to anyone but signed-in staff before reading the body (hooks)', async () => {
		const partner = await signInCookie(baseUrl, 'departement@demo.invalid');
		const observer = await signInCookie(baseUrl, 'observateur@demo.invalid');
		const uploads: { target: string; type: string }[] = [
			{ target: '/api/import?kind=communes', type: 'application/octet-stream' },
			{ target: '/administration/import?/importer', type: 'multipart/form-data; boundary=x' },
			{ target: '/financements/import', type: 'multipart/form-data; boundary=x' },
			{ target: '/agrements/1?/document', type: 'multipart/form-data; boundary=x' }
		];
		for (const { target, type } of uploads) {
			for (const [who, cookie, status] of [
				['anonyme', null, 401],
				['partenaire', partner, 403],
				['observateur', observer, 403]
			] as const) {
				// 10 MB announced (within every upload limit), 1 KB sent: the answer must come without waiting for the rest.
				const head = [`POST ${target} HTTP/1.1`, `Content-Type: ${type}`, `Content-Length: ${10 * MB}`, `Origin: ${baseUrl}`, 'Accept: application/json'];
				if (cookie) head.push(`Cookie: ${cookie}`);
				const answer = await rawHttp(baseUrl, head, 'x'.repeat(1024), 5_000);
				expect([target, who, answer.status]).toEqual([target, who, status]);
				expect(answer.ms).toBeLessThan(3_000);
			}
		}
	});

	it('on a fresh install with a first admin (users create, then npm start): no demo, private files, clean SIGTERM', { timeout: 180_000 }, async () => {
		const admin = { email: 'premiere.admin@caf.fr', password: 'un mot de passe robuste' };
		// Issue 11, item 2: exactly the reported sequence, without MAILLAGE_NO_DEMO.
		const app = await startApp(ROOT, {
			name: 'arret',
			prepare(env) {
				const created = spawnSync(process.execPath, ['scripts/maillage.mjs', 'users', 'create', '--email', admin.email, '--role', 'admin'], {
					cwd: ROOT,
					env,
					input: `${admin.password}\n`,
					encoding: 'utf8'
				});
				if (created.status !== 0) throw new Error(created.stderr);
			}
		});
		try {
			const signInAs = (email: string, password: string) =>
				fetch(`${app.baseUrl}/connexion?/connexion`, {
					method: 'POST',
					redirect: 'manual',
					headers: { 'content-type': 'application/x-www-form-urlencoded', origin: app.baseUrl, accept: 'text/html' },
					body: new URLSearchParams({ email, password, redirectTo: '/' })
				});
			const signInPage = await (await fetch(`${app.baseUrl}/connexion`)).text();
			expect(signInPage).not.toContain('Comptes de démonstration');
			expect(signInPage).not.toContain('demo-maillage-2026');
			expect((await signInAs('admin@demo.invalid', 'demo-maillage-2026')).status).toBe(400);
			expect((await signInAs(admin.email, admin.password)).status).toBe(303);

			// Issue 11, item 6: the running server's database folder is private, every file 0600.
			const modes = new Map<string, number>();
			const walk = (dir: string) => {
				for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
					const full = path.join(dir, entry.name);
					const key = `${entry.isDirectory() ? 'd' : 'f'}${(fs.statSync(full).mode & 0o777).toString(8)}`;
					modes.set(key, (modes.get(key) ?? 0) + 1);
					if (entry.isDirectory()) walk(full);
				}
			};
			walk(path.join(app.dataDir, 'pglite'));
			expect((fs.statSync(path.join(app.dataDir, 'pglite')).mode & 0o777).toString(8)).toBe('700');
			expect([...modes.keys()].sort()).toEqual(['d700', 'f600']);
			expect((fs.statSync(path.join(app.dataDir, 'pglite.lock')).mode & 0o777).toString(8)).toBe('600');

			// Items 5 and 10: SIGTERM closes the database and releases its lock, quickly.
			const lock = path.join(app.dataDir, 'pglite.lock');
			const exited = new Promise<number | null>((resolve) => app.child.once('exit', (code) => resolve(code)));
			const started = Date.now();
			app.child.kill('SIGTERM');
			const code = await exited;
			expect(code).toBe(0);
			// SHUTDOWN_TIMEOUT (3 s) bounds the requests; closing PGlite adds a moment (more on a busy machine).
			expect(Date.now() - started).toBeLessThan(10_000);
			expect(fs.existsSync(lock)).toBe(false);
			expect(fs.existsSync(path.join(app.dataDir, 'pglite', 'PG_VERSION'))).toBe(true);
		} finally {
			await app.stop();
		}
	});
});
