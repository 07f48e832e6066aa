/**
 * Server helpers of the web import (the endpoint and the page's no-JavaScript form action):
 * reading an upload into memory with a running size check, the French refusals, the file name
 * shown in the log, and one import at a time per server process.
 */

import { uploadTooLargeMessage } from '$lib/server/http/body-limits.js';
import { concatBytes } from '$lib/io/bytes';

/** The upload is larger than the limit: answered 413 before the rest is read. */
export class UploadTooLargeError extends Error {
	constructor(readonly maxBytes: number) {
		super(uploadTooLargeMessage(maxBytes));
		this.name = 'UploadTooLargeError';
	}
}

export { uploadTooLargeMessage } from '$lib/server/http/body-limits.js';

/**
 * Reads `body` into one buffer, refusing it as soon as more than `maxBytes` arrived (the rest
 * is not read: the stream is cancelled).
 * @throws UploadTooLargeError
 */
export async function readBodyWithLimit(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<Uint8Array> {
	if (!body) return new Uint8Array(0);
	const reader = body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > maxBytes) {
			await reader.cancel().catch(() => {});
			throw new UploadTooLargeError(maxBytes);
		}
		chunks.push(value);
	}
	return chunks.length === 1 ? chunks[0] : concatBytes(chunks, size);
}

/** A file name fit for the log: its base name, no control characters, at most 200 characters. */
export function cleanFileName(raw: string | null | undefined, fallback: string): string {
	const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
	// eslint-disable-next-line no-control-regex
	const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200);
	return clean || fallback;
}

export { IMPORT_BUSY_MESSAGE, finishImport, tryStartImport } from '$lib/server/import/slot';
