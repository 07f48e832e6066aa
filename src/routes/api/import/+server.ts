/**
 * `POST /api/import?kind=communes&skipInvalid=1&fileName=…` with the raw file as body
 * (`application/octet-stream`): reads the upload with a running size check (413 in French past
 * MAILLAGE_MAX_UPLOAD_MB), then streams NDJSON — progress of parse, validate and write, then the
 * report — while `runImport` works. Refusals before the import starts are JSON `{ message }` with
 * a 4xx status. Staff only (resource `import`, enforced by the hooks).
 */
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { DEMO_DATABASE_MESSAGE, isImportKind, maxUploadBytes, runImport, type ImportPhase } from '$lib/server/import';
import { toWebReport, type ImportStreamEvent } from './protocol';
import { isInseePoleDefinition } from '$lib/io/to-poles-insee';
import {
	IMPORT_BUSY_MESSAGE,
	UploadTooLargeError,
	cleanFileName,
	finishImport,
	readBodyWithLimit,
	tryStartImport,
	uploadTooLargeMessage
} from './web-import.server';

/** An expected failure carrying a French message (UserFacingError, duck-typed across module copies). */
function isUserFacing(error: unknown): error is Error {
	const code = (error as { exitCode?: unknown } | null)?.exitCode;
	return error instanceof Error && (code === 1 || code === 2 || code === 3);
}

const refuse = (status: number, message: string) => json({ message }, { status, headers: { 'cache-control': 'no-store' } });

/** Sends a progress event at most every 1 % of a phase (and always its first and last). */
function throttle(send: (event: ImportStreamEvent) => void) {
	let phase: ImportPhase | null = null;
	let lastDone = -1;
	return (p: ImportPhase, done: number, total: number) => {
		const step = Math.max(1, Math.floor(total / 100));
		if (p === phase && done !== total && done - lastDone < step) return;
		if (p === phase && done === lastDone) return;
		phase = p;
		lastDone = done;
		send({ type: 'progress', phase: p, done, total });
	};
}

export const POST: RequestHandler = async ({ request, url, locals }) => {
	const user = locals.user;
	if (!user) return refuse(401, 'Connexion requise.');
	const kind = url.searchParams.get('kind') ?? '';
	if (!isImportKind(kind)) return refuse(400, `Type de données inconnu : « ${kind} ». Choisissez un type dans la liste.`);
	const definitionRaw = url.searchParams.get('definition') ?? '';
	const definition = isInseePoleDefinition(definitionRaw) ? definitionRaw : null;
	if (kind === 'poles_insee' && !definition) {
		return refuse(400, 'Choisissez la définition des pôles : bassins de vie ou aires d’attraction des villes.');
	}
	const type = request.headers.get('content-type')?.split(';')[0].trim();
	if (type !== 'application/octet-stream') {
		return refuse(415, 'Envoyez le fichier tel quel (Content-Type: application/octet-stream).');
	}
	// Cross-site requests cannot send this content type without a preflight we never grant; check the origin anyway.
	const origin = request.headers.get('origin');
	if (origin && origin !== url.origin) return refuse(403, 'Envoi refusé : il ne vient pas de cette application.');
	if (locals.dataset === 'demo') return refuse(409, DEMO_DATABASE_MESSAGE);

	const maxBytes = maxUploadBytes();
	const declared = Number(request.headers.get('content-length'));
	if (Number.isFinite(declared) && declared > maxBytes) return refuse(413, uploadTooLargeMessage(maxBytes));
	if (!tryStartImport()) return refuse(409, IMPORT_BUSY_MESSAGE);

	let bytes: Uint8Array;
	try {
		bytes = await readBodyWithLimit(request.body, maxBytes);
	} catch (error) {
		finishImport();
		if (error instanceof UploadTooLargeError) return refuse(413, error.message);
		return refuse(400, 'L’envoi du fichier a été interrompu : relancez l’import.');
	}
	if (bytes.byteLength === 0) {
		finishImport();
		return refuse(400, 'Le fichier envoyé est vide.');
	}

	const encoder = new TextEncoder();
	const fileName = cleanFileName(url.searchParams.get('fileName'), `import-${kind}`);
	// The import goes on to its end even if the page is closed: it is one transaction either way.
	let cancelled = false;
	const stream = new ReadableStream<Uint8Array>({
		start(controller) {
			const send = (event: ImportStreamEvent) => {
				if (!cancelled) controller.enqueue(encoder.encode(JSON.stringify(event) + '\n'));
			};
			// Not awaited: start() returns at once and each event reaches the client as it is sent.
			void (async () => {
				try {
					const report = await runImport(locals.db, {
						kind,
						fileName,
						bytes,
						skipInvalid: ['1', 'true', 'on'].includes(url.searchParams.get('skipInvalid') ?? ''),
						qpvGeneration: kind === 'qpv' && /^\d{4}$/.test(url.searchParams.get('generation') ?? '') ? url.searchParams.get('generation') : null,
						keepAll: ['1', 'true', 'on'].includes(url.searchParams.get('tout') ?? ''),
						poleDefinition: definition ?? undefined,
						actor: user.email,
						userId: user.id,
						onProgress: throttle(send)
					});
					send({ type: 'report', report: toWebReport(report) });
				} catch (error) {
					if (!isUserFacing(error)) console.error(error);
					send({
						type: 'error',
						message: isUserFacing(error) ? error.message : 'Une erreur interne a interrompu l’import : rien n’a été écrit. Réessayez, ou prévenez l’administrateur.'
					});
				} finally {
					finishImport();
					if (!cancelled) controller.close();
				}
			})();
		},
		cancel() {
			cancelled = true;
		}
	});
	return new Response(stream, {
		headers: {
			'content-type': 'application/x-ndjson; charset=utf-8',
			'cache-control': 'no-store',
			'x-accel-buffering': 'no'
		}
	});
};
