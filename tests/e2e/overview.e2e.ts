/**
 * The overview a newcomer sees first: the key figures are the demo's (computed here from the same
 * deterministic generator, independently of the app's queries) and its map really draws the
 * communes and the CS/EVS markers (pixels of a screenshot, not only the DOM).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { generateDemoDepartement } from '../../src/lib/demo';
import { structureTypes, territory } from '../../src/lib/palette';
import { axeViolations, countColour, launchBrowser, signIn } from './browser';

const skipReason = inject('e2eSkipReason');
const baseUrl = inject('baseUrl');
const demo = generateDemoDepartement();

/** The text of the `<dd class="value">` after the `<dt>` labelled `label`, digits only. */
async function figure(page: Page, label: string): Promise<number> {
	const text = await page.locator('dl.key-figures > div', { has: page.locator('dt', { hasText: label }) }).locator('dd.value').first().textContent();
	return Number((text ?? '').replace(/[^\d]/g, ''));
}

describe.skipIf(Boolean(skipReason))('overview in Chromium', () => {
	let browser: Browser;
	let page: Page;
	beforeAll(async () => {
		browser = await launchBrowser();
		page = await (await browser.newContext({ viewport: { width: 1280, height: 1000 } })).newPage();
		await signIn(page, baseUrl, 'observateur@demo.invalid');
	});
	afterAll(() => browser?.close());

	it('shows the demo figures: communes, population, EPCI, QPV, CS and EVS', async () => {
		await page.goto(baseUrl + '/');
		expect(await figure(page, 'Communes')).toBe(demo.communes.length);
		expect(await figure(page, 'Population')).toBe(demo.communes.reduce((sum, c) => sum + c.population, 0));
		expect(await figure(page, 'EPCI')).toBe(demo.epcis.length);
		expect(await figure(page, 'Quartiers prioritaires')).toBe(demo.zones.filter((z) => z.kind === 'qpv').length);
		expect(await figure(page, 'Centres sociaux')).toBe(demo.structures.filter((s) => s.type === 'CS').length);
		expect(await figure(page, 'Espaces de vie sociale')).toBe(demo.structures.filter((s) => s.type === 'EVS').length);
		await expect(page.getByText(/Données fictives de démonstration/).first().isVisible()).resolves.toBe(true);
	});

	it('draws the communes and both kinds of structures on the overview map', async () => {
		await page.goto(baseUrl + '/');
		const map = page.locator('[data-map-ready="true"]').first();
		await map.waitFor({ timeout: 30_000 });
		const png = await map.screenshot();
		const communes = countColour(png, territory.communeFill, 6);
		const cs = countColour(png, structureTypes[0].color, 10);
		const evs = countColour(png, structureTypes[1].color, 10);
		console.log(`[overview] pixels: communes ${communes}, CS ${cs}, EVS ${evs}`);
		expect(communes).toBeGreaterThan(20_000);
		expect(cs).toBeGreaterThan(100);
		expect(evs).toBeGreaterThan(50);
		expect(await axeViolations(page)).toEqual([]);
	});
});
