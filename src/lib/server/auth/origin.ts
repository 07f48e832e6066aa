/**
 * Cross-site request forgery: every request that changes data (any method but GET, HEAD and
 * OPTIONS) must say it comes from this site. SvelteKit checks the `Origin` of form submissions
 * only; this applies the same rule to the JSON APIs (`fetch` with `PUT`, `PATCH`, `DELETE`,
 * `POST application/json`) and every other body type. Browsers always send `Origin` on such requests.
 */
import { error, type RequestEvent } from '@sveltejs/kit';
import { actionOfMethod } from './guard';

export const CROSS_SITE_MESSAGE = 'Envoi refusé : il ne vient pas d’une page de Maillage (origine absente ou différente).';

/** Whether a request with `method` and `origin` header may change data at `url`. */
export function writeOriginAllowed(method: string, origin: string | null, url: URL): boolean {
	if (actionOfMethod(method) === 'read') return true;
	return origin !== null && origin === url.origin;
}

/** Throws 403 when a write does not come from this site. */
export function checkWriteOrigin(event: Pick<RequestEvent, 'request' | 'url'>): void {
	if (!writeOriginAllowed(event.request.method, event.request.headers.get('origin'), event.url)) error(403, CROSS_SITE_MESSAGE);
}
