import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { committeeFiguresFor } from '$lib/server/pilotage/committee';
import { territoryMapLayout } from '$lib/server/pilotage/territory-map';
import { screenFromParam, screensOf } from '$lib/pilotage/committee-figures';
import { formatDate, isoDateInParis } from '$lib/format';

/** The committee presentation with the figures of the day, computed for the viewer's audience. */
export const load: PageServerLoad = async ({ locals, url }) => {
	if (!locals.user) error(401, 'Connexion requise');
	const today = isoDateInParis(new Date());
	const figures = await committeeFiguresFor(locals.db, locals.user, today);
	if (!figures) error(403, 'Accès refusé : votre compte n’est rattaché à aucun partenaire.');
	const map = await territoryMapLayout(locals.db, figures.coverage);
	return {
		figures,
		map,
		title: `Schéma directeur de l’animation de la vie sociale — ${figures.territoryName}`,
		subtitle: `Chiffres du jour, au ${formatDate(today)}`,
		screen: screenFromParam(url.searchParams.get('ecran'), screensOf(figures).length)
	};
};
