/**
 * Stage 3 of the analysis, and the one-call entry point.
 *
 *   const context = buildCoverageContext({ communes, poles, qpvs, travelTimes }, options); // stage 1
 *   const set = buildStructureSet(context, structures, date);                          // stage 2
 *   const result = computeCoverage(context, set, { radiusCsKm: 10 });                  // stage 3
 *
 * or `analyzeCoverage(input, options)` for all three. A slider moving a threshold reruns stage 3
 * only: O(n + m) for n communes and m catchment pairs (plus one O(s log n + m log m) pass when
 * the catchment changes). A scenario changing a structure reruns stages 2 and 3: O(s log s + n log s + m).
 *
 * Per commune: covered, isolated, reinforce, category (see `category.ts`), the nearest CS, EVS,
 * structure and pole (straight-line km, and minutes with the minutes metric), the 2SFCA
 * accessibility and its ratio to the population-weighted median, and the reasons.
 */
import { catchmentPairs, computeDemand, supplyOf, twoStepFloatingCatchment, type Demand } from './accessibility';
import type { StructureStatus } from './agrement';
import { categoryOf, type CoverageCategory } from './category';
import { buildCoverageContext, type CoverageContext } from './context';
import type { SearchFactory } from './nearest';
import { activeThresholds, resolveCoverageOptions, type CoverageOptions, type CoverageOptionsInput } from './options';
import { createPointSearch } from './point-index';
import { coverageReasons, isCovered, isCoveredByCs, isolationReason, type CommuneFacts, type CoverageReason } from './reasons';
import { csCoveringCommune } from './reinforce-cs';
import { evaluateReinforce, reinforceThresholds, type ReinforceThresholds } from './reinforce';
import { buildStructureSet, type StructureSet } from './structure-set';
import { summarizeCoverage, type CoverageSummary } from './summary';
import type { CoverageInput, CoverageStructure, PointId, StructureType } from './types';
import { weightedQuantile } from './weighted-quantile';

/** The analysis of one commune. Distances in km, times in minutes, null where there is none. */
export interface CommuneCoverage {
	code: string;
	name: string;
	/** Inhabitants. */
	population: number;
	epci: string | null;
	/** A commune of the border band (« hors département »): drawn muted, left out of every figure. */
	outside: boolean;
	covered: boolean;
	/** Nearest pole farther than the isolation threshold; null when there is no pole at all. */
	isolated: boolean | null;
	/** The reinforce rule; false when not covered by a centre social; null when an indicator it needs is missing. */
	reinforce: boolean | null;
	/**
	 * When `reinforce` is true (or undetermined): the counted centres sociaux whose action is to
	 * reinforce there (zone de compétence or CS radius), ascending input index; else empty. A new
	 * EVS there must have a manager distinct from theirs.
	 */
	reinforcedCsIds: PointId[];
	category: CoverageCategory;
	nearestStructureKm: number | null;
	nearestStructureId: PointId | null;
	nearestStructureType: StructureType | null;
	nearestCsKm: number | null;
	nearestCsId: PointId | null;
	nearestEvsKm: number | null;
	nearestEvsId: PointId | null;
	nearestPoleKm: number | null;
	nearestPoleId: PointId | null;
	/** Travel times (minutes metric only; null with the km metric). */
	nearestStructureMinutes: number | null;
	nearestCsMinutes: number | null;
	nearestEvsMinutes: number | null;
	nearestPoleMinutes: number | null;
	/** Ids of the counted structures whose zone de compétence lists the commune. */
	zoneStructureIds: PointId[];
	/** 2SFCA score: CS-equivalents per 10,000 (need-weighted) inhabitants within reach. */
	accessibility: number;
	/** `accessibility` ÷ population-weighted median over all communes; null when that median is 0. */
	accessibilityRelative: number | null;
	reasons: CoverageReason[];
}

/** Everything a run returns. */
export interface CoverageResult {
	/** The parameters used (resolved, with defaults). */
	parameters: CoverageOptions;
	summary: CoverageSummary;
	communes: CommuneCoverage[];
	/** Agrément status of every input structure, in input order. */
	structures: StructureStatus[];
	/** Thresholds of the reinforce rule for this run. */
	reinforce: { accessibilityThreshold: number | null; needThresholds: Record<string, number | null>; qpvEvaluated: boolean };
	/** 2SFCA demand: kind, communes lacking the need indicator, mean need. */
	demand: { kind: CoverageOptions['demand']['kind']; missing: number; meanNeed: number | null };
	/**
	 * Travel-time matrix use: rows given, commune → structure and commune → pole pairs it
	 * resolved to (0 with the km metric, where the matrix is not used).
	 */
	travelTimes: { rows: number; structurePairs: number; polePairs: number };
}

const TRAVEL_KEYS = ['metric', 'detourFactor', 'speedKmh'] as const;

/** The object without its undefined fields (an absent override keeps the context's value). */
function defined<T extends object>(o: T): Partial<T> {
	return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Context options overridden by `overrides`, nested objects merged; the travel model may not change. */
export function mergeOptions(context: CoverageContext, overrides: CoverageOptionsInput): CoverageOptions {
	const base = context.options;
	const merged = resolveCoverageOptions({
		...base,
		...defined(overrides),
		supplyWeights: { ...base.supplyWeights, ...defined(overrides.supplyWeights ?? {}) },
		reinforce: { ...base.reinforce, ...defined(overrides.reinforce ?? {}) }
	});
	for (const key of TRAVEL_KEYS) {
		if (merged[key] !== base[key]) throw new Error(`travel option differs from the context: ${key}`);
	}
	return merged;
}

function reasonsOf(facts: CommuneFacts, covered: boolean, reinforce: CoverageReason[]): CoverageReason[] {
	const reasons = coverageReasons(facts, covered);
	reasons.push(isolationReason(facts));
	for (const r of reinforce) reasons.push(r);
	return reasons;
}

function nullable(value: number): number | null {
	return Number.isNaN(value) ? null : value;
}

/**
 * Stage 3: coverage, isolation, accessibility, reinforce, categories, reasons and summary.
 *
 * @param context stage-1 context
 * @param structures the structures (a stage-2 set is built from them at `options.date`), or a
 *   prebuilt structure set of this context
 * @param overrides thresholds and rule parameters for this run (default: the context's)
 * @throws Error when the set belongs to another context or another date, or the travel model changes
 */
export function computeCoverage(
	context: CoverageContext,
	structures: readonly CoverageStructure[] | StructureSet,
	overrides: CoverageOptionsInput = {}
): CoverageResult {
	const options = mergeOptions(context, overrides);
	const set = 'statuses' in structures ? structures : buildStructureSet(context, structures, options.date);
	if (set.context !== context) throw new Error('structure set built for another context');
	if (set.date !== options.date) throw new Error(`structure set built for another date: ${set.date} ≠ ${options.date}`);
	const t = activeThresholds(options);
	const n = context.communes.length;

	// Step 1: 2SFCA accessibility, and its population-weighted median.
	const demand: Demand = computeDemand(context, options.demand);
	const pairs = catchmentPairs(set, t.catchment);
	const access = twoStepFloatingCatchment(pairs, supplyOf(set, options.supplyWeights), demand.demand);
	// Communes of the border band: analysed, but every median, quantile and figure is the département's.
	const outside = context.communes.some((c) => c.outside) ? Uint8Array.from(context.communes, (c) => (c.outside ? 1 : 0)) : null;
	const ownWeights = outside ? context.population.map((p, i) => (outside[i] ? 0 : p)) : context.population;
	const accessibilityMedian = weightedQuantile(access.perCommune, ownWeights, 0.5);
	const thresholds: ReinforceThresholds = reinforceThresholds(context, access.perCommune, options.reinforce, outside);

	// Step 2: flags, category and reasons, commune by commune.
	const { nearestCs, nearestEvs, nearestStructure, structures: list, statuses } = set;
	const { nearestPole, poles } = context;
	const minutes = t.unit === 'min';
	const coveredFlags = new Uint8Array(n);
	const isolatedFlags = new Uint8Array(n);
	const reinforceFlags = new Uint8Array(n);
	const categories: CoverageCategory[] = new Array(n);
	const communes: CommuneCoverage[] = new Array(n);
	for (let i = 0; i < n; i++) {
		const c = context.communes[i];
		const cs = nearestCs.index[i];
		const evs = nearestEvs.index[i];
		const pole = nearestPole.index[i];
		const zone = set.zoneOf.get(i);
		const facts: CommuneFacts = {
			unit: t.unit,
			radiusCs: t.radiusCs,
			radiusEvs: t.radiusEvs,
			isolation: t.isolation,
			zone: zone ? zone.map((j) => ({ id: list[j].id, type: list[j].type, flagged: statuses[j].flagged })) : [],
			cs: cs >= 0 ? { id: list[cs].id, flagged: statuses[cs].flagged, km: nearestCs.km[i], cost: nearestCs.cost[i] } : null,
			evs: evs >= 0 ? { id: list[evs].id, flagged: statuses[evs].flagged, km: nearestEvs.km[i], cost: nearestEvs.cost[i] } : null,
			pole: pole >= 0 ? { id: poles[pole].id, km: nearestPole.km[i], cost: nearestPole.cost[i] } : null
		};
		const covered = isCovered(facts);
		const isolated = facts.pole ? facts.pole.cost > t.isolation : null;
		const accessibility = access.perCommune[i];
		const outcome = evaluateReinforce(i, covered, isCoveredByCs(facts), accessibility, thresholds, set);
		const category = categoryOf(covered, isolated, outcome.reinforce);
		coveredFlags[i] = covered ? 1 : 0;
		isolatedFlags[i] = isolated === null ? 255 : isolated ? 1 : 0;
		reinforceFlags[i] = outcome.reinforce === null ? 255 : outcome.reinforce ? 1 : 0;
		categories[i] = category;
		const nearest = nearestStructure.index[i];
		communes[i] = {
			code: c.code,
			name: c.name,
			population: c.population,
			epci: c.epci ?? null,
			outside: Boolean(c.outside),
			covered,
			isolated,
			reinforce: outcome.reinforce,
			reinforcedCsIds: outcome.reinforce === false ? [] : csCoveringCommune(set, i, t).map((j) => list[j].id),
			category,
			nearestStructureKm: nullable(nearestStructure.km[i]),
			nearestStructureId: nearest >= 0 ? list[nearest].id : null,
			nearestStructureType: nearest >= 0 ? list[nearest].type : null,
			nearestCsKm: nullable(nearestCs.km[i]),
			nearestCsId: cs >= 0 ? list[cs].id : null,
			nearestEvsKm: nullable(nearestEvs.km[i]),
			nearestEvsId: evs >= 0 ? list[evs].id : null,
			nearestPoleKm: nullable(nearestPole.km[i]),
			nearestPoleId: pole >= 0 ? poles[pole].id : null,
			nearestStructureMinutes: minutes ? nullable(nearestStructure.cost[i]) : null,
			nearestCsMinutes: minutes ? nullable(nearestCs.cost[i]) : null,
			nearestEvsMinutes: minutes ? nullable(nearestEvs.cost[i]) : null,
			nearestPoleMinutes: minutes ? nullable(nearestPole.cost[i]) : null,
			zoneStructureIds: zone ? zone.map((j) => list[j].id) : [],
			accessibility,
			accessibilityRelative: accessibilityMedian ? accessibility / accessibilityMedian : null,
			reasons: reasonsOf(facts, covered, outcome.reasons)
		};
	}

	// Step 3: key figures.
	const summary = summarizeCoverage(
		{
			population: context.population,
			covered: coveredFlags,
			isolated: isolatedFlags,
			reinforce: reinforceFlags,
			category: categories,
			nearestKm: nearestStructure.km,
			nearestMinutes: minutes ? nearestStructure.cost : null,
			accessibilityMedian,
			outside
		},
		set
	);
	return {
		parameters: options,
		summary,
		communes,
		structures: statuses,
		reinforce: {
			accessibilityThreshold: thresholds.accessibility,
			needThresholds: Object.fromEntries(thresholds.needs.map((need) => [need.id, need.threshold])),
			qpvEvaluated: thresholds.qpvEvaluated
		},
		demand: { kind: options.demand.kind, missing: demand.missing, meanNeed: demand.meanNeed },
		travelTimes: { rows: context.travelTimes?.length ?? 0, structurePairs: set.lookup?.pairs ?? 0, polePairs: context.poleLookup?.pairs ?? 0 }
	};
}

/**
 * The whole analysis in one call (stages 1 to 3).
 *
 * @param input communes with reference points, structures, poles, optional QPVs and matrix
 * @param options parameters; `date` should be the analysis day (the CLI defaults it to today)
 * @param createSearch spatial search (kd-tree by default; the brute-force oracle in tests and benchmarks)
 */
export function analyzeCoverage(
	input: CoverageInput,
	options: CoverageOptionsInput = {},
	createSearch: SearchFactory = createPointSearch
): CoverageResult {
	const context = buildCoverageContext(input, options, createSearch);
	return computeCoverage(context, buildStructureSet(context, input.structures, context.options.date));
}
