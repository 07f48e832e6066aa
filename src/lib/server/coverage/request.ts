/**
 * The parameters a user may give for one coverage run (CLI options, API query, page URL):
 * analysis date and the three thresholds, in km or in minutes. Validated here once, with French
 * messages; `checkRequestMetric` then refuses thresholds in the unit the analysis does not use
 * (`analysis.metric` in force at the date).
 */
import type { DistanceMetric } from '$lib/analysis';
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

/** A validated request: the analysis date and optional threshold overrides (km or minutes). */
export interface CoverageRequest extends CoverageOverrides {
	/** `YYYY-MM-DD`. */
	date: string;
}

/** Largest threshold accepted, km (a département is at most a few hundred km across). */
export const MAX_THRESHOLD_KM = 200;
/** Largest threshold accepted, minutes (four hours). */
export const MAX_THRESHOLD_MINUTES = 240;

/** The threshold overrides, km then minutes. */
export const THRESHOLD_OPTIONS = ['radiusCsKm', 'radiusEvsKm', 'isolationKm', 'radiusCsMinutes', 'radiusEvsMinutes', 'isolationMinutes'] as const;
export type ThresholdOption = (typeof THRESHOLD_OPTIONS)[number];

/** The same threshold in the other unit: `radiusCsKm` ↔ `radiusCsMinutes`. */
export const OTHER_UNIT: Readonly<Record<ThresholdOption, ThresholdOption>> = {
	radiusCsKm: 'radiusCsMinutes',
	radiusEvsKm: 'radiusEvsMinutes',
	isolationKm: 'isolationMinutes',
	radiusCsMinutes: 'radiusCsKm',
	radiusEvsMinutes: 'radiusEvsKm',
	isolationMinutes: 'isolationKm'
};

/** Raw values as typed by the user: numbers (CLI) or text (query string), absent as null/undefined/''. */
export type RawCoverageRequest = { date?: string | null } & Partial<Record<ThresholdOption, number | string | null>>;

/**
 * How each parameter is named to the user in messages, per interface (« L’option --radius-cs »).
 * A minute threshold without a name of its own is named as its km sibling.
 */
export type ParameterNames = { date: string; radiusCsKm: string; radiusEvsKm: string; isolationKm: string } & Partial<
	Record<'radiusCsMinutes' | 'radiusEvsMinutes' | 'isolationMinutes', string>
>;

/** Query parameter names of `/api/coverage`. */
export const API_KEYS = {
	date: 'date',
	radiusCsKm: 'radiusCs',
	radiusEvsKm: 'radiusEvs',
	isolationKm: 'isolation',
	radiusCsMinutes: 'radiusCsMinutes',
	radiusEvsMinutes: 'radiusEvsMinutes',
	isolationMinutes: 'isolationMinutes'
} as const;

export const CLI_NAMES: ParameterNames = {
	date: 'L’option --date',
	radiusCsKm: 'L’option --radius-cs',
	radiusEvsKm: 'L’option --radius-evs',
	isolationKm: 'L’option --isolation',
	radiusCsMinutes: 'L’option --radius-cs-minutes',
	radiusEvsMinutes: 'L’option --radius-evs-minutes',
	isolationMinutes: 'L’option --isolation-minutes'
};
export const API_NAMES: ParameterNames = {
	date: 'Le paramètre date',
	radiusCsKm: 'Le paramètre radiusCs',
	radiusEvsKm: 'Le paramètre radiusEvs',
	isolationKm: 'Le paramètre isolation',
	radiusCsMinutes: 'Le paramètre radiusCsMinutes',
	radiusEvsMinutes: 'Le paramètre radiusEvsMinutes',
	isolationMinutes: 'Le paramètre isolationMinutes'
};

/** The user-facing name of a threshold option. */
export function nameOf(names: ParameterNames, option: ThresholdOption): string {
	return names[option] ?? names[OTHER_UNIT[option] as 'radiusCsKm' | 'radiusEvsKm' | 'isolationKm'];
}

const isMinutes = (option: ThresholdOption) => option.endsWith('Minutes');

function threshold(value: number | string | null | undefined, name: string, minutes: boolean): number | undefined {
	if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) return undefined;
	const n = typeof value === 'number' ? value : Number(value.trim().replace(',', '.'));
	if (!Number.isFinite(n)) {
		throw new CoverageRequestError(`${name} attend ${minutes ? 'un temps de trajet en minutes' : 'une distance en km'} (reçu « ${value} »).`);
	}
	const max = minutes ? MAX_THRESHOLD_MINUTES : MAX_THRESHOLD_KM;
	if (n < 0 || n > max) {
		throw new CoverageRequestError(`${name} doit être compris entre 0 et ${max} ${minutes ? 'min' : 'km'} (reçu ${String(value).replace('.', ',')}).`);
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
	for (const option of THRESHOLD_OPTIONS) {
		const value = threshold(raw[option], nameOf(names, option), isMinutes(option));
		if (value !== undefined) request[option] = value;
	}
	return request;
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/**
 * Refuses thresholds given in the unit the analysis does not use: with `analysis.metric = km`
 * the thresholds are distances, with `minutes` travel times.
 * @throws CoverageRequestError naming the parameter and the one to use instead
 */
export function checkRequestMetric(request: CoverageRequest, metric: DistanceMetric, names: ParameterNames): void {
	for (const option of THRESHOLD_OPTIONS) {
		if (request[option] === undefined || isMinutes(option) === (metric === 'minutes')) continue;
		const given = isMinutes(option) ? 'un temps de trajet en minutes' : 'une distance en km';
		const used = metric === 'minutes' ? 'des temps de trajet en minutes' : 'des distances en km';
		throw new CoverageRequestError(
			`${nameOf(names, option)} donne ${given}, mais les seuils de l’analyse au ${request.date} sont ${used} ` +
				`(paramètre de référence « analysis.metric » = ${metric}) : utilisez ${lowerFirst(nameOf(names, OTHER_UNIT[option]))}.`
		);
	}
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
	const raw: RawCoverageRequest = { date: query.get(API_KEYS.date) };
	for (const option of THRESHOLD_OPTIONS) {
		const value = query.get(API_KEYS[option]);
		if (value !== null) raw[option] = value;
	}
	return raw;
}
