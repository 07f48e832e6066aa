/**
 * Scenarios repository: named change lists over the current structures (never the structures
 * themselves). Every write goes through `createRow`/`updateRow`/`deleteRow`, so it is audited and
 * an edit based on an old version is refused (`ConflictError`). Changes are validated with
 * `parseScenarioChanges` on the way in and on the way out.
 */
import type { Kysely, Transaction } from 'kysely';
import { buildCoverageContext, type CoverageCategory, type CoverageOptionsInput, type PointId } from '$lib/analysis';
import type { ReinforcedCentre } from '$lib/analysis/evs-manager';
import {
	changeIssueText,
	createScenarioBase,
	evaluateScenario,
	explainSite,
	parseScenarioChanges,
	recommendSites,
	scenarioDelta,
	scenarioManagerFlags,
	type Recommendation,
	type RecommendRequest,
	type ScenarioChange,
	type ScenarioDelta,
	type ScenarioEvaluation,
	type ScenarioFigures
} from '$lib/planning';
import { loadCoverageInputs, type CoverageInputs, type TravelTimeSourceInfo } from '../coverage/inputs';
import { loadCoverageParameters, type CoverageParameters } from '../coverage/parameters';
import { RejectedDataError } from '../errors';
import type { AuditActor } from './audit';
import { createRow, deleteRow, updateRow } from './changes';
import type { Database } from './schema';
import * as zonages from './zonages';

type Db = Kysely<Database> | Transaction<Database>;

/** Longest scenario name and description, characters. */
export const MAX_NAME = 200;
export const MAX_DESCRIPTION = 4000;

/** A scenario in the list. Dates are ISO timestamps. */
export interface ScenarioSummary {
	id: number;
	name: string;
	description: string | null;
	changeCount: number;
	authorUserId: number | null;
	authorLabel: string;
	createdAt: string;
	updatedAt: string;
	version: number;
}

/** A scenario with its changes. */
export interface Scenario extends ScenarioSummary {
	changes: ScenarioChange[];
	/** Stored changes that no longer pass validation (left out; should not happen). */
	invalidChanges: number;
}

/** What a person submits. */
export interface ScenarioInput {
	name: string;
	description?: string | null;
	changes: unknown;
}

function iso(value: Date | string): string {
	return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}

type Row = {
	id: number;
	name: string;
	description: string | null;
	changes: unknown[];
	author_user_id: number | null;
	author_label: string;
	created_at: Date | string;
	updated_at: Date | string;
	version: number;
};

function toScenario(row: Row): Scenario {
	const { changes, issues } = parseScenarioChanges(row.changes);
	return {
		id: row.id,
		name: row.name,
		description: row.description,
		changeCount: changes.length,
		authorUserId: row.author_user_id,
		authorLabel: row.author_label,
		createdAt: iso(row.created_at),
		updatedAt: iso(row.updated_at),
		version: Number(row.version),
		changes,
		invalidChanges: issues.length
	};
}

/** Validates a submission; French message on the first problem. */
export function validateScenarioInput(input: ScenarioInput): { name: string; description: string | null; changes: ScenarioChange[] } {
	const name = input.name.trim();
	if (name.length === 0) throw new RejectedDataError('Donnez un nom au scénario.');
	if (name.length > MAX_NAME) throw new RejectedDataError(`Le nom du scénario dépasse ${MAX_NAME} caractères.`);
	const description = input.description?.trim() || null;
	if (description && description.length > MAX_DESCRIPTION) throw new RejectedDataError(`La description dépasse ${MAX_DESCRIPTION} caractères.`);
	const { changes, issues } = parseScenarioChanges(input.changes);
	if (issues.length > 0) throw new RejectedDataError(issues.map(changeIssueText).join(' '));
	return { name, description, changes };
}

/** Every scenario, most recently updated first. */
export async function list(db: Db): Promise<ScenarioSummary[]> {
	const rows = await db.selectFrom('scenario').selectAll().orderBy('updated_at', 'desc').orderBy('id', 'desc').execute();
	return rows.map((row) => {
		const { changes: _changes, invalidChanges: _invalid, ...summary } = toScenario(row);
		return summary;
	});
}

/** One scenario, or null. */
export async function get(db: Db, id: number): Promise<Scenario | null> {
	const row = await db.selectFrom('scenario').selectAll().where('id', '=', id).executeTakeFirst();
	return row ? toScenario(row) : null;
}

/** Several scenarios by id, in the order asked (missing ids left out). */
export async function getMany(db: Db, ids: readonly number[]): Promise<Scenario[]> {
	if (ids.length === 0) return [];
	const rows = await db.selectFrom('scenario').selectAll().where('id', 'in', [...ids]).execute();
	const byId = new Map(rows.map((r) => [r.id, toScenario(r)]));
	return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
}

/**
 * Creates a scenario authored by `actor`.
 * @throws RejectedDataError (French) on an invalid name, description or change
 */
export async function create(db: Db, actor: AuditActor, input: ScenarioInput): Promise<Scenario> {
	const values = validateScenarioInput(input);
	const row = await createRow(db, actor, 'scenario', {
		name: values.name,
		description: values.description,
		changes: values.changes,
		author_user_id: actor.userId,
		author_label: actor.label
	});
	return toScenario(row as unknown as Row);
}

/**
 * Replaces a scenario's name, description and changes if it is still at `expectedVersion`.
 * @throws RejectedDataError on invalid input; ConflictError when someone saved it meanwhile or deleted it
 */
export async function update(db: Db, actor: AuditActor, id: number, expectedVersion: number, input: ScenarioInput): Promise<Scenario> {
	const values = validateScenarioInput(input);
	const row = await updateRow(db, actor, 'scenario', id, expectedVersion, {
		name: values.name,
		description: values.description,
		changes: values.changes
	});
	return toScenario(row as unknown as Row);
}

/** A copy of a scenario (« Copie de … »), authored by `actor`; null when the original is gone. */
export async function duplicate(db: Db, actor: AuditActor, id: number): Promise<Scenario | null> {
	const original = await get(db, id);
	if (!original) return null;
	const name = `Copie de ${original.name}`.slice(0, MAX_NAME);
	return create(db, actor, { name, description: original.description, changes: original.changes });
}

/**
 * Deletes a scenario if still at `expectedVersion`.
 * @throws ConflictError when it was changed or deleted meanwhile
 */
export async function remove(db: Db, actor: AuditActor, id: number, expectedVersion: number): Promise<void> {
	await deleteRow(db, actor, 'scenario', id, expectedVersion);
}

/** What scenarios and recommendations are computed from: the engine's inputs and the parameters in force. */
export interface PlanningData {
	/** Analysis date, `YYYY-MM-DD`. */
	date: string;
	inputs: CoverageInputs;
	/** Engine options in force at the date (reference data), the date included. */
	options: CoverageOptionsInput;
	sources: CoverageParameters['sources'];
}

/**
 * Loads the current situation for planning at `date` (the coverage analysis' own loader and
 * parameters, so a scenario starts from exactly the figures of the map).
 * @throws RejectedDataError when the base holds no commune
 */
export async function loadPlanningData(db: Kysely<Database>, date: string): Promise<PlanningData> {
	const [inputs, parameters] = await Promise.all([loadCoverageInputs(db, date), loadCoverageParameters(db, date)]);
	if (inputs.communes.length === 0) {
		throw new RejectedDataError(
			'Aucune commune dans la base : importez le référentiel territorial, ou chargez le département de démonstration (maillage db seed-demo).'
		);
	}
	return { date, inputs, options: { ...parameters.options, date }, sources: parameters.sources };
}

/** One column of a comparison: the current situation (id null) or a stored scenario. */
export interface ComparedSituation {
	id: number | null;
	label: string;
	figures: ScenarioFigures;
	/** Category of every commune, by INSEE code. */
	categories: Record<string, CoverageCategory>;
	/** Communes whose coverage or category differs from the current situation. */
	changed: string[];
	/** Against the current situation (null for the current situation itself). */
	delta: ScenarioDelta | null;
	/** Changes that no longer apply to the current data. */
	ignored: number;
	/** EVS the scenario places in a territory « à renforcer »: the distinct-manager rule, in French. */
	managerFlags: string[];
	changeCount: number;
	authorLabel: string | null;
	updatedAt: string | null;
}

/** A comparison of the current situation with stored scenarios, all at one date. */
export interface Comparison {
	date: string;
	columns: ComparedSituation[];
	/** Ids asked for that do not exist (any more). */
	missing: number[];
}

function situationColumn(
	id: number | null,
	label: string,
	evaluation: ScenarioEvaluation,
	current: ScenarioEvaluation,
	families: Float64Array,
	meta: { changeCount: number; authorLabel: string | null; updatedAt: string | null },
	managerFlags: string[] = []
): ComparedSituation {
	const categories: Record<string, CoverageCategory> = {};
	const changed: string[] = [];
	evaluation.result.communes.forEach((c, i) => {
		categories[c.code] = c.category;
		const before = current.result.communes[i];
		if (before.covered !== c.covered || before.category !== c.category) changed.push(c.code);
	});
	return {
		id,
		label,
		figures: evaluation.figures,
		categories,
		changed,
		delta: id === null ? null : scenarioDelta(current, evaluation, families),
		ignored: evaluation.outcomes.filter((o) => !o.applied).length,
		managerFlags,
		...meta
	};
}

/**
 * The current situation and up to `max` stored scenarios, evaluated with the same engine and
 * parameters at `date`, for the comparison page and its CSV export.
 */
export async function compareStored(db: Kysely<Database>, date: string, ids: readonly number[], max = 3): Promise<Comparison> {
	const wanted = [...new Set(ids)].slice(0, max);
	const [data, stored] = await Promise.all([loadPlanningData(db, date), getMany(db, wanted)]);
	const context = buildCoverageContext(data.inputs, data.options);
	const base = createScenarioBase(context, data.inputs.structures);
	const meta = { changeCount: 0, authorLabel: null, updatedAt: null };
	const columns = [situationColumn(null, 'Situation actuelle', base.current, base.current, base.families, meta)];
	for (const s of stored) {
		const evaluation = evaluateScenario(base, s.changes);
		const flags = scenarioManagerFlags(base, s.changes, data.inputs.structures).map((f) => f.text);
		columns.push(
			situationColumn(s.id, s.name, evaluation, base.current, base.families, { changeCount: s.changeCount, authorLabel: s.authorLabel, updatedAt: s.updatedAt }, flags)
		);
	}
	const found = new Set(stored.map((s) => s.id));
	return { date, columns, missing: wanted.filter((id) => !found.has(id)) };
}

/** A recommendation computed from the database, with what it was planned from. */
export interface PlannedSites {
	recommendation: Recommendation;
	/** The scenario planned from, or null for the current situation. */
	scenario: { id: number; name: string } | null;
	/** Milliseconds reading the database, and building the situation planned from. */
	loadMs: number;
	baselineMs: number;
	/** The centres sociaux of the data with their managers (the distinct-manager rule of the sites « à renforcer »). */
	centreOf: (id: PointId) => ReinforcedCentre | undefined;
	/** With thresholds in minutes: where the times come from (computed road times, imported files). */
	travelTimes: { complete: { cutoffMinutes: number; source: string } | null; sources: TravelTimeSourceInfo[] } | null;
}

/**
 * « Proposer des sites » on the database at `date`, from the current situation or from a stored
 * scenario (its structures then stay fixed too).
 * @throws RejectedDataError (French) when the scenario or the EPCI does not exist, or no commune is loaded
 */
export async function planSites(db: Kysely<Database>, date: string, request: RecommendRequest, scenarioId: number | null = null): Promise<PlannedSites> {
	const started = performance.now();
	const [data, stored] = await Promise.all([loadPlanningData(db, date), scenarioId === null ? null : get(db, scenarioId)]);
	if (scenarioId !== null && !stored) throw new RejectedDataError(`Scénario n° ${scenarioId} introuvable.`);
	if (request.epci && !data.inputs.communes.some((c) => c.epci === request.epci)) {
		throw new RejectedDataError(`Aucune commune de l’EPCI ${request.epci} dans la base.`);
	}
	const loadMs = performance.now() - started;
	const baselineStart = performance.now();
	const context = buildCoverageContext(data.inputs, data.options);
	const base = createScenarioBase(context, data.inputs.structures);
	const situation = stored && stored.changes.length > 0 ? evaluateScenario(base, stored.changes) : base.current;
	const baselineMs = performance.now() - baselineStart;
	// The ZFRR in force: the « population des QPV et ZFRR » weight reads them.
	const zfrr = request.weight === 'priority' ? await zonages.communesOn(db, 'zfrr', date) : null;
	const recommendation = recommendSites(base, situation, { ...request, zfrrCommunes: zfrr }, () => performance.now());
	const centres = new Map(data.inputs.structures.filter((x) => x.type === 'CS').map((x) => [String(x.id), { id: x.id, name: x.name, manager: x.manager }]));
	const travelTimes = context.model.metric === 'minutes' ? { complete: data.inputs.travelTimesComplete, sources: data.inputs.travelTimeSources } : null;
	return { recommendation, scenario: stored ? { id: stored.id, name: stored.name } : null, loadMs, baselineMs, centreOf: (id) => centres.get(String(id)), travelTimes };
}

/** The JSON of `plan sites --json` and `GET /api/scenarios/sites`: `{ parameters, baseline, sites, totals, timings }`. */
export function plannedSitesJson(planned: PlannedSites) {
	const { recommendation: r } = planned;
	const round = (v: number) => Math.round(v * 100) / 100;
	return {
		parameters: { ...r.parameters, scenario: planned.scenario?.id ?? null },
		baseline: r.baseline,
		sites: r.sites.map((site) => ({ ...site, explanation: explainSite(site, r.parameters.type, planned.centreOf) })),
		totals: r.totals,
		timings: {
			loadMs: round(planned.loadMs),
			baselineMs: round(planned.baselineMs),
			...Object.fromEntries(Object.entries(r.timings ?? {}).map(([k, v]) => [`${k}Ms`, round(v)]))
		},
		// Thresholds in minutes: the sources of the times every result above used.
		...(planned.travelTimes ? { travelTimes: planned.travelTimes } : {})
	};
}
