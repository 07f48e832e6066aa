import type { Actions, PageServerLoad } from './$types';
import { rowAllowed, rowScope } from '$lib/domain/policy';
import { parseFundingFilters } from '$lib/funding/filters';
import { parseId, parseLineCreate, parseLineEdit, parseYear } from '$lib/funding/line-input';
import { intParam } from '$lib/ui/url';
import * as funding from '$lib/server/db/funding';
import { currentUser, formAction, invalid, isStaff, rowAction } from '../actions.server';

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

const LINE = { prefix: 'ligne', missing: 'Ligne ou version manquante' };
const PUBLISHER = 'Seule la Caf publie les financements.';

export const actions: Actions = {
	/** Changes amount, status and comment of one line, based on the version the page showed. */
	modifier: rowAction(LINE, async ({ locals, writer, get, id, version, target }) => {
		const edit = parseLineEdit(get);
		if (!edit.ok) return invalid(target, edit.errors);
		const line = await funding.updateLine(locals.db, writer, id, version, edit.value);
		return { target, saved: `Ligne enregistrée (version ${line.version}).` };
	}),

	supprimer: rowAction(LINE, async ({ locals, writer, id, version }) => {
		await funding.deleteLine(locals.db, writer, id, version);
		return { target: 'liste', saved: 'Ligne supprimée.' };
	}),

	creer: formAction({ target: 'creation' }, async ({ locals, user, writer, get }) => {
		const scope = rowScope(user, 'write');
		// A partner's lines are always its own: the partner field is not even offered.
		const parsed = parseLineCreate((name) => (name === 'financeur' && scope.kind === 'partner' ? String(scope.partnerId) : get(name)));
		if (!parsed.ok) return invalid('creation', parsed.errors);
		const line = await funding.createLine(locals.db, writer, parsed.value);
		return { target: 'creation', saved: `Ligne n° ${line.id} créée.` };
	}),

	/** Publishes or withdraws one line (staff), version-checked. */
	publier: rowAction({ ...LINE, staff: PUBLISHER }, async ({ locals, writer, get, id, version, target }) => {
		await funding.setLinePublished(locals.db, writer, id, version, get('publie') === '1');
		return { target, saved: get('publie') === '1' ? 'Ligne publiée.' : 'Publication retirée.' };
	}),

	/** Publishes or withdraws every line of a partner and year (staff). */
	publierLot: formAction({ staff: PUBLISHER, target: 'lot' }, async ({ locals, writer, get }) => {
		const partnerId = parseId(get('financeur'));
		const year = parseYear(get('annee'));
		if (partnerId === null || year === null) return invalid('lot', { partner: partnerId === null ? 'Choisissez un financeur.' : undefined, year: year === null ? 'Choisissez une année.' : undefined });
		const published = get('publie') === '1';
		const n = await funding.setPublishedForPartnerYear(locals.db, writer, partnerId, year, published);
		return { target: 'lot', saved: `${n} ligne${n > 1 ? 's' : ''} ${published ? 'publiée' : 'retirée'}${n > 1 ? 's' : ''}.` };
	})
};
