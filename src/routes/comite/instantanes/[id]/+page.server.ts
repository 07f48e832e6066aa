import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import * as committee from '$lib/server/db/committee';
import { territoryMapLayout } from '$lib/server/pilotage/territory-map';
import { screenFromParam, screensOf } from '$lib/pilotage/committee-figures';
import { SnapshotFormatError, snapshotFiguresFor } from '$lib/pilotage/committee-snapshot';
import { formatDate } from '$lib/format';
import { committeeBodyLabels, label } from '$lib/ui/labels';

/**
 * A stored snapshot, shown as it was frozen for the viewer's audience (the commune outlines are
 * today's); older stored shapes are upgraded when read.
 */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	if (!locals.user) error(401, 'Connexion requise');
	if (!/^\d{1,9}$/.test(params.id)) error(404, 'Instantané introuvable');
	let snapshot;
	try {
		snapshot = await committee.getSnapshot(locals.db, Number(params.id));
	} catch (e) {
		if (e instanceof SnapshotFormatError) error(422, e.message);
		throw e;
	}
	if (!snapshot) error(404, 'Instantané introuvable');
	const figures = snapshotFiguresFor(snapshot.payload, locals.user);
	if (!figures) error(403, 'Cet instantané ne contient pas de chiffres pour votre compte.');
	const map = await territoryMapLayout(locals.db, figures.coverage);
	return {
		snapshot: { id: snapshot.id, title: snapshot.title, takenOn: snapshot.takenOn, body: snapshot.body, createdBy: snapshot.createdBy },
		figures,
		map,
		title: snapshot.title,
		subtitle: `Instantané figé le ${formatDate(snapshot.takenOn)} (${label(committeeBodyLabels, snapshot.body)}) — chiffres au ${formatDate(snapshot.payload.asOf)}`,
		screen: screenFromParam(url.searchParams.get('ecran'), screensOf(figures).length)
	};
};
