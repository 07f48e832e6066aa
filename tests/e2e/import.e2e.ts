/**
 * Administration › Import end to end, in Chromium against the built app: on the demo database
 * the page explains in French that real data cannot be imported there, and the endpoint refuses;
 * on the empty instance (no demo) an agent uploads a generated communes GeoJSON, watches the
 * progress bars run and finish, reads the report, finds the import in the log, and then sees
 * the communes drawn on /carte (pixels of the commune fill).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { request, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { axeViolations, countColour, launchBrowser, signIn, watchConsole } from './browser';
import { EMPTY_INSTANCE_ACCOUNTS, EMPTY_INSTANCE_PASSWORD } from './global-setup';
import { generatedCommunesGeoJson, officialCommunes } from '../integration/import-cli-fixtures';
import { coverageCategories, ui } from '../../src/lib/palette';
import { CATEGORY_FILL_OPACITY } from '../../src/lib/map/layers/coverage';

const skipReason = inject('e2eSkipReason');
const baseUrl = inject('baseUrl');
const emptyBaseUrl = inject('emptyBaseUrl');

/** The commune fill as drawn: `communeFill` at 60 % over the offline background. */
function blend(top: string, bottom: string, alpha: number): string {
	const channel = (hex: string, i: number) => parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16);
	return `#${[0, 1, 2]
		.map((i) => Math.round(channel(top, i) * alpha + channel(bottom, i) * (1 - alpha)).toString(16).padStart(2, '0'))
		.join('')}`;
}
/** The coverage map's commune fills as drawn: each category colour over the offline background. */
const CATEGORY_FILLS = coverageCategories.map((c) => blend(c.color, ui.surface, CATEGORY_FILL_OPACITY));

/** Screenshot of the map frame once MapLibre is idle with our data. */
async function mapShot(page: Page): Promise<Buffer> {
	const frame = page.locator('[data-map-ready]').first();
	await page.waitForSelector('[data-map-ready="true"]', { timeout: 30_000 });
	return frame.screenshot();
}

describe.skipIf(Boolean(skipReason))('Administration › Import in Chromium', () => {
	let browser: Browser;
	let scratch: string;
	let file: string;
	let count: number;

	beforeAll(async () => {
		browser = await launchBrowser();
		scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'maillage-e2e-import-'));
		// Real codes of Vienne and Deux-Sèvres (invented squares): enough records for progress in several steps.
		const communes = [...officialCommunes('86'), ...officialCommunes('79')];
		count = communes.length;
		file = path.join(scratch, 'communes-generees.geojson');
		fs.writeFileSync(file, generatedCommunesGeoJson({ communes, bbox: [-0.6, 45.9, 1.2, 47.2] }));
	});
	afterAll(async () => {
		await browser?.close();
		if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
	});

	describe('on the demo database', () => {
		let context: BrowserContext;
		let page: Page;
		beforeAll(async () => {
			context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
			page = await context.newPage();
			await signIn(page, baseUrl, 'agent@demo.invalid');
		});
		afterAll(() => context?.close());

		it('explains in French that real data cannot go into the demo, and the endpoint refuses it (409)', async () => {
			const errors = watchConsole(page);
			await page.goto(baseUrl + '/administration/import', { waitUntil: 'networkidle' });
			await expect(page.locator('h1').textContent()).resolves.toBe('Importer des données');
			await expect(page.getByText('Import impossible sur la base de démonstration.').isVisible()).resolves.toBe(true);
			await expect(page.getByText(/db reset --yes/).first().isVisible()).resolves.toBe(true);
			await expect(page.getByRole('button', { name: 'Importer', exact: true }).isDisabled()).resolves.toBe(true);
			const response = await page.request.post(`${baseUrl}/api/import?kind=communes&fileName=x.geojson`, {
				headers: { 'content-type': 'application/octet-stream', origin: baseUrl },
				data: fs.readFileSync(file)
			});
			expect(response.status()).toBe(409);
			expect((await response.json()).message).toMatch(/département fictif de démonstration.*db reset --yes/);
			expect(await axeViolations(page)).toEqual([]);
			expect(errors).toEqual([]);
		});

		it('links staff to the import page from Territoires and Structures', async () => {
			for (const p of ['/territoires', '/structures']) {
				await page.goto(baseUrl + p);
				await expect(page.getByRole('link', { name: 'Importer des données' }).getAttribute('href')).resolves.toBe('/administration/import');
			}
		});
	});

	describe('on an empty database', () => {
		let context: BrowserContext;
		let page: Page;
		let consoleErrors: string[];
		beforeAll(async () => {
			context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
			page = await context.newPage();
			consoleErrors = watchConsole(page);
			await signIn(page, emptyBaseUrl, EMPTY_INSTANCE_ACCOUNTS.agent, EMPTY_INSTANCE_PASSWORD);
		});
		afterAll(() => context?.close());

		it('starts without any commune on the map', async () => {
			await page.goto(emptyBaseUrl + '/carte', { waitUntil: 'networkidle' });
			await expect(page.getByText('Aucune commune n\'est encore chargée.').isVisible()).resolves.toBe(true);
		});

		it('uploads a communes GeoJSON: the progress bars run and finish, then the report and the log show it', async () => {
			await page.goto(emptyBaseUrl + '/administration/import', { waitUntil: 'networkidle' });
			expect(await axeViolations(page)).toEqual([]);
			await page.getByLabel('Communes (contours)').check();
			await expect(page.getByText(/Format attendu : Communes/).isVisible()).resolves.toBe(true);
			await page.getByLabel('Fichier à importer').setInputFiles(file);
			// Record every state of the progress bars, frame by frame, while the import runs.
			await page.evaluate(() => {
				const w = window as unknown as { __seen: [string, number][] };
				w.__seen = [];
				const tick = () => {
					for (const p of document.querySelectorAll<HTMLProgressElement>('progress[data-step]')) {
						w.__seen.push([p.dataset.step ?? '', p.hasAttribute('value') ? p.value : -1]);
					}
					if (!document.querySelector('.import-report')) requestAnimationFrame(tick);
				};
				requestAnimationFrame(tick);
			});
			await page.getByRole('button', { name: 'Importer', exact: true }).click();
			const heading = page.getByRole('heading', { name: /Import réussi/ });
			await heading.waitFor({ timeout: 60_000 });

			const seen = await page.evaluate(() => (window as unknown as { __seen: [string, number][] }).__seen);
			for (const step of ['upload', 'parse', 'validate', 'write']) expect(seen.some(([s]) => s === step), step).toBe(true);
			// Each bar was shown before it was full (part-way or waiting: on an idle machine ~530 communes may be
			// checked and written between two frames)…
			for (const step of ['validate', 'write']) expect(seen.some(([s, v]) => s === step && v < 1), step).toBe(true);
			// …and every bar ends full.
			const final = await page.locator('progress[data-step]').evaluateAll((list) => list.map((p) => [(p as HTMLProgressElement).dataset.step, (p as HTMLProgressElement).value]));
			expect(final).toEqual([
				['upload', 1],
				['parse', 1],
				['validate', 1],
				['write', 1]
			]);

			const report = page.locator('.import-report');
			await expect(report.getByText('communes-generees.geojson').first().isVisible()).resolves.toBe(true);
			const counts = Object.fromEntries(
				await report.locator('.counts > div').evaluateAll((divs) => divs.map((d) => [d.querySelector('dt')?.textContent, d.querySelector('dd')?.textContent]))
			);
			const n = (v: string) => Number(v.replace(/\D/g, ''));
			expect(n(counts['Lus'])).toBe(count);
			expect(n(counts['Ajoutés'])).toBe(count);
			expect(n(counts['Erreurs'])).toBe(0);

			const log = page.locator('table.recent-imports tbody tr').first();
			await expect(log.textContent()).resolves.toMatch(/communes-generees\.geojson/);
			await expect(log.getByText('importé', { exact: true }).isVisible()).resolves.toBe(true);
			await expect(log.textContent()).resolves.toContain(EMPTY_INSTANCE_ACCOUNTS.agent);
			expect(await axeViolations(page)).toEqual([]);
		});

		it('refuses a broken file with the line and property, writing nothing, and offers the CSV report', async () => {
			const broken = path.join(scratch, 'casse.geojson');
			const text = generatedCommunesGeoJson({ communes: officialCommunes('86').slice(0, 3) }).replace('"86001"', '"8600X"');
			fs.writeFileSync(broken, text);
			await page.getByLabel('Fichier à importer').setInputFiles(broken);
			await page.getByRole('button', { name: 'Importer', exact: true }).click();
			await page.getByRole('heading', { name: /Import refusé/ }).waitFor({ timeout: 30_000 });
			await expect(page.locator('.import-report table').textContent()).resolves.toMatch(/Objet n° 1, champ id : .*8600X/);
			const link = page.getByRole('link', { name: /Télécharger le rapport complet/ });
			const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
			// The browser is the run's shared Chromium, reached remotely: the download is copied here.
			const saved = path.join(scratch, 'rapport.csv');
			await download.saveAs(saved);
			const csv = fs.readFileSync(saved, 'utf8');
			expect(csv.startsWith('\ufeffGravité;Ligne;Objet n°')).toBe(true);
			expect(csv).toContain('8600X');
			expect(await axeViolations(page)).toEqual([]);
		});

		it('the built server takes a 20 MB upload (well past adapter-node’s default 512 kB) and refuses one over the limit (413, French)', async () => {
			const big = generatedCommunesGeoJson({ communes: officialCommunes().slice(0, 12_000), verticesPerSide: 24 });
			const truncated = Buffer.from(big.slice(0, big.length - 10));
			expect(truncated.byteLength).toBeGreaterThan(20 * 1024 * 1024);
			const headers = { 'content-type': 'application/octet-stream', origin: emptyBaseUrl };
			// Uploads go from this process with the page's session, not through the remote browser's connection (which a 101 MB message would close).
			const api = await request.newContext({ storageState: await page.context().storageState() });
			const response = await api.post(`${emptyBaseUrl}/api/import?kind=communes&fileName=tronque.geojson`, { headers, data: truncated });
			expect(response.status()).toBe(200);
			const last = JSON.parse((await response.text()).trim().split('\n').at(-1)!);
			expect(last).toMatchObject({ type: 'report', report: { status: 'rejected', issues: [{ code: 'json-truncated' }] } });
			const tooBig = await api.post(`${emptyBaseUrl}/api/import?kind=communes&fileName=enorme.geojson`, {
				headers,
				data: Buffer.alloc(101 * 1024 * 1024, 32)
			});
			expect(tooBig.status()).toBe(413);
			expect((await tooBig.json()).message).toMatch(/^Le fichier dépasse la taille maximale d’import de 100 Mo/);
			await api.dispose();
		});

		it('shows the imported communes on /carte', async () => {
			await page.goto(emptyBaseUrl + '/carte', { waitUntil: 'networkidle' });
			await expect(page.getByText('Aucune commune n\'est encore chargée.').count()).resolves.toBe(0);
			const png = await mapShot(page);
			// Every commune is drawn in the colour of its coverage category (none is covered: no structure yet).
			const filled = CATEGORY_FILLS.reduce((sum, colour) => sum + countColour(png, colour, 3), 0);
			const total = png.readUInt32BE(16) * png.readUInt32BE(20);
			expect(filled / total).toBeGreaterThan(0.2);
			expect(consoleErrors).toEqual([]);
		});

		it('opens the page of an imported commune from Territoires', async () => {
			await page.goto(emptyBaseUrl + '/territoires?q=Poitiers#communes');
			await page.getByRole('link', { name: 'Poitiers', exact: true }).click();
			await page.waitForURL(`${emptyBaseUrl}/territoires/86194`);
			await expect(page.locator('h1').textContent()).resolves.toMatch(/Poitiers\s+\(86194\)/);
			await expect(page.getByText(/Aucun centre social ni espace de vie sociale/).isVisible()).resolves.toBe(true);
			await page.waitForSelector('[data-map-ready="true"]', { timeout: 30_000 });
			expect(await axeViolations(page)).toEqual([]);
		});
	});
});
