import { fail, redirect } from '@sveltejs/kit';
import { readForm } from '$lib/server/http/input-guard';
import type { Actions, PageServerLoad } from './$types';
import { can } from '$lib/domain/policy';
import { actorOf } from '$lib/server/auth/request';
import { ConflictError } from '$lib/server/db/changes';
import * as scenarios from '$lib/server/db/scenarios';

export const load: PageServerLoad = async ({ locals }) => {
	const user = locals.user!;
	return { scenarios: await scenarios.list(locals.db), canEdit: can(user, 'scenarios', 'write') };
};

function idOf(form: FormData): number | null {
	const id = Number(form.get('id'));
	return Number.isInteger(id) && id > 0 ? id : null;
}

export const actions: Actions = {
	dupliquer: async ({ request, locals }) => {
		const form = await readForm(request);
		const id = idOf(form);
		if (id === null) return fail(400, { message: 'Scénario non désigné.' });
		const copy = await scenarios.duplicate(locals.db, actorOf(locals.user!), id);
		if (!copy) return fail(404, { message: 'Ce scénario n’existe plus : il a été supprimé entre-temps.' });
		redirect(303, `/scenarios/${copy.id}?copie=1`);
	},
	supprimer: async ({ request, locals }) => {
		const form = await readForm(request);
		const id = idOf(form);
		const version = Number(form.get('version'));
		if (id === null || !Number.isInteger(version)) return fail(400, { message: 'Scénario non désigné.' });
		try {
			await scenarios.remove(locals.db, actorOf(locals.user!), id, version);
		} catch (error) {
			if (error instanceof ConflictError) return fail(409, { message: error.message });
			throw error;
		}
		return { success: `Scénario supprimé.` };
	}
};
