/**
 * The security headers of every response — pages, form actions, JSON APIs, downloads and the
 * static files (`/_app/*`, `/favicon.svg`) alike. The production server sets them first on every
 * response (`./production-server.js`); `hooks.server.ts` sets the same ones on what SvelteKit
 * answers (also under `vite dev`). Pages replace the fallback Content-Security-Policy with
 * SvelteKit's own (svelte.config.js, with its script hashes and the basemap origins).
 *
 * Plain JavaScript (typed by JSDoc): the production server loads it as is, without a build.
 */

/** Headers identical on every response. */
export const SECURITY_HEADERS = Object.freeze({
	'X-Content-Type-Options': 'nosniff',
	'X-Frame-Options': 'DENY',
	'Referrer-Policy': 'same-origin',
	'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
	'Cross-Origin-Opener-Policy': 'same-origin',
	'Cross-Origin-Resource-Policy': 'same-origin'
});

/**
 * The policy of every response that is not a page (scripts, stylesheets, images, JSON, CSV…): it
 * lets nothing run or load if such a file is opened directly (an SVG, a JSON answer), nor be framed.
 */
export const FALLBACK_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Strict-Transport-Security, sent only when the site is served over HTTPS. */
export const HSTS = 'max-age=31536000';

/**
 * Every header to set on a response before the app writes its own.
 * @param {{ https: boolean }} options `https`: the public origin is HTTPS (ORIGIN=https://…)
 * @returns {[string, string][]}
 */
export function baseResponseHeaders({ https }) {
	/** @type {[string, string][]} */
	const headers = Object.entries(SECURITY_HEADERS);
	headers.push(['Content-Security-Policy', FALLBACK_CONTENT_SECURITY_POLICY]);
	if (https) headers.push(['Strict-Transport-Security', HSTS]);
	return headers;
}
