import { fail, redirect } from '@sveltejs/kit';
import { readForm } from '$lib/server/http/input-guard';
import type { Actions, PageServerLoad } from './$types';
import * as structures from '$lib/server/db/structures';
import { EMPTY_FORM, readStructureForm, referencedCodes, validateStructureForm } from '../structure-form';
import { actorOf, canEdit, keyErrors } from '../form-actions.server';

export const load: PageServerLoad = async ({ locals }) => ({ values: EMPTY_FORM, canEdit: canEdit(locals) });

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const values = readStructureForm(await readForm(request));
		const result = validateStructureForm(values, await structures.knownCommunes(locals.db, referencedCodes(values)));
		if (!result.ok) return fail(400, { values, errors: result.errors, conflict: null });
		const duplicates = await keyErrors(locals.db, result.input, null);
		if (duplicates) return fail(400, { values, errors: duplicates, conflict: null });
		const id = await structures.create(locals.db, actorOf(locals), result.input);
		redirect(303, `/structures/${id}?enregistre=creation`);
	}
};
