/**
 * The filters of the funding pages, kept in the URL (`?annee=2025&financeur=3&statut=verse`) so
 * every view can be bookmarked and works without JavaScript. The repositories apply them in SQL;
 * `matchesFundingFilters` is the same rule in memory (used by tests as the oracle).
 */
import { FUNDING_STATUSES, type FundingFact, type FundingStatus, type StructureType } from './types';

/** `?epci=aucun`: structures whose commune is outside any EPCI. */
export const NO_EPCI = 'aucun';

export interface FundingFilters {
	year: number | null;
	partnerId: number | null;
	instrumentId: number | null;
	structureId: number | null;
	structureType: StructureType | null;
	/** An EPCI SIREN, or `NO_EPCI`. */
	epci: string | null;
	/** Kept statuses; empty means every status. */
	statuses: FundingStatus[];
}

export const EMPTY_FILTERS: FundingFilters = {
	year: null,
	partnerId: null,
	instrumentId: null,
	structureId: null,
	structureType: null,
	epci: null,
	statuses: []
};

/** Query parameter names, in French like the rest of the URLs. */
export const FILTER_PARAMS = {
	year: 'annee',
	partnerId: 'financeur',
	instrumentId: 'dispositif',
	structureId: 'structure',
	structureType: 'type',
	epci: 'epci',
	statuses: 'statut'
} as const satisfies Record<keyof FundingFilters, string>;

function positiveInt(raw: string | null): number | null {
	if (raw === null || !/^\d{1,9}$/.test(raw.trim())) return null;
	const n = Number(raw);
	return n > 0 ? n : null;
}

/** Reads the filters of a query string; unreadable values are ignored (not an error). */
export function parseFundingFilters(params: URLSearchParams): FundingFilters {
	const year = positiveInt(params.get(FILTER_PARAMS.year));
	const type = params.get(FILTER_PARAMS.structureType);
	const epci = params.get(FILTER_PARAMS.epci)?.trim() ?? '';
	const statuses = FUNDING_STATUSES.filter((s) => params.getAll(FILTER_PARAMS.statuses).includes(s));
	return {
		year: year !== null && year >= 1900 && year <= 2200 ? year : null,
		partnerId: positiveInt(params.get(FILTER_PARAMS.partnerId)),
		instrumentId: positiveInt(params.get(FILTER_PARAMS.instrumentId)),
		structureId: positiveInt(params.get(FILTER_PARAMS.structureId)),
		structureType: type === 'CS' || type === 'EVS' ? type : null,
		epci: epci === NO_EPCI || /^\d{9}$/.test(epci) ? epci : null,
		statuses: statuses.length === FUNDING_STATUSES.length ? [] : statuses
	};
}

/** The query string of `filters` (defaults left out), to build links that keep them. */
export function fundingFiltersToParams(filters: FundingFilters): URLSearchParams {
	const params = new URLSearchParams();
	if (filters.year !== null) params.set(FILTER_PARAMS.year, String(filters.year));
	if (filters.partnerId !== null) params.set(FILTER_PARAMS.partnerId, String(filters.partnerId));
	if (filters.instrumentId !== null) params.set(FILTER_PARAMS.instrumentId, String(filters.instrumentId));
	if (filters.structureId !== null) params.set(FILTER_PARAMS.structureId, String(filters.structureId));
	if (filters.structureType !== null) params.set(FILTER_PARAMS.structureType, filters.structureType);
	if (filters.epci !== null) params.set(FILTER_PARAMS.epci, filters.epci);
	for (const s of filters.statuses) params.append(FILTER_PARAMS.statuses, s);
	return params;
}

/** True when at least one filter is set. */
export function hasFundingFilters(filters: FundingFilters): boolean {
	return fundingFiltersToParams(filters).toString() !== '';
}

/** Whether `fact` passes `filters` (the SQL of the repositories, in memory). */
export function matchesFundingFilters(fact: FundingFact, filters: FundingFilters): boolean {
	if (filters.year !== null && fact.year !== filters.year) return false;
	if (filters.partnerId !== null && fact.partnerId !== filters.partnerId) return false;
	if (filters.instrumentId !== null && fact.instrumentId !== filters.instrumentId) return false;
	if (filters.structureId !== null && fact.structureId !== filters.structureId) return false;
	if (filters.structureType !== null && fact.structureType !== filters.structureType) return false;
	if (filters.epci !== null) {
		if (filters.epci === NO_EPCI ? fact.epciSiren !== null : fact.epciSiren !== filters.epci) return false;
	}
	if (filters.statuses.length > 0 && !filters.statuses.includes(fact.status)) return false;
	return true;
}
