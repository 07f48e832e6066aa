import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { dictionaryFile } from '$lib/server/observatory';

/** The data dictionary of the observatory export, `?format=csv|json`. */
export const GET: RequestHandler = async ({ url }) => {
	const format = url.searchParams.get('format') ?? 'csv';
	if (format !== 'csv' && format !== 'json') error(400, 'Le paramètre format attend csv ou json.');
	const file = dictionaryFile(format);
	return new Response(file.body as BodyInit, {
		headers: { 'Content-Type': file.contentType, 'Content-Disposition': `attachment; filename="${file.fileName}"`, 'Cache-Control': 'no-store' }
	});
};
