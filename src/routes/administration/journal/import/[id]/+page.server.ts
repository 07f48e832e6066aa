import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import * as audit from '$lib/server/db/audit';
import { IMPORT_KINDS, isImportKind } from '$lib/io/import-file';
import { ISSUE_CODES, type ImportIssue } from '$lib/io/issues';
import { formatIssue, severityLabel } from '$lib/io/messages-fr';
import { formatDateTime, importCountsText } from '../../describe';

/** Issues listed on the page; the rest are counted (the file's own report has them all). */
const MAX_ISSUES = 500;

function isIssue(value: unknown): value is ImportIssue {
	const v = value as Partial<ImportIssue> | null;
	return (
		v !== null &&
		typeof v === 'object' &&
		(v.severity === 'error' || v.severity === 'warning') &&
		(ISSUE_CODES as readonly string[]).includes(String(v.code))
	);
}

export const load: PageServerLoad = async ({ locals, params }) => {
	const id = /^\d{1,9}$/.test(params.id) ? Number(params.id) : null;
	const log = id === null ? null : await audit.getImportLog(locals.db, id);
	if (!log) error(404, 'Import introuvable');
	const issues = log.issues.slice(0, MAX_ISSUES).map((issue) =>
		isIssue(issue)
			? { severity: severityLabel(issue), error: issue.severity === 'error', text: formatIssue(issue) }
			: { severity: 'Problème', error: true, text: JSON.stringify(issue) }
	);
	return {
		log: {
			id: log.id,
			atText: formatDateTime(log.at, { seconds: true }),
			at: log.at,
			actor: log.actor,
			kindLabel: isImportKind(log.kind) ? IMPORT_KINDS[log.kind].label : log.kind,
			fileName: log.fileName,
			fileHash: log.fileHash,
			status: log.status,
			statusLabel: audit.importStatusLabel(log.status),
			countsText: importCountsText(log.counts),
			counts: log.counts
		},
		issues,
		issueCount: log.issues.length,
		errorCount: log.issues.filter((i) => isIssue(i) && i.severity === 'error').length
	};
};
