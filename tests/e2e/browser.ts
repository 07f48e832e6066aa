/** Debian's Chromium driven by playwright-core (never a downloaded browser), plus axe-core. */
import fs from 'node:fs';
import { chromium, type Browser, type BrowserServer, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { PNG } from 'pngjs';
import { ui } from '../../src/lib/palette';
import { CATEGORY_FILL_OPACITY } from '../../src/lib/map/layers/coverage';

/** The Chromium executable, or null when absent. `CHROMIUM_PATH` overrides the Debian path. */
export function chromiumPath(): string | null {
	const candidate = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
	return fs.existsSync(candidate) ? candidate : null;
}

function launchOptions() {
	const executablePath = chromiumPath();
	if (!executablePath) throw new Error('Chromium absent');
	return {
		executablePath,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--use-angle=swiftshader',
			'--enable-unsafe-swiftshader'
		]
	};
}

/** The Chromium that global-setup.ts starts once for every e2e file (files connect to it). */
export function launchBrowserServer(): Promise<BrowserServer> {
	return chromium.launchServer(launchOptions());
}

/**
 * A browser for one test file: a connection to the Chromium shared by the run (started once by
 * global-setup.ts: each file used to pay a Chromium start and stop), or a Chromium of its own
 * when there is none. `close()` on a connection closes the file's contexts and disconnects.
 */
export async function launchBrowser(): Promise<Browser> {
	const endpoint = await sharedBrowserEndpoint();
	return endpoint ? chromium.connect(endpoint) : chromium.launch(launchOptions());
}

/** The shared Chromium's address inside a vitest e2e worker; none elsewhere (benchmarks, `npm run screenshots`). */
async function sharedBrowserEndpoint(): Promise<string | undefined> {
	if (!process.env.VITEST) return undefined;
	const { inject } = await import('vitest');
	return inject('browserWsEndpoint');
}

/** The usual setup of an e2e file: Chromium, one page at `viewport` with its console errors watched, signed in when `account` says so. */
export async function openBrowserPage(viewport: { width: number; height: number }, account?: { baseUrl: string; email: string; password?: string }) {
	const browser = await launchBrowser();
	const context = await browser.newContext({ viewport });
	const page = await context.newPage();
	const consoleErrors = watchConsole(page);
	if (account) await signIn(page, account.baseUrl, account.email, account.password);
	return { browser, context, page, consoleErrors };
}

/** Collects console errors and page errors (CSP violations show up there). */
export function watchConsole(page: Page): string[] {
	const errors: string[] = [];
	page.on('console', (message) => {
		if (message.type() === 'error') errors.push(message.text());
	});
	page.on('pageerror', (error) => errors.push(error.message));
	return errors;
}

/** WCAG 2.1 A/AA violations found by axe-core on the current page. */
export async function axeViolations(page: Page) {
	const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
	return results.violations.map((v) => ({
		id: v.id,
		impact: v.impact,
		help: v.help,
		targets: v.nodes.slice(0, 5).map((n) => n.target.join(' '))
	}));
}

/** Counts the pixels of a PNG within `tolerance` (per channel) of a `#rrggbb` colour. */
export function countColour(png: Buffer, hex: string, tolerance = 12): number {
	const image = PNG.sync.read(png);
	const r = parseInt(hex.slice(1, 3), 16);
	const g = parseInt(hex.slice(3, 5), 16);
	const b = parseInt(hex.slice(5, 7), 16);
	let count = 0;
	for (let i = 0; i < image.data.length; i += 4) {
		if (
			Math.abs(image.data[i] - r) <= tolerance &&
			Math.abs(image.data[i + 1] - g) <= tolerance &&
			Math.abs(image.data[i + 2] - b) <= tolerance
		)
			count++;
	}
	return count;
}

/** The colour a category fill shows over the offline background (MapLibre blends with the fill opacity). */
export function blended(hex: string, opacity = CATEGORY_FILL_OPACITY, background: string = ui.surface): string {
	const channel = (h: string, i: number) => parseInt(h.slice(1 + 2 * i, 3 + 2 * i), 16);
	return `#${[0, 1, 2]
		.map((i) => Math.round(channel(hex, i) * opacity + channel(background, i) * (1 - opacity)).toString(16).padStart(2, '0'))
		.join('')}`;
}

/** The demo accounts' password (see README). */
export const DEMO_PASSWORD = 'demo-maillage-2026';

/** Signs in through the real form, as a person would; waits for the redirect away from /connexion. */
export async function signIn(page: Page, baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<void> {
	await page.goto(`${baseUrl}/connexion`);
	const form = page.locator('form[action="?/connexion"]').first();
	await form.getByLabel('Adresse électronique').fill(email);
	await form.getByLabel('Mot de passe').fill(password);
	await Promise.all([
		page.waitForURL((url) => !url.pathname.startsWith('/connexion')),
		form.getByRole('button', { name: 'Se connecter' }).click()
	]);
}

/** A browser with one page signed in as `email`, and the console errors of that page. */
export async function signedInPage(baseUrl: string, email: string, viewport = { width: 1366, height: 900 }): Promise<{ browser: Browser; page: Page; consoleErrors: string[] }> {
	const browser = await launchBrowser();
	const page = await (await browser.newContext({ viewport })).newPage();
	const consoleErrors = watchConsole(page);
	await signIn(page, baseUrl, email);
	return { browser, page, consoleErrors };
}

/** Signs out through the header button. */
export async function signOut(page: Page): Promise<void> {
	await Promise.all([page.waitForURL(/\/connexion/), page.getByRole('button', { name: 'Se déconnecter' }).first().click()]);
}
