/**
 * Validation of a « Proposer des sites » request typed by a person (web form, CLI options, API
 * query): raw strings and numbers in, a `RecommendRequest` or issues out (French wording in
 * `messages-fr.ts`).
 */
import type { RecommendRequest } from './recommend';

/** Most sites one MCLP request may ask for. */
export const MAX_SITES = 50;

/** A problem with a request field. */
export interface RequestIssue {
	field: 'type' | 'k' | 'targetShare' | 'only' | 'weight' | 'epci';
	code: 'required' | 'invalid' | 'out_of_range' | 'exclusive';
	params: Record<string, string | number>;
}

/** Raw fields, as strings (forms, query strings) or numbers (CLI). */
export interface RawRecommendRequest {
	type?: string | null;
	k?: string | number | null;
	/** A share in (0, 1], or a percentage in (1, 100] (« 95 » = 95 %); a decimal comma is accepted. */
	targetShare?: string | number | null;
	/** Comma-separated `depourvue`, `isolee` (or a list). */
	only?: string | readonly string[] | null;
	epci?: string | null;
	weight?: string | null;
}

function number(value: string | number | null | undefined): number | null | undefined {
	if (value === null || value === undefined || value === '') return null;
	const n = typeof value === 'number' ? value : Number(value.trim().replace(',', '.'));
	return Number.isFinite(n) ? n : undefined;
}

/** Parses a request; `request` is null whenever there is an issue. */
export function parseRecommendRequest(raw: RawRecommendRequest): { request: RecommendRequest | null; issues: RequestIssue[] } {
	const issues: RequestIssue[] = [];
	const type = raw.type?.trim().toUpperCase();
	if (!type) issues.push({ field: 'type', code: 'required', params: {} });
	else if (type !== 'EVS' && type !== 'CS') issues.push({ field: 'type', code: 'invalid', params: { value: raw.type ?? '' } });
	const k = number(raw.k);
	let share = number(raw.targetShare);
	if (k === undefined || (k !== null && !Number.isInteger(k))) issues.push({ field: 'k', code: 'invalid', params: { value: String(raw.k) } });
	else if (k !== null && (k < 1 || k > MAX_SITES)) issues.push({ field: 'k', code: 'out_of_range', params: { min: 1, max: MAX_SITES } });
	if (share === undefined) issues.push({ field: 'targetShare', code: 'invalid', params: { value: String(raw.targetShare) } });
	else if (share !== null) {
		if (share > 1 && share <= 100) share = share / 100;
		if (!(share > 0 && share <= 1)) issues.push({ field: 'targetShare', code: 'out_of_range', params: { min: 0, max: 100 } });
	}
	if (k === null && share === null) issues.push({ field: 'k', code: 'required', params: {} });
	if (typeof k === 'number' && typeof share === 'number') issues.push({ field: 'targetShare', code: 'exclusive', params: {} });
	const onlyList = (typeof raw.only === 'string' ? raw.only.split(',') : (raw.only ?? [])).map((s) => s.trim().toLowerCase()).filter(Boolean);
	const only: ('depourvue' | 'isolee')[] = [];
	for (const value of onlyList) {
		const v = value.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/s$/, '');
		if (v === 'depourvue' || v === 'isolee') {
			if (!only.includes(v)) only.push(v);
		} else issues.push({ field: 'only', code: 'invalid', params: { value } });
	}
	const weight = raw.weight?.trim().toLowerCase() || 'population';
	const WEIGHTS: Record<string, 'population' | 'need' | 'priority'> = {
		population: 'population',
		need: 'need',
		besoin: 'need',
		priority: 'priority',
		prioritaire: 'priority',
		'qpv-zfrr': 'priority'
	};
	if (!(weight in WEIGHTS)) issues.push({ field: 'weight', code: 'invalid', params: { value: weight } });
	const weightKind = WEIGHTS[weight] ?? 'population';
	if (weightKind !== 'population' && typeof share === 'number' && k === null) issues.push({ field: 'weight', code: 'exclusive', params: {} });
	const epci = raw.epci?.trim() || null;
	if (epci !== null && !/^[0-9]{9}$/.test(epci)) issues.push({ field: 'epci', code: 'invalid', params: { value: epci } });
	if (issues.length > 0) return { request: null, issues };
	return {
		request: {
			type: type as 'CS' | 'EVS',
			k: k ?? null,
			targetShare: k === null ? (share as number) : null,
			only,
			epci,
			weight: weightKind
		},
		issues
	};
}
