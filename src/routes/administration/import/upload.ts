/**
 * Sends an import file to `/api/import` and reads the server's streamed events as they arrive
 * (one JSON object a line), with the browser's upload progress. Browser-only (XMLHttpRequest: the
 * Fetch API has no upload progress).
 */
import { parseEvents, type ImportStreamEvent } from '../../api/import/protocol';

export interface UploadHandlers {
	/** Bytes sent so far and the total. */
	onUploadProgress: (loaded: number, total: number) => void;
	/** The whole file has been sent; the server now reads, checks and writes. */
	onUploaded: () => void;
	onEvent: (event: ImportStreamEvent) => void;
}

/** Posts `file` to `url`; resolves with a French message when the upload or the answer failed, else null. */
export function sendImport(file: File, url: string, handlers: UploadHandlers): Promise<string | null> {
	return new Promise((resolve) => {
		const xhr = new XMLHttpRequest();
		let seen = 0;
		let buffer = '';
		const consume = () => {
			if (xhr.status !== 200) return;
			buffer += xhr.responseText.slice(seen);
			seen = xhr.responseText.length;
			const parsed = parseEvents(buffer);
			buffer = parsed.rest;
			parsed.events.forEach(handlers.onEvent);
		};
		xhr.open('POST', url);
		xhr.setRequestHeader('content-type', 'application/octet-stream');
		xhr.upload.onprogress = (p) => handlers.onUploadProgress(p.loaded, p.lengthComputable ? p.total : file.size);
		xhr.upload.onload = handlers.onUploaded;
		xhr.onprogress = consume;
		xhr.onload = () => {
			if (xhr.status === 200) {
				consume();
				if (buffer.trim()) parseEvents(buffer + '\n').events.forEach(handlers.onEvent);
				resolve(null);
				return;
			}
			let message = `Le serveur a refusé l’envoi (HTTP ${xhr.status}).`;
			try {
				message = (JSON.parse(xhr.responseText) as { message?: string }).message ?? message;
			} catch {
				// not JSON: keep the generic message
			}
			resolve(message);
		};
		xhr.onerror = () => resolve('L’envoi a échoué (connexion interrompue ?) : rien n’a été importé. Réessayez.');
		xhr.send(file);
	});
}
