/**
 * Road travel times on the coverage page (the shared demo instance has them: global-setup runs
 * `maillage routes compute` on a generated network laid on the demo's communes): the switch to
 * minutes reruns the analysis in the browser, the panel reads « N min par la route (X km à vol
 * d’oiseau) », the URL keeps `mesure=minutes`, the map recolours, and the page passes axe.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, openBrowserPage } from './browser';

const skipReason = inject('e2eSkipReason');
const baseUrl = inject('baseUrl');

describe.skipIf(skipReason !== '')('coverage page in road minutes', () => {
	let browser: Browser, page: Page, errors: string[];
	beforeAll(async () => {
		({ browser, page, consoleErrors: errors } = await openBrowserPage({ width: 1280, height: 1000 }, { baseUrl, email: 'agent@demo.invalid' }));
	});
	afterAll(() => browser?.close());

	it('switches to minutes: road times in the panel, the URL, the sliders capped at the cutoff; axe passes', async () => {
		await page.goto(`${baseUrl}/carte`);
		await page.getByRole('radio', { name: /Minutes de trajet/ }).check();
		await page.waitForURL(/mesure=minutes/);
		await expect.poll(() => page.locator('.metric .hint').innerText()).toMatch(/^Minutes : temps par la route \(OpenStreetMap, extrait du 30\/11\/2026\), calculés jusqu’à 30 min/);
		const slider = page.getByRole('slider', { name: 'Distance d’isolement' });
		expect(await slider.getAttribute('max')).toBe('30');
		expect(await page.locator('.thresholds output').first().innerText()).toMatch(/^15 min$/);
		// A commune from the table: its panel gives road minutes beside the crow-flies distance.
		await page.locator('table tbody tr').getByRole('button', { name: /^Afficher / }).first().click();
		const details = page.locator('section.details');
		await expect.poll(() => details.innerText()).toMatch(/\d+ min par la route \([\d,]+ km à vol d’oiseau\)|au-delà de 30 min par la route/);
		await expect.poll(() => details.locator('[data-time-source]').first().getAttribute('data-time-source')).toMatch(/^(road|beyond)$/);
		expect(await page.locator('[data-travel-times]').innerText()).toMatch(/^Seuils en minutes : temps par la route/);
		expect(await axeViolations(page)).toEqual([]);
		expect(errors).toEqual([]);
	});

	it('a link with mesure=minutes opens in minutes; km again drops it from the URL', async () => {
		await page.goto(`${baseUrl}/carte?mesure=minutes`);
		expect(await page.getByRole('radio', { name: /Minutes de trajet/ }).isChecked()).toBe(true);
		await page.getByRole('radio', { name: /Kilomètres/ }).check();
		await page.waitForURL((url) => !url.search.includes('mesure='));
		expect(await page.locator('.thresholds output').first().innerText()).toMatch(/km$/);
		expect(await page.locator('[data-travel-times]').count()).toBe(0);
	});
});
