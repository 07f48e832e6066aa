import { canSee, rowScope } from '$lib/domain/policy';
import type { PageServerLoad } from './$types';
import * as overview from '$lib/server/db/overview';
import * as geo from '$lib/server/db/geo';
import { isoDateInParis } from '$lib/format';

export const load: PageServerLoad = async ({ locals }) => {
	const today = isoDateInParis(new Date());
	// Funding totals cover only the lines this user may see (own + published for partners).
	// Agréments to renew and vacant posts only for those who may read agréments.
	const figures = await overview.keyFigures(locals.db, today, { scope: rowScope(locals.user, 'read'), agrements: canSee(locals.user, 'accueil.agrements') });
	const empty = figures.communes === 0 && figures.cs + figures.evs === 0;
	return { today, figures, empty, map: empty ? null : await geo.loadMapData(locals.db) };
};
