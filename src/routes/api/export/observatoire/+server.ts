import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { isObservatoryFormat, observatoryFile } from '$lib/server/observatory';
import { downloadResponse } from '$lib/server/http/download';

/**
 * The observatory export of `?annee=` in `?format=csv|xlsx|json` (resource `exports`, staff). A CSV
 * holds the records, or with `?partie=detail` the detail rows (activities, partners, contracts).
 */
export const GET: RequestHandler = async ({ locals, url }) => {
	const year = url.searchParams.get('annee') ?? '';
	const format = url.searchParams.get('format') ?? 'csv';
	const part = url.searchParams.get('partie') ?? 'fiches';
	if (!/^\d{4}$/.test(year)) error(400, 'Le paramètre annee attend une année sur 4 chiffres.');
	if (!isObservatoryFormat(format)) error(400, 'Le paramètre format attend csv, xlsx ou json.');
	if (part !== 'fiches' && part !== 'detail') error(400, 'Le paramètre partie attend fiches ou detail.');
	const file = await observatoryFile(locals.db, Number(year), format, new Date(), { part });
	return downloadResponse(file.body as BodyInit, file.fileName, file.contentType);
};
