import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { dictionaryFile } from '$lib/server/observatory';
import { downloadResponse } from '$lib/server/http/download';

/** The data dictionary of the observatory export, `?format=csv|json` (CSV: `?partie=fiches|detail`). */
export const GET: RequestHandler = async ({ url }) => {
	const format = url.searchParams.get('format') ?? 'csv';
	const part = url.searchParams.get('partie') ?? 'fiches';
	if (format !== 'csv' && format !== 'json') error(400, 'Le paramètre format attend csv ou json.');
	if (part !== 'fiches' && part !== 'detail') error(400, 'Le paramètre partie attend fiches ou detail.');
	const file = dictionaryFile(format, part);
	return downloadResponse(file.body as BodyInit, file.fileName, file.contentType);
};
