/**
 * Scenario evaluation with the coverage engine, incremental where it pays.
 *
 *   const base = createScenarioBase(context, structures);   // once: the current situation
 *   const scenario = evaluateScenario(base, changes);       // per edit (or per frame while dragging)
 *
 * A scenario reruns stages 2 and 3 of the engine (`buildStructureSet`, `computeCoverage`) on the
 * changed structures. The costly part of stage 3 for a new structure set is the 2SFCA catchment
 * scan (one radius query per structure); here the catchment pairs of every structure the
 * scenario leaves unchanged are taken from the current situation, and only added, moved or
 * otherwise new structures are queried. The result is bit-identical to a full recompute
 * (`evaluateScenarioFull`; tested on seeded instances), since pairs are per structure and the
 * engine sums in a fixed order.
 */
import type { CatchmentPairs } from '../analysis/accessibility';
import { catchmentPairs } from '../analysis/accessibility';
import type { CoverageContext } from '../analysis/context';
import { computeCoverage, type CoverageResult } from '../analysis/coverage';
import { activeThresholds } from '../analysis/options';
import { buildStructureSet, type StructureSet } from '../analysis/structure-set';
import type { CoverageStructure } from '../analysis/types';
import { applyChanges, type ChangeOutcome } from './apply';
import type { ScenarioChange } from './changes';
import { familiesOf, scenarioFigures, type ScenarioFigures } from './figures';

/** One situation, evaluated. */
export interface ScenarioEvaluation {
	/** The changes (empty for the current situation). */
	changes: readonly ScenarioChange[];
	outcomes: ChangeOutcome[];
	/** Ids (strings) of closed structures and of added/moved/retyped/re-zoned ones. */
	closed: ReadonlySet<string>;
	touched: ReadonlySet<string>;
	structures: readonly CoverageStructure[];
	set: StructureSet;
	result: CoverageResult;
	figures: ScenarioFigures;
}

/** Pairs of one structure (communes ascending). */
interface StructurePairs {
	commune: Int32Array;
	cost: Float64Array;
	weight: Float64Array;
}

/** The current situation and what scenarios reuse from it. Treat as read-only. */
export interface ScenarioBase {
	context: CoverageContext;
	/** Families per commune (NaN where unknown). */
	families: Float64Array;
	/** The 2SFCA catchment of the context's options (km or minutes). */
	catchment: number;
	current: ScenarioEvaluation;
	/** Catchment pairs of the current structures, by {@link pairKey}. */
	pairs: Map<string, StructurePairs>;
}

/** What the pairs of a structure depend on: its id (matrix rows), point and commune (matrix rows by commune). */
function pairKey(s: CoverageStructure): string {
	return `${String(s.id)}|${s.lon}|${s.lat}|${s.communeCode ?? ''}`;
}

function splitPairs(set: StructureSet, pairs: CatchmentPairs): Map<string, StructurePairs> {
	const out = new Map<string, StructurePairs>();
	for (const j of set.counted) {
		const a = pairs.start[j];
		const b = pairs.start[j + 1];
		out.set(pairKey(set.structures[j]), {
			commune: pairs.commune.subarray(a, b),
			cost: pairs.cost.subarray(a, b),
			weight: pairs.weight.subarray(a, b)
		});
	}
	return out;
}

/**
 * Catchment pairs of `set` assembled from known per-structure pairs; only structures without
 * known pairs are queried (through a structure set of their own, so the engine's rules apply).
 */
function assemblePairs(base: ScenarioBase, set: StructureSet): CatchmentPairs {
	const { structures, counted } = set;
	const found: (StructurePairs | undefined)[] = new Array(structures.length);
	const missing: number[] = [];
	let size = 0;
	for (const j of counted) {
		const known = base.pairs.get(pairKey(structures[j]));
		if (known) {
			found[j] = known;
			size += known.commune.length;
		} else missing.push(j);
	}
	if (missing.length > 0) {
		const partial = buildStructureSet(base.context, missing.map((j) => structures[j]), set.date);
		const fresh = catchmentPairs(partial, base.catchment);
		missing.forEach((j, local) => {
			const a = fresh.start[local];
			const b = fresh.start[local + 1];
			found[j] = { commune: fresh.commune.subarray(a, b), cost: fresh.cost.subarray(a, b), weight: fresh.weight.subarray(a, b) };
			size += b - a;
		});
	}
	const start = new Int32Array(structures.length + 1);
	const commune = new Int32Array(size);
	const cost = new Float64Array(size);
	const weight = new Float64Array(size);
	let at = 0;
	for (let j = 0; j < structures.length; j++) {
		start[j] = at;
		const p = found[j];
		if (!p) continue;
		commune.set(p.commune, at);
		cost.set(p.cost, at);
		weight.set(p.weight, at);
		at += p.commune.length;
	}
	start[structures.length] = at;
	return { catchment: base.catchment, start, commune, cost, weight };
}

function evaluation(
	base: Pick<ScenarioBase, 'families'>,
	changes: readonly ScenarioChange[],
	applied: Pick<ScenarioEvaluation, 'outcomes' | 'closed' | 'touched' | 'structures'>,
	set: StructureSet,
	result: CoverageResult
): ScenarioEvaluation {
	return { changes, ...applied, set, result, figures: scenarioFigures(set, result, base.families) };
}

/**
 * Evaluates the current situation once and prepares what scenarios reuse.
 *
 * @param context stage-1 context (its options fix the date, thresholds and travel model)
 * @param structures the current structures (engine input)
 */
export function createScenarioBase(context: CoverageContext, structures: readonly CoverageStructure[]): ScenarioBase {
	const set = buildStructureSet(context, structures, context.options.date);
	const catchment = activeThresholds(context.options).catchment;
	const pairs = catchmentPairs(set, catchment);
	const result = computeCoverage(context, set);
	const families = familiesOf(context);
	const current = evaluation({ families }, [], { outcomes: [], closed: new Set(), touched: new Set(), structures }, set, result);
	return { context, families, catchment, current, pairs: splitPairs(set, pairs) };
}

/**
 * Evaluates a scenario: the changes applied to the current structures, then stages 2–3 with
 * the catchment pairs of unchanged structures reused. Same result as {@link evaluateScenarioFull}.
 */
export function evaluateScenario(base: ScenarioBase, changes: readonly ScenarioChange[]): ScenarioEvaluation {
	const { context } = base;
	const applied = applyChanges(base.current.structures, changes, context.options.date);
	const set = buildStructureSet(context, applied.structures, context.options.date);
	set.catchmentMemo.set(base.catchment, assemblePairs(base, set));
	const result = computeCoverage(context, set);
	return evaluation(base, changes, applied, set, result);
}

/** The same evaluation without any reuse (the reference for tests and the benchmark). */
export function evaluateScenarioFull(base: ScenarioBase, changes: readonly ScenarioChange[]): ScenarioEvaluation {
	const { context } = base;
	const applied = applyChanges(base.current.structures, changes, context.options.date);
	const set = buildStructureSet(context, applied.structures, context.options.date);
	const result = computeCoverage(context, set);
	return evaluation(base, changes, applied, set, result);
}
