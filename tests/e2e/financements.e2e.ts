/**
 * The funding pages in Chromium on the demo: the Sankey draws the right node totals (= the API's
 * lines = the matrix = the bars), editing a line updates every view and the structure's panel, a
 * concurrent edit of the same line is refused with the French message, and the Département's
 * account sees only its lines plus the published ones — a direct request for an unpublished MSA
 * line is refused. Every change is undone at the end (the demo server is shared by other files).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeViolations, launchBrowser, signIn, watchConsole } from './browser';

const skipReason = inject('e2eSkipReason');
const baseUrl = inject('baseUrl');

const cents = (v: number) => Math.round(v * 100);

interface ApiLine {
	id: number;
	partnerId: number;
	partnerName: string;
	structureId: number;
	year: number;
	amount: number;
	published: boolean;
	version: number;
}

async function apiLines(page: Page, query = ''): Promise<ApiLine[]> {
	const body = await page.evaluate(async (q) => (await fetch(`/api/funding/lines?limit=5000${q}`)).json(), query);
	return body.lines as ApiLine[];
}

/** `data-value` of every Sankey node, by node id. */
async function sankeyNodes(page: Page): Promise<Map<string, number>> {
	const pairs = await page.locator('figure.sankey g.node').evaluateAll((nodes) =>
		nodes.map((n) => [n.getAttribute('data-node-id') ?? '', Number(n.getAttribute('data-value'))] as [string, number])
	);
	return new Map(pairs);
}

async function optionValue(page: Page, select: string, text: RegExp): Promise<string> {
	const options = await page.locator(`${select} option`).evaluateAll((os) => os.map((o) => [(o as HTMLOptionElement).value, o.textContent ?? '']));
	const found = options.find(([, label]) => text.test(label));
	if (!found) throw new Error(`no option ${text} in ${select}`);
	return found[0];
}

describe.skipIf(Boolean(skipReason))('funding pages in Chromium', () => {
	let browser: Browser;
	let agentContext: BrowserContext;
	let agent: Page;
	let consoleErrors: string[];
	let cdId: string;
	let msaId: string;
	const cleanups: (() => Promise<void>)[] = [];

	beforeAll(async () => {
		browser = await launchBrowser();
		agentContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
		agent = await agentContext.newPage();
		consoleErrors = watchConsole(agent);
		await signIn(agent, baseUrl, 'agent@demo.invalid');
		await agent.goto(`${baseUrl}/financements`);
		cdId = await optionValue(agent, 'select[name=financeur]', /Conseil départemental/);
		msaId = await optionValue(agent, 'select[name=financeur]', /^MSA/);
	});
	afterAll(async () => {
		for (const undo of cleanups.reverse()) await undo().catch((e) => console.error('[e2e financements] cleanup', e));
		await browser?.close();
	});

	it('the Sankey renders with the node totals of the lines; matrix, bars and page total agree', async () => {
		await agent.goto(`${baseUrl}/financements`, { waitUntil: 'networkidle' });
		await expect(agent.locator('h1').textContent()).resolves.toMatch(/Financements/);
		const lines = await apiLines(agent);
		expect(lines.length).toBeGreaterThan(100);
		const total = lines.reduce((s, l) => s + cents(l.amount), 0);
		const nodes = await sankeyNodes(agent);
		// every partner node = the sum of the partner's lines
		const byPartner = new Map<number, number>();
		for (const l of lines) byPartner.set(l.partnerId, (byPartner.get(l.partnerId) ?? 0) + cents(l.amount));
		expect([...nodes.keys()].filter((k) => k.startsWith('p:')).length).toBe(byPartner.size);
		for (const [partnerId, sum] of byPartner) expect(cents(nodes.get(`p:${partnerId}`)!), `partner ${partnerId}`).toBe(sum);
		// every structure node too, and each column adds up to the total
		for (const prefix of ['p:', 'i:', 's:']) {
			expect([...nodes].filter(([k]) => k.startsWith(prefix)).reduce((s, [, v]) => s + cents(v), 0)).toBe(total);
		}
		// the drawn rectangles are really there, with a height
		const heights = await agent.locator('figure.sankey g.node rect').evaluateAll((rs) => rs.map((r) => Number(r.getAttribute('height'))));
		expect(heights.every((h) => h >= 1)).toBe(true);
		// the other views: page total, matrix grand total and partner totals, bars
		expect(cents(Number(await agent.locator('p.result-count').getAttribute('data-total')))).toBe(total);
		expect(cents(Number(await agent.locator('table.matrix').getAttribute('data-grand-total')))).toBe(total);
		for (const [partnerId, sum] of byPartner) {
			expect(cents(Number(await agent.locator(`table.matrix tfoot td[data-partner-id="${partnerId}"]`).getAttribute('data-total')))).toBe(sum);
		}
		const bars = await agent.locator('figure.bars rect[data-value]').evaluateAll((rs) => rs.map((r) => Number(r.getAttribute('data-value'))));
		expect(bars.reduce((s, v) => s + cents(v), 0)).toBe(total);
		expect(await axeViolations(agent)).toEqual([]);
		expect(consoleErrors).toEqual([]);
	});

	it('every funding page answers in French with one h1 and no axe violation', async () => {
		for (const path of ['/financements?flux=epci', '/financements/lignes', '/financements/ps', '/financements/partenaires', '/financements/dispositifs', '/financements/import', '/accord-cadre', '/structures/1']) {
			consoleErrors.length = 0;
			const response = await agent.goto(baseUrl + path, { waitUntil: 'networkidle' });
			expect(response?.status(), path).toBe(200);
			expect(await agent.locator('h1').count(), path).toBe(1);
			expect(await axeViolations(agent), path).toEqual([]);
			expect(consoleErrors, path).toEqual([]);
		}
	}, 180_000); // eight pages, axe-core on each: a few seconds a page on a busy 2-core machine

	it('editing a line in the grid updates the Sankey, the matrix, the bars and the structure panels', async () => {
		const [line] = (await apiLines(agent, `&financeur=${cdId}`)).sort((a, b) => b.year - a.year || a.id - b.id);
		await agent.goto(`${baseUrl}/financements`);
		const before = { nodes: await sankeyNodes(agent) };
		const structureTotalBefore = Number(await agent.locator(`table.matrix tr[data-structure-id="${line.structureId}"]`).getAttribute('data-total'));

		await agent.goto(`${baseUrl}/financements/lignes?annee=${line.year}&financeur=${cdId}&structure=${line.structureId}`);
		const row = agent.locator(`tr[data-line-id="${line.id}"]`);
		await row.locator('input[name=montant]').fill(String(line.amount + 1000).replace('.', ','));
		await row.getByRole('button', { name: 'Enregistrer' }).click();
		await expect(row.getByRole('status').textContent()).resolves.toMatch(/Ligne enregistrée/);
		cleanups.push(async () => {
			const [now] = await apiLines(agent, `&structure=${line.structureId}&financeur=${cdId}&annee=${line.year}`);
			await agent.goto(`${baseUrl}/financements/lignes?annee=${line.year}&financeur=${cdId}&structure=${line.structureId}`);
			const r = agent.locator(`tr[data-line-id="${now.id}"]`);
			await r.locator('input[name=montant]').fill(String(line.amount).replace('.', ','));
			await r.getByRole('button', { name: 'Enregistrer' }).click();
			await r.getByRole('status').waitFor();
		});

		await agent.goto(`${baseUrl}/financements`, { waitUntil: 'networkidle' });
		const after = await sankeyNodes(agent);
		expect(cents(after.get(`p:${cdId}`)!) - cents(before.nodes.get(`p:${cdId}`)!)).toBe(100000);
		expect(cents(after.get(`s:${line.structureId}`)!) - cents(before.nodes.get(`s:${line.structureId}`)!)).toBe(100000);
		const structureTotalAfter = Number(await agent.locator(`table.matrix tr[data-structure-id="${line.structureId}"]`).getAttribute('data-total'));
		expect(cents(structureTotalAfter) - cents(structureTotalBefore)).toBe(100000);
		const yearTotal = Number(await agent.locator(`figure.bars text[data-year-total="${line.year}"]`).getAttribute('data-value'));
		const apiYear = (await apiLines(agent, `&annee=${line.year}`)).reduce((s, l) => s + cents(l.amount), 0);
		expect(cents(yearTotal)).toBe(apiYear);
		// the structure's panel, on the funding page and on the structure's page
		const apiStructure = (await apiLines(agent, `&structure=${line.structureId}`)).reduce((s, l) => s + cents(l.amount), 0);
		await agent.goto(`${baseUrl}/financements?structure=${line.structureId}`);
		expect(cents(Number(await agent.locator('.panel').getAttribute('data-total')))).toBe(apiStructure);
		await agent.goto(`${baseUrl}/structures/${line.structureId}`);
		expect(cents(Number(await agent.locator('.panel').getAttribute('data-total')))).toBe(apiStructure);
		expect(cents(structureTotalAfter)).toBe(apiStructure);
	});

	it('a concurrent edit of the same line is refused with a clear message, nothing overwritten', async () => {
		const [line] = await apiLines(agent, `&financeur=${msaId}`);
		const url = `${baseUrl}/financements/lignes?annee=${line.year}&financeur=${msaId}&structure=${line.structureId}`;
		const second = await agentContext.newPage();
		await agent.goto(url);
		await second.goto(url);
		const first = agent.locator(`tr[data-line-id="${line.id}"]`);
		const other = second.locator(`tr[data-line-id="${line.id}"]`);
		await first.locator('input[name=commentaire]').fill('Modifié par le premier onglet');
		await first.getByRole('button', { name: 'Enregistrer' }).click();
		await expect(first.getByRole('status').textContent()).resolves.toMatch(/Ligne enregistrée/);
		await other.locator('input[name=montant]').fill('1');
		await other.getByRole('button', { name: 'Enregistrer' }).click();
		await expect(other.getByRole('alert').textContent()).resolves.toMatch(/modifié entre-temps par un autre utilisateur.*Rechargez la page/);
		const [stored] = (await apiLines(agent, `&financeur=${msaId}&annee=${line.year}&structure=${line.structureId}`)).filter((l) => l.id === line.id);
		expect(stored.amount).toBe(line.amount);
		await second.close();
		cleanups.push(async () => {
			await agent.goto(url);
			const r = agent.locator(`tr[data-line-id="${line.id}"]`);
			await r.locator('input[name=commentaire]').fill('');
			await r.getByRole('button', { name: 'Enregistrer' }).click();
			await r.getByRole('status').waitFor();
		});
	});

	it('the Département sees its lines and the published ones only; an unpublished MSA line is refused', async () => {
		const msaLines = await apiLines(agent, `&financeur=${msaId}`);
		const years = [...new Set(msaLines.map((l) => l.year))].sort();
		expect(years.length).toBeGreaterThan(1);
		const publishedYear = years[0];
		const hidden = msaLines.find((l) => l.year !== publishedYear)!;
		// the CAF publishes the MSA's lines of one year
		await agent.goto(`${baseUrl}/financements/lignes`);
		await agent.locator('summary', { hasText: 'Publier ou retirer' }).click();
		await agent.locator('#l-financeur').selectOption(msaId);
		await agent.locator('#l-annee').selectOption(String(publishedYear));
		const bulk = agent.locator('form[action="?/publierLot"]');
		await bulk.getByRole('button', { name: 'Publier', exact: true }).click();
		await expect(agent.locator('details p[role=status]').textContent()).resolves.toMatch(/lignes? publiées?/);
		cleanups.push(async () => {
			await agent.goto(`${baseUrl}/financements/lignes`);
			await agent.locator('summary', { hasText: 'Publier ou retirer' }).click();
			await agent.locator('#l-financeur').selectOption(msaId);
			await agent.locator('#l-annee').selectOption(String(publishedYear));
			await agent.locator('form[action="?/publierLot"]').getByRole('button', { name: 'Retirer la publication' }).click();
			await agent.locator('details p[role=status]', { hasText: /retirée/ }).waitFor();
		});

		const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
		const cd = await context.newPage();
		const cdErrors = watchConsole(cd);
		await signIn(cd, baseUrl, 'departement@demo.invalid');
		const visible = await apiLines(cd);
		expect(visible.length).toBeGreaterThan(0);
		expect(visible.every((l) => String(l.partnerId) === cdId || (l.published && String(l.partnerId) === msaId && l.year === publishedYear))).toBe(true);
		expect(visible.filter((l) => String(l.partnerId) === msaId).length).toBe(msaLines.filter((l) => l.year === publishedYear).length);
		// the grid shows the same lines, and says the totals cover them only
		await cd.goto(`${baseUrl}/financements/lignes?financeur=${msaId}`);
		const partners = await cd.locator('table.grid tbody tr td:nth-child(3)').allTextContents();
		expect(partners.length).toBe(msaLines.filter((l) => l.year === publishedYear).length);
		expect(await cd.locator('table.grid tbody tr').evaluateAll((rs) => rs.every((r) => r.textContent?.includes('Publiée')))).toBe(true);
		await cd.goto(`${baseUrl}/financements`);
		await expect(cd.locator('p.scope-note').textContent()).resolves.toMatch(/totaux de cette page portent sur ces lignes seulement/);
		const cdTotal = visible.reduce((s, l) => s + cents(l.amount), 0);
		expect(cents(Number(await cd.locator('p.result-count').getAttribute('data-total')))).toBe(cdTotal);
		expect(cdErrors).toEqual([]);
		// a direct request for an unpublished MSA line: refused, without its data (the browser logs the 404s)
		const direct = await cd.evaluate(async (id) => {
			const r = await fetch(`/api/funding/lines/${id}`);
			return { status: r.status, body: await r.text() };
		}, hidden.id);
		expect(direct.status).toBe(404);
		expect(direct.body).not.toContain(String(hidden.amount));
		const asPage = await cd.goto(`${baseUrl}/api/funding/lines/${hidden.id}`);
		expect(asPage?.status()).toBe(404);
		// and the partner cannot edit an MSA line even by posting the form by hand
		const post = await cd.evaluate(async ({ id, version }) => {
			const body = new FormData();
			body.set('id', String(id));
			body.set('version', String(version));
			body.set('montant', '1');
			body.set('statut', 'verse');
			const r = await fetch('/financements/lignes?/modifier', { method: 'POST', body, headers: { 'x-sveltekit-action': 'true' } });
			return r.json();
		}, hidden);
		expect(JSON.stringify(post)).toMatch(/introuvable|non visible/);
		expect(cdErrors.every((e) => /status of 404/.test(e))).toBe(true);
		await context.close();
	});
});
