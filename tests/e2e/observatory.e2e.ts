/**
 * The SENACS observatory end to end, in Chromium against the built app, as a Caf agent, on the
 * demo served from PGlite and (with TEST_DATABASE_URL) from PostgreSQL: the structure-year form is
 * reached from the structure page, refuses a bad figure with a French message naming the field,
 * saves, shows the consistency check the new figure raises, refuses a concurrent save without
 * overwriting; the export of the year (XLSX, JSON, CSV of the records and of the detail) carries
 * what was saved with its check; the import page explains the demo refusal. Every page passes axe.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, signedInPage } from './browser';

const skipReason = inject('e2eSkipReason');
const servers = [
	{ kind: 'PGlite', url: inject('baseUrl') },
	{ kind: 'PostgreSQL', url: inject('pgBaseUrl') }
].filter((s) => s.url !== '');

interface JsonExport {
	annee: number;
	fiches: Record<string, string | number | boolean | null>[];
	controles: { code: string; cle: string }[];
}

for (const server of servers) {
	const baseUrl = server.url;
	describe.skipIf(Boolean(skipReason))(`observatory in Chromium (${server.kind})`, () => {
		let browser: Browser;
		let page: Page;
		let consoleErrors: string[];
		let year: number;
		let structureId: number;
		let original: string;
		const HOURS = '987654';

		const exportJson = async (): Promise<JsonExport> => {
			const response = await page.request.get(`${baseUrl}/api/export/observatoire?annee=${year}&format=json`);
			expect(response.status()).toBe(200);
			return (await response.json()) as JsonExport;
		};
		const formUrl = () => `${baseUrl}/structures/${structureId}/annees/${year}`;
		const save = (p: Page) => Promise.all([p.waitForURL(/enregistre=1/), p.getByRole('button', { name: `Enregistrer les données ${year}` }).click()]);

		beforeAll(async () => {
			({ browser, page, consoleErrors } = await signedInPage(baseUrl, 'agent@demo.invalid'));
			await page.goto(`${baseUrl}/exports/observatoire`, { waitUntil: 'networkidle' });
			year = Number(/(\d{4})$/.exec((await page.getByRole('heading', { level: 1 }).textContent()) ?? '')?.[1]);
			// A centre social of the year with volunteers entered: the hours below make an implausible ratio.
			const record = (await exportJson()).fiches.find((f) => f.type_structure === 'CS' && typeof f.benevoles_activite === 'number' && f.benevoles_activite > 0);
			expect(record, 'a CS with volunteers in the demo').toBeDefined();
			structureId = Number(record!.identifiant_maillage);
			original = record!.heures_benevolat === null ? '' : String(record!.heures_benevolat);
		});
		afterAll(() => browser?.close());

		it('the structure page leads to the year form, which shows every SENACS section and passes axe', async () => {
			consoleErrors.length = 0;
			await page.goto(`${baseUrl}/structures/${structureId}`, { waitUntil: 'networkidle' });
			await Promise.all([page.waitForURL(formUrl()), page.getByRole('link', { name: `Données ${year}`, exact: true }).click()]);
			await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(`Données annuelles ${year}`);
			for (const name of ['Réponse à l’observatoire', 'Personnes et familles touchées', 'Gouvernance et participation des habitants', 'Bénévolat', 'Emploi', 'Partenariats', 'Finances (charges et produits)']) {
				await expect(page.getByRole('heading', { level: 2, name }).isVisible()).resolves.toBe(true);
			}
			await expect(page.locator('#champ-heures_benevolat').inputValue()).resolves.toBe(original);
			expect(await page.getByRole('table', { name: 'Salariés au 31 décembre par type de contrat' }).locator('tbody tr').count()).toBeGreaterThan(3);
			expect(await axeViolations(page)).toEqual([]);
			expect(consoleErrors).toEqual([]);
		});

		it('refuses a figure that is not a number with a French message naming the field, and keeps what was typed', async () => {
			await page.locator('#champ-salaries').fill('douze');
			await page.getByRole('button', { name: `Enregistrer les données ${year}` }).click();
			const alert = page.getByRole('alert').filter({ hasText: 'à corriger' });
			await alert.waitFor();
			await expect(alert.getByRole('link', { name: 'Salariés (effectif)' }).isVisible()).resolves.toBe(true);
			await expect(page.locator('#champ-salaries').getAttribute('aria-invalid')).resolves.toBe('true');
			await expect(page.locator('#champ-salaries').inputValue()).resolves.toBe('douze');
			expect(await axeViolations(page)).toEqual([]);
		});

		it('saves the year, then lists the consistency check the new hours raise', async () => {
			await page.goto(formUrl(), { waitUntil: 'networkidle' });
			await page.locator('#champ-heures_benevolat').fill(HOURS);
			await save(page);
			await expect(page.getByRole('status').filter({ hasText: `Données ${year} enregistrées.` }).isVisible()).resolves.toBe(true);
			await expect(page.locator('#champ-heures_benevolat').inputValue()).resolves.toBe(HOURS);
			await expect(page.locator('[data-testid="controles-annee"] li[data-code="heures-par-benevole"]').isVisible()).resolves.toBe(true);
		});

		it('refuses a save from a stale form (optimistic locking): nothing is overwritten', async () => {
			const other = await page.context().newPage();
			await other.goto(formUrl(), { waitUntil: 'networkidle' });
			await page.goto(formUrl(), { waitUntil: 'networkidle' });
			await page.locator('#champ-commentaire').fill('Saisie du premier onglet');
			await save(page);
			await other.locator('#champ-commentaire').fill('Saisie du second onglet');
			await other.getByRole('button', { name: `Enregistrer les données ${year}` }).click();
			await other.getByRole('alert').filter({ hasText: 'modification concurrente' }).waitFor();
			await expect(other.locator('#champ-commentaire').inputValue()).resolves.toBe('Saisie du second onglet');
			await other.close();
			await page.goto(formUrl(), { waitUntil: 'networkidle' });
			await expect(page.locator('#champ-commentaire').inputValue()).resolves.toBe('Saisie du premier onglet');
		});

		it('the export of the year carries the saved figures and their check (JSON, XLSX, CSV of records and detail)', async () => {
			const json = await exportJson();
			const record = json.fiches.find((f) => f.identifiant_maillage === structureId)!;
			expect(record.heures_benevolat).toBe(Number(HOURS));
			expect(record.commentaire).toBe('Saisie du premier onglet');
			expect(String(record.cle)).toMatch(new RegExp(`^\\d{14}(\\.[A-Z0-9]+)?-AGC-${year}$`));
			expect(json.controles.some((c) => c.code === 'heures-par-benevole' && c.cle === record.cle)).toBe(true);

			await page.goto(`${baseUrl}/exports/observatoire?annee=${year}`, { waitUntil: 'networkidle' });
			await page.locator('details.download-menu summary').click();
			const href = await page.getByRole('link', { name: /^XLSX Classeur/ }).getAttribute('href');
			const xlsx = await page.request.get(`${baseUrl}${href}`);
			expect(xlsx.status()).toBe(200);
			expect(xlsx.headers()['content-disposition']).toBe(`attachment; filename="maillage-observatoire-${year}.xlsx"`);
			const wb = new ExcelJS.Workbook();
			await wb.xlsx.load((await xlsx.body()) as unknown as ArrayBuffer);
			expect(wb.worksheets.map((w) => w.name)).toEqual([`Fiches ${year}`, `Détail ${year}`, `Synthèse ${year}`, 'Listes de codes', 'Dictionnaire', 'Contrôles']);
			const sheet = wb.getWorksheet(`Fiches ${year}`)!;
			const headers = (sheet.getRow(1).values as unknown[]).map(String);
			const hoursColumn = headers.indexOf('Heures de bénévolat');
			const idColumn = headers.indexOf('Identifiant Maillage');
			const row = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(idColumn).value === structureId)!;
			expect(row.getCell(hoursColumn).value).toBe(Number(HOURS));

			const detail = await page.request.get(`${baseUrl}/api/export/observatoire?annee=${year}&format=csv&partie=detail`);
			const text = (await detail.body()).toString('utf8');
			expect(text.startsWith('\ufeffClé de la fiche;SIRET;Établissement;Année;Nom;Section;Code;')).toBe(true);
			expect(text).toContain(`;contrats;`);
			expect(text).toContain(`;activites;`);
			expect(text).toContain(`;partenaires;`);
		});

		it('puts the demo figures back', async () => {
			await page.goto(formUrl(), { waitUntil: 'networkidle' });
			await page.locator('#champ-heures_benevolat').fill(original);
			await page.locator('#champ-commentaire').fill('');
			await save(page);
			expect((await exportJson()).fiches.find((f) => f.identifiant_maillage === structureId)!.heures_benevolat).toBe(original === '' ? null : Number(original));
		});

		it('the import page publishes the dictionary, passes axe, and refuses a file on the demo database in French', async () => {
			consoleErrors.length = 0;
			await page.goto(`${baseUrl}/exports/observatoire/import`, { waitUntil: 'networkidle' });
			await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Importer les données annuelles');
			const dictionary = await page.getByRole('link', { name: 'dictionnaire des données' }).getAttribute('href');
			expect((await page.request.get(`${baseUrl}${dictionary}`)).status()).toBe(200);
			expect(await axeViolations(page)).toEqual([]);
			const csv = await page.request.get(`${baseUrl}/api/export/observatoire?annee=${year}&format=csv`);
			await page.getByLabel(/^Fichier \(CSV ou XLSX/).setInputFiles({ name: `observatoire-${year}.csv`, mimeType: 'text/csv', buffer: await csv.body() });
			await page.getByRole('button', { name: 'Importer' }).click();
			await page.getByRole('alert').filter({ hasText: 'département fictif de démonstration' }).waitFor();
			expect(await axeViolations(page)).toEqual([]);
			expect(consoleErrors.filter((e) => !/status of 400/.test(e))).toEqual([]);
		});
	});
}
