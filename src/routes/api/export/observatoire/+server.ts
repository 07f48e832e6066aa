import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { isObservatoryFormat, observatoryFile } from '$lib/server/observatory';

/** The observatory export of `?annee=` in `?format=csv|xlsx|json` (resource `exports`, staff). */
export const GET: RequestHandler = async ({ locals, url }) => {
	const year = url.searchParams.get('annee') ?? '';
	const format = url.searchParams.get('format') ?? 'csv';
	if (!/^\d{4}$/.test(year)) error(400, 'Le paramètre annee attend une année sur 4 chiffres.');
	if (!isObservatoryFormat(format)) error(400, 'Le paramètre format attend csv, xlsx ou json.');
	const file = await observatoryFile(locals.db, Number(year), format, new Date());
	return new Response(file.body as BodyInit, {
		headers: {
			'Content-Type': file.contentType,
			'Content-Disposition': `attachment; filename="${file.fileName}"`,
			'Cache-Control': 'private, no-store'
		}
	});
};
