import type { Actions, PageServerLoad } from './$types';
import { error, fail } from '@sveltejs/kit';
import { can } from '$lib/domain/policy';
import { runActivityImport, summariseActivityImport } from '$lib/server/import/activity';
import { maxUploadBytes } from '$lib/server/import/limits';
import { RejectedDataError } from '$lib/server/errors';
import { IMPORT_BUSY_MESSAGE, finishImport, tryStartImport } from '$lib/server/import/slot';

export const load: PageServerLoad = async ({ locals }) => {
	return { maxMb: Math.round(maxUploadBytes() / 1024 / 1024), demo: locals.dataset === 'demo' };
};

export const actions: Actions = {
	/** The structure-year file (`import activite`): all or nothing, one import at a time per server. */
	default: async ({ locals, request }) => {
		const user = locals.user;
		if (!user || !can(user, 'import', 'write')) error(403, 'L’import des données annuelles est réservé à la Caf.');
		// The slot is taken before the upload is read: parallel uploads never pile up in memory.
		if (!tryStartImport()) return fail(409, { message: IMPORT_BUSY_MESSAGE });
		try {
			const form = await request.formData();
			const file = form.get('fichier');
			if (!(file instanceof File) || file.size === 0) return fail(400, { message: 'Choisissez un fichier CSV ou XLSX.' });
			const report = await runActivityImport(locals.db, { fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()), actor: user.email, userId: user.id });
			return {
				report: {
					status: report.status,
					fileName: report.fileName,
					summary: summariseActivityImport(report),
					importLogId: report.importLogId,
					issues: report.issues.map((i) => ({ severity: i.severity, message: i.message, structureId: i.structureId ?? null, year: i.year ?? null }))
				}
			};
		} catch (e) {
			if (e instanceof RejectedDataError) return fail(400, { message: e.message });
			throw e;
		} finally {
			finishImport();
		}
	}
};
