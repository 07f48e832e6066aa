/**
 * The role × route matrix of issue 5: every route of src/routes × every role (and signed out) ×
 * read (GET) / write (POST), against the built server — on PGlite and, with TEST_DATABASE_URL, on
 * PostgreSQL. The expectation comes from the one policy; the point is that the server enforces it
 * everywhere (401/403, or a redirect to sign-in for pages), not only the navigation.
 *
 * `npm test` checks every case on one server — PostgreSQL when TEST_DATABASE_URL is set (several
 * times faster than the embedded base behind one Node process), else PGlite — and a deterministic
 * sample on the other: every route, each with one role in rotation (route i with role i mod n), so
 * every route and every role is still asked on both databases. `npm run security`
 * (SECURITY_FULL=1) checks every case on every server.
 */
import { describe, expect, inject, it } from 'vitest';
import { can, type Action, type Actor, type Role } from '../../src/lib/domain/policy';
import { resourceOfRoute } from '../../src/lib/server/auth/routes';
import { listRoutes, samplePath } from '../helpers/routes';
import { signInCookie } from './http';
import { forbiddenAmounts, leakedAmounts, type Reader, type StaffLine } from '../security/leaks';

const skipReason = inject('e2eSkipReason');
const servers = [
	{ name: 'PGlite', baseUrl: inject('baseUrl') },
	{ name: 'PostgreSQL', baseUrl: inject('pgBaseUrl') }
].filter((s) => s.baseUrl);
const FULL = process.env.SECURITY_FULL === '1';
/** The server checked in full by `npm test`: the last one (PostgreSQL when present). */
const fullServer = servers.at(-1)?.name;
const sampled = (server: { name: string }) => !FULL && server.name !== fullServer;
/** In a sample, the i-th route (or target) is asked by one role of `count`, in rotation. */
const inSample = (server: { name: string }, index: number, roleIndex: number, count: number) => !sampled(server) || index % count === roleIndex;

const ROLES: { role: Role | null; email: string | null }[] = [
	{ role: null, email: null },
	{ role: 'admin', email: 'admin@demo.invalid' },
	{ role: 'agent', email: 'agent@demo.invalid' },
	{ role: 'partenaire', email: 'departement@demo.invalid' },
	{ role: 'observateur', email: 'observateur@demo.invalid' }
];

/** Parameter samples that exist in the demo (a missing row answers 404, which is fine for allowed roles). */
const SAMPLES = { id: '1', code: '00001', documentId: '1', format: 'csv' };

/** Every line as CAF staff see them (the API pages by 5 000). */
async function staffLines(baseUrl: string, cookie: string): Promise<StaffLine[]> {
	const lines: StaffLine[] = [];
	for (let offset = 0; ; offset += 5000) {
		const response = await fetch(`${baseUrl}/api/funding/lines?limit=5000&offset=${offset}`, { headers: { cookie } });
		const page = (await response.json()) as { total: number; lines: StaffLine[] };
		lines.push(...page.lines);
		if (lines.length >= page.total || page.lines.length === 0) return lines;
	}
}

/** Freezes a committee snapshot as the admin; returns its id. */
async function takeSnapshot(baseUrl: string, cookie: string): Promise<number> {
	const response = await fetch(`${baseUrl}/comite?/instantane`, {
		method: 'POST',
		redirect: 'manual',
		headers: { cookie, origin: baseUrl, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ date: new Date().toISOString().slice(0, 10), instance: 'comite_pilotage', titre: 'Matrice des accès' })
	});
	const id = /\/comite\/instantanes\/(\d+)$/.exec(response.headers.get('location') ?? '')?.[1];
	if (!id) throw new Error(`snapshot not created: ${response.status}`);
	return Number(id);
}

/** Every GET target of the app: each page, its `__data.json`, each endpoint. */
function readTargets(snapshotId: number): { routeId: string; path: string }[] {
	const targets: { routeId: string; path: string }[] = [];
	for (const route of listRoutes()) {
		const samples = route.id === '/comite/instantanes/[id]' ? { ...SAMPLES, id: String(snapshotId) } : SAMPLES;
		const path = samplePath(route.id, samples);
		if (route.page) {
			targets.push({ routeId: route.id, path });
			targets.push({ routeId: route.id, path: path === '/' ? '/__data.json' : `${path}/__data.json` });
		}
		if (route.endpoint) targets.push({ routeId: route.id, path });
	}
	return targets;
}

const signIn = (baseUrl: string, email: string) => signInCookie(baseUrl, email);

type Outcome = 'allowed' | 'sign-in' | 401 | 403;

async function attempt(baseUrl: string, path: string, action: Action, cookie: string | null): Promise<{ outcome: Outcome; status: number }> {
	// A browser's headers: HTML accepted (form actions then answer with real redirects).
	const headers: Record<string, string> = { origin: baseUrl, accept: 'text/html,application/json;q=0.9' };
	if (cookie) headers.cookie = cookie;
	const init: RequestInit = { redirect: 'manual', headers };
	if (action === 'write') {
		init.method = 'POST';
		headers['content-type'] = 'application/x-www-form-urlencoded';
		init.body = '';
	}
	const response = await fetch(baseUrl + path, init);
	await response.arrayBuffer();
	const location = response.headers.get('location') ?? '';
	if (response.status === 401 || response.status === 403) return { outcome: response.status, status: response.status };
	if (response.status >= 300 && response.status < 400 && location.startsWith('/connexion')) return { outcome: 'sign-in', status: response.status };
	return { outcome: 'allowed', status: response.status };
}

function expected(role: Role | null, routeId: string, action: Action): Outcome {
	const resource = resourceOfRoute(routeId);
	const actor: Actor | null = role ? { id: 1, role, partnerId: role === 'partenaire' ? 1 : null } : null;
	if (resource && can(actor, resource, action)) {
		// Signing out is allowed and ends on the sign-in page.
		return routeId === '/deconnexion' && action === 'write' ? 'sign-in' : 'allowed';
	}
	if (actor) return 403;
	// A signed-out browser asking for a page or a download is sent to sign-in; the API answers 401.
	return action === 'read' && !routeId.startsWith('/api/') ? 'sign-in' : 401;
}

describe.skipIf(Boolean(skipReason))('role × route access matrix', () => {
	const routes = listRoutes();

	it('covers a meaningful set of routes', () => {
		expect(routes.length).toBeGreaterThan(15);
	});

	for (const server of servers) {
		const scope = sampled(server) ? 'a sample of route × role' : 'every route × role';
		it(`enforces the policy on ${scope} × read/write (${server.name})`, { timeout: 240_000 }, async () => {
			const mismatches: string[] = [];
			let checked = 0;
			for (const [roleIndex, { role, email }] of ROLES.entries()) {
				let cookie = email ? await signIn(server.baseUrl, email) : null;
				for (const [routeIndex, route] of routes.entries()) {
					if (!inSample(server, routeIndex, roleIndex, ROLES.length)) continue;
					const path = samplePath(route.id, SAMPLES);
					for (const action of ['read', 'write'] as const) {
						const want = expected(role, route.id, action);
						const got = await attempt(server.baseUrl, path, action, cookie);
						checked++;
						if (got.outcome !== want) mismatches.push(`${role ?? 'anonyme'} ${action} ${path}: attendu ${want}, obtenu ${got.outcome} (${got.status})`);
						// Signing out by POST ends the session: sign in again for the next routes.
						if (email && action === 'write' && route.id === '/deconnexion') cookie = await signIn(server.baseUrl, email);
					}
				}
			}
			expect(mismatches).toEqual([]);
			expect(checked).toBe((sampled(server) ? routes.length : ROLES.length * routes.length) * 2);
		});

		it(`answers ${sampled(server) ? 'a sample of' : 'every'} page's __data.json by the policy, and sends partners and observers no unpublished amount of another partner (${server.name})`, { timeout: 300_000 }, async () => {
			const admin = await signIn(server.baseUrl, 'admin@demo.invalid');
			const lines = await staffLines(server.baseUrl, admin);
			const partners = new Map<string, number>();
			for (const email of ['departement@demo.invalid', 'msa@demo.invalid']) {
				// A partner's unpublished lines are its own: their partner is the account's.
				const own = new Set((await staffLines(server.baseUrl, await signIn(server.baseUrl, email))).filter((l) => !l.published).map((l) => l.partnerId));
				expect([email, own.size]).toEqual([email, 1]);
				partners.set(email, [...own][0]);
			}
			const snapshotId = await takeSnapshot(server.baseUrl, admin);
			const targets = readTargets(snapshotId);
			const readers: { email: string | null; role: Role | null; reader: Reader | null }[] = [
				...ROLES.map(({ email, role }) => ({
					email,
					role,
					reader: role === 'observateur' ? ({ role: 'observateur', partnerId: null } as Reader) : role === 'partenaire' ? ({ role: 'partenaire', partnerId: partners.get(email!)! } as Reader) : null
				})),
				{ email: 'msa@demo.invalid', role: 'partenaire' as Role, reader: { role: 'partenaire', partnerId: partners.get('msa@demo.invalid')! } }
			];
			const problems: string[] = [];
			let received = 0;
			const asked = targets.filter((t) => t.routeId !== '/deconnexion');
			for (const [readerIndex, { email, role, reader }] of readers.entries()) {
				const cookie = email ? await signIn(server.baseUrl, email) : null;
				const forbidden = reader ? forbiddenAmounts(lines, reader) : [];
				if (reader) expect(forbidden.length, `${email}`).toBeGreaterThan(20);
				for (const [targetIndex, { routeId, path }] of asked.entries()) {
					if (!inSample(server, targetIndex, readerIndex, readers.length)) continue;
					const response = await fetch(server.baseUrl + path, { redirect: 'manual', headers: cookie ? { cookie } : {} });
					const body = await response.text();
					received++;
					const allowed = expected(role, routeId, 'read') === 'allowed';
					// A redirect to sign-in reaches a data request as `{"type":"redirect"}` (status 200).
					const redirected = path.endsWith('/__data.json') && body.startsWith('{"type":"redirect","location":"/connexion');
					if (response.status >= 500) problems.push(`${email ?? 'anonyme'} ${path}: ${response.status}`);
					else if (!allowed && response.status < 300 && !redirected) problems.push(`${email ?? 'anonyme'} ${path}: ${response.status} alors que le rôle n’y a pas droit`);
					else if (allowed && redirected) problems.push(`${email ?? 'anonyme'} ${path}: renvoyé à la connexion alors que le rôle y a droit`);
					if (reader) {
						const leaks = leakedAmounts(body, forbidden);
						if (leaks.length) problems.push(`${email} ${path}: montants non publics d’autres partenaires ${leaks.slice(0, 5).join(', ')}`);
					}
				}
			}
			expect(problems).toEqual([]);
			expect(received).toBe(sampled(server) ? asked.length : readers.length * asked.length);
		});
	}
});
