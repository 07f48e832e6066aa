/**
 * One coverage run from the database, shared by the CLI (`analyze coverage --json`), the API
 * (`GET /api/coverage`) and the Priorités page: parameters in force at the date (+ overrides),
 * inputs, the pure analysis (timed alone), and the JSON report
 * `{ parameters, summary, timings: { analysisMs }, communes }` with French reasons.
 */
import type { Kysely } from 'kysely';
import {
	analyzeCoverage,
	explainReasons,
	type CoverageCategory,
	type CoverageResult,
	type CoverageSummary,
	type ExplainedReason,
	type PointId,
	type ReasonNames
} from '$lib/analysis';
import { RejectedDataError } from '../errors';
import type { Database } from '../db/schema';
import { loadCoverageInputs, type CoverageInputs } from './inputs';
import { loadCoverageParameters, withOverrides, type CoverageParameters, type ReportedParameters } from './parameters';
import type { CoverageRequest } from './request';

/** One commune of the report. Distances in km, null where there is none. */
export interface CoverageReportCommune {
	code: string;
	name: string;
	population: number;
	covered: boolean;
	isolated: boolean | null;
	reinforce: boolean | null;
	category: CoverageCategory;
	nearestStructureKm: number | null;
	nearestStructureId: PointId | null;
	nearestCsKm: number | null;
	nearestEvsKm: number | null;
	nearestPoleKm: number | null;
	accessibility: number;
	reasons: ExplainedReason[];
}

/** The JSON of `analyze coverage --json` and `GET /api/coverage`. */
export interface CoverageReport {
	parameters: ReportedParameters;
	summary: CoverageSummary;
	timings: { analysisMs: number };
	communes: CoverageReportCommune[];
}

/** A run: the report, and what produced it (for summaries and pages). */
export interface CoverageRun {
	report: CoverageReport;
	result: CoverageResult;
	inputs: CoverageInputs;
	parameters: CoverageParameters;
	/** Time spent reading the database, ms. */
	loadMs: number;
}

/** Names of structures and poles for the reason sentences. */
export function reasonNames(inputs: Pick<CoverageInputs, 'structures' | 'poles'>): ReasonNames {
	const structures = new Map(inputs.structures.map((s) => [String(s.id), s.name]));
	const poles = new Map(inputs.poles.map((p) => [String(p.id), p.name]));
	return { structureName: (id) => structures.get(String(id)), poleName: (id) => poles.get(String(id)) };
}

/** The report of a result; `analysisMs` rounded to 0.01 ms. */
export function toCoverageReport(
	result: CoverageResult,
	inputs: Pick<CoverageInputs, 'structures' | 'poles'>,
	parameters: CoverageParameters,
	analysisMs: number
): CoverageReport {
	const names = reasonNames(inputs);
	return {
		parameters: { ...result.parameters, sources: parameters.sources },
		summary: result.summary,
		timings: { analysisMs: Math.round(analysisMs * 100) / 100 },
		communes: result.communes.map((c) => ({
			code: c.code,
			name: c.name,
			population: c.population,
			covered: c.covered,
			isolated: c.isolated,
			reinforce: c.reinforce,
			category: c.category,
			nearestStructureKm: c.nearestStructureKm,
			nearestStructureId: c.nearestStructureId,
			nearestCsKm: c.nearestCsKm,
			nearestEvsKm: c.nearestEvsKm,
			nearestPoleKm: c.nearestPoleKm,
			accessibility: c.accessibility,
			reasons: explainReasons(c.reasons, names)
		}))
	};
}

/** Parameters in force at the request's date, with its overrides. */
export async function requestParameters(db: Kysely<Database>, request: CoverageRequest): Promise<CoverageParameters> {
	const { date, ...overrides } = request;
	return withOverrides(await loadCoverageParameters(db, date), overrides);
}

/**
 * Runs the analysis of `request` on the database.
 * @throws RejectedDataError when no commune is loaded, or a parameter in force is unusable
 */
export async function runCoverageAnalysis(db: Kysely<Database>, request: CoverageRequest): Promise<CoverageRun> {
	const started = performance.now();
	const [parameters, inputs] = await Promise.all([requestParameters(db, request), loadCoverageInputs(db, request.date)]);
	const loadMs = performance.now() - started;
	if (inputs.communes.length === 0) {
		throw new RejectedDataError(
			'Aucune commune dans la base : importez le référentiel territorial, ou chargez le département de démonstration (maillage db seed-demo).'
		);
	}
	const analysisStart = performance.now();
	const result = analyzeCoverage(inputs, { ...parameters.options, date: request.date });
	const analysisMs = performance.now() - analysisStart;
	return { report: toCoverageReport(result, inputs, parameters, analysisMs), result, inputs, parameters, loadMs };
}
