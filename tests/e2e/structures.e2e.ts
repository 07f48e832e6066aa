/**
 * The structure registry end to end, in Chromium against the built app on the demo database:
 * the agrément filter, a structure page (timeline, zone map, edit link), the edit form's
 * server-side validation in French with the input kept, a concurrent edit refused with the
 * conflict message (never a silent overwrite), creating a structure, and the commune page.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeViolations, openBrowserPage } from './browser';

const skipReason = inject('e2eSkipReason');
const baseUrl = inject('baseUrl');

describe.skipIf(Boolean(skipReason))('structures registry in Chromium', () => {
	let browser: Browser, context: BrowserContext, page: Page, consoleErrors: string[];
	let structurePath = '';

	beforeAll(async () => {
		({ browser, context, page, consoleErrors } = await openBrowserPage({ width: 1280, height: 900 }, { baseUrl, email: 'agent@demo.invalid' }));
	});
	afterAll(() => browser?.close());

	it('filters the list by agrément status', async () => {
		await page.goto(baseUrl + '/structures');
		const all = await page.locator('table tbody tr').count();
		await page.getByLabel('Agrément en cours').selectOption('en_cours');
		await Promise.all([page.waitForURL(/agrement=en_cours/), page.getByRole('button', { name: 'Filtrer' }).click()]);
		const running = await page.locator('table tbody tr').count();
		expect(running).toBeGreaterThan(0);
		expect(running).toBeLessThan(all);
		for (const badge of await page.locator('table tbody tr td:nth-child(6) .badge').allTextContents()) expect(badge).toMatch(/en cours/);
		expect(await axeViolations(page)).toEqual([]);
		structurePath = (await page.locator('table tbody tr th a').first().getAttribute('href')) ?? '';
		expect(structurePath).toMatch(/^\/structures\/\d+$/);
	});

	it('a structure page shows the agréments timeline, the zone map and the edit link, without axe violations', async () => {
		await page.goto(baseUrl + structurePath, { waitUntil: 'networkidle' });
		await expect(page.locator('figure.timeline svg rect[data-status]').count()).resolves.toBeGreaterThan(0);
		await page.waitForSelector('[data-map-ready="true"]', { timeout: 30_000 });
		await expect(page.getByRole('link', { name: 'Modifier la fiche' }).getAttribute('href')).resolves.toBe(`${structurePath}/modifier`);
		expect(await axeViolations(page)).toEqual([]);
	});

	it('the edit form refuses a wrong SIRET in French, keeps the input, and saves once corrected', async () => {
		await page.goto(`${baseUrl}${structurePath}/modifier`);
		expect(await axeViolations(page)).toEqual([]);
		const siret = await page.getByLabel('SIRET').inputValue();
		await page.getByLabel('Adresse').fill('12 rue de la Liberté');
		await page.getByLabel('SIRET').fill('12345678901234');
		await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
		// The error summary (the kit's callout: its title is not a heading).
		await page.getByRole('alert').filter({ hasText: 'Un champ est à corriger' }).waitFor();
		await expect(page.locator('#champ-siret-error').textContent()).resolves.toMatch(/clé de contrôle fausse/);
		await expect(page.getByLabel('Adresse').inputValue()).resolves.toBe('12 rue de la Liberté');
		await expect(page.getByLabel('SIRET').getAttribute('aria-invalid')).resolves.toBe('true');
		expect(await axeViolations(page)).toEqual([]);
		// Corrected: the stored SIRET back (the demo database is shared with the other suites).
		await page.getByLabel('SIRET').fill(siret);
		await Promise.all([page.waitForURL(new RegExp(`${structurePath}\\?enregistre=modification$`)), page.getByRole('button', { name: 'Enregistrer les modifications' }).click()]);
		await expect(page.getByRole('status').filter({ hasText: 'Modifications enregistrées.' }).isVisible()).resolves.toBe(true);
		await expect(page.getByText('12 rue de la Liberté').isVisible()).resolves.toBe(true);
	});

	it('two people edit from the same version: the second save is refused with the conflict message, its input kept', async () => {
		const other = await context.newPage();
		await page.goto(`${baseUrl}${structurePath}/modifier`);
		await other.goto(`${baseUrl}${structurePath}/modifier`);
		// The first person saves.
		await page.getByLabel('Adresse').fill('3 place de la Mairie');
		await Promise.all([page.waitForURL(/enregistre=modification/), page.getByRole('button', { name: 'Enregistrer les modifications' }).click()]);
		// The second one, still on the old version, saves something else.
		await other.getByLabel(/^Nom/).fill('Nom saisi pendant ce temps');
		await other.getByRole('button', { name: 'Enregistrer les modifications' }).click();
		await other.getByRole('alert').filter({ hasText: /modification concurrente/ }).waitFor();
		await expect(other.locator('#conflit').textContent()).resolves.toMatch(/Cet élément a été modifié entre-temps par un autre utilisateur/);
		await expect(other.getByLabel(/^Nom/).inputValue()).resolves.toBe('Nom saisi pendant ce temps');
		expect(await axeViolations(other)).toEqual([]);
		await other.close();
		// Nothing was overwritten.
		await page.goto(baseUrl + structurePath);
		await expect(page.getByText('3 place de la Mairie').isVisible()).resolves.toBe(true);
		await expect(page.locator('h1').textContent()).resolves.not.toBe('Nom saisi pendant ce temps');
	});

	it('creates a structure in a commune of the département, placed at its reference point', async () => {
		await page.goto(baseUrl + '/territoires');
		const code = (await page.locator('section[aria-labelledby="communes"] table tbody tr td.code').first().textContent())?.trim() ?? '';
		await page.goto(baseUrl + '/structures/nouvelle');
		expect(await axeViolations(page)).toEqual([]);
		await page.getByLabel(/^Nom/).fill('Espace de vie sociale des tests');
		await page.getByLabel(/^Type/).selectOption('EVS');
		await page.getByLabel('Identifiant').fill('E2E-EVS-1');
		await page.getByLabel(/^Code INSEE de la commune/).fill(code);
		await page.getByLabel('Mode de gestion').selectOption('association');
		await Promise.all([page.waitForURL(/\/structures\/\d+\?enregistre=creation$/), page.getByRole('button', { name: 'Créer la structure' }).click()]);
		await expect(page.locator('h1').textContent()).resolves.toBe('Espace de vie sociale des tests');
		await expect(page.getByText('approximative').first().isVisible()).resolves.toBe(true);
		await expect(page.getByRole('status').filter({ hasText: 'Structure créée.' }).isVisible()).resolves.toBe(true);
	});

	it('closes that structure instead of deleting it: gone from the list, its page kept', async () => {
		const created = new URL(page.url()).pathname;
		await page.goto(`${baseUrl}${created}/modifier`);
		await Promise.all([page.waitForURL(/enregistre=fermeture$/), page.getByRole('button', { name: 'Fermer la structure' }).click()]);
		await expect(page.getByText(/^Fermée le /).isVisible()).resolves.toBe(true);
		await page.goto(baseUrl + '/structures');
		await expect(page.getByRole('link', { name: 'Espace de vie sociale des tests' }).count()).resolves.toBe(0);
	});

	it('the commune page lists indicators and the structures serving the commune, with a map', async () => {
		await page.goto(baseUrl + '/territoires');
		await page.locator('section[aria-labelledby="communes"] table tbody tr th a').first().click();
		await page.waitForURL(/\/territoires\/[0-9AB]{5}$/);
		await expect(page.getByRole('heading', { name: 'Indicateurs par année' }).isVisible()).resolves.toBe(true);
		await expect(page.getByRole('heading', { name: 'Structures qui la desservent' }).isVisible()).resolves.toBe(true);
		await page.waitForSelector('[data-map-ready="true"]', { timeout: 30_000 });
		expect(await axeViolations(page)).toEqual([]);
		expect(consoleErrors).toEqual([]);
	});
});
