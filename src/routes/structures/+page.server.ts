import type { PageServerLoad } from './$types';
import * as structures from '$lib/server/db/structures';
import * as referenceParameters from '$lib/server/db/reference-parameters';
import { isoDateInParis } from '$lib/format';
import { oneOf } from '$lib/ui/url';
import { canSee } from '$lib/domain/policy';

export const load: PageServerLoad = async ({ locals, url }) => {
	const today = isoDateInParis(new Date());
	const params = url.searchParams;
	const filters = {
		type: oneOf(params, 'type', ['CS', 'EVS'] as const),
		managementMode: params.get('gestion') || null,
		epci: params.get('epci') || null,
		commune: params.get('commune') || null,
		agrement: oneOf(params, 'agrement', structures.AGREMENT_FILTERS)
	};
	const showPosts = canSee(locals.user, 'structure.postes');
	const [items, options, rules] = await Promise.all([
		structures.list(locals.db, today, filters, { posts: showPosts }),
		structures.filterOptions(locals.db),
		referenceParameters.renewalRules(locals.db, today)
	]);
	return { today, filters, items, options, showPosts, leadMonths: rules.lead.months };
};
