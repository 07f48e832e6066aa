import type { PageServerLoad } from './$types';
import { buildCommitteeFigures } from '$lib/server/pilotage/committee';
import { territoryMapLayout } from '$lib/server/pilotage/territory-map';
import { figuresForViewer, screenFromParam } from '$lib/pilotage/committee-figures';
import { can } from '$lib/domain/policy';
import { formatDate, isoDateInParis } from '$lib/format';

/** The committee presentation with the figures of the day. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const today = isoDateInParis(new Date());
	const figures = await buildCommitteeFigures(locals.db, today);
	const map = await territoryMapLayout(locals.db, figures.coverage);
	return {
		figures: figuresForViewer(figures, can(locals.user, 'pilotage', 'write')),
		map,
		title: `Schéma directeur de l’animation de la vie sociale — ${figures.territoryName}`,
		subtitle: `Chiffres du jour, au ${formatDate(today)}`,
		screen: screenFromParam(url.searchParams.get('ecran'))
	};
};
