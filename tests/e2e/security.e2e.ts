/**
 * The security suite of issue 11: the attacks of the independent review, against the built server
 * with the demo — staff actions by other roles, CSRF, sessions, SQL injection and malformed values
 * in every route parameter, XSS on every page (stored and reflected), formula injection in CSV and
 * XLSX, uploads (disguised types, hostile names, workbook bombs). `npm test` runs a seeded sample;
 * `npm run security` runs every case (SECURITY_FULL=1). The results table is printed at the end.
 * Data planted for the attacks is removed afterwards: the shared servers stay as they were.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, signIn as signInBrowser } from './browser';
import { pageData, residentBytes, signInCookie } from './http';
import { EMPTY_INSTANCE_ACCOUNTS, EMPTY_INSTANCE_PASSWORD } from './global-setup';
import { csrf, fuzzQueries, injections, reportedRobustness, resultsTable, send, sessions, staffActions, type AttackRow, type Target } from '../security/attacks';
import { XSS, queryParameterNames } from '../security/inputs';
import { listRoutes, samplePath } from '../helpers/routes';
import { NUMERIC_PARAMETERS } from '../../src/lib/server/http/input-guard';
import { bombSheet, workbookWithSheet } from '../helpers/xlsx-files';

const skipReason = inject('e2eSkipReason');
const baseUrl = inject('baseUrl');
const emptyBaseUrl = inject('emptyBaseUrl');
const serverPid = inject('serverPid');
const FULL = process.env.SECURITY_FULL === '1';

const rows: AttackRow[] = [];
const record = (row: AttackRow) => {
	rows.push(row);
	return row;
};

/** Posts a form as a browser would (same origin), with the session cookie. */
function postForm(target: Target, path: string, cookie: string, fields: Record<string, string>) {
	return send(target, path, {
		method: 'POST',
		cookie,
		headers: { origin: target.baseUrl, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', 'x-sveltekit-action': 'true' },
		body: new URLSearchParams(fields).toString()
	});
}

describe.skipIf(Boolean(skipReason))(`security suite (${FULL ? 'complète' : 'échantillon'})`, () => {
	let target: Target;
	let browser: Browser;

	beforeAll(async () => {
		target = {
			baseUrl,
			full: FULL,
			seed: Number(process.env.SECURITY_SEED ?? 11),
			cookies: {
				admin: await signInCookie(baseUrl, 'admin@demo.invalid'),
				agent: await signInCookie(baseUrl, 'agent@demo.invalid'),
				partenaire: await signInCookie(baseUrl, 'departement@demo.invalid'),
				observateur: await signInCookie(baseUrl, 'observateur@demo.invalid')
			}
		};
		browser = await launchBrowser();
	});

	afterAll(async () => {
		await browser?.close();
		if (rows.length) console.log(`\nRésultats de la suite de sécurité (${FULL ? 'complète' : 'échantillon'}) :\n\n${resultsTable(rows)}\n`);
	});

	it('refuses every staff action to partners, observers and signed-out visitors', { timeout: 300_000 }, async () => {
		expect(record(await staffActions(target)).failures).toEqual([]);
	});

	it('refuses every write from another site or without an Origin (CSRF)', { timeout: 300_000 }, async () => {
		expect(record(await csrf(target)).failures).toEqual([]);
	});

	it('keeps sessions safe: no fixation, flags, revocation, forged cookies', { timeout: 120_000 }, async () => {
		const signIn = async (email: string, cookie?: string) => {
			const response = await fetch(`${baseUrl}/connexion?/connexion`, {
				method: 'POST',
				redirect: 'manual',
				headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseUrl, accept: 'text/html', ...(cookie ? { cookie } : {}) },
				body: new URLSearchParams({ email, password: 'demo-maillage-2026', redirectTo: '/' })
			});
			const setCookie = response.headers.get('set-cookie') ?? '';
			return { cookie: setCookie.split(';')[0], setCookie };
		};
		expect(record(await sessions(target, signIn)).failures).toEqual([]);
	});

	it('answers SQL injection in every route parameter without error, leak or delay', { timeout: FULL ? 7_200_000 : 300_000 }, async () => {
		expect(record(await injections(target, 'sql')).failures).toEqual([]);
	});

	it('answers malformed values in every route parameter with a 4xx, never a 500', { timeout: FULL ? 7_200_000 : 300_000 }, async () => {
		expect(record(await injections(target, 'malformed')).failures).toEqual([]);
		expect(record(await reportedRobustness(target)).failures).toEqual([]);
	});

	it('answers random query strings on random routes below 500 (sample of npm run fuzz)', { timeout: FULL ? 3_600_000 : 300_000 }, async () => {
		expect(record(await fuzzQueries(target, FULL ? 5_000 : 200)).failures).toEqual([]);
	});

	it('runs no injected script on any page, stored or reflected, under the production CSP', { timeout: FULL ? 1_800_000 : 600_000 }, async () => {
		const failures: string[] = [];
		let requests = 0;
		const planted = await plant(target);
		try {
			const names = queryParameterNames().filter((n) => !Object.hasOwn(NUMERIC_PARAMETERS, n) && !['redirectTo', 'ecran'].includes(n));
			const pages = listRoutes().filter((r) => r.page && r.id !== '/deconnexion');
			const roles = FULL ? (['admin@demo.invalid', 'departement@demo.invalid', 'observateur@demo.invalid'] as const) : (['admin@demo.invalid'] as const);
			for (const email of roles) {
				const context = await browser.newContext();
				await context.addInitScript(() => {
					const w = window as unknown as { __violations: string[] };
					w.__violations = [];
					document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(`${e.violatedDirective} ${e.sample}`));
				});
				const page = await context.newPage();
				const dialogs: string[] = [];
				page.on('dialog', (d) => {
					dialogs.push(d.message());
					void d.dismiss();
				});
				await signInBrowser(page, baseUrl, email);
				for (const route of pages) {
					const path = samplePath(route.id, { id: route.id.startsWith('/scenarios/') ? String(planted.scenarioId) : '1', code: '00001' });
					const payload = XSS[requests % XSS.length];
					const query = new URLSearchParams(names.map((n) => [n, payload])).toString();
					for (const url of [path, `${path}?${query}`]) {
						await page.goto(baseUrl + url, { waitUntil: 'load' }).catch(() => null);
						await page.waitForTimeout(150);
						requests++;
						const state = await page.evaluate(() => {
							const w = window as unknown as { __xss?: unknown; __violations: string[] };
							return { xss: w.__xss ?? null, violations: w.__violations, injected: document.querySelectorAll('img[src="x"], svg[onload]').length };
						});
						const what = `${email} ${url.slice(0, 60)}`;
						if (state.xss !== null) failures.push(`${what} : script injecté exécuté`);
						if (state.injected > 0) failures.push(`${what} : balise injectée dans la page`);
						// Blocked inline scripts show up here too; none is expected: the payloads are escaped text.
						if (state.violations.length) failures.push(`${what} : violation CSP ${state.violations[0]}`);
					}
				}
				if (dialogs.length) failures.push(`${email} : ${dialogs.length} dialogue(s) ouverts par un script injecté`);
				await context.close();
			}
		} finally {
			await planted.remove();
		}
		expect(record({ category: 'XSS', attack: 'charges stockées (financeur, ligne, scénario) et réfléchies (tous les paramètres) sur chaque page', requests, failures }).failures).toEqual([]);
	});

	it('neutralises formulas in every CSV and writes text cells in XLSX', { timeout: 120_000 }, async () => {
		const failures: string[] = [];
		let requests = 0;
		const planted = await plant(target);
		try {
			const csvs = [
				{ what: 'financements CSV', path: '/api/funding/export/csv', formula: planted.formula },
				{ what: 'comparaison de scénarios CSV', path: `/api/scenarios/comparaison?format=csv&ids=${planted.scenarioId}`, formula: planted.scenarioFormula }
			];
			for (const { what, path, formula } of csvs) {
				const answer = await send(target, path, { cookie: target.cookies.admin });
				requests++;
				if (answer.status !== 200) failures.push(`${what} : ${answer.status}`);
				else if (!answer.body.includes(`'${formula}`) && !answer.body.includes(`"'${formula.replace(/"/g, '""')}"`)) failures.push(`${what} : formule non neutralisée`);
				for (const line of answer.body.split('\n')) if (/(^|;)"?[=+@]/.test(line)) failures.push(`${what} : cellule commençant par une formule : ${line.slice(0, 80)}`);
			}
			const xlsx = await fetch(`${baseUrl}/api/funding/export/xlsx`, { headers: { cookie: target.cookies.admin } });
			requests++;
			const workbook = new ExcelJS.Workbook();
			await workbook.xlsx.load((await xlsx.arrayBuffer()) as ArrayBuffer);
			let found = 0;
			workbook.worksheets[0].eachRow((row) =>
				row.eachCell((cell) => {
					if (cell.formula) failures.push(`XLSX : formule dans ${cell.address}`);
					if (cell.value === planted.formula) found++;
				})
			);
			if (found !== 1) failures.push(`XLSX : le commentaire piégé n’est pas une cellule de texte (${found})`);
		} finally {
			await planted.remove();
		}
		expect(record({ category: 'Injection de formules', attack: 'CSV des financements et des scénarios, XLSX des financements', requests, failures }).failures).toEqual([]);
	});

	it('refuses disguised and hostile uploads, and serves documents as attachments', { timeout: 300_000 }, async () => {
		const failures: string[] = [];
		let requests = 0;
		const upload = async (name: string, type: string, bytes: Uint8Array) => {
			const form = new FormData();
			form.set('nature', 'autre');
			form.set('titre', '');
			form.set('fichier', new File([Buffer.from(bytes)], name, { type }));
			requests++;
			return fetch(`${baseUrl}/agrements/1?/document`, { method: 'POST', redirect: 'manual', headers: { cookie: target.cookies.admin, origin: baseUrl, accept: 'application/json', 'x-sveltekit-action': 'true' }, body: form });
		};
		const text = (s: string) => new TextEncoder().encode(s);
		for (const [name, type, bytes] of [
			['rapport.pdf', 'application/pdf', text('<html><script>alert(1)</script></html>')],
			['carte.svg', 'image/svg+xml', text('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')],
			['page.html', 'text/html', text('<script>alert(1)</script>')],
			['script.pdf.exe', 'application/pdf', text('%PDF-1.4\n%')]
		] as const) {
			const answer = await upload(name, type, bytes);
			const body = await answer.text();
			if (!/"type":"failure"/.test(body) || answer.status !== 200) failures.push(`${name} accepté (${answer.status})`);
		}
		// A real PDF under a hostile name: kept, under a safe name, served as an attachment.
		const pdf = text('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
		const stored = await upload('../../<script>alert(1)</script>.pdf', 'application/pdf', pdf);
		if (!/"type":"redirect"/.test(await stored.text())) failures.push('PDF réel refusé');
		const documents = (await pageData(baseUrl, '/agrements/1', target.cookies.admin)).documents as { id: number; fileName: string }[];
		requests++;
		const documentId = Math.max(0, ...documents.map((d) => d.id));
		const kept = documents.find((d) => d.id === documentId);
		// No folder in the kept name, nothing that could break the header it is sent in.
		// eslint-disable-next-line no-control-regex
		if (!kept || /[/\\"\u0000-\u001f]|\.\./.test(kept.fileName)) failures.push(`nom de fichier conservé : ${kept?.fileName}`);
		try {
			const download = await send(target, `/agrements/1/documents/${documentId}`, { cookie: target.cookies.admin });
			requests++;
			const disposition = download.headers.get('content-disposition') ?? '';
			if (!/^attachment; filename="[^"/\\]+"; filename\*=UTF-8''[^\s/\\]+$/.test(disposition)) failures.push(`Content-Disposition : ${disposition}`);
			if (download.headers.get('content-type') !== 'application/pdf') failures.push(`type servi : ${download.headers.get('content-type')}`);
			if (download.headers.get('x-content-type-options') !== 'nosniff') failures.push('nosniff absent');
			if (!(download.headers.get('content-security-policy') ?? '').includes("default-src 'none'")) failures.push('CSP absente du téléchargement');
		} finally {
			await postForm(target, '/agrements/1?/supprimer', target.cookies.admin, { document: String(documentId) });
			requests++;
		}
		// A malformed multipart part: 400 in French.
		const broken = await send(target, '/agrements/1?/document', {
			method: 'POST',
			cookie: target.cookies.admin,
			headers: { origin: baseUrl, 'content-type': 'multipart/form-data; boundary=x', accept: 'application/json', 'x-sveltekit-action': 'true' },
			body: `--x\r\nContent-Disposition: form-data; name="fichier"; filename*=UTF-8''%ZZ.pdf\r\n\r\n%PDF\r\n--x--\r\n`
		});
		requests++;
		if (broken.status !== 400 || !broken.body.includes('Formulaire illisible')) failures.push(`multipart mal formé : ${broken.status}`);

		// Workbook bombs on a database that takes imports: refused in French, the server's memory intact.
		const bomb = await workbookWithSheet(bombSheet(FULL ? 450 : 200));
		const agent = await signInCookie(emptyBaseUrl, EMPTY_INSTANCE_ACCOUNTS.agent, EMPTY_INSTANCE_PASSWORD);
		const before = await residentBytes(serverPid);
		const structures = await fetch(`${emptyBaseUrl}/api/import?kind=structures&fileName=bombe.xlsx`, {
			method: 'POST',
			headers: { cookie: agent, origin: emptyBaseUrl, 'content-type': 'application/octet-stream' },
			body: Buffer.from(bomb)
		});
		requests++;
		const events = (await structures.text()).trim().split('\n').map((l) => JSON.parse(l) as { type: string; report?: { status: string; issues: { message: string }[] } });
		const report = events.at(-1)?.report;
		if (report?.status !== 'rejected' || !/se décompresse au-delà de 128 Mo/.test(JSON.stringify(report.issues))) failures.push(`bombe XLSX (structures) : ${JSON.stringify(events.at(-1)).slice(0, 120)}`);
		const form = new FormData();
		form.set('fichier', new File([Buffer.from(bomb)], 'financements.xlsx'));
		const funding = await fetch(`${emptyBaseUrl}/financements/import`, { method: 'POST', headers: { cookie: agent, origin: emptyBaseUrl, accept: 'application/json', 'x-sveltekit-action': 'true' }, body: form });
		requests++;
		const fundingBody = await funding.text();
		if (!/se décompresse au-delà de 128 Mo/.test(fundingBody)) failures.push(`bombe XLSX (financements) : ${fundingBody.slice(0, 120)}`);
		const alive = await fetch(`${emptyBaseUrl}/connexion`);
		requests++;
		if (alive.status !== 200) failures.push(`serveur après les bombes : ${alive.status}`);
		const after = await residentBytes(serverPid);
		if (before !== null && after !== null && after - before > 300 * 1024 * 1024) failures.push(`mémoire du serveur de démonstration : +${Math.round((after - before) / 1024 / 1024)} Mo`);
		expect(record({ category: 'Envois de fichiers', attack: 'types déguisés, noms hostiles, multipart mal formé, bombes XLSX', requests, failures }).failures).toEqual([]);
	});
});

interface Planted {
	scenarioId: number;
	/** The comment of the planted funding line (a formula). */
	formula: string;
	scenarioFormula: string;
	remove(): Promise<void>;
}

/**
 * Plants hostile values where pages and exports show them — a financeur named with an XSS payload
 * and a funding line of it commented with a formula, a scenario named with a formula and described
 * with a payload — and returns how to remove them.
 */
async function plant(target: Target): Promise<Planted> {
	const admin = target.cookies.admin;
	const stamp = Date.now().toString(36).toUpperCase();
	const code = `SECU-${stamp}`;
	const formula = '=HYPERLINK("https://evil.example","clic")';
	const scenarioFormula = `=1+1 ${XSS[0]}`;
	await postForm(target, '/financements/partenaires?/creer', admin, { code, nom: `${XSS[1]} Financeur piégé`, nature: 'autre', territoire: '' });
	type Ref = { id: number; code: string; version: number };
	const partnerOf = async () => ((await pageData(target.baseUrl, '/financements/partenaires', admin)).partners as Ref[]).find((p) => p.code === code);
	const partner = await partnerOf();
	if (!partner) throw new Error('financeur piégé non créé');
	const [instrument] = (await pageData(target.baseUrl, '/financements/dispositifs', admin)).instruments as Ref[];
	await postForm(target, '/financements/lignes?/creer', admin, {
		structure: '1',
		financeur: String(partner.id),
		dispositif: String(instrument.id),
		annee: '2025',
		montant: '1234,56',
		statut: 'previsionnel',
		commentaire: formula
	});
	const created = await send(target, '/api/scenarios', {
		method: 'POST',
		cookie: admin,
		headers: { origin: target.baseUrl, 'content-type': 'application/json' },
		body: JSON.stringify({ name: scenarioFormula, description: XSS[2], changes: [] })
	});
	const scenario = JSON.parse(created.body) as { id: number; version: number };
	return {
		scenarioId: scenario.id,
		formula,
		scenarioFormula,
		async remove() {
			await send(target, `/api/scenarios/${scenario.id}?version=${scenario.version}`, { method: 'DELETE', cookie: admin, headers: { origin: target.baseUrl } });
			const api = await send(target, `/api/funding/lines?financeur=${partner.id}&limit=100`, { cookie: admin });
			for (const line of (JSON.parse(api.body) as { lines: { id: number; version: number }[] }).lines ?? []) {
				await postForm(target, '/financements/lignes?/supprimer', admin, { id: String(line.id), version: String(line.version) });
			}
			const current = await partnerOf();
			if (current) await postForm(target, '/financements/partenaires?/supprimer', admin, { id: String(current.id), version: String(current.version) });
		}
	};
}
