import type { Actions, PageServerLoad } from './$types';
import { parseInstrumentForm } from '$lib/funding/reference-input';
import * as reference from '$lib/server/db/funding-reference';
import { currentUser, formAction, isStaff, referenceListActions } from '../actions.server';

export const load: PageServerLoad = async ({ locals }) => {
	const user = currentUser(locals);
	return { instruments: await reference.listInstruments(locals.db), staff: isStaff(user) };
};

const STAFF = 'Seule la Caf modifie la liste des dispositifs.';

export const actions: Actions = {
	...referenceListActions({
		staff: STAFF,
		prefix: 'dispositif',
		missing: 'Dispositif ou version manquant',
		parse: parseInstrumentForm,
		create: reference.createInstrument,
		update: reference.updateInstrument,
		remove: reference.deleteInstrument,
		created: (i) => `Dispositif « ${i.label} » ajouté.`,
		deleted: 'Dispositif supprimé.'
	}),
	/** Adds the usual instruments (AGC, ACF, bonus…) that the list does not hold yet. */
	standard: formAction({ staff: STAFF, target: 'creation' }, async ({ locals, writer }) => {
		const added = await reference.addStandardInstruments(locals.db, writer);
		return {
			target: 'creation',
			saved: added === 0 ? 'Tous les dispositifs de la liste usuelle existent déjà.' : `${added} dispositif${added > 1 ? 's' : ''} de la liste usuelle ajouté${added > 1 ? 's' : ''}.`
		};
	})
};
