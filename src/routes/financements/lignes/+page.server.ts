import type { Actions, PageServerLoad } from './$types';
import { readForm } from '$lib/server/http/input-guard';
import { rowAllowed, rowScope } from '$lib/domain/policy';
import { parseFundingFilters } from '$lib/funding/filters';
import { parseId, parseLineCreate, parseLineEdit, parseYear } from '$lib/funding/line-input';
import { intParam } from '$lib/ui/url';
import * as funding from '$lib/server/db/funding';
import { currentUser, failure, formGetter, invalid, isStaff, requireStaff, writerOf } from '../actions.server';
import { fail } from '@sveltejs/kit';

const PAGE_SIZE = 50;

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = currentUser(locals);
	const scope = rowScope(user, 'read');
	const writeScope = rowScope(user, 'write');
	const filters = parseFundingFilters(url.searchParams);
	const requested = intParam(url.searchParams, 'page', 1);
	const [options, first] = await Promise.all([
		funding.filterOptions(locals.db, scope),
		funding.listLines(locals.db, scope, filters, { limit: PAGE_SIZE, offset: (requested - 1) * PAGE_SIZE })
	]);
	const pageCount = Math.max(1, Math.ceil(first.total / PAGE_SIZE));
	const page = Math.min(requested, pageCount);
	const result = page === requested ? first : await funding.listLines(locals.db, scope, filters, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
	return {
		filters,
		options,
		page,
		pageCount,
		total: result.total,
		totalAmount: result.totalAmount,
		lines: result.lines.map((l) => ({ ...l, editable: rowAllowed(writeScope, { partnerId: l.partnerId, published: l.published }) })),
		staff: isStaff(user),
		scopeKind: scope.kind,
		canCreate: writeScope.kind === 'all' || writeScope.kind === 'partner',
		ownPartnerId: writeScope.kind === 'partner' ? writeScope.partnerId : null,
		partnerName: user.partnerName
	};
};

export const actions: Actions = {
	/** Changes amount, status and comment of one line, based on the version the page showed. */
	modifier: async ({ locals, request }) => {
		const user = currentUser(locals);
		const get = formGetter(await readForm(request));
		const id = parseId(get('id'));
		const version = parseId(get('version'));
		const target = `ligne-${id}`;
		if (id === null || version === null) return fail(400, { target, message: 'Ligne ou version manquante : rechargez la page.' });
		const edit = parseLineEdit(get);
		if (!edit.ok) return invalid(target, edit.errors);
		try {
			const line = await funding.updateLine(locals.db, writerOf(user), id, version, edit.value);
			return { target, saved: `Ligne enregistrée (version ${line.version}).` };
		} catch (e) {
			return failure(e, target);
		}
	},

	supprimer: async ({ locals, request }) => {
		const user = currentUser(locals);
		const get = formGetter(await readForm(request));
		const id = parseId(get('id'));
		const version = parseId(get('version'));
		const target = `ligne-${id}`;
		if (id === null || version === null) return fail(400, { target, message: 'Ligne ou version manquante : rechargez la page.' });
		try {
			await funding.deleteLine(locals.db, writerOf(user), id, version);
			return { target: 'liste', saved: 'Ligne supprimée.' };
		} catch (e) {
			return failure(e, target);
		}
	},

	creer: async ({ locals, request }) => {
		const user = currentUser(locals);
		const get = formGetter(await readForm(request));
		const scope = rowScope(user, 'write');
		// A partner's lines are always its own: the partner field is not even offered.
		const values = (name: string) => (name === 'financeur' && scope.kind === 'partner' ? String(scope.partnerId) : get(name));
		const parsed = parseLineCreate(values);
		if (!parsed.ok) return invalid('creation', parsed.errors);
		try {
			const line = await funding.createLine(locals.db, writerOf(user), parsed.value);
			return { target: 'creation', saved: `Ligne n° ${line.id} créée.` };
		} catch (e) {
			return failure(e, 'creation');
		}
	},

	/** Publishes or withdraws one line (staff), version-checked. */
	publier: async ({ locals, request }) => {
		const user = currentUser(locals);
		requireStaff(user, 'Seule la Caf publie les financements.');
		const get = formGetter(await readForm(request));
		const id = parseId(get('id'));
		const version = parseId(get('version'));
		const target = `ligne-${id}`;
		if (id === null || version === null) return fail(400, { target, message: 'Ligne ou version manquante : rechargez la page.' });
		try {
			await funding.setLinePublished(locals.db, writerOf(user), id, version, get('publie') === '1');
			return { target, saved: get('publie') === '1' ? 'Ligne publiée.' : 'Publication retirée.' };
		} catch (e) {
			return failure(e, target);
		}
	},

	/** Publishes or withdraws every line of a partner and year (staff). */
	publierLot: async ({ locals, request }) => {
		const user = currentUser(locals);
		requireStaff(user, 'Seule la Caf publie les financements.');
		const get = formGetter(await readForm(request));
		const partnerId = parseId(get('financeur'));
		const year = parseYear(get('annee'));
		if (partnerId === null || year === null) return invalid('lot', { partner: partnerId === null ? 'Choisissez un financeur.' : undefined, year: year === null ? 'Choisissez une année.' : undefined });
		const published = get('publie') === '1';
		try {
			const n = await funding.setPublishedForPartnerYear(locals.db, writerOf(user), partnerId, year, published);
			return { target: 'lot', saved: `${n} ligne${n > 1 ? 's' : ''} ${published ? 'publiée' : 'retirée'}${n > 1 ? 's' : ''}.` };
		} catch (e) {
			return failure(e, 'lot');
		}
	}
};
