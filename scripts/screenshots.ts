/**
 * Screenshots of every page (`npm run screenshots`), to be looked at before a release: the built
 * app behind the production server on a fresh demo database, Debian's Chromium at 1440 × 900
 * (`--width=1280 --height=800` for another size), full-page PNGs in `--out=DIR` (default the temp
 * folder's `maillage-captures`), plus `index.md` listing each page's address, HTTP status, height
 * and console errors.
 *
 * The pages come from `src/routes` (every `+page.svelte`): static ones directly, dynamic ones
 * (`[id]`, `[code]`…) through the first link found on the pages already visited that matches the
 * route. Signed in as the demo administrator; the sign-in page first, and every demo role's home
 * page at the end. Built first when `build/` is missing, or with `--build`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT, startApp } from '../tests/e2e/app-server';
import { launchBrowser, signIn, watchConsole } from '../tests/e2e/browser';
import { ensureBuild } from '../tests/bench/map-server';

const args = process.argv.slice(2);
const flag = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const OUT = path.resolve(flag('out') ?? path.join(os.tmpdir(), 'maillage-captures'));
const VIEWPORT = { width: Number(flag('width') ?? 1440), height: Number(flag('height') ?? 900) };
const ADMIN = 'admin@demo.invalid';
const ROLES = ['admin@demo.invalid', 'agent@demo.invalid', 'departement@demo.invalid', 'msa@demo.invalid', 'observateur@demo.invalid'];

/** Route patterns of `src/routes`, e.g. `/agrements/[id]`, shortest first (parents before children). */
function routePatterns(): string[] {
	const found: string[] = [];
	const walk = (dir: string, route: string) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			if (entry.isDirectory()) walk(path.join(dir, entry.name), entry.name.startsWith('(') ? route : `${route}/${entry.name}`);
			else if (entry.name === '+page.svelte') found.push(route || '/');
		}
	};
	walk(path.join(ROOT, 'src/routes'), '');
	return found.sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b));
}

/** Waits (at most 15 s) until every map of the page says it is ready, so that captures show maps, not their loading state. */
async function mapsReady(page: Page): Promise<void> {
	await page
		.waitForFunction(() => [...document.querySelectorAll('[data-map-ready]')].every((m) => m.getAttribute('data-map-ready') === 'true'), undefined, { timeout: 15_000 })
		.catch(() => undefined);
}

const matcher = (pattern: string) => new RegExp(`^${pattern.replace(/\[[^\]]+\]/g, '[^/?#]+')}$`);
const fileName = (url: string) => (url === '/' ? 'accueil' : url.slice(1).replace(/[^a-z0-9]+/gi, '-')) + '.png';

async function main() {
	ensureBuild(args.includes('--build'));
	fs.mkdirSync(OUT, { recursive: true });
	const app = await startApp(ROOT, { name: 'captures' });
	const browser = await launchBrowser();
	const lines = [`# Captures (${VIEWPORT.width} × ${VIEWPORT.height})`, '', '| page | adresse | statut | hauteur | erreurs console |', '|---|---|---|---|---|'];
	try {
		const context = await browser.newContext({ viewport: VIEWPORT });
		const page = await context.newPage();
		const errors = watchConsole(page);
		const shoot = async (label: string, url: string, file: string) => {
			errors.length = 0;
			const response = await page.goto(`${app.baseUrl}${url}`, { waitUntil: 'networkidle' });
			await mapsReady(page);
			const height = await page.evaluate(() => document.documentElement.scrollHeight);
			await page.screenshot({ path: path.join(OUT, file), fullPage: true });
			lines.push(`| ${label} | ${url} | ${response?.status() ?? '?'} | ${height} px | ${errors.join(' ; ').replace(/\|/g, '/') || '—'} |`);
			console.log(`${response?.status() ?? '?'} ${url} → ${file}`);
		};

		await shoot('/connexion', '/connexion', 'connexion.png');
		await signIn(page, app.baseUrl, ADMIN);
		// The demo starts without a committee snapshot: freeze one, so that its page has a link to follow.
		await page.goto(`${app.baseUrl}/comite`);
		await page.getByLabel('Titre').fill('Captures d’écran');
		await Promise.all([page.waitForLoadState('networkidle'), page.getByRole('button', { name: 'Figer les chiffres' }).click()]);
		const seen = new Set<string>();
		const patterns = routePatterns();
		const isStatic = (href: string) => patterns.some((p) => !p.includes('[') && p === href);
		for (const pattern of patterns) {
			if (pattern === '/connexion') continue;
			let url: string | undefined = pattern;
			// A dynamic route: the first link to it, never a static sibling (`/territoires/qpv` is not a commune).
			if (pattern.includes('[')) url = [...seen].find((href) => matcher(pattern).test(href) && !isStatic(href));
			if (!url) {
				lines.push(`| ${pattern} | — | aucun lien trouvé | — | — |`);
				console.log(`— ${pattern}: no link found`);
				continue;
			}
			await shoot(pattern, url, fileName(url));
			const hrefs = await page.$$eval('a[href^="/"]', (links) => links.map((a) => a.getAttribute('href')!.split(/[?#]/)[0]));
			for (const href of hrefs) seen.add(href);
		}
		for (const email of ROLES) {
			const roleContext = await browser.newContext({ viewport: VIEWPORT });
			const rolePage = await roleContext.newPage();
			await signIn(rolePage, app.baseUrl, email);
			await mapsReady(rolePage);
			const file = `accueil-${email.split('@')[0]}.png`;
			await rolePage.screenshot({ path: path.join(OUT, file), fullPage: true });
			lines.push(`| accueil (${email}) | / | — | — | — |`);
			console.log(`home of ${email} → ${file}`);
			await roleContext.close();
		}
	} finally {
		await browser.close();
		await app.stop();
	}
	fs.writeFileSync(path.join(OUT, 'index.md'), lines.join('\n') + '\n');
	console.log(`\n${lines.length - 4} captures dans ${OUT}`);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
