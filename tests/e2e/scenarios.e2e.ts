/**
 * The scenario sandbox in Chromium, as an agent: add a candidate EVS on the map and see the
 * deltas (and the marker drawn), drag it elsewhere, save with a name, compare with the current
 * situation and export; a partner sees the scenario read-only. Axe-clean pages.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { structureTypes } from '../../src/lib/palette';
import { axeViolations, countColour, openBrowserPage, signIn } from './browser';

const skipReason = inject('e2eSkipReason');
const baseUrl = inject('baseUrl');
const NAME = `Deux EVS au sud ${Date.now().toString(36)}`;

describe.skipIf(Boolean(skipReason))('scenarios in Chromium', () => {
	let browser: Browser, page: Page, consoleErrors: string[];
	let scenarioUrl = '';

	beforeAll(async () => {
		({ browser, page, consoleErrors } = await openBrowserPage({ width: 1280, height: 900 }, { baseUrl, email: 'agent@demo.invalid' }));
		page.setDefaultTimeout(30_000);
	}, 60_000);
	afterAll(() => browser?.close());

	const mapCanvas = () => page.locator('.scenario-map-canvas canvas');
	const evsPixels = async () => countColour(await mapCanvas().screenshot(), structureTypes[1].color, 24);

	it('adds a candidate EVS by clicking the map: the deltas update at once and the marker is drawn', async () => {
		await page.goto(`${baseUrl}/scenarios/nouveau`);
		await page.locator('[data-map-ready="true"]').waitFor();
		expect(await axeViolations(page)).toEqual([]);
		await expect(page.getByTestId('delta-evs').textContent()).resolves.toMatch(/13\s*→\s*13/);
		const before = await evsPixels();
		await page.getByRole('button', { name: 'Placer un EVS' }).click();
		const box = (await mapCanvas().boundingBox())!;
		await page.mouse.click(box.x + box.width * 0.42, box.y + box.height * 0.62);
		await expect(page.getByTestId('delta-evs').textContent()).resolves.toMatch(/13\s*→\s*14\s*\+1/);
		await expect(page.locator('ol.changes').textContent()).resolves.toContain('Ajout : EVS envisagé n° 1');
		await page.locator('[data-map-ready="true"]').waitFor();
		await page.waitForTimeout(300);
		expect(await evsPixels()).toBeGreaterThan(before);
		expect(await page.getByTestId('delta-population').textContent()).toMatch(/^(\+[\d\u202f]+|0) habitants?$/);
	}, 60_000);

	it('drags the candidate elsewhere: the change follows it and the deltas are recomputed', async () => {
		const box = (await mapCanvas().boundingBox())!;
		const from = { x: box.x + box.width * 0.42, y: box.y + box.height * 0.62 };
		const describedBefore = await page.locator('ol.changes').textContent();
		await page.mouse.move(from.x, from.y);
		await page.mouse.down();
		for (let i = 1; i <= 8; i++) await page.mouse.move(from.x - i * 18, from.y + i * 6);
		await page.mouse.up();
		await expect.poll(() => page.locator('ol.changes').textContent()).not.toBe(describedBefore);
		expect(await page.locator('ol.changes li').count()).toBe(1);
		await expect(page.getByTestId('deltas').textContent()).resolves.toMatch(/Recalcul en [\d,]+ ms/);
	}, 60_000);

	it('saves the scenario with a name, then compares it with the current situation and exports the CSV', async () => {
		await page.getByLabel('Nom du scénario').fill(NAME);
		await Promise.all([page.waitForURL(/\/scenarios\/\d+\?enregistre=1$/), page.getByRole('button', { name: 'Enregistrer le scénario' }).click()]);
		scenarioUrl = page.url().replace(/\?.*$/, '');
		await expect(page.getByRole('heading', { level: 1, name: NAME }).isVisible()).resolves.toBe(true);
		await expect(page.getByText('Scénario enregistré.').isVisible()).resolves.toBe(true);
		await page.locator('[data-map-ready="true"]').waitFor();
		await expect(page.getByTestId('delta-evs').textContent()).resolves.toMatch(/13\s*→\s*14/);

		// The API refuses a save based on an old version (optimistic locking).
		const id = scenarioUrl.split('/').pop();
		const current = await (await page.request.get(`${baseUrl}/api/scenarios/${id}`)).json();
		expect(current.scenario.name).toBe(NAME);
		expect(current.figures.scenario.structures.evs).toBe(current.figures.current.structures.evs + 1);
		// A script must say where it comes from, as a browser does (writes without this Origin are refused).
		const stale = await page.request.put(`${baseUrl}/api/scenarios/${id}`, {
			headers: { origin: baseUrl },
			data: { version: current.scenario.version - 1, name: 'Écrasement', changes: [] }
		});
		expect(stale.status()).toBe(409);
		expect((await stale.json()).message).toMatch(/modifié entre-temps/);

		await page.goto(`${baseUrl}/scenarios`);
		await page.getByLabel(`Comparer « ${NAME} »`).check();
		await Promise.all([page.waitForURL(/\/scenarios\/comparer\?ids=\d+/), page.getByRole('button', { name: 'Comparer avec la situation actuelle' }).click()]);
		const table = page.getByRole('table', { name: 'Chiffres clés par situation' });
		await expect(table.getByRole('columnheader', { name: NAME }).isVisible()).resolves.toBe(true);
		await expect(table.getByRole('row', { name: /Espaces de vie sociale/ }).textContent()).resolves.toMatch(/13\s*14\s*\+1/);
		expect(await page.locator('svg.small-map').count()).toBe(2);
		expect(await axeViolations(page)).toEqual([]);
		const href = await page.getByRole('link', { name: 'Exporter en CSV' }).getAttribute('href');
		const csv = await page.request.get(`${baseUrl}${href}`);
		expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
		const text = await csv.text();
		expect(text.startsWith('\ufeffIndicateur;Unité;Situation actuelle;')).toBe(true);
		expect(text).toContain(`Écart : ${NAME}`);
		expect(text).toMatch(/Espaces de vie sociale;structures;13;14;1/);
	}, 60_000);

	it('shows a partner the scenario read-only, without edit controls', async () => {
		const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
		const partner = await context.newPage();
		await signIn(partner, baseUrl, 'msa@demo.invalid');
		await partner.goto(scenarioUrl);
		await partner.locator('[data-map-ready="true"]').waitFor();
		await expect(partner.getByText('Consultation seule').isVisible()).resolves.toBe(true);
		expect(await partner.getByRole('toolbar').count()).toBe(0);
		expect(await partner.getByRole('button', { name: 'Enregistrer le scénario' }).count()).toBe(0);
		await expect(partner.getByTestId('delta-evs').textContent()).resolves.toMatch(/13\s*→\s*14/);
		const refused = await partner.request.post(`${baseUrl}/api/scenarios`, { headers: { origin: baseUrl }, data: { name: 'x', changes: [] } });
		expect(refused.status()).toBe(403);
		await context.close();
		expect(consoleErrors).toEqual([]);
	}, 60_000);
});
