import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import * as committee from '$lib/server/db/committee';
import { territoryMapLayout } from '$lib/server/pilotage/territory-map';
import { FIGURES_VERSION, figuresForViewer, screenFromParam } from '$lib/pilotage/committee-figures';
import { can } from '$lib/domain/policy';
import { formatDate } from '$lib/format';
import { committeeBodyLabels, label } from '$lib/ui/labels';

/** A stored snapshot, shown as it was frozen (the commune outlines are today's). */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	if (!/^\d{1,9}$/.test(params.id)) error(404, 'Instantané introuvable');
	const snapshot = await committee.getSnapshot(locals.db, Number(params.id));
	if (!snapshot) error(404, 'Instantané introuvable');
	if (snapshot.figures.version !== FIGURES_VERSION) error(500, 'Instantané enregistré dans un format que cette version de Maillage ne sait pas afficher.');
	const map = await territoryMapLayout(locals.db, snapshot.figures.coverage);
	return {
		snapshot: { id: snapshot.id, title: snapshot.title, takenOn: snapshot.takenOn, body: snapshot.body, createdBy: snapshot.createdBy },
		figures: figuresForViewer(snapshot.figures, can(locals.user, 'pilotage', 'write')),
		map,
		title: snapshot.title,
		subtitle: `Instantané figé le ${formatDate(snapshot.takenOn)} (${label(committeeBodyLabels, snapshot.body)}) — chiffres au ${formatDate(snapshot.figures.asOf)}`,
		screen: screenFromParam(url.searchParams.get('ecran'))
	};
};
