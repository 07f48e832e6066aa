import { fail } from '@sveltejs/kit';
import type { Actions } from './$types';

/** Until access control lands, the form answers honestly that accounts do not exist yet. */
export const actions: Actions = {
	default: async ({ request }) => {
		const form = await request.formData();
		const email = String(form.get('email') ?? '').trim().slice(0, 254);
		return fail(501, {
			email,
			message:
				"La connexion n'est pas encore ouverte : les comptes utilisateurs arrivent avec la gestion des accès. " +
				'Toutes les pages sont consultables sans compte en attendant.'
		});
	}
};
