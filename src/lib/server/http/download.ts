/**
 * The response of a file to download (CSV, JSON, PDF, XLSX exports): its type, `attachment` with
 * the file name, and never stored by caches (the content depends on the reader's rights). The one
 * place for these headers, so every export route says the same thing.
 */

export const CSV = 'text/csv; charset=utf-8';
export const JSON_TYPE = 'application/json; charset=utf-8';

/** `body` as the file `fileName` (a plain ASCII name chosen by the app, not by a user). */
export function downloadResponse(body: BodyInit, fileName: string, contentType: string = CSV): Response {
	return new Response(body, {
		headers: {
			'Content-Type': contentType,
			'Content-Disposition': `attachment; filename="${fileName}"`,
			'Cache-Control': 'private, no-store'
		}
	});
}
