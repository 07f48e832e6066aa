/**
 * The role × route matrix of issue 5: every route of src/routes × every role (and signed out) ×
 * read (GET) / write (POST), against the built server — on PGlite and, with TEST_DATABASE_URL, on
 * PostgreSQL. The expectation comes from the one policy; the point is that the server enforces it
 * everywhere (401/403, or a redirect to sign-in for pages), not only the navigation.
 */
import { describe, expect, inject, it } from 'vitest';
import { can, type Action, type Actor, type Role } from '../../src/lib/domain/policy';
import { resourceOfRoute } from '../../src/lib/server/auth/routes';
import { listRoutes, samplePath } from '../helpers/routes';
import { signInCookie } from './http';

const skipReason = inject('e2eSkipReason');
const servers = [
	{ name: 'PGlite', baseUrl: inject('baseUrl') },
	{ name: 'PostgreSQL', baseUrl: inject('pgBaseUrl') }
].filter((s) => s.baseUrl);

const ROLES: { role: Role | null; email: string | null }[] = [
	{ role: null, email: null },
	{ role: 'admin', email: 'admin@demo.invalid' },
	{ role: 'agent', email: 'agent@demo.invalid' },
	{ role: 'partenaire', email: 'departement@demo.invalid' },
	{ role: 'observateur', email: 'observateur@demo.invalid' }
];

/** Parameter samples that exist in the demo (a missing row answers 404, which is fine for allowed roles). */
const SAMPLES = { id: '1', code: '00001' };

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
		it(`enforces the policy on every route × role × read/write (${server.name})`, { timeout: 240_000 }, async () => {
			const mismatches: string[] = [];
			let checked = 0;
			for (const { role, email } of ROLES) {
				let cookie = email ? await signIn(server.baseUrl, email) : null;
				for (const route of routes) {
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
			expect(checked).toBe(ROLES.length * routes.length * 2);
		});
	}
});
