/**
 * Map benchmark (`npm run bench -- map`): what the coverage map costs on the wire and in the
 * browser, on the built app behind the production server (`npm start`; built first when
 * `build/` is missing, or with `--build`).
 *
 * Cases: the real Nord communes (../shared/data/communes-2023-59-nord.geojson, 648 communes,
 * imported with the CLI, plus 80 seeded structures and 60 poles; skipped with a message when the
 * file is absent) and the generated demo département (always).
 *
 * Measured: the outlines response (`/api/geo/carte?v=…`) and the `/carte` document as
 * transferred (bytes on the wire with `Accept-Encoding: gzip, deflate, br, zstd`, as Chromium
 * sends), identity and gzip sizes beside; server time of the outlines (first request of a version
 * = build, then from memory); in Chromium, ms from navigation to the map frame ready
 * (`data-map-ready`, performance mark `maillage:map-ready`), cold cache then warm cache.
 *
 * Targets (issue 12, Nord): outlines ≤ 10 % of the raw file (≤ 88 KB), `/carte` ≤ 100 KB,
 * map ready ≤ 2.5 s with a warm cache.
 *
 * Flags: `--runs=N` (default 7) warm navigations and requests, `--build` rebuild first.
 */
import fs from 'node:fs';
import os from 'node:os';
import type { Page } from 'playwright-core';
import { chromiumPath, launchBrowser } from '../e2e/browser';
import type { AppInstance } from '../e2e/app-server';
import { sharedFile } from './coverage-data';
import { formatMs, markdownTable, median } from './harness';
import { BENCH_EMAIL, BENCH_PASSWORD, ensureBuild, getRaw, signIn, startDemo, startImported } from './map-server';

const args = process.argv.slice(2);
const RUNS = Math.max(3, Number(args.find((a) => a.startsWith('--runs='))?.slice(7) ?? 7));
const CHROMIUM_ENCODINGS = 'gzip, deflate, br, zstd';
const KB = 1024;

interface Case {
	label: string;
	start: () => Promise<AppInstance>;
	email: string;
	password: string;
	/** Raw GeoJSON file the outlines come from (for the 10 % ratio), or null. */
	rawBytes: number | null;
	targets: boolean;
}

interface Result {
	label: string;
	communes: number;
	rawBytes: number | null;
	geometry: { br: number; gzip: number; identity: number; firstMs: number; warm: number[] };
	page: { br: number; identity: number; warm: number[] };
	browser: { cold: number; warm: number[]; fromCache: boolean } | null;
}

const fmtKb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;
const timing = (values: number[]) => `${formatMs(median(values))} (${formatMs(Math.min(...values))}–${formatMs(Math.max(...values))})`;

/** Navigates to /carte and returns ms from navigation start to the map's first ready mark. */
async function mapReadyMs(page: Page, url: string): Promise<number> {
	await page.goto(url, { waitUntil: 'commit' });
	await page.waitForSelector('[data-map-ready="true"]', { timeout: 60_000 });
	return page.evaluate(() => performance.getEntriesByName('maillage:map-ready')[0]?.startTime ?? NaN);
}

async function measureBrowser(baseUrl: string, email: string, password: string) {
	const browser = await launchBrowser();
	try {
		const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
		const page = await context.newPage();
		await page.goto(`${baseUrl}/connexion`);
		const form = page.locator('form[action="?/connexion"]').first();
		await form.getByLabel('Adresse électronique').fill(email);
		await form.getByLabel('Mot de passe').fill(password);
		await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/connexion')), form.getByRole('button', { name: 'Se connecter' }).click()]);

		// Whether the outlines come from the HTTP cache on warm navigations (DevTools protocol).
		const cdp = await context.newCDPSession(page);
		await cdp.send('Network.enable');
		let outlinesFromNetwork = 0;
		cdp.on('Network.responseReceived', (event: { response: { url: string; fromDiskCache?: boolean; fromMemoryCache?: boolean } }) => {
			if (event.response.url.includes('/api/geo/carte') && !event.response.fromDiskCache && !event.response.fromMemoryCache) outlinesFromNetwork++;
		});

		const cold = await mapReadyMs(page, `${baseUrl}/carte`);
		const coldFetches = outlinesFromNetwork;
		const warm: number[] = [];
		for (let i = 0; i < RUNS; i++) {
			// Another page first, so each measure is a real navigation to /carte.
			await page.goto(`${baseUrl}/aide`);
			warm.push(await mapReadyMs(page, `${baseUrl}/carte`));
		}
		return { cold, warm, fromCache: coldFetches >= 1 && outlinesFromNetwork === coldFetches };
	} finally {
		await browser.close();
	}
}

async function run(c: Case): Promise<Result> {
	console.log(`> ${c.label} : démarrage du serveur…`);
	const app = await c.start();
	try {
		const cookie = await signIn(app.baseUrl, c.email, c.password);
		const plainPage = await getRaw(`${app.baseUrl}/carte`, cookie, '');
		if (plainPage.status !== 200) throw new Error(`/carte : ${plainPage.status}`);
		const html = plainPage.body.toString();
		const path = /\/api\/geo\/carte\?v=[0-9a-f]+/.exec(html)?.[0];
		if (!path) throw new Error('/carte ne nomme pas l’URL des contours');
		const url = `${app.baseUrl}${path}`;
		const first = await getRaw(url, cookie, CHROMIUM_ENCODINGS);
		const gzip = await getRaw(url, cookie, 'gzip');
		const identity = await getRaw(url, cookie, '');
		const topology = JSON.parse(identity.body.toString()) as { objects: { communes: { geometries: unknown[] } } };
		const warmGeometry: number[] = [];
		let br = first;
		for (let i = 0; i < RUNS; i++) {
			br = await getRaw(url, cookie, CHROMIUM_ENCODINGS);
			warmGeometry.push(br.ms);
		}
		if (br.headers['content-encoding'] !== 'br') throw new Error(`contours non compressés en brotli : ${br.headers['content-encoding']}`);
		const pages: number[] = [];
		let page = plainPage;
		for (let i = 0; i < RUNS; i++) {
			page = await getRaw(`${app.baseUrl}/carte`, cookie, CHROMIUM_ENCODINGS);
			pages.push(page.ms);
		}
		if (page.headers['content-encoding'] !== 'br') throw new Error(`/carte non compressée : ${page.headers['content-encoding']}`);

		let browser: Result['browser'] = null;
		if (chromiumPath()) {
			console.log(`> ${c.label} : Chromium…`);
			browser = await measureBrowser(app.baseUrl, c.email, c.password);
		}
		return {
			label: c.label,
			communes: topology.objects.communes.geometries.length,
			rawBytes: c.rawBytes,
			geometry: { br: br.wireBytes, gzip: gzip.wireBytes, identity: identity.wireBytes, firstMs: first.ms, warm: warmGeometry },
			page: { br: page.wireBytes, identity: plainPage.wireBytes, warm: pages },
			browser
		};
	} finally {
		await app.stop();
	}
}

ensureBuild(args.includes('--build'));
if (!chromiumPath()) console.log('> Chromium absent (/usr/bin/chromium) : temps d’affichage de la carte non mesurés.');
const cases: Case[] = [];
const nord = sharedFile('communes-2023-59-nord.geojson');
if (nord) {
	cases.push({ label: 'Nord (59), real communes (COG 2023)', start: () => startImported(nord), email: BENCH_EMAIL, password: BENCH_PASSWORD, rawBytes: fs.statSync(nord).size, targets: true });
} else {
	console.log('> ../shared/data/communes-2023-59-nord.geojson absent : cas réel ignoré, mesure sur la démonstration générée seulement.');
}
cases.push({ label: 'Demo département (generated)', start: startDemo, email: 'agent@demo.invalid', password: 'demo-maillage-2026', rawBytes: null, targets: false });

const results: Result[] = [];
for (const c of cases) results.push(await run(c));

let allOk = true;
const check = (ok: boolean, target: boolean) => {
	if (!target) return '';
	if (!ok) allOk = false;
	return ok ? ' ✓' : ' ✗';
};
console.log('');
console.log(
	markdownTable(
		['Case', 'Communes', 'Outlines on the wire (br)', 'gzip', 'identity', 'vs raw GeoJSON', '/carte on the wire (br)', '/carte identity'],
		results.map((r) => {
			const target = cases.find((c) => c.label === r.label)!.targets;
			return [
				r.label,
				String(r.communes),
				`${fmtKb(r.geometry.br)}${check(r.geometry.br <= 88 * 1000, target)}`,
				fmtKb(r.geometry.gzip),
				fmtKb(r.geometry.identity),
				r.rawBytes ? `${((100 * r.geometry.br) / r.rawBytes).toFixed(1)} % of ${fmtKb(r.rawBytes)}` : '—',
				`${fmtKb(r.page.br)}${check(r.page.br <= 100 * 1000, target)}`,
				fmtKb(r.page.identity)
			];
		})
	)
);
console.log('');
console.log(
	markdownTable(
		['Case', 'Outlines: first request (build)', 'Outlines: warm', '/carte: server', 'Map ready, cold cache', 'Map ready, warm cache', 'Outlines from the HTTP cache'],
		results.map((r) => {
			const target = cases.find((c) => c.label === r.label)!.targets;
			return [
				r.label,
				formatMs(r.geometry.firstMs),
				timing(r.geometry.warm),
				timing(r.page.warm),
				r.browser ? formatMs(r.browser.cold) : '—',
				r.browser ? `${timing(r.browser.warm)}${check(median(r.browser.warm) <= 2500, target)}` : '—',
				r.browser ? (r.browser.fromCache ? 'yes' : 'NO') : '—'
			];
		})
	)
);
const load = os.loadavg()[0].toFixed(1);
console.log(
	`\nNode ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, load average ${load} at the end; ` +
		`${RUNS} warm runs; KB = 1,024 bytes; targets checked against 88,000 and 100,000 bytes and 2,500 ms (Nord).`
);
if (results.some((r) => r.browser && !r.browser.fromCache)) allOk = false;
if (!allOk) {
	console.log('\nAt least one target missed.');
	process.exitCode = 1;
}
