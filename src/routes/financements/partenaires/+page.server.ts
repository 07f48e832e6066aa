import type { Actions, PageServerLoad } from './$types';
import { parsePartnerForm } from '$lib/funding/reference-input';
import * as reference from '$lib/server/db/funding-reference';
import { currentUser, isStaff, referenceListActions } from '../actions.server';

export const load: PageServerLoad = async ({ locals }) => {
	const user = currentUser(locals);
	return { partners: await reference.listPartners(locals.db), staff: isStaff(user) };
};

export const actions: Actions = referenceListActions({
	staff: 'Seule la Caf modifie la liste des financeurs.',
	prefix: 'partenaire',
	missing: 'Financeur ou version manquant',
	parse: parsePartnerForm,
	create: reference.createPartner,
	update: reference.updatePartner,
	remove: reference.deletePartner,
	created: (p) => `Financeur « ${p.name} » ajouté.`,
	deleted: 'Financeur supprimé.'
});
