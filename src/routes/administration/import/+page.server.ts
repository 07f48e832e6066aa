import { fail } from '@sveltejs/kit';
import { readForm } from '$lib/server/http/input-guard';
import type { Actions, PageServerLoad } from './$types';
import * as importLog from '$lib/server/db/import-log';
import { DEMO_DATABASE_MESSAGE, isImportKind, maxUploadBytes, runImport } from '$lib/server/import';
import { toWebReport } from '../../api/import/protocol';
import { isInseePoleDefinition } from '$lib/io/to-poles-insee';
import { IMPORT_BUSY_MESSAGE, cleanFileName, finishImport, tryStartImport, uploadTooLargeMessage } from '../../api/import/web-import.server';

export const load: PageServerLoad = async ({ locals }) => ({
	recent: await importLog.listRecent(locals.db, 20),
	maxUploadBytes: maxUploadBytes(),
	demo: locals.dataset === 'demo',
	demoMessage: DEMO_DATABASE_MESSAGE
});

/** Multipart overhead allowed above the file's own size limit. */
const FORM_OVERHEAD = 64 * 1024;

export const actions: Actions = {
	/** The form without JavaScript: same import, no progress bar (the page shows the report). */
	importer: async ({ request, locals }) => {
		const user = locals.user;
		if (!user) return fail(401, { message: 'Connexion requise.' });
		if (locals.dataset === 'demo') return fail(409, { message: DEMO_DATABASE_MESSAGE });
		const maxBytes = maxUploadBytes();
		const declared = Number(request.headers.get('content-length'));
		if (!Number.isFinite(declared) || declared > maxBytes + FORM_OVERHEAD) return fail(413, { message: uploadTooLargeMessage(maxBytes) });
		// The slot is taken before the upload is read: parallel uploads never pile up in memory.
		if (!tryStartImport()) return fail(409, { message: IMPORT_BUSY_MESSAGE });
		try {
			const form = await readForm(request);
			const kind = String(form.get('kind') ?? '');
			const file = form.get('fichier');
			if (!isImportKind(kind)) return fail(400, { message: 'Choisissez le type de données à importer.' });
			const definition = String(form.get('definition') ?? '');
			if (kind === 'poles_insee' && !isInseePoleDefinition(definition)) {
				return fail(400, { message: 'Choisissez la définition des pôles : bassins de vie ou aires d’attraction des villes.' });
			}
			if (!(file instanceof File) || file.size === 0) return fail(400, { message: 'Choisissez un fichier à importer.' });
			if (file.size > maxBytes) return fail(413, { message: uploadTooLargeMessage(maxBytes) });
			const report = await runImport(locals.db, {
				kind,
				fileName: cleanFileName(file.name, `import-${kind}`),
				bytes: new Uint8Array(await file.arrayBuffer()),
				skipInvalid: form.get('skipInvalid') === 'on',
				qpvGeneration: kind === 'qpv' && /^\d{4}$/.test(String(form.get('generation') ?? '')) ? String(form.get('generation')) : null,
				keepAll: form.get('tout') === 'on',
				poleDefinition: isInseePoleDefinition(definition) ? definition : undefined,
				actor: user.email,
				userId: user.id
			});
			return { report: toWebReport(report) };
		} finally {
			finishImport();
		}
	}
};
