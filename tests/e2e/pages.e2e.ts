import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, openBrowserPage, signIn, signOut } from './browser';

/** Every page of the app shell, with the heading a user expects. */
export const PAGES = [
	{ path: '/', h1: /Vue d.ensemble|Maillage/ },
	{ path: '/carte', h1: /Carte/ },
	{ path: '/territoires', h1: /Territoires/ },
	{ path: '/structures', h1: /Structures/ },
	{ path: '/agrements', h1: /Agréments/ },
	{ path: '/financements', h1: /Financements/ },
	{ path: '/accord-cadre', h1: /Accord-cadre/ },
	{ path: '/schema-directeur', h1: /Schéma directeur/ },
	{ path: '/comite', h1: /comité/i },
	{ path: '/scenarios', h1: /Scénarios/ },
	{ path: '/exports', h1: /Exports/ },
	{ path: '/administration', h1: /Administration/ },
	{ path: '/connexion', h1: /connecter|Connexion/i },
	{ path: '/aide', h1: /Aide/ },
	{ path: '/accessibilite', h1: /accessibilité/i }
] as const;

const skipReason = inject('e2eSkipReason');
const baseUrl = inject('baseUrl');

describe.skipIf(Boolean(skipReason))('pages in Chromium', () => {
	let browser: Browser, page: Page, consoleErrors: string[];

	beforeAll(async () => {
		({ browser, page, consoleErrors } = await openBrowserPage({ width: 1280, height: 900 }));
	});

	it('sends a signed-out visitor to the sign-in page, which lists the demo accounts and passes axe', async () => {
		await page.goto(baseUrl + '/structures');
		expect(new URL(page.url()).pathname).toBe('/connexion');
		expect(new URL(page.url()).searchParams.get('redirectTo')).toBe('/structures');
		await expect(page.getByRole('heading', { name: 'Comptes de démonstration' }).isVisible()).resolves.toBe(true);
		expect(await axeViolations(page)).toEqual([]);
	});

	it('refuses a wrong password with a French message, then signs in and returns to the page asked for', async () => {
		await page.goto(baseUrl + '/connexion?redirectTo=%2Fstructures');
		const form = page.locator('form[action="?/connexion"]').first();
		await form.getByLabel('Adresse électronique').fill('admin@demo.invalid');
		await form.getByLabel('Mot de passe').fill('mauvais mot de passe');
		await form.getByRole('button', { name: 'Se connecter' }).click();
		await expect(page.getByText(/mot de passe incorrect/).first().waitFor()).resolves.toBeUndefined();
		await form.getByLabel('Mot de passe').fill('demo-maillage-2026');
		await Promise.all([page.waitForURL(baseUrl + '/structures'), form.getByRole('button', { name: 'Se connecter' }).click()]);
		await signOut(page);
		await signIn(page, baseUrl, 'admin@demo.invalid');
	});
	afterAll(() => browser?.close());

	for (const { path, h1 } of PAGES) {
		it(`${path} answers in French with one h1, the demo banner and no axe violation`, async () => {
			consoleErrors.length = 0;
			const response = await page.goto(baseUrl + path, { waitUntil: 'networkidle' });
			expect(response?.status()).toBe(200);
			expect(await page.getAttribute('html', 'lang')).toBe('fr');
			const headings = await page.locator('h1').allTextContents();
			expect(headings).toHaveLength(1);
			expect(headings[0]).toMatch(h1);
			expect(await page.title()).toMatch(/Maillage/);
			await expect(page.getByText(/Données fictives de démonstration/).first().isVisible()).resolves.toBe(true);
			expect(await axeViolations(page)).toEqual([]);
			expect(consoleErrors).toEqual([]);
		});
	}

	it('the skip link moves the focus to the main content', async () => {
		await page.goto(baseUrl + '/structures');
		await page.keyboard.press('Tab');
		const focused = await page.evaluate(() => document.activeElement?.textContent?.trim());
		expect(focused).toMatch(/Aller au contenu/);
		await page.keyboard.press('Enter');
		expect(await page.evaluate(() => document.activeElement?.id)).toBe('contenu');
	});

	it('the main navigation reaches every page', async () => {
		await page.goto(baseUrl + '/');
		const nav = page.getByRole('navigation', { name: /Navigation principale/ });
		for (const { path, h1 } of PAGES.filter((p) => !['/connexion', '/aide', '/accessibilite', '/'].includes(p.path))) {
			await nav.locator(`a[href="${path}"]`).click();
			await page.waitForURL(baseUrl + path);
			await expect(page.locator('h1').textContent()).resolves.toMatch(h1);
			expect(await nav.locator(`a[href="${path}"]`).getAttribute('aria-current')).toBe('page');
		}
	});

	it('an unknown page answers 404 in French', async () => {
		const response = await page.goto(baseUrl + '/nexiste-pas');
		expect(response?.status()).toBe(404);
		await expect(page.locator('body').textContent()).resolves.toMatch(/introuvable/i);
	});
});
