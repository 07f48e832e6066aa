import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { buildDossierData, UnknownEpciError } from '$lib/server/dossier/data';
import { dossierFileName, renderDossierPdf } from '$lib/server/dossier/pdf';
import { isoDateInParis } from '$lib/format';
import { downloadResponse } from '$lib/server/http/download';

/** The printed dossier of the département, or of `?epci=SIREN`, as a PDF (resource `exports`). */
export const GET: RequestHandler = async ({ locals, url }) => {
	const epci = url.searchParams.get('epci')?.trim() || null;
	if (epci !== null && !/^\d{9}$/.test(epci)) error(400, 'Le paramètre epci attend un SIREN de 9 chiffres.');
	try {
		const data = await buildDossierData(locals.db, isoDateInParis(new Date()), epci);
		const pdf = await renderDossierPdf(data);
		return downloadResponse(pdf as BodyInit, dossierFileName(data), 'application/pdf');
	} catch (e) {
		if (e instanceof UnknownEpciError) error(404, e.message);
		throw e;
	}
};
