import type { Actions, PageServerLoad } from './$types';
import { fail } from '@sveltejs/kit';
import { formatFundingIssue, runFundingImport, summariseFundingImport } from '$lib/server/import/funding';
import { maxUploadBytes } from '$lib/server/import/limits';
import { RejectedDataError } from '$lib/server/errors';
import { currentUser, requireStaff } from '../actions.server';
import { IMPORT_BUSY_MESSAGE, finishImport, tryStartImport } from '$lib/server/import/slot';

export const load: PageServerLoad = async ({ locals }) => {
	requireStaff(currentUser(locals), 'L’import des financements est réservé à la CAF.');
	return { maxMb: Math.round(maxUploadBytes() / 1024 / 1024), demo: locals.dataset === 'demo' };
};

export const actions: Actions = {
	default: async ({ locals, request }) => {
		const user = currentUser(locals);
		requireStaff(user, 'L’import des financements est réservé à la CAF.');
		// The slot is taken before the upload is read: parallel uploads never pile up in memory.
		if (!tryStartImport()) return fail(409, { message: IMPORT_BUSY_MESSAGE });
		try {
			const form = await request.formData();
			const file = form.get('fichier');
			if (!(file instanceof File) || file.size === 0) return fail(400, { message: 'Choisissez un fichier CSV ou XLSX.' });
			const report = await runFundingImport(locals.db, {
				fileName: file.name,
				bytes: new Uint8Array(await file.arrayBuffer()),
				skipInvalid: form.get('ignorer') === '1',
				actor: user.email,
				userId: user.id
			});
			return {
				report: {
					status: report.status,
					fileName: report.fileName,
					counts: report.counts,
					summary: summariseFundingImport(report),
					importLogId: report.importLogId,
					issues: report.issues.map((i) => ({ severity: i.severity, message: formatFundingIssue(i) }))
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
