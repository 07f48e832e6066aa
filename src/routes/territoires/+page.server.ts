import type { PageServerLoad } from './$types';
import * as territories from '$lib/server/db/territories';
import { isoDateInParis } from '$lib/format';
import { intParam } from '$lib/ui/url';
import { COMMUNE_SORT_KEYS, type CommuneSortKey } from '$lib/ui/filters';
import { communeCategories, parseCategory } from '$lib/server/coverage/categories';

const PAGE_SIZE = 50;

/** `?tri=population` ascending, `?tri=-population` descending; unknown values fall back to the name. */
function parseSort(raw: string | null): { sort: CommuneSortKey; descending: boolean } {
	const descending = raw?.startsWith('-') ?? false;
	const key = (descending ? raw!.slice(1) : raw) as CommuneSortKey;
	return COMMUNE_SORT_KEYS.includes(key) ? { sort: key, descending } : { sort: 'nom', descending: false };
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const today = isoDateInParis(new Date());
	const params = url.searchParams;
	const q = (params.get('q') ?? '').trim().slice(0, 100);
	const epci = params.get('epci') || null;
	const { sort, descending } = parseSort(params.get('tri'));
	// Each commune's coverage category today (the analysis of /carte): a column and a filter.
	const category = parseCategory(params.get('categorie'));
	const categories = await communeCategories(locals.db, today);
	const codes = category && categories.byCode ? [...categories.byCode].filter(([, c]) => c === category).map(([code]) => code) : null;
	const [page, epcis, summary] = await Promise.all([
		territories.listCommunes(locals.db, today, {
			q,
			epci,
			codes,
			sort,
			descending,
			page: intParam(params, 'page', 1),
			pageSize: PAGE_SIZE
		}),
		territories.epciOptions(locals.db),
		territories.epciSummary(locals.db, today)
	]);
	const communes = { ...page, rows: page.rows.map((c) => ({ ...c, category: categories.byCode?.get(c.code) ?? null })) };
	return {
		today,
		q,
		epci,
		category,
		categories: { counts: categories.counts, error: categories.error },
		sort,
		descending,
		communes,
		epcis,
		summary
	};
};
