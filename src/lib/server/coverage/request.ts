/**
 * The parameters a user may give for one coverage run (CLI options, API query, page URL):
 * analysis date and the three thresholds in km. Validated here once, with French messages.
 */
import { parseIsoDate } from '$lib/format';
import { UserFacingError } from '../errors';
import type { CoverageOverrides } from './parameters';

/** A bad parameter of a coverage request: exit 2 on the CLI, HTTP 400 on the API. */
export class CoverageRequestError extends UserFacingError {
	constructor(message: string) {
		super(message, 2);
		this.name = 'CoverageRequestError';
	}
}

/** A validated request: the analysis date and optional threshold overrides (km). */
export interface CoverageRequest extends CoverageOverrides {
	/** `YYYY-MM-DD`. */
	date: string;
}

/** Largest threshold accepted, km (a département is at most a few hundred km across). */
export const MAX_THRESHOLD_KM = 200;

/** Raw values as typed by the user: numbers (CLI) or text (query string), absent as null/undefined/''. */
export interface RawCoverageRequest {
	date?: string | null;
	radiusCsKm?: number | string | null;
	radiusEvsKm?: number | string | null;
	isolationKm?: number | string | null;
}

/** How each parameter is named to the user in messages, per interface (« L’option --radius-cs »). */
export interface ParameterNames {
	date: string;
	radiusCsKm: string;
	radiusEvsKm: string;
	isolationKm: string;
}

/** Query parameter names of `/api/coverage`. */
export const API_KEYS = { date: 'date', radiusCsKm: 'radiusCs', radiusEvsKm: 'radiusEvs', isolationKm: 'isolation' } as const;

export const CLI_NAMES: ParameterNames = {
	date: 'L’option --date',
	radiusCsKm: 'L’option --radius-cs',
	radiusEvsKm: 'L’option --radius-evs',
	isolationKm: 'L’option --isolation'
};
export const API_NAMES: ParameterNames = {
	date: 'Le paramètre date',
	radiusCsKm: 'Le paramètre radiusCs',
	radiusEvsKm: 'Le paramètre radiusEvs',
	isolationKm: 'Le paramètre isolation'
};

function threshold(value: number | string | null | undefined, name: string): number | undefined {
	if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) return undefined;
	const n = typeof value === 'number' ? value : Number(value.trim().replace(',', '.'));
	if (!Number.isFinite(n)) throw new CoverageRequestError(`${name} attend une distance en km (reçu « ${value} »).`);
	if (n < 0 || n > MAX_THRESHOLD_KM) {
		throw new CoverageRequestError(`${name} doit être compris entre 0 et ${MAX_THRESHOLD_KM} km (reçu ${String(value).replace('.', ',')}).`);
	}
	return n;
}

function isoDate(value: string | null | undefined, name: string, today: string): string {
	if (value === null || value === undefined || value.trim() === '') return today;
	const text = value.trim();
	try {
		const { year } = parseIsoDate(text);
		if (year < 1900 || year > 2200) throw new Error('out of range');
	} catch {
		throw new CoverageRequestError(`${name} attend une date réelle au format AAAA-MM-JJ (reçu « ${value} »).`);
	}
	return text;
}

/**
 * Validates a raw request. The date defaults to `today`.
 * @throws CoverageRequestError with a French message naming the parameter as the user typed it
 */
export function parseCoverageRequest(raw: RawCoverageRequest, today: string, names: ParameterNames): CoverageRequest {
	const request: CoverageRequest = { date: isoDate(raw.date, names.date, today) };
	const radiusCsKm = threshold(raw.radiusCsKm, names.radiusCsKm);
	const radiusEvsKm = threshold(raw.radiusEvsKm, names.radiusEvsKm);
	const isolationKm = threshold(raw.isolationKm, names.isolationKm);
	if (radiusCsKm !== undefined) request.radiusCsKm = radiusCsKm;
	if (radiusEvsKm !== undefined) request.radiusEvsKm = radiusEvsKm;
	if (isolationKm !== undefined) request.isolationKm = isolationKm;
	return request;
}

/** The query parameters of `/api/coverage` as a raw request; unknown parameters are refused. */
export function rawRequestFromQuery(query: URLSearchParams): RawCoverageRequest {
	const known = new Set<string>(Object.values(API_KEYS));
	for (const key of query.keys()) {
		if (!known.has(key)) {
			throw new CoverageRequestError(`Paramètre inconnu : « ${key} ». Paramètres acceptés : ${[...known].join(', ')}.`);
		}
	}
	for (const key of known) {
		if (query.getAll(key).length > 1) throw new CoverageRequestError(`Le paramètre « ${key} » est donné plusieurs fois.`);
	}
	return {
		date: query.get(API_KEYS.date),
		radiusCsKm: query.get(API_KEYS.radiusCsKm),
		radiusEvsKm: query.get(API_KEYS.radiusEvsKm),
		isolationKm: query.get(API_KEYS.isolationKm)
	};
}
