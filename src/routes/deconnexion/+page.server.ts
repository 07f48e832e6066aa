import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { revokeSession } from '$lib/server/auth/sessions';
import { clearSessionCookie } from '$lib/server/auth/request';

// Signing out changes state: only by POST (a link cannot sign someone out).
export const load: PageServerLoad = () => redirect(303, '/compte');

export const actions: Actions = {
	default: async ({ locals, cookies }) => {
		if (locals.sessionToken) await revokeSession(locals.db, locals.sessionToken);
		clearSessionCookie(cookies);
		redirect(303, '/connexion');
	}
};
