import { canSee, rowScope } from '$lib/domain/policy';
import type { PageServerLoad } from './$types';
import * as overview from '$lib/server/db/overview';
import * as geo from '$lib/server/db/geo';
import { isoDateInParis } from '$lib/format';
import { mayOpen } from '$lib/server/auth/routes';

/** The pages the overview links to; each link shows only for the roles that may open it. */
const LINKED = ['/territoires', '/structures', '/agrements', '/financements', '/accord-cadre', '/schema-directeur', '/carte', '/administration'] as const;

export const load: PageServerLoad = async ({ locals }) => {
	const today = isoDateInParis(new Date());
	// Funding totals cover only the lines this user may see (own + published for partners).
	// Agréments to renew and vacant posts only for those who may read agréments.
	const figures = await overview.keyFigures(locals.db, today, { scope: rowScope(locals.user, 'read'), agrements: canSee(locals.user, 'accueil.agrements') });
	const empty = figures.communes === 0 && figures.cs + figures.evs === 0;
	const may = Object.fromEntries(LINKED.map((href) => [href, mayOpen(locals.user, href)])) as Record<(typeof LINKED)[number], boolean>;
	return { today, figures, empty, may, map: empty ? null : await geo.loadMapData(locals.db) };
};
