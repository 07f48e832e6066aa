/**
 * Pilotage in Chromium, signed in as a CAF agent: the agrément follow-up, the schéma's progress,
 * committee mode driven from the keyboard (← → Début Fin Échap) with a snapshot frozen and
 * reopened, and the observatory export page — each page free of axe violations.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, signedInPage } from './browser';

const skipReason = inject('e2eSkipReason');
const baseUrl = inject('baseUrl');

describe.skipIf(Boolean(skipReason))('pilotage in Chromium', () => {
	let browser: Browser, page: Page, consoleErrors: string[];

	beforeAll(async () => {
		({ browser, page, consoleErrors } = await signedInPage(baseUrl, 'agent@demo.invalid'));
	});
	afterAll(() => browser?.close());

	it('/agrements follows renewals within the window of the URL, first projects, vacancies and durations, with a Gantt chart', async () => {
		consoleErrors.length = 0;
		const response = await page.goto(`${baseUrl}/agrements?mois=12`, { waitUntil: 'networkidle' });
		expect(response?.status()).toBe(200);
		await expect(page.locator('#mois').inputValue()).resolves.toBe('12');
		for (const name of ['Renouvellements à préparer', 'Premiers projets sociaux', 'Postes vacants', 'Durées des agréments', 'Calendrier des agréments']) {
			await expect(page.getByRole('heading', { level: 2, name }).isVisible()).resolves.toBe(true);
		}
		expect(await page.locator('figure.timeline svg rect[rx="2"]').count()).toBeGreaterThan(20);
		// Durations are maxima (issue 13): the demo's agrément shortened to 2 years is valid, none is listed.
		await expect(page.getByText('Tous les agréments respectent les durées en vigueur à leur début.').isVisible()).resolves.toBe(true);
		expect(await axeViolations(page)).toEqual([]);
		expect(consoleErrors).toEqual([]);
	});

	it('an agrément page shows its assessment form to staff and passes axe', async () => {
		await page.locator('section[aria-labelledby="liste"] tbody a').first().click();
		await page.waitForURL(/\/agrements\/\d+$/);
		await expect(page.getByRole('button', { name: 'Enregistrer l’évaluation' }).or(page.getByRole('button', { name: "Enregistrer l'évaluation" })).isVisible()).resolves.toBe(true);
		await expect(page.getByRole('heading', { name: 'Documents' }).isVisible()).resolves.toBe(true);
		expect(await axeViolations(page)).toEqual([]);
	});

	it('/schema-directeur shows traffic lights and sparklines and passes axe', async () => {
		await page.goto(`${baseUrl}/schema-directeur`, { waitUntil: 'networkidle' });
		expect(await page.locator('svg.sparkline').count()).toBeGreaterThan(3);
		await expect(page.getByText('calculé par Maillage').first().isVisible()).resolves.toBe(true);
		expect(await axeViolations(page)).toEqual([]);
	});

	it('committee mode is driven from the keyboard: → ← Début Fin, Échap leaves', async () => {
		consoleErrors.length = 0;
		await page.goto(`${baseUrl}/comite`, { waitUntil: 'networkidle' });
		expect(await axeViolations(page)).toEqual([]);
		await page.getByRole('link', { name: 'Lancer la présentation avec les chiffres du jour' }).click();
		await page.waitForURL(/\/comite\/presentation/);
		await page.getByRole('button', { name: 'Plein écran' }).waitFor();
		const current = () => page.locator('section.screen:not([hidden]) h2').textContent();
		await expect(current()).resolves.toBe('Couverture du territoire et priorités');
		expect(await page.locator('section.screen:not([hidden]) svg path').count()).toBeGreaterThan(100);
		expect(await axeViolations(page)).toEqual([]);
		await page.keyboard.press('ArrowRight');
		await expect(current()).resolves.toBe('Quartiers prioritaires');
		expect(new URL(page.url()).searchParams.get('ecran')).toBe('2');
		await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Quartiers prioritaires');
		await page.keyboard.press('End');
		await expect(current()).resolves.toBe('Décisions des instances');
		await page.keyboard.press('ArrowRight');
		await expect(current()).resolves.toBe('Décisions des instances');
		await page.keyboard.press('ArrowLeft');
		await expect(current()).resolves.toBe('Observatoire des structures (SENACS)');
		// The observatory screen: the département summary of the last closed year, with the structures that did not answer.
		await expect(page.locator('section.screen:not([hidden]) table').first().isVisible()).resolves.toBe(true);
		expect(await axeViolations(page)).toEqual([]);
		await page.keyboard.press('Home');
		await expect(current()).resolves.toBe('Couverture du territoire et priorités');
		await expect(page.locator('[aria-live="polite"]').textContent()).resolves.toBe('Écran 1 sur 7 : Couverture du territoire et priorités');
		await Promise.all([page.waitForURL(`${baseUrl}/comite`), page.keyboard.press('Escape')]);
		expect(consoleErrors).toEqual([]);
	});

	it('freezes the figures of a meeting as a snapshot, reopens it and lists it', async () => {
		await page.goto(`${baseUrl}/comite`, { waitUntil: 'networkidle' });
		await page.getByLabel('Titre').fill('Comité de pilotage de bout en bout');
		await Promise.all([page.waitForURL(/\/comite\/instantanes\/\d+$/), page.getByRole('button', { name: 'Figer les chiffres' }).click()]);
		await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Comité de pilotage de bout en bout');
		await expect(page.getByText(/^Instantané figé le/).isVisible()).resolves.toBe(true);
		// The « Plein écran » button appears once the page is hydrated: keys are handled from then on.
		await page.getByRole('button', { name: 'Plein écran' }).waitFor();
		await page.keyboard.press('ArrowRight');
		await expect(page.locator('section.screen:not([hidden]) h2').textContent()).resolves.toBe('Quartiers prioritaires');
		await page.goto(`${baseUrl}/comite`, { waitUntil: 'networkidle' });
		await expect(page.getByRole('link', { name: 'Comité de pilotage de bout en bout' }).isVisible()).resolves.toBe(true);
	});

	it('/exports/observatoire lists the checks with links and downloads a French CSV', async () => {
		await page.goto(`${baseUrl}/exports/observatoire`, { waitUntil: 'networkidle' });
		await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toMatch(/^Observatoire SENACS : année \d{4}$/);
		expect(await axeViolations(page)).toEqual([]);
		await page.locator('details.download-menu summary').click();
		const href = await page.getByRole('link', { name: /^CSV Fiches \d{4}$/ }).getAttribute('href');
		const response = await page.request.get(`${baseUrl}${href}`);
		expect(response.status()).toBe(200);
		expect(response.headers()['content-type']).toBe('text/csv; charset=utf-8');
		expect(response.headers()['content-disposition']).toMatch(/^attachment; filename="maillage-observatoire-\d{4}\.csv"$/);
		const text = (await response.body()).toString('utf8');
		expect(text.startsWith('\ufeffClé (SIRET-établissement-agrément-année);Année;SIRET;Établissement;')).toBe(true);
	});
});
