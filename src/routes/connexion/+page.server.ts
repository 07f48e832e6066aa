import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as users from '$lib/server/db/users';
import { createSession, sessionLimits } from '$lib/server/auth/sessions';
import { setSessionCookie } from '$lib/server/auth/request';
import { attemptSucceeded, beginAttempt } from '$lib/server/auth/login-throttle';
import { formatWaitFr } from '$lib/server/auth/login-delay';
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

const tooManyAttempts = (waitMs: number) =>
	`Trop de tentatives pour ce compte depuis votre adresse. Réessayez dans ${formatWaitFr(waitMs)} (le délai double à chaque nouvel échec).`;

export const actions: Actions = {
	connexion: async ({ request, locals, cookies, url, getClientAddress }) => {
		const form = await request.formData();
		const email = String(form.get('email') ?? '').trim().slice(0, 254);
		const password = String(form.get('password') ?? '').slice(0, 256);
		const redirectTo = safeRedirectTarget(String(form.get('redirectTo') ?? '/'), url.origin);
		if (!email || !password) return fail(400, { email, message: 'Indiquez votre adresse électronique et votre mot de passe.' });

		const address = String(getClientAddress());
		const now = new Date();
		// Progressive delay per (account, address): counted before the password is checked.
		const attempt = await beginAttempt(locals.db, email, address, now);
		if (!attempt.allowed) return fail(429, { email, message: tooManyAttempts(attempt.waitMs) });
		const user = await users.authenticate(locals.db, email, password, now);
		if (!user) {
			// Same message whether the account exists or not.
			return fail(400, { email, message: 'Adresse électronique ou mot de passe incorrect, ou compte désactivé.' });
		}
		await attemptSucceeded(locals.db, email, address);
		const { token, expiresAt } = await createSession(locals.db, user.id, {
			now,
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
		if (password !== confirmation) return fail(400, { reset: true, email, message: 'Les deux mots de passe ne sont pas identiques.' });
		const address = String(getClientAddress());
		const now = new Date();
		// A reset code is guessed like a password: the same delays apply.
		const attempt = await beginAttempt(locals.db, email, address, now);
		if (!attempt.allowed) return fail(429, { reset: true, email, message: tooManyAttempts(attempt.waitMs) });
		try {
			await users.resetWithCode(locals.db, email, code, password, now);
		} catch (error) {
			if (!(error instanceof RejectedDataError)) throw error;
			return fail(400, { reset: true, email, message: error.message });
		}
		await attemptSucceeded(locals.db, email, address);
		return { reset: true, email, success: 'Mot de passe changé. Vous pouvez vous connecter.' };
	}
};
