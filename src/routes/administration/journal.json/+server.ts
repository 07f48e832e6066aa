import type { RequestHandler } from './$types';
import * as audit from '$lib/server/db/audit';
import { isoDateInParis } from '$lib/format';
import { parseJournalQuery } from '../journal/filters';
import { textStream } from '../journal/stream';
import { downloadResponse, JSON_TYPE } from '$lib/server/http/download';

/** The audit log, filtered like the journal page (same query string), as a JSON array of entries. */
export const GET: RequestHandler = ({ locals, url }) => {
	const { filters } = parseJournalQuery(url.searchParams);
	return downloadResponse(textStream(audit.exportJson(locals.db, filters)), `maillage-journal-${isoDateInParis(new Date())}.json`, JSON_TYPE);
};
