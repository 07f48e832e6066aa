/**
 * The coverage page in Chromium, on the demo: the map draws the categories (pixels of their
 * colours), a click on a commune explains it, a threshold slider recolours the map in the browser,
 * the URL keeps the view, and the page and the priority list pass axe.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { coverageCategories } from '../../src/lib/palette';
import { axeViolations, blended, countColour, openBrowserPage } from './browser';

const skipReason = inject('e2eSkipReason');
const baseUrl = inject('baseUrl');

/** A pixel at the centre of an 11 × 11 block of `hex` (within `tolerance`), or null: a safe place to click a fill. */
function findUniformPixel(png: Buffer, hex: string, tolerance = 6): { x: number; y: number } | null {
	const image = PNG.sync.read(png);
	const target = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
	const matches = (x: number, y: number) => {
		const i = (y * image.width + x) * 4;
		return target.every((v, k) => Math.abs(image.data[i + k] - v) <= tolerance);
	};
	for (let y = 5; y < image.height - 5; y += 3) {
		for (let x = 5; x < image.width - 5; x += 3) {
			if (!matches(x, y)) continue;
			let uniform = true;
			for (let dy = -5; dy <= 5 && uniform; dy++) for (let dx = -5; dx <= 5 && uniform; dx++) uniform = matches(x + dx, y + dy);
			if (uniform) return { x, y };
		}
	}
	return null;
}

describe.skipIf(Boolean(skipReason))('/carte in Chromium', () => {
	let browser: Browser, page: Page, consoleErrors: string[];

	const frame = () => page.locator('[data-map-ready]');

	/** Waits until the map has redrawn (ready turns false while new data is drawn, then true). */
	async function waitForRedraw(): Promise<void> {
		await page.waitForSelector('[data-map-ready="false"]', { timeout: 2_000 }).catch(() => undefined);
		await page.waitForSelector('[data-map-ready="true"]', { timeout: 30_000 });
	}

	/** Pixels of each category's colour in a screenshot of the map (pointer moved away first). */
	async function categoryPixels(): Promise<Record<string, number>> {
		await page.mouse.move(0, 0);
		await page.waitForTimeout(200);
		const png = await frame().screenshot();
		return Object.fromEntries(coverageCategories.map((c) => [c.key, countColour(png, blended(c.color), 6)]));
	}

	beforeAll(async () => {
		({ browser, page, consoleErrors } = await openBrowserPage({ width: 1280, height: 1000 }, { baseUrl, email: 'agent@demo.invalid' }));
	});
	afterAll(() => browser?.close());

	let before: Record<string, number>;

	it('draws the communes in the colours of their categories, matching the legend counts', async () => {
		await page.goto(`${baseUrl}/carte`);
		await page.waitForSelector('[data-map-ready="true"]', { timeout: 30_000 });
		before = await categoryPixels();
		const drawn = Object.entries(before).filter(([, n]) => n > 300);
		expect(drawn.length, JSON.stringify(before)).toBeGreaterThanOrEqual(3);
		// Every category the legend counts is visible on the map, and only those.
		for (const c of coverageCategories) {
			const count = Number((await page.locator(`tr[data-category="${c.key}"] td`).first().textContent())?.replace(/\D/g, ''));
			if (count >= 3) expect(before[c.key], c.key).toBeGreaterThan(50);
			if (count === 0) expect(before[c.key], c.key).toBeLessThan(50);
		}
	});

	it('a click on a commune opens the panel with its category and French reasons, and puts it in the URL', async () => {
		await page.mouse.move(0, 0);
		const spot = findUniformPixel(await frame().screenshot(), blended(coverageCategories[1].color));
		expect(spot, 'a dépourvue commune on the map').not.toBeNull();
		const box = (await frame().boundingBox())!;
		await page.mouse.click(box.x + spot!.x, box.y + spot!.y);
		const title = page.locator('#details-title');
		await expect.poll(() => title.textContent()).toMatch(/\(\d{5}\)/);
		expect(await page.locator('.details .category').textContent()).toContain('Dépourvue');
		const reasons = await page.locator('.reasons li').allTextContents();
		expect(reasons).toContainEqual(expect.stringMatching(/^Centre social le plus proche .*à [\d,]+\s?km > seuil de 8\s?km$/));
		expect(reasons).toContainEqual(expect.stringMatching(/^Espace de vie sociale le plus proche .*> seuil de 5\s?km$|^Aucun espace de vie sociale/));
		expect(reasons).toContainEqual(expect.stringMatching(/^Pôle d’activités le plus proche .*≤ seuil de 15\s?km$/));
		expect(new URL(page.url()).searchParams.get('commune')).toMatch(/^\d{5}$/);
	});

	it('moving the CS radius slider recomputes in the browser and recolours the map', async () => {
		const slider = page.getByLabel('Rayon d’un centre social');
		const coveredBefore = await page.locator('[data-figure="share-covered"]').textContent();
		await slider.focus();
		await page.keyboard.press('End');
		await waitForRedraw();
		expect(await slider.inputValue()).toBe('30');
		await expect.poll(() => page.locator('[data-figure="share-covered"]').textContent()).not.toBe(coveredBefore);
		const after = await categoryPixels();
		expect(after.couverte, JSON.stringify({ before, after })).toBeGreaterThan(before.couverte * 1.2);
		expect(after.depourvue + after.depourvue_isolee).toBeLessThan(before.depourvue + before.depourvue_isolee);
		await expect.poll(() => new URL(page.url()).searchParams.get('rayonCs')).toBe('30');
	});

	it('the URL reproduces the view: thresholds, layers, EPCI filter and selected commune', async () => {
		await page.getByLabel('Rayons de couverture').check();
		await page.getByLabel('Territoire').selectOption({ index: 1 });
		const url = new URL(page.url());
		expect(url.searchParams.get('couches')).toContain('circles');
		expect(url.searchParams.get('epci')).toMatch(/^\d{9}$/);
		const commune = url.searchParams.get('commune');
		const rows = await page.locator('table tbody tr[data-code]').count();

		const second = await browser.newContext({ viewport: { width: 1280, height: 1000 }, storageState: await page.context().storageState() });
		const other = await second.newPage();
		await other.goto(url.toString());
		await other.waitForSelector('[data-map-ready="true"]', { timeout: 30_000 });
		expect(await other.getByLabel('Rayon d’un centre social').inputValue()).toBe('30');
		expect(await other.getByLabel('Rayons de couverture').isChecked()).toBe(true);
		expect(await other.getByLabel('Territoire').inputValue()).toBe(url.searchParams.get('epci'));
		expect(await other.locator('table tbody tr[data-code]').count()).toBe(rows);
		if (commune) expect(await other.locator('#details-title').textContent()).toContain(`(${commune})`);
		await second.close();
	});

	it('the page has no axe violation and no console error', async () => {
		expect(await axeViolations(page)).toEqual([]);
		await page.locator('details.parameters summary').click();
		const more = page.getByRole('button', { name: /^Afficher \d+ communes de plus$/ });
		if (await more.count()) await more.click();
		expect(await axeViolations(page)).toEqual([]);
		expect(consoleErrors).toEqual([]);
	});

	it('Territoires › Priorités lists priority communes by population and exports them as French CSV', async () => {
		await page.goto(`${baseUrl}/territoires`);
		await page.getByRole('link', { name: 'Communes prioritaires' }).click();
		await page.waitForURL(`${baseUrl}/territoires/priorites`);
		expect(await page.locator('h1').textContent()).toMatch(/Communes prioritaires/);
		const populations = (await page.locator('table tbody tr[data-code] td.num:nth-of-type(2)').allTextContents()).map((t) =>
			Number(t.replace(/\D/g, ''))
		);
		expect(populations.length).toBeGreaterThan(10);
		expect([...populations].sort((a, b) => b - a)).toEqual(populations);
		expect(await axeViolations(page)).toEqual([]);

		const csv = await page.request.get(`${baseUrl}/territoires/priorites.csv?categorie=depourvue`);
		expect(csv.status()).toBe(200);
		expect(csv.headers()['content-type']).toContain('text/csv');
		const text = (await csv.body()).toString('utf8');
		expect(text.charCodeAt(0)).toBe(0xfeff);
		const [header, first] = text.slice(1).split('\r\n');
		expect(header.startsWith('Code INSEE;Commune;SIREN de l’EPCI;EPCI;Population;Catégorie')).toBe(true);
		expect(first.split(';')[5]).toBe('Dépourvue');
		expect(first).toMatch(/;\d+,\d+;/);
		expect(consoleErrors).toEqual([]);
	});
});
