import type { Actions, PageServerLoad } from './$types';
import { fail } from '@sveltejs/kit';
import { rowScope } from '$lib/domain/policy';
import { isoDateInParis } from '$lib/format';
import { parseCommitmentForm } from '$lib/funding/commitment-input';
import { parseId } from '$lib/funding/line-input';
import * as accordCadre from '$lib/server/db/accord-cadre';
import * as funding from '$lib/server/db/funding';
import { currentUser, formAction, invalid, isStaff, rowAction } from '../financements/actions.server';

export const load: PageServerLoad = async ({ locals }) => {
	const user = currentUser(locals);
	const currentYear = Number(isoDateInParis(new Date()).slice(0, 4));
	const scope = rowScope(user, 'read');
	const writeScope = rowScope(user, 'write');
	const [accords, options] = await Promise.all([accordCadre.followUps(locals.db, user, currentYear), funding.filterOptions(locals.db, scope)]);
	return {
		accords,
		currentYear,
		staff: isStaff(user),
		scopeKind: scope.kind,
		partnerName: user.partnerName,
		ownPartnerId: writeScope.kind === 'partner' ? writeScope.partnerId : null,
		canWrite: writeScope.kind === 'all' || writeScope.kind === 'partner',
		epcis: options.epcis,
		instruments: options.instruments
	};
};

const COMMITMENT = { prefix: 'engagement', missing: 'Engagement ou version manquant' };

export const actions: Actions = {
	creer: formAction({ target: (get) => `creation-${parseId(get('accord'))}` }, async ({ locals, user, writer, get, target }) => {
		const accordId = parseId(get('accord'));
		const scope = rowScope(user, 'write');
		const parsed = parseCommitmentForm((name) => (name === 'financeur' && scope.kind === 'partner' ? String(scope.partnerId) : get(name)));
		if (accordId === null) return fail(400, { target, message: 'Accord-cadre manquant : rechargez la page.' });
		if (!parsed.ok) return invalid(target, parsed.errors);
		await accordCadre.createCommitment(locals.db, writer, { ...parsed.value, accordCadreId: accordId });
		return { target, saved: 'Engagement ajouté.' };
	}),
	modifier: rowAction(COMMITMENT, async ({ locals, writer, get, id, version, target }) => {
		const accordId = parseId(get('accord'));
		if (accordId === null) return fail(400, { target, message: 'Engagement ou version manquant : rechargez la page.' });
		const parsed = parseCommitmentForm(get);
		if (!parsed.ok) return invalid(target, parsed.errors);
		await accordCadre.updateCommitment(locals.db, writer, id, version, { ...parsed.value, accordCadreId: accordId });
		return { target, saved: 'Engagement enregistré.' };
	}),
	supprimer: rowAction(COMMITMENT, async ({ locals, writer, id, version }) => {
		await accordCadre.deleteCommitment(locals.db, writer, id, version);
		return { target: 'liste', saved: 'Engagement supprimé.' };
	}),
	publier: rowAction({ ...COMMITMENT, staff: 'Seule la Caf publie les engagements.' }, async ({ locals, writer, get, id, version, target }) => {
		await accordCadre.setCommitmentPublished(locals.db, writer, id, version, get('publie') === '1');
		return { target, saved: get('publie') === '1' ? 'Engagement publié.' : 'Publication retirée.' };
	})
};
