import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as users from '$lib/server/db/users';
import { createSession, sessionLimits } from '$lib/server/auth/sessions';
import { loginLimiter, setSessionCookie } from '$lib/server/auth/request';
import { safeRedirectTarget } from '$lib/server/auth/safe-redirect';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '$lib/server/auth/demo-accounts';
import { ROLE_LABELS } from '$lib/domain/policy';
import { RejectedDataError } from '$lib/server/errors';

export const load: PageServerLoad = ({ locals, url }) => ({
	redirectTo: safeRedirectTarget(url.searchParams.get('redirectTo'), url.origin),
	signedInAs: locals.user ? { email: locals.user.email, displayName: locals.user.displayName } : null,
	// Demo accounts are listed only while the database holds the fictional demo.
	demoAccounts:
		locals.dataset === 'demo'
			? {
					password: DEMO_PASSWORD,
					accounts: DEMO_ACCOUNTS.map((a) => ({ email: a.email, displayName: a.displayName, role: ROLE_LABELS[a.role] }))
				}
			: null
});

function minutes(ms: number): number {
	return Math.max(1, Math.ceil(ms / 60_000));
}

export const actions: Actions = {
	connexion: async ({ request, locals, cookies, url, getClientAddress }) => {
		const form = await request.formData();
		const email = String(form.get('email') ?? '').trim().slice(0, 254);
		const password = String(form.get('password') ?? '').slice(0, 256);
		const redirectTo = safeRedirectTarget(String(form.get('redirectTo') ?? '/'), url.origin);
		if (!email || !password) return fail(400, { email, message: 'Indiquez votre adresse électronique et votre mot de passe.' });

		const address = getClientAddress();
		const now = Date.now();
		const wait = loginLimiter.retryAfterMs(email, address, now);
		if (wait > 0) {
			return fail(429, {
				email,
				message: `Trop de tentatives de connexion. Réessayez dans ${minutes(wait)} minute(s).`
			});
		}
		const user = await users.authenticate(locals.db, email, password, new Date(now));
		if (!user) {
			loginLimiter.recordFailure(email, address, now);
			// Same message whether the account exists or not.
			return fail(400, { email, message: 'Adresse électronique ou mot de passe incorrect, ou compte désactivé.' });
		}
		loginLimiter.recordSuccess(email);
		const { token, expiresAt } = await createSession(locals.db, user.id, {
			now: new Date(now),
			limits: sessionLimits(),
			userAgent: request.headers.get('user-agent')
		});
		setSessionCookie(cookies, url, token, expiresAt);
		redirect(303, redirectTo);
	},

	reinitialiser: async ({ request, locals, getClientAddress }) => {
		const form = await request.formData();
		const email = String(form.get('email') ?? '').trim().slice(0, 254);
		const code = String(form.get('code') ?? '').trim().slice(0, 64);
		const password = String(form.get('password') ?? '').slice(0, 256);
		const confirmation = String(form.get('confirmation') ?? '').slice(0, 256);
		const address = getClientAddress();
		const now = Date.now();
		const wait = loginLimiter.retryAfterMs(email, address, now);
		if (wait > 0) return fail(429, { reset: true, email, message: `Trop de tentatives. Réessayez dans ${minutes(wait)} minute(s).` });
		if (password !== confirmation) return fail(400, { reset: true, email, message: 'Les deux mots de passe ne sont pas identiques.' });
		try {
			await users.resetWithCode(locals.db, email, code, password, new Date(now));
		} catch (error) {
			if (!(error instanceof RejectedDataError)) throw error;
			loginLimiter.recordFailure(email, address, now);
			return fail(400, { reset: true, email, message: error.message });
		}
		return { reset: true, email, success: 'Mot de passe changé. Vous pouvez vous connecter.' };
	}
};
