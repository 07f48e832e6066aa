import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import * as documents from '$lib/server/db/documents';
import { attachmentHeader } from '$lib/pilotage/document-type';

/** Downloads a document of an agrément (resource `agrements`: read access is checked by the hook). */
export const GET: RequestHandler = async ({ locals, params }) => {
	if (!/^\d{1,9}$/.test(params.id) || !/^\d{1,9}$/.test(params.documentId)) error(404, 'Document introuvable');
	const doc = await documents.getWithContent(locals.db, Number(params.id), Number(params.documentId));
	if (!doc) error(404, 'Document introuvable');
	return new Response(doc.content as BodyInit, {
		headers: {
			'Content-Type': doc.mediaType,
			'Content-Length': String(doc.content.byteLength),
			'Content-Disposition': attachmentHeader(doc.fileName),
			'Cache-Control': 'private, no-store',
			'X-Content-Type-Options': 'nosniff'
		}
	});
};
