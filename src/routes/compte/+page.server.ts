import { fail } from '@sveltejs/kit';
import { readForm } from '$lib/server/http/input-guard';
import type { Actions, PageServerLoad } from './$types';
import * as users from '$lib/server/db/users';
import { actorOf } from '$lib/server/auth/request';
import { ROLE_LABELS } from '$lib/domain/policy';
import { RejectedDataError } from '$lib/server/errors';

export const load: PageServerLoad = ({ locals }) => {
	const user = locals.user!;
	return { account: { email: user.email, displayName: user.displayName, role: ROLE_LABELS[user.role], partnerName: user.partnerName } };
};

export const actions: Actions = {
	motDePasse: async ({ request, locals }) => {
		const user = locals.user!;
		const form = await readForm(request);
		const current = String(form.get('current') ?? '');
		const next = String(form.get('next') ?? '');
		if (next !== String(form.get('confirmation') ?? ''))
			return fail(400, { message: 'Les deux nouveaux mots de passe ne sont pas identiques.' });
		try {
			await users.changePassword(locals.db, actorOf(user), user.id, current, next, locals.sessionToken ?? undefined);
		} catch (error) {
			if (error instanceof RejectedDataError) return fail(400, { message: error.message });
			throw error;
		}
		return { success: 'Mot de passe changé. Vos autres sessions ont été fermées.' };
	}
};
