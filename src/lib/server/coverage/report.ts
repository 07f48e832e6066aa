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
	poleDisplayName,
	resolveCoverageOptions,
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
import { API_NAMES, checkRequestMetric, type CoverageRequest, type ParameterNames } from './request';
import {
	communeTimeSources,
	reasonTimeSource,
	timeSourceLabels,
	travelTimeUse,
	type CommuneTimeSources,
	type TravelTimeUse
} from './time-sources';

/**
 * One commune of the report. Distances in km, null where there is none. With the `minutes`
 * metric, the travel times compared (minutes) and where each comes from (`timeSources`: the
 * imported matrix or the estimate) follow; the reasons then say it too.
 */
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
	nearestStructureMinutes?: number | null;
	nearestCsMinutes?: number | null;
	nearestEvsMinutes?: number | null;
	nearestPoleMinutes?: number | null;
	timeSources?: CommuneTimeSources;
	/** Present (true) for a commune of the border band, outside the département: not in `summary`. */
	horsDepartement?: true;
}

/**
 * The JSON of `analyze coverage --json` and `GET /api/coverage`. `travelTimes` (how the run used
 * travel times) is there when the thresholds are in minutes or a matrix is stored.
 */
export interface CoverageReport {
	parameters: ReportedParameters;
	summary: CoverageSummary;
	timings: { analysisMs: number };
	communes: CoverageReportCommune[];
	travelTimes?: TravelTimeUse;
}

/** A run: the report, and what produced it (for summaries and pages). */
export interface CoverageRun {
	report: CoverageReport;
	result: CoverageResult;
	inputs: CoverageInputs;
	parameters: CoverageParameters;
	/** Time spent reading the database, ms. */
	loadMs: number;
	/** Sources of the compared times per commune (order of `result.communes`); null with the km metric. */
	timeSources: CommuneTimeSources[] | null;
	travelTimes: TravelTimeUse;
}

/** Names of structures and poles for the reason sentences. */
export function reasonNames(inputs: Pick<CoverageInputs, 'structures' | 'poles'>): ReasonNames {
	const structures = new Map(inputs.structures.map((s) => [String(s.id), s.name]));
	const poles = new Map(inputs.poles.map((p) => [String(p.id), poleDisplayName(p)]));
	return { structureName: (id) => structures.get(String(id)), poleName: (id) => poles.get(String(id)) };
}

/**
 * The report of a result; `analysisMs` rounded to 0.01 ms. `inputs` must be the run's input when
 * the metric is `minutes` (the time sources are read from its matrix).
 */
export function toCoverageReport(
	result: CoverageResult,
	inputs: Pick<CoverageInputs, 'communes' | 'structures' | 'poles' | 'travelTimes'> & Partial<Pick<CoverageInputs, 'travelTimeSources' | 'travelTimesComplete'>>,
	parameters: CoverageParameters,
	analysisMs: number,
	timeSources: CommuneTimeSources[] | null = communeTimeSources(result, inputs)
): CoverageReport {
	const names = reasonNames(inputs);
	const labels = timeSourceLabels(result.parameters, inputs.travelTimesComplete ?? null);
	const use = travelTimeUse(result, inputs, timeSources);
	const report: CoverageReport = {
		parameters: { ...result.parameters, sources: parameters.sources },
		summary: result.summary,
		timings: { analysisMs: Math.round(analysisMs * 100) / 100 },
		communes: result.communes.map((c, i) => {
			const sources = timeSources?.[i];
			const reasons = explainReasons(c.reasons, names);
			const commune: CoverageReportCommune = {
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
				reasons: sources
					? reasons.map((r) => {
							const source = reasonTimeSource(r.code, sources);
							return source ? { ...r, text: `${r.text} — ${labels[source]}` } : r;
						})
					: reasons
			};
			if (c.outside) commune.horsDepartement = true;
			if (sources) {
				commune.nearestStructureMinutes = c.nearestStructureMinutes;
				commune.nearestCsMinutes = c.nearestCsMinutes;
				commune.nearestEvsMinutes = c.nearestEvsMinutes;
				commune.nearestPoleMinutes = c.nearestPoleMinutes;
				commune.timeSources = sources;
			}
			return commune;
		})
	};
	if (use.metric === 'minutes' || use.rows > 0) report.travelTimes = use;
	return report;
}

/** Parameters in force at the request's date, with its overrides. */
export async function requestParameters(db: Kysely<Database>, request: CoverageRequest): Promise<CoverageParameters> {
	const { date, ...overrides } = request;
	return withOverrides(await loadCoverageParameters(db, date), overrides);
}

/**
 * Runs the analysis of `request` on the database.
 * @param names how the request's parameters are named to the user (messages)
 * @throws CoverageRequestError when a threshold is given in the unit the analysis does not use
 * @throws RejectedDataError when no commune is loaded, or a parameter in force is unusable
 */
export async function runCoverageAnalysis(db: Kysely<Database>, request: CoverageRequest, names: ParameterNames = API_NAMES): Promise<CoverageRun> {
	const started = performance.now();
	const [parameters, inputs] = await Promise.all([requestParameters(db, request), loadCoverageInputs(db, request.date)]);
	const loadMs = performance.now() - started;
	checkRequestMetric(request, resolveCoverageOptions(parameters.options).metric, names);
	if (inputs.communes.length === 0) {
		throw new RejectedDataError(
			'Aucune commune dans la base : importez le référentiel territorial, ou chargez le département de démonstration (maillage db seed-demo).'
		);
	}
	const analysisStart = performance.now();
	const result = analyzeCoverage(inputs, { ...parameters.options, date: request.date });
	const analysisMs = performance.now() - analysisStart;
	const timeSources = communeTimeSources(result, inputs);
	const report = toCoverageReport(result, inputs, parameters, analysisMs, timeSources);
	return { report, result, inputs, parameters, loadMs, timeSources, travelTimes: travelTimeUse(result, inputs, timeSources) };
}
