/** The document title and breadcrumb of a page (pure). */

/** One level above the current page in the breadcrumb. */
export interface Crumb {
	href: string;
	label: string;
}

/** `Lignes de financement — Financements — Maillage`: the page, its sections (nearest first), the app. */
export function documentTitle(title: string, crumbs: readonly Crumb[] = []): string {
	return [title, ...crumbs.map((c) => c.label).reverse(), 'Maillage'].join(' — ');
}
