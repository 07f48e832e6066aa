import { error, type Handle, type HandleServerError, type ServerInit } from '@sveltejs/kit';
import { createHash } from 'node:crypto';
import { appDb, appDbWithin, closeAppDb } from '$lib/server/app-db';
import { startupResponse } from '$lib/server/first-start';
import { tokensCss } from '$lib/ui/tokens';
import * as meta from '$lib/server/db/meta';
import { env } from '$env/dynamic/public';
import { resolveBasemap } from '$lib/map/basemap';
import { addCspSources, basemapCspAdditions } from '$lib/map/basemap-csp';
import { SESSION_COOKIE, sessionLimits, validateSession } from '$lib/server/auth/sessions';
import { authorize } from '$lib/server/auth/guard';
import { clearSessionCookie } from '$lib/server/auth/request';
import { checkWriteOrigin } from '$lib/server/auth/origin';
import { queryProblem, routeParamsProblem } from '$lib/server/http/input-guard';
import { FALLBACK_CONTENT_SECURITY_POLICY, HSTS, SECURITY_HEADERS } from '$lib/server/http/security-headers.js';

let shutdownHooked = false;
const limits = sessionLimits();

/**
 * How long a request waits for the database before it gets the first-start page instead
 * (`MAILLAGE_STARTUP_WAIT_MS`, default 1.5 s; 0 answers the waiting page at once).
 */
const STARTUP_WAIT_MS = startupWaitMs(process.env.MAILLAGE_STARTUP_WAIT_MS);

function startupWaitMs(raw: string | undefined): number {
	const n = Number(raw);
	return raw !== undefined && raw !== '' && Number.isFinite(n) && n >= 0 ? n : 1500;
}

export const init: ServerInit = async () => {
	// Not awaited, and only once the server listens (next turn of the event loop: the demo's loading
	// would otherwise run while adapter-node is still starting): a first start (demo loading, ~12 s)
	// then answers every request with a page that says what is happening (`handle`), not a blank browser.
	setTimeout(() => appDb().catch(() => {}), 0);
	if (!shutdownHooked) {
		shutdownHooked = true;
		// adapter-node emits this after the HTTP server closed: release PGlite and its lock.
		process.on('sveltekit:shutdown' as never, () => void closeAppDb());
	}
};

export const handle: Handle = async ({ event, resolve }) => {
	const opened = await appDbWithin(STARTUP_WAIT_MS);
	if ('startup' in opened) return withSecurityHeaders(event, startupResponse(event.request, opened.startup, Date.now()));
	const handle = opened.handle;
	event.locals.db = handle.db;
	event.locals.dataset = await meta.datasetKind(handle.db);

	const token = event.cookies.get(SESSION_COOKIE) ?? null;
	event.locals.user = token ? await validateSession(handle.db, token, { now: new Date(), limits }) : null;
	event.locals.sessionToken = event.locals.user ? token : null;
	if (token && !event.locals.user) clearSessionCookie(event.cookies);

	// Every page, form action and endpoint passes the one access policy (fail closed).
	authorize(event, event.locals.user);
	// Every write (form action or JSON API) must come from a page of this site.
	checkWriteOrigin(event);
	// Query and route parameters of every route: no control character, bounded, numbers in range.
	const inputProblem = queryProblem(event.url.searchParams) ?? routeParamsProblem(event.params);
	if (inputProblem) error(400, inputProblem);

	const response = withSecurityHeaders(event, await resolve(event));
	// Pages carry personal and partner data: never keep them in shared caches.
	if (event.locals.user && !response.headers.has('cache-control')) response.headers.set('Cache-Control', 'private, no-store');
	return response;
};

/** The same headers as the production server sets on every response (also under `vite dev`). */
function withSecurityHeaders(event: { url: URL }, response: Response): Response {
	// A page's own policy (SvelteKit's, with its script hashes) gets the run-time sources.
	widenCsp(response.headers);
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
	if (!response.headers.has('content-security-policy')) response.headers.set('content-security-policy', FALLBACK_CONTENT_SECURITY_POLICY);
	if (event.url.protocol === 'https:') response.headers.set('Strict-Transport-Security', HSTS);
	return response;
}

/**
 * The hash of the design tokens' `<style>` element (root layout): the one inline style element of
 * the app, allowed by its hash since `style-src` has no 'unsafe-inline'.
 */
const TOKENS_STYLE_HASH = `'sha256-${createHash('sha256').update(tokensCss()).digest('base64')}'`;

/**
 * SvelteKit writes the static Content-Security-Policy of `kit.csp` (svelte.config.js) with its
 * script hashes; this adds what is only known at run time: the tokens' style hash, and the basemap
 * origins, which depend on PUBLIC_BASEMAP_STYLE.
 */
function widenCsp(headers: Headers): void {
	const policy = headers.get('content-security-policy');
	if (!policy) return;
	// Under `vite dev` SvelteKit allows 'unsafe-inline' styles (Vite injects <style> elements); a hash
	// there would switch it off, so it is added only to the production policy.
	const styleSrc = /(?:^|;)\s*style-src ([^;]*)/.exec(policy)?.[1] ?? '';
	const additions = {
		...(styleSrc.includes("'unsafe-inline'") ? {} : { 'style-src': [TOKENS_STYLE_HASH] }),
		...basemapCspAdditions(resolveBasemap(env.PUBLIC_BASEMAP_STYLE))
	};
	headers.set('content-security-policy', addCspSources(policy, additions));
}

/** Never leak stack traces or SQL: log server-side, answer a French message. */
export const handleError: HandleServerError = ({ error: err, status }) => {
	if (status >= 500) console.error(err);
	const messages: Record<number, string> = {
		404: 'Page introuvable',
		405: 'Méthode non autorisée',
		413: 'Envoi trop volumineux : le fichier dépasse la taille autorisée.'
	};
	return { message: messages[status] ?? (status < 500 ? 'Requête invalide.' : 'Une erreur interne est survenue.') };
};

