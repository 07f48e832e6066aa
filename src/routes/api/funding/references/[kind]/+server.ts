/**
 * `GET /api/funding/references/partenaires?format=csv|xlsx` (or `dispositifs`): the funders or
 * instruments list as a file with the columns of its import (it reads back as is). Readable by
 * every signed-in user, like the lists themselves.
 */
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { exportReferences } from '$lib/server/import/reference-files';

export const GET: RequestHandler = async ({ params, url, locals }) => {
	const kind = params.kind;
	if (kind !== 'partenaires' && kind !== 'dispositifs') error(404, 'Liste inconnue : partenaires ou dispositifs.');
	const format = url.searchParams.get('format') ?? 'csv';
	if (format !== 'csv' && format !== 'xlsx') error(400, `Format inconnu : « ${format} » (csv ou xlsx).`);
	const file = await exportReferences(locals.db, kind, format);
	const name = kind === 'partenaires' ? 'financeurs' : 'dispositifs';
	return new Response(file.bytes as unknown as BodyInit, {
		headers: {
			'content-type': file.contentType,
			'content-disposition': `attachment; filename="${name}.${format}"`,
			'cache-control': 'no-store'
		}
	});
};
