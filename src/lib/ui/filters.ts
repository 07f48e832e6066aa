/**
 * Values of the URL filters shared by pages and repositories (kept out of `$lib/server` so
 * the pages can use them in the browser too).
 */

/** `?epci=aucun`: communes (or structures) outside any EPCI. */
export const NO_EPCI = 'aucun';

/** `?gestion=non_renseigne`: structures without a recorded management mode. */
export const MANAGEMENT_MODE_UNSET = 'non_renseigne';

/** The sortable columns of the commune table (`?tri=population`, `?tri=-population` descending). */
export const COMMUNE_SORT_KEYS = ['nom', 'code', 'population', 'structures', 'epci'] as const;
export type CommuneSortKey = (typeof COMMUNE_SORT_KEYS)[number];
