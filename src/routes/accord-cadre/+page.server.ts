import type { Actions, PageServerLoad } from './$types';
import { readForm } from '$lib/server/http/input-guard';
import { fail } from '@sveltejs/kit';
import { rowScope } from '$lib/domain/policy';
import { isoDateInParis } from '$lib/format';
import { parseCommitmentForm } from '$lib/funding/commitment-input';
import { parseId } from '$lib/funding/line-input';
import * as accordCadre from '$lib/server/db/accord-cadre';
import * as funding from '$lib/server/db/funding';
import { currentUser, failure, formGetter, invalid, isStaff, requireStaff, writerOf } from '../financements/actions.server';

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

function ids(get: (name: string) => string | null) {
	return { id: parseId(get('id')), version: parseId(get('version')), accordId: parseId(get('accord')) };
}

export const actions: Actions = {
	creer: async ({ locals, request }) => {
		const user = currentUser(locals);
		const get = formGetter(await readForm(request));
		const { accordId } = ids(get);
		const target = `creation-${accordId}`;
		const scope = rowScope(user, 'write');
		const parsed = parseCommitmentForm((name) => (name === 'financeur' && scope.kind === 'partner' ? String(scope.partnerId) : get(name)));
		if (accordId === null) return fail(400, { target, message: 'Accord-cadre manquant : rechargez la page.' });
		if (!parsed.ok) return invalid(target, parsed.errors);
		try {
			await accordCadre.createCommitment(locals.db, writerOf(user), { ...parsed.value, accordCadreId: accordId });
			return { target, saved: 'Engagement ajouté.' };
		} catch (e) {
			return failure(e, target);
		}
	},
	modifier: async ({ locals, request }) => {
		const user = currentUser(locals);
		const get = formGetter(await readForm(request));
		const { id, version, accordId } = ids(get);
		const target = `engagement-${id}`;
		if (id === null || version === null || accordId === null) return fail(400, { target, message: 'Engagement ou version manquant : rechargez la page.' });
		const parsed = parseCommitmentForm(get);
		if (!parsed.ok) return invalid(target, parsed.errors);
		try {
			await accordCadre.updateCommitment(locals.db, writerOf(user), id, version, { ...parsed.value, accordCadreId: accordId });
			return { target, saved: 'Engagement enregistré.' };
		} catch (e) {
			return failure(e, target);
		}
	},
	supprimer: async ({ locals, request }) => {
		const user = currentUser(locals);
		const get = formGetter(await readForm(request));
		const { id, version } = ids(get);
		const target = `engagement-${id}`;
		if (id === null || version === null) return fail(400, { target, message: 'Engagement ou version manquant : rechargez la page.' });
		try {
			await accordCadre.deleteCommitment(locals.db, writerOf(user), id, version);
			return { target: 'liste', saved: 'Engagement supprimé.' };
		} catch (e) {
			return failure(e, target);
		}
	},
	publier: async ({ locals, request }) => {
		const user = currentUser(locals);
		requireStaff(user, 'Seule la Caf publie les engagements.');
		const get = formGetter(await readForm(request));
		const { id, version } = ids(get);
		const target = `engagement-${id}`;
		if (id === null || version === null) return fail(400, { target, message: 'Engagement ou version manquant : rechargez la page.' });
		try {
			await accordCadre.setCommitmentPublished(locals.db, writerOf(user), id, version, get('publie') === '1');
			return { target, saved: get('publie') === '1' ? 'Engagement publié.' : 'Publication retirée.' };
		} catch (e) {
			return failure(e, target);
		}
	}
};
