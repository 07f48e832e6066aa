import type { RequestHandler } from './$types';
import * as audit from '$lib/server/db/audit';
import { isoDateInParis } from '$lib/format';
import { parseJournalQuery } from '../journal/filters';
import { textStream } from '../journal/stream';

/** The audit log, filtered like the journal page (same query string), as a JSON array of entries. */
export const GET: RequestHandler = ({ locals, url }) => {
	const { filters } = parseJournalQuery(url.searchParams);
	return new Response(textStream(audit.exportJson(locals.db, filters)), {
		headers: {
			'Content-Type': 'application/json; charset=utf-8',
			'Content-Disposition': `attachment; filename="maillage-journal-${isoDateInParis(new Date())}.json"`,
			'Cache-Control': 'no-store'
		}
	});
};
