/**
 * The first start on an empty embedded database: while the demo is created, every request gets a
 * French page saying what is happening, with its progress, that reloads itself; the browser lands
 * on the app (sign-in page) once it is ready, without anyone touching it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ROOT, startApp, type AppInstance } from './app-server';
import { axeViolations, launchBrowser } from './browser';

const skipReason = inject('e2eSkipReason');
/** Screenshots for a person to look at (outside the repository). */
const SHOTS = process.env.E2E_SCREENSHOTS ?? path.join(os.tmpdir(), 'maillage-e2e-shots');

describe.skipIf(Boolean(skipReason))('first start', () => {
	let app: AppInstance;
	let browser: Browser;

	beforeAll(async () => {
		// No wait for the database: on an idle machine the demo loads in about a second after the server listens.
		app = await startApp(ROOT, { name: 'premier-demarrage', answering: true, env: { MAILLAGE_STARTUP_WAIT_MS: '0' } });
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
		await app?.stop();
	});

	it('answers a French waiting page with progress while the demo is created, then the app', { timeout: 180_000 }, async () => {
		// A page and an API call at once, while the demo loads (it takes about a second on an idle machine).
		const [first, api] = await Promise.all([
			fetch(app.baseUrl, { headers: { accept: 'text/html' } }),
			fetch(`${app.baseUrl}/api/coverage`, { headers: { accept: 'application/json' } })
		]);
		expect(first.status).toBe(503);
		expect(first.headers.get('retry-after')).toBe('2');
		const html = await first.text();
		expect(html).toContain('<html lang="fr">');
		expect(html).toMatch(/Premier démarrage de Maillage|Maillage démarre/);
		expect(html).toContain('<meta http-equiv="refresh" content="2">');
		expect(html).toMatch(/<progress id="avancement" max="\d+" value="\d+">/);
		expect(api.status).toBe(503);
		expect((await api.json()).message).toMatch(/Maillage démarre/);

		const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
		const page = await context.newPage();
		await page.goto(app.baseUrl);
		const waiting = await page.locator('h1').textContent();
		if (waiting?.includes('démarr')) {
			// Every rule but `meta-refresh`: this page has no script (CSP) and must reload itself until the
			// app answers, every 2 s, only during a first start; it says so in its text. A deliberate
			// exception to WCAG 2.2.1 (timing), limited to this page.
			expect((await axeViolations(page)).filter((v) => v.id !== 'meta-refresh')).toEqual([]);
			fs.mkdirSync(SHOTS, { recursive: true });
			// For the eyes only: the page may reload itself during the capture, which then simply gives up.
			await page.screenshot({ path: path.join(SHOTS, 'premier-demarrage-1440.png') }).catch(() => {});
		}
		// No click, no script: the page reloads itself until the app answers (sign-in, demo accounts listed).
		await page.waitForURL(/\/connexion/, { timeout: 150_000 });
		await expect(page.locator('h1').first().textContent()).resolves.toMatch(/Se connecter|Connexion/);
		await context.close();
	});
});
