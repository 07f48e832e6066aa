import type { Actions, PageServerLoad } from './$types';
import { readForm } from '$lib/server/http/input-guard';
import { fail } from '@sveltejs/kit';
import { parseId } from '$lib/funding/line-input';
import { parseInstrumentForm } from '$lib/funding/reference-input';
import * as reference from '$lib/server/db/funding-reference';
import { currentUser, failure, formGetter, invalid, isStaff, requireStaff, writerOf } from '../actions.server';

export const load: PageServerLoad = async ({ locals }) => {
	const user = currentUser(locals);
	return { instruments: await reference.listInstruments(locals.db), staff: isStaff(user) };
};

export const actions: Actions = {
	creer: async ({ locals, request }) => {
		const user = currentUser(locals);
		requireStaff(user, 'Seule la Caf modifie la liste des dispositifs.');
		const parsed = parseInstrumentForm(formGetter(await readForm(request)));
		if (!parsed.ok) return invalid('creation', parsed.errors);
		try {
			await reference.createInstrument(locals.db, writerOf(user), parsed.value);
			return { target: 'creation', saved: `Dispositif « ${parsed.value.label} » ajouté.` };
		} catch (e) {
			return failure(e, 'creation');
		}
	},
	modifier: async ({ locals, request }) => {
		const user = currentUser(locals);
		requireStaff(user, 'Seule la Caf modifie la liste des dispositifs.');
		const get = formGetter(await readForm(request));
		const id = parseId(get('id'));
		const version = parseId(get('version'));
		const target = `dispositif-${id}`;
		if (id === null || version === null) return fail(400, { target, message: 'Dispositif ou version manquant : rechargez la page.' });
		const parsed = parseInstrumentForm(get);
		if (!parsed.ok) return invalid(target, parsed.errors);
		try {
			await reference.updateInstrument(locals.db, writerOf(user), id, version, parsed.value);
			return { target, saved: 'Enregistré.' };
		} catch (e) {
			return failure(e, target);
		}
	},
	standard: async ({ locals }) => {
		const user = currentUser(locals);
		requireStaff(user, 'Seule la Caf modifie la liste des dispositifs.');
		try {
			const added = await reference.addStandardInstruments(locals.db, writerOf(user));
			return { target: 'creation', saved: added === 0 ? 'Tous les dispositifs de la liste usuelle existent déjà.' : `${added} dispositif${added > 1 ? 's' : ''} de la liste usuelle ajouté${added > 1 ? 's' : ''}.` };
		} catch (e) {
			return failure(e, 'creation');
		}
	},
	supprimer: async ({ locals, request }) => {
		const user = currentUser(locals);
		requireStaff(user, 'Seule la Caf modifie la liste des dispositifs.');
		const get = formGetter(await readForm(request));
		const id = parseId(get('id'));
		const version = parseId(get('version'));
		const target = `dispositif-${id}`;
		if (id === null || version === null) return fail(400, { target, message: 'Dispositif ou version manquant : rechargez la page.' });
		try {
			await reference.deleteInstrument(locals.db, writerOf(user), id, version);
			return { target: 'creation', saved: 'Dispositif supprimé.' };
		} catch (e) {
			return failure(e, target);
		}
	}
};
