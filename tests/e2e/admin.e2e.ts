/**
 * Account administration end to end (issue 5), in Chromium against the built app: an admin
 * creates a partner account and sees its one-time code, the partner redeems it on the sign-in
 * page, signs in with the chosen password and is kept out of administration; the journal shows
 * the creation and the reset; once deactivated, the account can no longer sign in.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, openBrowserPage, signIn, signOut } from './browser';

const skipReason = inject('e2eSkipReason');
const baseUrl = inject('baseUrl');

const PARTNER_EMAIL = 'service.avs@cd.invalid';
const PARTNER_PASSWORD = 'un mot de passe choisi par le CD';

describe.skipIf(Boolean(skipReason))('account administration in Chromium', () => {
	let browser: Browser, page: Page, consoleErrors: string[];
	let code = '';

	beforeAll(async () => {
		({ browser, page, consoleErrors } = await openBrowserPage({ width: 1280, height: 900 }));
	});
	afterAll(() => browser?.close());

	it('the administration page links to accounts and the journal, and notes the backup command', async () => {
		await signIn(page, baseUrl, 'admin@demo.invalid');
		await page.goto(baseUrl + '/administration');
		await expect(page.getByRole('link', { name: 'Comptes' }).getAttribute('href')).resolves.toBe('/administration/utilisateurs');
		await expect(page.getByRole('link', { name: "Journal d'audit" }).getAttribute('href')).resolves.toBe('/administration/journal');
		await expect(page.getByText('npm run maillage -- backup --out').isVisible()).resolves.toBe(true);
		expect(await axeViolations(page)).toEqual([]);
	});

	it('an admin creates a partner account for partner CD and sees its one-time code once', async () => {
		await page.goto(baseUrl + '/administration/utilisateurs', { waitUntil: 'networkidle' });
		expect(await axeViolations(page)).toEqual([]);
		const form = page.locator('form[action="?/creer"]');
		// With JavaScript, the partner select appears only for the partner role.
		await expect(form.getByLabel(/^Partenaire/).count()).resolves.toBe(0);
		await form.getByLabel('Adresse électronique').fill(PARTNER_EMAIL);
		await form.getByLabel('Nom affiché').fill('Service AVS du Département');
		await form.getByLabel('Rôle').selectOption('partenaire');
		const partnerSelect = form.getByLabel(/^Partenaire/);
		const cdValue = await partnerSelect.locator('option', { hasText: '(CD)' }).getAttribute('value');
		await partnerSelect.selectOption(cdValue!);
		await form.getByRole('button', { name: 'Créer le compte et afficher son code' }).click();

		await page.getByRole('heading', { name: `Compte créé pour ${PARTNER_EMAIL}` }).waitFor();
		code = (await page.getByTestId('code-unique').textContent())?.trim() ?? '';
		expect(code).toMatch(/^[A-Za-z0-9_-]{12}$/);
		await expect(page.getByText(/valable 24 heures/).isVisible()).resolves.toBe(true);
		const row = page.getByRole('row', { name: new RegExp(PARTNER_EMAIL.replace('.', '\\.')) });
		await expect(row.getByText('Conseil départemental du département fictif').isVisible()).resolves.toBe(true);
		await expect(row.getByText('actif', { exact: true }).isVisible()).resolves.toBe(true);
		expect(await axeViolations(page)).toEqual([]);

		// Shown once: a reload does not show it again.
		await page.reload();
		await expect(page.getByTestId('code-unique').count()).resolves.toBe(0);
	});

	it('a server-side refusal shows a French message next to the field', async () => {
		const form = page.locator('form[action="?/creer"]');
		await form.getByLabel('Adresse électronique').fill(PARTNER_EMAIL);
		await form.getByLabel('Rôle').selectOption('observateur');
		await form.getByRole('button', { name: 'Créer le compte et afficher son code' }).click();
		await page.getByText(`Un compte existe déjà pour ${PARTNER_EMAIL}.`).waitFor();
		await expect(form.getByLabel('Adresse électronique').getAttribute('aria-invalid')).resolves.toBe('true');
		expect(await axeViolations(page)).toEqual([]);
	});

	it('the partner redeems the code on the sign-in page and signs in with the chosen password', async () => {
		await signOut(page);
		await page.getByText('Mot de passe oublié ?').click();
		const reset = page.locator('details.reset');
		await reset.getByLabel('Adresse électronique').fill(PARTNER_EMAIL);
		await reset.getByLabel('Code de réinitialisation').fill(code);
		await reset.getByLabel('Nouveau mot de passe', { exact: true }).fill(PARTNER_PASSWORD);
		await reset.getByLabel('Confirmation du nouveau mot de passe').fill(PARTNER_PASSWORD);
		await reset.getByRole('button', { name: 'Changer le mot de passe' }).click();
		await page.getByText('Mot de passe changé. Vous pouvez vous connecter.').waitFor();

		await signIn(page, baseUrl, PARTNER_EMAIL, PARTNER_PASSWORD);
		await expect(page.getByText('Service AVS du Département').first().isVisible()).resolves.toBe(true);
		const nav = page.getByRole('navigation', { name: 'Navigation principale' });
		const links = await nav.getByRole('link').allTextContents();
		expect(links.map((l) => l.trim())).toContain('Carte');
		expect(links.map((l) => l.trim())).not.toContain('Administration');

		const refused = await page.goto(baseUrl + '/administration/utilisateurs');
		expect(refused?.status()).toBe(403);
		const journal = await page.goto(baseUrl + '/administration/journal.csv');
		expect(journal?.status()).toBe(403);
	});

	it('back as admin, the journal lists the account creation and the reset, with a readable diff', async () => {
		await page.goto(baseUrl + '/');
		await signOut(page);
		await signIn(page, baseUrl, 'admin@demo.invalid');
		consoleErrors.length = 0;
		await page.goto(`${baseUrl}/administration/journal?entite=app_user`, { waitUntil: 'networkidle' });
		const entries = page.locator('ol.entries > li');
		const texts = (await entries.locator('summary').allTextContents()).map((t) => t.replace(/\s+/g, ' '));
		const created = texts.findIndex((t) => t.includes('Compte créé (Partenaire)') && t.includes(PARTNER_EMAIL) && t.includes('par admin@demo.invalid'));
		const issued = texts.findIndex((t) => t.includes('Code de réinitialisation émis') && t.includes(PARTNER_EMAIL));
		const redeemed = texts.findIndex((t) => t.includes('Mot de passe choisi avec un code de réinitialisation') && t.includes(`par ${PARTNER_EMAIL}`));
		expect([created, issued, redeemed].every((i) => i >= 0)).toBe(true);
		// Newest first.
		expect(redeemed).toBeLessThan(issued);
		expect(issued).toBeLessThan(created);

		const redeemedEntry = entries.nth(redeemed);
		await redeemedEntry.locator('summary').click();
		const diff = redeemedEntry.getByRole('table');
		await expect(diff.getByRole('rowheader', { name: /Code de réinitialisation valable/ }).isVisible()).resolves.toBe(true);
		await expect(diff.locator('ins').first().isVisible()).resolves.toBe(true);
		expect(await axeViolations(page)).toEqual([]);

		const csv = await page.request.get(`${baseUrl}/administration/journal.csv?entite=app_user`);
		expect(csv.status()).toBe(200);
		expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
		const body = await csv.body();
		expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		expect(body.toString('utf8')).toContain(`;Création;Compte;app_user;`);
		const json = await page.request.get(`${baseUrl}/administration/journal.json?entite=app_user&auteur=${encodeURIComponent(PARTNER_EMAIL)}`);
		const jsonEntries = (await json.json()) as { actor: string }[];
		expect(jsonEntries.length).toBeGreaterThan(0);
		expect(jsonEntries.every((e) => e.actor === PARTNER_EMAIL)).toBe(true);
		expect(consoleErrors).toEqual([]);
	});

	it('the admin deactivates the account; its sign-in is then refused', async () => {
		await page.goto(baseUrl + '/administration/utilisateurs', { waitUntil: 'networkidle' });
		// An admin cannot deactivate themself: no button on their own row.
		await expect(page.getByRole('button', { name: 'Désactiver le compte admin@demo.invalid' }).count()).resolves.toBe(0);
		await page.getByRole('button', { name: `Désactiver le compte ${PARTNER_EMAIL}` }).click();
		await page.getByText(`Compte ${PARTNER_EMAIL} désactivé`).waitFor();
		await expect(page.getByRole('button', { name: `Réactiver le compte ${PARTNER_EMAIL}` }).isVisible()).resolves.toBe(true);
		expect(await axeViolations(page)).toEqual([]);

		await signOut(page);
		const form = page.locator('form[action="?/connexion"]').first();
		await form.getByLabel('Adresse électronique').fill(PARTNER_EMAIL);
		await form.getByLabel('Mot de passe').fill(PARTNER_PASSWORD);
		await form.getByRole('button', { name: 'Se connecter' }).click();
		await page.getByText(/mot de passe incorrect, ou compte désactivé/).waitFor();
		expect(new URL(page.url()).pathname).toBe('/connexion');
	});
});
