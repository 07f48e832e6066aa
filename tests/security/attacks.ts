/**
 * The attacks of the independent review (issue 11), kept as code so they run again on every
 * change: each function attacks a running Maillage and returns one row of the results table —
 * what was tried, how many requests, and every failure found. The e2e file
 * `tests/e2e/security.e2e.ts` runs them on the shared demo server (a sample in `npm test`, every
 * case with `npm run security`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { can, type Role } from '../../src/lib/domain/policy';
import { resourceOfRoute } from '../../src/lib/server/auth/routes';
import { listRoutes, samplePath } from '../helpers/routes';
import { HOSTILE_VALUES, MALFORMED, SQL_INJECTION, pick, queryOf, queryParameterNames, seeded } from './inputs';

export interface AttackRow {
	category: string;
	attack: string;
	requests: number;
	failures: string[];
}

export interface Target {
	baseUrl: string;
	/** Session cookies by role (`name=value`). */
	cookies: Record<'admin' | 'agent' | 'partenaire' | 'observateur', string>;
	/** Every case (`npm run security`) rather than a seeded sample. */
	full: boolean;
	seed: number;
}

const ROUTES_DIR = fileURLToPath(new URL('../../src/routes', import.meta.url));
const SAMPLES = { id: '1', code: '00001', documentId: '1', format: 'csv' };

/** Signs of a server error leaking to the client. */
const LEAK = /syntax error at or near|invalid input syntax for|invalid byte sequence|relation "[^"]+" does not exist|column "[^"]+" does not exist|PostgresError|error: .{0,80} at character \d|\bat [\w.$<>]+ \((?:file:|node:|\/)|node:internal|KyselyError/;

export async function send(target: Target, pathAndQuery: string, init: RequestInit & { cookie?: string | null } = {}): Promise<{ status: number; body: string; ms: number; headers: Headers }> {
	const headers = new Headers(init.headers);
	if (init.cookie) headers.set('cookie', init.cookie);
	const started = performance.now();
	const response = await fetch(target.baseUrl + pathAndQuery, { redirect: 'manual', ...init, headers });
	const body = await response.text();
	return { status: response.status, body, ms: performance.now() - started, headers: response.headers };
}

// --- Form actions and write endpoints, read from the route files --------------------------------

export interface WriteTarget {
	routeId: string;
	path: string;
	method: 'POST' | 'PUT' | 'DELETE' | 'PATCH';
	/** Form action name (`default` for a page's default action), null for an endpoint. */
	action: string | null;
}

/** Every form action and write endpoint of the app, from the route files. */
export function writeTargets(): WriteTarget[] {
	const out: WriteTarget[] = [];
	for (const route of listRoutes()) {
		const dir = path.join(ROUTES_DIR, ...route.id.split('/').filter(Boolean));
		const pathOf = samplePath(route.id, SAMPLES);
		const pageServer = path.join(dir, '+page.server.ts');
		if (fs.existsSync(pageServer)) {
			const text = fs.readFileSync(pageServer, 'utf8');
			const block = /export const actions[^=]*=\s*\{([\s\S]*)\};?\s*$/.exec(text)?.[1] ?? '';
			for (const m of block.matchAll(/^\t(\w+): async/gm)) {
				const action = m[1];
				out.push({ routeId: route.id, path: action === 'default' ? pathOf : `${pathOf}?/${action}`, method: 'POST', action });
			}
		}
		const server = path.join(dir, '+server.ts');
		if (fs.existsSync(server)) {
			const text = fs.readFileSync(server, 'utf8');
			for (const m of text.matchAll(/export const (POST|PUT|DELETE|PATCH)\b/g)) out.push({ routeId: route.id, path: pathOf, method: m[1] as WriteTarget['method'], action: null });
		}
	}
	return out;
}

/**
 * Actions that partners may use on their own rows (the row scope refuses other partners' rows
 * inside them) and the account actions anyone signed in may use; every other action is CAF staff's.
 */
const NOT_STAFF_ONLY: Record<string, readonly string[]> = {
	'/connexion': ['connexion', 'reinitialiser'],
	'/deconnexion': ['default'],
	'/compte': ['motDePasse'],
	'/financements/lignes': ['modifier', 'supprimer', 'creer'],
	'/accord-cadre': ['creer', 'modifier', 'supprimer']
};

function bodyOf(t: WriteTarget): { body: string; type: string } {
	return t.action === null ? { body: '{}', type: 'application/json' } : { body: '', type: 'application/x-www-form-urlencoded' };
}

/** Every staff-only action, by partners, observers and signed-out visitors: 401 / 403, nothing written. */
export async function staffActions(target: Target): Promise<AttackRow> {
	const failures: string[] = [];
	let requests = 0;
	const staffOnly = writeTargets().filter((t) => !(t.action && NOT_STAFF_ONLY[t.routeId]?.includes(t.action)));
	for (const t of staffOnly) {
		for (const [role, cookie] of [
			['partenaire', target.cookies.partenaire],
			['observateur', target.cookies.observateur],
			[null, null]
		] as const) {
			const { body, type } = bodyOf(t);
			const answer = await send(target, t.path, { method: t.method, cookie, body, headers: { origin: target.baseUrl, 'content-type': type, accept: 'application/json' } });
			requests++;
			const want = role === null ? 401 : 403;
			if (answer.status !== want) failures.push(`${role ?? 'anonyme'} ${t.method} ${t.path} : ${answer.status} au lieu de ${want}`);
		}
	}
	// The list must cover the review's 25 staff actions at least.
	if (new Set(staffOnly.map((t) => `${t.method} ${t.path}`)).size < 25) failures.push(`seulement ${staffOnly.length} actions réservées trouvées`);
	return { category: 'Actions réservées à la CAF', attack: `${staffOnly.length} actions × partenaire, observateur, anonyme`, requests, failures };
}

/** Every write, by the admin, from another site or without an Origin: 403, nothing written. */
export async function csrf(target: Target): Promise<AttackRow> {
	const failures: string[] = [];
	let requests = 0;
	const writes = writeTargets().filter((t) => t.routeId !== '/connexion' && t.routeId !== '/deconnexion');
	for (const t of writes) {
		for (const origin of ['https://evil.example', 'null', null]) {
			const { body, type } = bodyOf(t);
			const headers: Record<string, string> = { 'content-type': type, accept: 'application/json' };
			if (origin) headers.origin = origin;
			const answer = await send(target, t.path, { method: t.method, cookie: target.cookies.admin, body, headers });
			requests++;
			if (answer.status !== 403) failures.push(`${t.method} ${t.path} origine ${origin ?? 'absente'} : ${answer.status}`);
		}
	}
	// Sign-in from another site: refused too (login CSRF).
	const login = await send(target, '/connexion?/connexion', {
		method: 'POST',
		headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
		body: 'email=admin%40demo.invalid&password=x'
	});
	requests++;
	if (login.status !== 403) failures.push(`connexion depuis un autre site : ${login.status}`);
	return { category: 'CSRF', attack: `${writes.length} écritures × autre origine, origine « null », sans origine`, requests, failures };
}

/** Session cookie flags, fixation, revocation at sign-out, forged and tampered cookies. */
export async function sessions(target: Target, signIn: (email: string, cookie?: string) => Promise<{ cookie: string; setCookie: string }>): Promise<AttackRow> {
	const failures: string[] = [];
	let requests = 0;
	const check = (ok: boolean, what: string) => {
		requests++;
		if (!ok) failures.push(what);
	};
	// Fixation: a token chosen by the attacker before sign-in is never the session.
	const fixed = 'maillage_session=' + 'A'.repeat(43);
	const first = await signIn('agent@demo.invalid', fixed);
	check(!first.cookie.endsWith('A'.repeat(43)), 'fixation : le jeton imposé avant la connexion est conservé');
	check(/HttpOnly/i.test(first.setCookie) && /SameSite=Lax/i.test(first.setCookie) && /Path=\//.test(first.setCookie), `attributs du cookie : ${first.setCookie}`);
	const afterFixed = await send(target, '/api/funding/lines?limit=1', { cookie: fixed });
	check(afterFixed.status === 401, `jeton imposé accepté : ${afterFixed.status}`);
	// Every sign-in gives a new token.
	const second = await signIn('agent@demo.invalid');
	check(second.cookie !== first.cookie, 'deux connexions donnent le même jeton');
	// Sign-out revokes the token on the server, not only in the browser.
	const out = await send(target, '/deconnexion', { method: 'POST', cookie: second.cookie, headers: { origin: target.baseUrl, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, body: '' });
	check(out.status === 303, `déconnexion : ${out.status}`);
	const replay = await send(target, '/api/funding/lines?limit=1', { cookie: second.cookie });
	check(replay.status === 401, `jeton rejoué après déconnexion : ${replay.status}`);
	// Forged and tampered cookies are anonymous, never an error.
	for (const forged of ['maillage_session=', `maillage_session=${first.cookie.split('=')[1].slice(0, -1)}x`, 'maillage_session=%00%00', `maillage_session=${'z'.repeat(4000)}`, "maillage_session=' OR 1=1 --"]) {
		const answer = await send(target, '/api/funding/lines?limit=1', { cookie: forged });
		check(answer.status === 401, `cookie forgé ${forged.slice(0, 40)} : ${answer.status}`);
	}
	const page = await send(target, '/structures', { cookie: `maillage_session=${'q'.repeat(43)}` });
	check(page.status === 303 && (page.headers.get('location') ?? '').startsWith('/connexion'), `page avec un jeton inconnu : ${page.status}`);
	return { category: 'Sessions', attack: 'fixation, attributs du cookie, révocation, jetons forgés', requests, failures };
}

/** Hostile values in every query parameter the app reads, and in every route parameter, as the admin. */
export async function injections(target: Target, family: 'sql' | 'malformed'): Promise<AttackRow> {
	const failures: string[] = [];
	let requests = 0;
	const payloads = family === 'sql' ? SQL_INJECTION : MALFORMED;
	const names = queryParameterNames();
	const random = seeded(target.seed + (family === 'sql' ? 1 : 2));
	const routes = listRoutes().filter((r) => r.id !== '/deconnexion');
	const attempt = async (pathAndQuery: string, what: string) => {
		const answer = await send(target, pathAndQuery, { cookie: target.cookies.admin });
		requests++;
		// A pg_sleep(5) that ran would hold the answer for 5 s.
		if (what.includes('pg_sleep') && answer.ms > 4_500) failures.push(`${what} : réponse en ${Math.round(answer.ms)} ms (requête exécutée ?)`);
		if (answer.status >= 500) failures.push(`${what} : ${answer.status}`);
		else if (LEAK.test(answer.body)) failures.push(`${what} : détail technique dans la réponse (${LEAK.exec(answer.body)?.[0]})`);
	};
	for (const route of routes) {
		const base = samplePath(route.id, SAMPLES);
		// Query parameters: in full, every name with every payload in turn; in a sample, a few pairs.
		const cases: [string, string][] = target.full
			? names.flatMap((name, i) => [0, 1, 2].map((k) => [name, payloads[(i * 3 + k) % payloads.length]] as [string, string]))
			: pick(names, 3, random).map((name) => [name, pick(payloads, 1, random)[0]]);
		for (const [name, value] of cases) await attempt(`${base}?${queryOf([[name, value]])}`, `${base}?${name}=${JSON.stringify(value).slice(0, 40)}`);
		// Route parameters.
		const params = [...route.id.matchAll(/\[(\w+)\]/g)].map((m) => m[1]);
		for (const param of params) {
			for (const value of target.full ? payloads : pick(payloads, 1, random)) {
				// A lone surrogate cannot travel in a URL: it goes as U+FFFD, as a browser would send it.
				const pathWith = samplePath(route.id, { ...SAMPLES, [param]: encodeURIComponent(value.toWellFormed()) });
				await attempt(pathWith, `${route.id} [${param}]=${JSON.stringify(value).slice(0, 40)}`);
			}
		}
	}
	return {
		category: family === 'sql' ? 'Injection SQL' : 'Entrées malformées',
		attack: `${routes.length} routes × ${target.full ? `${names.length} paramètres × ${payloads.length} charges` : 'échantillon'} + paramètres de route`,
		requests,
		failures
	};
}

/**
 * Random query strings on random routes (fast-check, seeded): names the app reads and random
 * ones, values from the hostile families or random Unicode. Every answer must be below 500 and
 * carry no technical detail. `npm run fuzz` runs thousands; `npm test` a sample.
 */
export async function fuzzQueries(target: Target, runs: number): Promise<AttackRow> {
	const fc = (await import('fast-check')).default;
	const failures: string[] = [];
	const routes = listRoutes().filter((r) => r.id !== '/deconnexion');
	const names = queryParameterNames();
	const value = fc.oneof(
		fc.constantFrom(...HOSTILE_VALUES),
		fc.string({ unit: 'binary', maxLength: 60 }),
		fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
		fc.double().map(String)
	);
	const request = fc.record({
		route: fc.constantFrom(...routes),
		params: fc.array(fc.tuple(fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 12 })), value), { minLength: 1, maxLength: 4 }),
		role: fc.constantFrom('admin', 'partenaire', 'observateur', null)
	});
	const cases = fc.sample(request, { numRuns: runs, seed: target.seed });
	for (const c of cases) {
		const pathAndQuery = `${samplePath(c.route.id, SAMPLES)}?${queryOf(c.params)}`;
		const cookie = c.role ? target.cookies[c.role as keyof Target['cookies']] : null;
		const answer = await send(target, pathAndQuery, { cookie }).catch((e: Error) => ({ status: 0, body: e.message }));
		if (answer.status >= 500 || answer.status === 0) failures.push(`${c.role ?? 'anonyme'} ${pathAndQuery.slice(0, 100)} : ${answer.status}`);
		else if (LEAK.test(answer.body)) failures.push(`${pathAndQuery.slice(0, 100)} : détail technique (${LEAK.exec(answer.body)?.[0]})`);
	}
	return { category: 'Fuzzing des paramètres', attack: `${runs} requêtes au hasard (graine ${target.seed}), 4 rôles`, requests: runs, failures };
}

/** The cases of the review that answered 500 or dropped the connection (issue 11, item 8). */
export async function reportedRobustness(target: Target): Promise<AttackRow> {
	const failures: string[] = [];
	const cases = [
		'/structures?epci=%00',
		'/territoires?q=%00',
		'/administration/journal?auteur=%00',
		'/administration/journal.csv?auteur=%00',
		'/administration/journal.json?auteur=%00',
		'/api/funding/lines?offset=99999999999999999999',
		'/api/scenarios/comparaison?ids=99999999999',
		'/api/scenarios/comparaison?ids=1,2147483648'
	];
	for (const c of cases) {
		const answer = await send(target, c, { cookie: target.cookies.admin, headers: { accept: 'application/json' } }).catch((e: Error) => ({ status: 0, body: e.message }));
		if (answer.status !== 400) failures.push(`${c} : ${answer.status}`);
		else if (!/Paramètre « \w+ » invalide/.test(answer.body)) failures.push(`${c} : message ${answer.body.slice(0, 80)}`);
	}
	return { category: 'Robustesse (cas du rapport)', attack: 'octet nul, décalage et identifiants géants', requests: cases.length, failures };
}

/** Who may do what, for the expectations of a suite: the one policy. */
export function mayWrite(role: Role, routeId: string): boolean {
	const resource = resourceOfRoute(routeId);
	return resource !== null && can({ id: 1, role, partnerId: role === 'partenaire' ? 1 : null }, resource, 'write');
}

export { HOSTILE_VALUES };

/** The results table, in Markdown. */
export function resultsTable(rows: readonly AttackRow[]): string {
	const lines = ['| Catégorie | Attaque | Requêtes | Échecs |', '|---|---|---:|---:|'];
	for (const r of rows) lines.push(`| ${r.category} | ${r.attack} | ${r.requests} | ${r.failures.length} |`);
	lines.push(`| **Total** | | ${rows.reduce((s, r) => s + r.requests, 0)} | ${rows.reduce((s, r) => s + r.failures.length, 0)} |`);
	return lines.join('\n');
}
