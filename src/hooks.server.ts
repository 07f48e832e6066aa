import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { appDb, closeAppDb } from '$lib/server/app-db';
import * as meta from '$lib/server/db/meta';
import { env } from '$env/dynamic/public';
import { resolveBasemap } from '$lib/map/basemap';
import { addCspSources, basemapCspAdditions } from '$lib/map/basemap-csp';

let shutdownHooked = false;

export const init: ServerInit = async () => {
	await appDb();
	if (!shutdownHooked) {
		shutdownHooked = true;
		// adapter-node emits this after the HTTP server closed: release PGlite and its lock.
		process.on('sveltekit:shutdown' as never, () => void closeAppDb());
	}
};

export const handle: Handle = async ({ event, resolve }) => {
	const handle = await appDb();
	event.locals.db = handle.db;
	event.locals.dataset = await meta.datasetKind(handle.db);
	const response = await resolve(event);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'same-origin');
	response.headers.set('X-Frame-Options', 'DENY');
	widenCsp(response.headers);
	return response;
};

/**
 * SvelteKit writes the static Content-Security-Policy of `kit.csp` (svelte.config.js) with its
 * script nonces; the basemap origins depend on PUBLIC_BASEMAP_STYLE at run time, so add them here.
 */
function widenCsp(headers: Headers): void {
	const policy = headers.get('content-security-policy');
	if (!policy) return;
	const additions = basemapCspAdditions(resolveBasemap(env.PUBLIC_BASEMAP_STYLE));
	if (Object.keys(additions).length > 0) headers.set('content-security-policy', addCspSources(policy, additions));
}

/** Never leak stack traces or SQL: log server-side, answer a French message. */
export const handleError: HandleServerError = ({ error, status }) => {
	if (status !== 404) console.error(error);
	return { message: status === 404 ? 'Page introuvable' : 'Une erreur interne est survenue.' };
};
