import type { Actions, PageServerLoad } from './$types';
import { readForm } from '$lib/server/http/input-guard';
import { fail } from '@sveltejs/kit';
import { parseId } from '$lib/funding/line-input';
import { parsePartnerForm } from '$lib/funding/reference-input';
import * as reference from '$lib/server/db/funding-reference';
import { currentUser, failure, formGetter, invalid, isStaff, requireStaff, writerOf } from '../actions.server';

export const load: PageServerLoad = async ({ locals }) => {
	const user = currentUser(locals);
	return { partners: await reference.listPartners(locals.db), staff: isStaff(user) };
};

export const actions: Actions = {
	creer: async ({ locals, request }) => {
		const user = currentUser(locals);
		requireStaff(user, 'Seule la Caf modifie la liste des financeurs.');
		const parsed = parsePartnerForm(formGetter(await readForm(request)));
		if (!parsed.ok) return invalid('creation', parsed.errors);
		try {
			await reference.createPartner(locals.db, writerOf(user), parsed.value);
			return { target: 'creation', saved: `Financeur « ${parsed.value.name} » ajouté.` };
		} catch (e) {
			return failure(e, 'creation');
		}
	},
	modifier: async ({ locals, request }) => {
		const user = currentUser(locals);
		requireStaff(user, 'Seule la Caf modifie la liste des financeurs.');
		const get = formGetter(await readForm(request));
		const id = parseId(get('id'));
		const version = parseId(get('version'));
		const target = `partenaire-${id}`;
		if (id === null || version === null) return fail(400, { target, message: 'Financeur ou version manquant : rechargez la page.' });
		const parsed = parsePartnerForm(get);
		if (!parsed.ok) return invalid(target, parsed.errors);
		try {
			await reference.updatePartner(locals.db, writerOf(user), id, version, parsed.value);
			return { target, saved: 'Enregistré.' };
		} catch (e) {
			return failure(e, target);
		}
	},
	supprimer: async ({ locals, request }) => {
		const user = currentUser(locals);
		requireStaff(user, 'Seule la Caf modifie la liste des financeurs.');
		const get = formGetter(await readForm(request));
		const id = parseId(get('id'));
		const version = parseId(get('version'));
		const target = `partenaire-${id}`;
		if (id === null || version === null) return fail(400, { target, message: 'Financeur ou version manquant : rechargez la page.' });
		try {
			await reference.deletePartner(locals.db, writerOf(user), id, version);
			return { target: 'creation', saved: 'Financeur supprimé.' };
		} catch (e) {
			return failure(e, target);
		}
	}
};
