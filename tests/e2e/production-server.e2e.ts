/**
 * Issue 11, items 5 and 10: the production server (`npm start`) that the harness starts — security
 * headers on every response including static files, body limits per route decided before a body is
 * read, upload routes closed to everyone but signed-in CAF staff before the body is read, and a
 * graceful shutdown that closes PGlite and releases its lock.
 */
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

	it('on SIGTERM, lets the database close and releases the PGlite lock', { timeout: 120_000 }, async () => {
		const app = await startApp(ROOT, { name: 'arret', env: { MAILLAGE_NO_DEMO: '1' } });
		try {
			const lock = path.join(app.dataDir, 'pglite.lock');
			expect(fs.existsSync(lock)).toBe(true);
			const exited = new Promise<number | null>((resolve) => app.child.once('exit', (code) => resolve(code)));
			const started = Date.now();
			app.child.kill('SIGTERM');
			const code = await exited;
			expect(code).toBe(0);
			expect(Date.now() - started).toBeLessThan(5_000);
			expect(fs.existsSync(lock)).toBe(false);
			// The folder opens again (nothing left half-closed).
			expect(fs.existsSync(path.join(app.dataDir, 'pglite', 'PG_VERSION'))).toBe(true);
		} finally {
			await app.stop();
		}
	});
});
