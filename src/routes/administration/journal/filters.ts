/**
 * The journal's filters live in the URL (bookmarkable, work without JavaScript), in French:
 * `?entite=app_user&identifiant=12&action=update&auteur=admin@caf.fr&du=2026-03-01&au=2026-03-31&page=2`.
 * The page and its CSV / JSON exports read them the same way.
 */
import { AUDIT_ACTIONS, isoDay, type AuditFilters } from '$lib/server/db/audit';
import { intParam, oneOf } from '$lib/ui/url';

/** The query parameters of the journal, by filter. */
export const JOURNAL_PARAMS = {
	entity: 'entite',
	entityId: 'identifiant',
	action: 'action',
	actor: 'auteur',
	from: 'du',
	to: 'au',
	page: 'page'
} as const;

/** Entries per page of the journal. */
export const JOURNAL_PAGE_SIZE = 50;

export interface JournalQuery {
	filters: Required<Pick<AuditFilters, 'entity' | 'entityId' | 'action' | 'actor' | 'from' | 'to'>>;
	page: number;
	/** French notes on values that were ignored (a malformed date, dates in the wrong order). */
	notes: string[];
}

function text(params: URLSearchParams, name: string, max = 254): string | null {
	const value = params.get(name)?.trim();
	return value ? value.slice(0, max) : null;
}

/** Reads the journal's filters from a query string; malformed values are ignored with a note. */
export function parseJournalQuery(params: URLSearchParams): JournalQuery {
	const notes: string[] = [];
	const rawFrom = text(params, JOURNAL_PARAMS.from, 10);
	const rawTo = text(params, JOURNAL_PARAMS.to, 10);
	let from = isoDay(rawFrom);
	let to = isoDay(rawTo);
	if (rawFrom && !from) notes.push(`Date de début ignorée : « ${rawFrom} » n’est pas une date (format attendu : AAAA-MM-JJ).`);
	if (rawTo && !to) notes.push(`Date de fin ignorée : « ${rawTo} » n’est pas une date (format attendu : AAAA-MM-JJ).`);
	if (from && to && from > to) {
		notes.push('La date de début était après la date de fin : les deux dates ont été inversées.');
		[from, to] = [to, from];
	}
	return {
		filters: {
			entity: text(params, JOURNAL_PARAMS.entity, 64),
			entityId: text(params, JOURNAL_PARAMS.entityId, 64),
			action: oneOf(params, JOURNAL_PARAMS.action, AUDIT_ACTIONS),
			actor: text(params, JOURNAL_PARAMS.actor),
			from,
			to
		},
		page: intParam(params, JOURNAL_PARAMS.page, 1),
		notes
	};
}

/** The query string of `filters` (no page), for the export links: `?entite=app_user&du=…`. */
export function journalSearch(filters: JournalQuery['filters']): string {
	const params = new URLSearchParams();
	for (const [key, name] of Object.entries(JOURNAL_PARAMS)) {
		const value = (filters as Record<string, string | null | undefined>)[key];
		if (value) params.set(name, value);
	}
	const query = params.toString();
	return query ? `?${query}` : '';
}
