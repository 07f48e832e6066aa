import type { PageServerLoad } from './$types';
import * as audit from '$lib/server/db/audit';
import { JOURNAL_PAGE_SIZE, journalSearch, parseJournalQuery } from './filters';
import { toJournalItem } from './describe';

export const load: PageServerLoad = async ({ locals, url }) => {
	const query = parseJournalQuery(url.searchParams);
	const [total, options] = await Promise.all([audit.count(locals.db, query.filters), audit.filterOptions(locals.db)]);
	const pageCount = Math.max(1, Math.ceil(total / JOURNAL_PAGE_SIZE));
	const page = Math.min(query.page, pageCount);
	const entries = await audit.list(locals.db, { ...query.filters, limit: JOURNAL_PAGE_SIZE, offset: (page - 1) * JOURNAL_PAGE_SIZE });
	return {
		filters: query.filters,
		notes: query.notes,
		page,
		pageCount,
		total,
		items: entries.map(toJournalItem),
		options: {
			entities: options.entities,
			actors: options.actors,
			actions: audit.AUDIT_ACTIONS.map((code) => ({ code, label: audit.AUDIT_ACTION_LABELS[code] }))
		},
		exportSearch: journalSearch(query.filters)
	};
};
