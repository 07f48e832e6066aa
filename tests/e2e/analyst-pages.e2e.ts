/**
 * The pages an analyst reads all day (issue 12), at 1440 × 900 and 1280 × 800 on the demo: no
 * table wider than its box unless it scrolls inside it with a sticky first column (the page itself
 * never scrolls sideways), action columns in sight, Sankey labels readable, the commune page with
 * its category, nearest structures and map (pixels), every role's home page without a link it
 * cannot open, axe-core at 0 everywhere. Screenshots of each page go to `E2E_SCREENSHOTS` (default
 * the temp folder's `maillage-e2e-shots`) to be looked at.
 * Every page check runs at both viewports, axe-core included (its contrast and target-size rules
 * depend on the layout); the role home pages once.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { coverageCategories } from '../../src/lib/palette';
import { axeViolations, blended, countColour, launchBrowser, signIn, watchConsole } from './browser';

const skipReason = inject('e2eSkipReason');
const baseUrl = inject('baseUrl');
const SHOTS = process.env.E2E_SCREENSHOTS ?? path.join(os.tmpdir(), 'maillage-e2e-shots');

const VIEWPORTS = [
	{ width: 1440, height: 900 },
	{ width: 1280, height: 800 }
] as const;

/** The wide tables named by the issue, and the pages around them. */
const WIDE_PAGES = ['/financements/ps', '/financements', '/financements/lignes', '/carte', '/accord-cadre', '/territoires', '/territoires/priorites'] as const;

interface TableFit {
	caption: string;
	/** Wider than its box. */
	wide: boolean;
	/** Its box scrolls sideways. */
	scrolls: boolean;
	/** The first cell of its body rows stays in place (position: sticky). */
	stickyFirst: boolean;
	/** An action cell lies outside the visible box. */
	hiddenAction: boolean;
}

/** How every table of `main` fits its box, and whether the page itself scrolls sideways. */
async function tableFits(page: Page): Promise<{ pageScrolls: boolean; tables: TableFit[] }> {
	return page.evaluate(() => {
		const tables = [...document.querySelectorAll('main table')].filter((t) => (t as HTMLElement).offsetParent !== null);
		return {
			pageScrolls: document.documentElement.scrollWidth > window.innerWidth + 1,
			tables: tables.map((t) => {
				const box = (t.closest('[role="region"]') ?? t.parentElement) as HTMLElement;
				const first = t.querySelector('tbody tr > :first-child');
				const boxRect = box.getBoundingClientRect();
				const actions = [...t.querySelectorAll('tbody td.actions')].slice(0, 3);
				return {
					caption: (t.querySelector('caption')?.textContent ?? '').trim().slice(0, 80),
					wide: t.scrollWidth > box.clientWidth + 1,
					scrolls: ['auto', 'scroll'].includes(getComputedStyle(box).overflowX),
					stickyFirst: first ? getComputedStyle(first).position === 'sticky' : false,
					hiddenAction: actions.some((a) => {
						const r = a.getBoundingClientRect();
						return r.right > boxRect.right + 1 || r.left < boxRect.left - 1;
					})
				};
			})
		};
	});
}

const shot = (page: Page, name: string) => {
	fs.mkdirSync(SHOTS, { recursive: true });
	return page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
};
const slug = (p: string) => p.replace(/^\//, '').replace(/\W+/g, '-') || 'accueil';

describe.skipIf(Boolean(skipReason))('the analyst’s pages (issue 12)', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(() => browser?.close());

	for (const viewport of VIEWPORTS) {
		describe(`${viewport.width} × ${viewport.height}`, () => {
			let context: BrowserContext;
			let page: Page;
			let consoleErrors: string[];
			beforeAll(async () => {
				context = await browser.newContext({ viewport });
				page = await context.newPage();
				consoleErrors = watchConsole(page);
				await signIn(page, baseUrl, 'admin@demo.invalid');
			});
			afterAll(() => context?.close());

			for (const pathname of WIDE_PAGES) {
				it(`${pathname}: every table fits or scrolls in its box with a sticky first column, actions in sight, axe clean`, async () => {
					consoleErrors.length = 0;
					await page.goto(baseUrl + pathname, { waitUntil: 'networkidle' });
					if (pathname === '/carte') await page.waitForSelector('[data-map-ready="true"]', { timeout: 30_000 });
					const fits = await tableFits(page);
					expect(fits.tables.length, 'tables on the page').toBeGreaterThan(0);
					expect(fits.pageScrolls, 'the page scrolls sideways').toBe(false);
					for (const t of fits.tables) {
						if (t.wide) expect({ ...t, ok: t.scrolls && t.stickyFirst }).toMatchObject({ ok: true });
						expect(t.hiddenAction, `${t.caption}: action column out of sight`).toBe(false);
					}
					await shot(page, `analyste-${slug(pathname)}-${viewport.width}`);
					expect(await axeViolations(page)).toEqual([]);
					expect(consoleErrors).toEqual([]);
				});
			}

			it('the Sankey labels are distinct, inside the drawing, and a shortened one keeps its full name', async () => {
				await page.goto(baseUrl + '/financements', { waitUntil: 'networkidle' });
				const labels = await page.$$eval('.sankey svg', (svgs) =>
					svgs.flatMap((svg) => {
						const box = svg.getBoundingClientRect();
						return [...svg.querySelectorAll('g.node')].map((g) => {
							const text = g.querySelector('text.label')!;
							const r = text.getBoundingClientRect();
							const own = [...text.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join('').trim();
							return {
								own,
								full: g.getAttribute('data-full-label') ?? '',
								title: g.querySelector('title')?.textContent ?? '',
								inside: r.left >= box.left - 1 && r.right <= box.right + 1 && r.width > 0
							};
						});
					})
				);
				expect(labels.length).toBeGreaterThan(3);
				expect(new Set(labels.map((l) => l.own)).size, labels.map((l) => l.own).join(' | ')).toBe(labels.length);
				for (const l of labels) {
					expect(l.inside, `${l.own} cut by the edge`).toBe(true);
					expect(l.title.startsWith(l.full), `${l.own}: full name in its tooltip`).toBe(true);
				}
				// The table under the chart pairs each short label with the full name.
				const table = (await page.locator('main').textContent()) ?? '';
				for (const l of labels.filter((x) => x.own.endsWith('…') || x.own.length < 6)) expect(table).toContain(l.full);
			});

			it('the commune page shows its category with reasons, the nearest CS, EVS and pole, its neighbours and its map', async () => {
				await page.goto(`${baseUrl}/territoires?categorie=depourvue#communes`, { waitUntil: 'networkidle' });
				const first = page.locator('section[aria-labelledby="communes"] tbody tr th a').first();
				const name = (await first.textContent())!.trim();
				await Promise.all([page.waitForURL(/\/territoires\/\w{5}$/), first.click()]);
				await page.waitForSelector('[data-map-ready="true"]', { timeout: 30_000 });
				expect(await page.locator('h1').textContent()).toContain(name);
				await expect(page.locator('section[aria-labelledby="couverture"] [data-category="depourvue"]').first().textContent()).resolves.toBe('Dépourvue');
				expect((await page.locator('[data-reasons] li').allTextContents()).length).toBeGreaterThan(0);
				for (const what of ['Centre social', 'Espace de vie sociale', 'Pôle']) {
					const row = page.locator(`tr[data-nearest^="${what}"]`);
					expect(await row.textContent(), what).toMatch(/\d+,\d\s?km|aucun/);
				}
				expect(await page.locator('tr[data-nearest^="Centre social"]').textContent()).toMatch(/\d+,\d\s?km/);
				expect(await page.locator('section[aria-labelledby="voisines"] tbody tr').count()).toBeGreaterThan(0);
				// The map draws the commune and its neighbours in their category colours.
				await page.mouse.move(0, 0);
				const png = await page.locator('[data-map-ready]').screenshot();
				const pixels = Object.fromEntries(coverageCategories.map((c) => [c.key, countColour(png, blended(c.color), 6)]));
				expect(pixels.depourvue, JSON.stringify(pixels)).toBeGreaterThan(300);
				expect(Object.values(pixels).filter((n) => n > 100).length, JSON.stringify(pixels)).toBeGreaterThanOrEqual(2);
				await shot(page, `analyste-commune-${viewport.width}`);
				expect(await axeViolations(page)).toEqual([]);
			});
		});
	}

	const ROLES = ['admin@demo.invalid', 'agent@demo.invalid', 'departement@demo.invalid', 'msa@demo.invalid', 'observateur@demo.invalid'];
	for (const email of ROLES) {
		it(`${email}: every link of the home page opens (no 403), axe clean`, async () => {
			const context = await browser.newContext({ viewport: VIEWPORTS[0] });
			try {
				const page = await context.newPage();
				await signIn(page, baseUrl, email);
				await page.goto(baseUrl + '/', { waitUntil: 'networkidle' });
				const hrefs = await page.$$eval('header a[href^="/"], main a[href^="/"]', (as) => [
					...new Set(as.map((a) => a.getAttribute('href')!.split('#')[0]).filter((h) => h !== ''))
				]);
				expect(hrefs.length).toBeGreaterThan(3);
				const refused: string[] = [];
				for (const href of hrefs) {
					const response = await page.request.get(baseUrl + href);
					if (response.status() >= 400 || new URL(response.url()).pathname === '/connexion') refused.push(`${href} → ${response.status()}`);
				}
				expect(refused).toEqual([]);
				await shot(page, `analyste-accueil-${email.split('@')[0]}`);
				expect(await axeViolations(page)).toEqual([]);
			} finally {
				await context.close();
			}
		});
	}
});
