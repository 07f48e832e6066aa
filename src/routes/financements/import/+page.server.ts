import type { Actions, PageServerLoad } from './$types';
import { readForm } from '$lib/server/http/input-guard';
import { fail } from '@sveltejs/kit';
import { formatFundingIssue, runFundingImport, summariseFundingImport } from '$lib/server/import/funding';
import { runReferenceImport, summariseReferenceImport } from '$lib/server/import/reference-files';
import { maxUploadBytes } from '$lib/server/import/limits';
import { RejectedDataError } from '$lib/server/errors';
import { currentUser, requireStaff } from '../actions.server';
import { IMPORT_BUSY_MESSAGE, finishImport, tryStartImport } from '$lib/server/import/slot';

type FundingIssue = Parameters<typeof formatFundingIssue>[0];

export const load: PageServerLoad = async ({ locals }) => {
	requireStaff(currentUser(locals), 'L’import des financements est réservé à la Caf.');
	return { maxMb: Math.round(maxUploadBytes() / 1024 / 1024), demo: locals.dataset === 'demo' };
};

export const actions: Actions = {
	default: async ({ locals, request }) => {
		const user = currentUser(locals);
		requireStaff(user, 'L’import des financements est réservé à la Caf.');
		// The slot is taken before the upload is read: parallel uploads never pile up in memory.
		if (!tryStartImport()) return fail(409, { message: IMPORT_BUSY_MESSAGE });
		try {
			const form = await readForm(request);
			const file = form.get('fichier');
			if (!(file instanceof File) || file.size === 0) return fail(400, { message: 'Choisissez un fichier CSV ou XLSX.' });
			const content = String(form.get('contenu') ?? 'lignes');
			const input = {
				fileName: file.name,
				bytes: new Uint8Array(await file.arrayBuffer()),
				skipInvalid: form.get('ignorer') === '1',
				actor: user.email,
				userId: user.id
			};
			// Funders and instruments files: the same checks as the grids, all or nothing unless « ignorer ».
			if (content === 'partenaires' || content === 'dispositifs') {
				const report = await runReferenceImport(locals.db, { kind: content, ...input });
				return { report: reportView(report, summariseReferenceImport(report)) };
			}
			const report = await runFundingImport(locals.db, input);
			return { report: reportView(report, summariseFundingImport(report)) };
		} catch (e) {
			if (e instanceof RejectedDataError) return fail(400, { message: e.message });
			throw e;
		} finally {
			finishImport();
		}
	}
};

/** What the page shows of an import report (funding lines or a reference list). */
function reportView<R extends { status: string; fileName: string; counts: object; importLogId: number; issues: FundingIssue[] }>(report: R, summary: string) {
	return {
		status: report.status as R['status'],
		fileName: report.fileName,
		counts: report.counts as R['counts'],
		summary,
		importLogId: report.importLogId,
		issues: report.issues.map((i) => ({ severity: i.severity, message: formatFundingIssue(i) }))
	};
}
