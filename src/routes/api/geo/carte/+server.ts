import type { RequestHandler } from './$types';
import { mapGeometryResource } from '$lib/server/coverage/map-resource';
import { negotiateEncoding } from '$lib/server/http/negotiate.js';

/** A year: the URL names the content (`?v=` hash), so the same URL never changes. */
const IMMUTABLE = 'private, max-age=31536000, immutable';

/**
 * The coverage map's outlines (communes, EPCI, QPV) as TopoJSON, compressed once per version
 * (`$lib/server/coverage/map-resource.ts`), for `?date=` (QPV in force; default today). `?v=` the current version: cached by the browser for
 * a year; any other or no version: the current outlines, revalidated on each use (ETag). Signed-in
 * users only (resource `pilotage`), hence `private`: never kept by a shared cache.
 */
export const GET: RequestHandler = async ({ locals, url, request }) => {
	// The analysis date (its QPV generation); anything but a plain date means today.
	const date = url.searchParams.get('date');
	const resource = await mapGeometryResource(locals.db, date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : null);
	const current = url.searchParams.get('v') === resource.version;
	const encoding = negotiateEncoding(request.headers.get('accept-encoding'));
	const etag = `"${resource.version}${encoding ? `-${encoding === 'br' ? 'br' : 'gz'}` : ''}"`;
	const headers = new Headers({
		'Content-Type': 'application/json; charset=utf-8',
		'Cache-Control': current ? IMMUTABLE : 'private, no-cache',
		ETag: etag,
		Vary: 'Accept-Encoding'
	});
	const match = request.headers.get('if-none-match');
	if (match && match.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
		return new Response(null, { status: 304, headers });
	}
	const body = encoding === 'br' ? resource.brotli : encoding === 'gzip' ? resource.gzip : resource.body;
	if (encoding) headers.set('Content-Encoding', encoding);
	headers.set('Content-Length', String(body.length));
	return new Response(new Uint8Array(body), { headers });
};
