/**
 * The server-side gate every request passes (hooks.server.ts): finds the route's resource,
 * the action (read for GET/HEAD, write otherwise) and asks the policy. Pages and components may
 * hide what a role cannot do, but this is what enforces it.
 */
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { can, type Action, type Actor } from '$lib/domain/policy';
import { resourceOfRoute } from './routes';

export function actionOfMethod(method: string): Action {
	return method === 'GET' || method === 'HEAD' || method === 'OPTIONS' ? 'read' : 'write';
}

/** Throws a redirect to sign-in (pages), 401 (API, forms) or 403 when `actor` may not proceed. */
export function authorize(event: Pick<RequestEvent, 'route' | 'request' | 'url'>, actor: Actor | null): void {
	if (event.route.id === null) return; // no route: SvelteKit answers 404
	const resource = resourceOfRoute(event.route.id);
	const action = actionOfMethod(event.request.method);
	if (resource === null) error(403, 'Accès refusé');
	if (can(actor, resource, action)) return;
	if (!actor) {
		// A browser reading a page or a download is sent to sign-in; the API answers 401.
		if (action === 'read' && !event.route.id.startsWith('/api/')) {
			const target = event.url.pathname + event.url.search;
			redirect(303, `/connexion?redirectTo=${encodeURIComponent(target)}`);
		}
		error(401, 'Connexion requise');
	}
	error(403, 'Accès refusé : votre rôle ne permet pas cette action.');
}
