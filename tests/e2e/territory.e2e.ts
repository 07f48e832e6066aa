/**
 * Issue 14 §5 in Chromium: `/carte` on the real Sarthe (loaded by the harness from ../shared/data)
 * shows the département framed and coloured by category, the border band's structures and poles
 * drawn muted (pixels of their colour at the band's opacity), named « hors département » in the
 * panels, and no point feature farther than the band — the page ships tens of poles, not the
 * 2,845 France services of the national file. Also Administration › Territoire de travail.
 * Skipped, with a message, without Chromium or without ../shared/data.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { MultiPolygon, Polygon } from 'geojson';
import { unflatten } from 'devalue';
import { coverageCategories, structureTypes, territory, ui } from '../../src/lib/palette';
import { CATEGORY_FILL_OPACITY } from '../../src/lib/map/layers/coverage';
import { BAND_POINT_OPACITY } from '../../src/lib/map/layers/structures';
import { buildTerritoryOutline, distanceToTerritoryKm } from '../../src/lib/analysis/territory-outline';
import { decodeMapGeometry } from '../../src/lib/map/topology';
import type { Topology } from 'topojson-specification';
import { axeViolations, countColour, launchBrowser, signIn, watchConsole } from './browser';
import { EMPTY_INSTANCE_PASSWORD, SARTHE_INSTANCE_ADMIN } from './global-setup';

const skipReason = inject('e2eSkipReason');
const sartheBaseUrl = inject('sartheBaseUrl');
if (!skipReason && !sartheBaseUrl) console.warn('[e2e] ../shared/data absent : /carte sur la Sarthe réelle est ignorée.');

/** `top` drawn at `alpha` over `bottom`, as MapLibre blends it. */
function blend(top: string, bottom: string, alpha: number): string {
	const channel = (hex: string, i: number) => parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16);
	return `#${[0, 1, 2]
		.map((i) => Math.round(channel(top, i) * alpha + channel(bottom, i) * (1 - alpha)).toString(16).padStart(2, '0'))
		.join('')}`;
}

interface CartePayload {
	inputs: {
		structures: { name: string; lon: number; lat: number; outside: boolean }[];
		poles: { name: string; lon: number; lat: number; outside: boolean }[];
	};
	/** The outlines are their own cacheable response (TopoJSON), named by the page. */
	geometry: { url: string };
}

describe.skipIf(Boolean(skipReason) || !sartheBaseUrl)('/carte on the real Sarthe in Chromium', () => {
	let browser: Browser;
	let page: Page;
	let consoleErrors: string[];

	beforeAll(async () => {
		browser = await launchBrowser();
		const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
		page = await context.newPage();
		consoleErrors = watchConsole(page);
		await signIn(page, sartheBaseUrl, SARTHE_INSTANCE_ADMIN, EMPTY_INSTANCE_PASSWORD);
	});
	afterAll(() => browser?.close());

	it('ships the Sarthe and its band only: no structure or pole farther than 20 km, tens of poles not thousands', async () => {
		const response = await page.request.get(`${sartheBaseUrl}/carte/__data.json`);
		expect(response.status()).toBe(200);
		const raw = (await response.json()) as { nodes: ({ type: string; data: unknown[] } | null)[] };
		const node = raw.nodes.findLast((n) => n?.type === 'data')!;
		const data = unflatten(node.data) as CartePayload;
		const topology = await page.request.get(new URL(data.geometry.url, sartheBaseUrl).href);
		expect(topology.status()).toBe(200);
		const geometry = decodeMapGeometry((await topology.json()) as Topology);
		const communes = geometry.communes.features.filter((f) => !f.properties.outside);
		expect(communes).toHaveLength(354);
		const outline = buildTerritoryOutline(communes.map((f) => f.geometry as Polygon | MultiPolygon))!;
		const points = [...data.inputs.structures, ...data.inputs.poles];
		for (const p of points) expect(distanceToTerritoryKm(outline, p.lon, p.lat, 21), p.name).toBeLessThanOrEqual(21);
		expect(data.inputs.poles.length).toBeLessThan(120);
		expect(data.inputs.poles.filter((p) => p.outside).length).toBeGreaterThan(0);
		expect(data.inputs.structures.filter((s) => s.outside).map((s) => s.name).sort()).toHaveLength(2);
	});

	it('draws the département in its categories, and the band’s structures and poles muted', async () => {
		await page.goto(`${sartheBaseUrl}/carte`);
		await page.waitForSelector('[data-map-ready="true"]', { timeout: 60_000 });
		await page.mouse.move(0, 0);
		await page.waitForTimeout(300);
		const png = await page.locator('[data-map-ready]').first().screenshot();
		const category = coverageCategories.map((c) => countColour(png, blend(c.color, ui.surface, CATEGORY_FILL_OPACITY), 6));
		// The Sarthe fills the frame: most of the map is commune fills.
		const image = (await import('pngjs')).PNG.sync.read(png);
		expect(category.reduce((a, b) => a + b, 0) / (image.width * image.height)).toBeGreaterThan(0.25);
		// Band points: the pole colour and the CS colour at the band's opacity over the background.
		const mutedPole = countColour(png, blend(territory.pole, ui.surface, BAND_POINT_OPACITY), 10);
		const mutedCs = countColour(png, blend(structureTypes[0].color, ui.surface, BAND_POINT_OPACITY), 10);
		expect(mutedPole + mutedCs, JSON.stringify({ mutedPole, mutedCs })).toBeGreaterThan(20);
		expect(await axeViolations(page)).toEqual([]);
	});

	it('names a structure of the band « hors département » in the panel of the overview map', async () => {
		await page.goto(`${sartheBaseUrl}/`);
		await page.waitForSelector('[data-map-ready="true"]', { timeout: 60_000 });
		await page.getByText(/Voir les structures sous forme de tableau/).click();
		await page.getByRole('button', { name: 'Localiser Centre social d’essai n° 9 sur la carte' }).click();
		await expect.poll(() => page.locator('main').textContent()).toContain('Centre social — hors département');
		// The overview's figures are the Sarthe's: 354 communes (the band's structures are not counted).
		const communes = page.locator('.key-figure', { hasText: 'Communes' }).locator('.value').first();
		expect((await communes.textContent())?.replace(/\D/g, '')).toBe('354');
		expect(await axeViolations(page)).toEqual([]);
	});

	it('Administration › Territoire de travail shows the Sarthe, its band and what the database holds', async () => {
		await page.goto(`${sartheBaseUrl}/administration/territoire`);
		expect(await page.locator('h1').textContent()).toBe('Territoire de travail');
		const body = ((await page.locator('main').textContent()) ?? '').replace(/\s+/g, ' ');
		expect(body).toContain('Sarthe (72)');
		expect(body).toMatch(/20 km/);
		expect(await page.locator('[data-figure="communes"]').textContent()).toMatch(/354/);
		expect(await page.getByRole('textbox', { name: /Départements/ }).inputValue()).toBe('72');
		expect(await axeViolations(page)).toEqual([]);
	});

	it('no console error on these pages', () => {
		expect(consoleErrors).toEqual([]);
	});
});
