/**
 * `GET /api/import/{id}/rapport.csv`: every issue of one import (severity, line, object, column,
 * code, French message) as CSV for spreadsheets (`;`, UTF-8 with BOM). Staff only (resource `import`).
 */
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import * as importLog from '$lib/server/db/import-log';
import { toCsv } from '$lib/io/csv-writer';
import { ISSUE_CSV_HEADERS, issueRows } from '../../protocol';
import { downloadResponse } from '$lib/server/http/download';

export const GET: RequestHandler = async ({ params, locals }) => {
	const id = /^\d{1,9}$/.test(params.id) ? Number(params.id) : null;
	const entry = id === null ? null : await importLog.getIssues(locals.db, id);
	if (!entry) error(404, 'Import introuvable');
	const body = toCsv(ISSUE_CSV_HEADERS, issueRows(entry.issues));
	return downloadResponse(body, `maillage-import-${entry.id}-${entry.kind}-rapport.csv`);
};
