/**
 * « Proposer des sites »: the location models applied to a situation (the current one or a
 * scenario), existing structures fixed.
 *
 * - MCLP (`k` given): the k sites covering the most inhabitants not covered yet, or the most
 *   need-weighted inhabitants (`weight: 'need'`: population × need ÷ mean need, the engine's
 *   need-weighted demand).
 * - LSCP variant (`targetShare` given): the fewest sites so that the share of the population
 *   covered reaches the target.
 *
 * Every site is explained: the communes it newly covers (each commune attributed to one site, the
 * sites ordered by marginal contribution, so per-site figures add up to the totals), the
 * inhabitants and families there, their category before, the QPVs it would reach, and what it
 * alone brings (exclusive population).
 */
import { computeDemand } from '../analysis/accessibility';
import type { CoverageCategory } from '../analysis/category';
import { qpvDistanceKm } from '../analysis/qpv-nearest';
import type { NeedIndicator } from '../analysis/options';
import type { CountAndPopulation } from '../analysis/summary';
import type { PointId, StructureType } from '../analysis/types';
import { candidateCoverage, communeCandidates, type CandidateFilter, type PlanningCandidate } from './candidates';
import { solveLscp } from './lscp';
import { priorityWeights } from './priority-zonages';
import { coveredWeight, solveMclp, type MaxCoverProblem } from './mclp';
import type { ScenarioBase, ScenarioEvaluation } from './session';

/** What to recommend. Exactly one of `k` and `targetShare`. */
export interface RecommendRequest {
	/** Type of the structures to place (its radius applies). */
	type: StructureType;
	/** MCLP: number of new sites. */
	k?: number | null;
	/** LSCP variant: share of the population to cover, in (0, 1]. */
	targetShare?: number | null;
	/** Commune candidates restricted to communes dépourvues and/or isolées. */
	only?: CandidateFilter['only'];
	/** Commune candidates restricted to one EPCI (SIREN). */
	epci?: string | null;
	/**
	 * What MCLP maximises: inhabitants (default), need-weighted inhabitants, or the inhabitants of
	 * the priority zonings (`priority`: QPV and ZFRR, the 2025 cadre's orientation). LSCP counts inhabitants.
	 */
	weight?: 'population' | 'need' | 'priority';
	/** INSEE codes of the ZFRR communes in force (the `priority` weight). */
	zfrrCommunes?: ReadonlySet<string> | null;
	/** Need indicator of the `need` weight (default: the analysis' need-weighted demand, else `taux_pauvrete`). */
	needIndicator?: NeedIndicator | null;
	/** Custom candidates instead of the communes' reference points. */
	candidates?: readonly PlanningCandidate[] | null;
	/** Swap local search after greedy (default true). */
	localSearch?: boolean;
}

/** One commune a site newly covers. */
export interface CoveredCommune {
	code: string;
	name: string;
	population: number;
	families: number | null;
	/** Its category before the site. */
	category: CoverageCategory;
	/** Straight-line distance from the site, km. */
	distanceKm: number;
}

/** A proposed site and why. */
export interface RecommendedSite {
	/** 1 = the largest contribution. */
	rank: number;
	/** Candidate code (the commune's INSEE code for commune candidates). */
	code: string;
	name: string;
	/** Longitude, degrees. */
	lon: number;
	/** Latitude, degrees. */
	lat: number;
	communeCode: string | null;
	epci: string | null;
	/** Inhabitants of the communes attributed to this site (covered by no earlier-ranked site). */
	newlyCoveredPopulation: number;
	newlyCoveredFamilies: number | null;
	/** The objective's weight of those communes (inhabitants, or need-weighted inhabitants). */
	newlyCoveredWeight: number;
	/** INSEE codes of those communes, nearest first. */
	communes: string[];
	/** Inhabitants not covered before within the site's reach, whatever the other sites. */
	reachablePopulation: number;
	/** Inhabitants no other proposed site would cover. */
	exclusivePopulation: number;
	/** Those communes by category before (only categories present). */
	categories: Partial<Record<CoverageCategory, CountAndPopulation>>;
	/** QPVs not reached before that a structure here would reach (inside, or within the QPV distance of the contour). */
	qpvs: string[];
	/**
	 * When the site's commune is « à renforcer » in the situation planned from: the centres sociaux
	 * whose action it reinforces (ids). A new EVS there must have a manager distinct from theirs;
	 * empty otherwise (and for a centre social).
	 */
	reinforcedCsIds: PointId[];
	detail: CoveredCommune[];
}

/** The answer. */
export interface Recommendation {
	parameters: {
		mode: 'mclp' | 'lscp';
		type: StructureType;
		k: number | null;
		targetShare: number | null;
		only: ('depourvue' | 'isolee')[];
		epci: string | null;
		weight: 'population' | 'need' | 'priority';
		/** Need indicator id of the `need` weight, else null. */
		needIndicator: string | null;
		/** Radius of the structure type, in `unit`. */
		radius: number;
		unit: 'km' | 'min';
		date: string | null;
		candidates: number;
		candidateSource: 'communes' | 'custom';
		localSearch: boolean;
	};
	/** The situation planned from. */
	baseline: {
		population: number;
		coveredPopulation: number;
		shareCovered: number | null;
		uncoveredPopulation: number;
		/** Uncovered inhabitants some candidate could reach. */
		reachablePopulation: number;
		depourvues: CountAndPopulation;
	};
	sites: RecommendedSite[];
	totals: {
		sites: number;
		newlyCoveredPopulation: number;
		newlyCoveredFamilies: number | null;
		newlyCoveredCommunes: number;
		/** Objective value (covered weight) after local search, and after greedy alone. */
		objective: number;
		greedyObjective: number;
		swaps: number;
		coveredPopulation: number;
		shareCovered: number | null;
		/** LSCP: inhabitants to add to reach the target, and whether it was reached; null for MCLP. */
		requiredPopulation: number | null;
		reached: boolean | null;
	};
	/** Milliseconds per step when a clock was given, else null. */
	timings: { candidates: number; coverageSets: number; solve: number; explain: number; total: number } | null;
}

const DEFAULT_NEED: NeedIndicator = { key: 'taux_pauvrete', per: null };

function needId(indicator: NeedIndicator): string {
	return indicator.per ? `${indicator.key}/${indicator.per}` : indicator.key;
}

/**
 * Proposes sites for new structures.
 *
 * @param base the scenario base (context, families)
 * @param situation the situation planned from (default: the current one); its structures are kept
 * @param request what to recommend
 * @param clock a millisecond clock (e.g. `performance.now`) to fill `timings`; pure code never reads one itself
 * @throws Error on an invalid request (programmer error: user input is checked by `parseRecommendRequest`)
 */
export function recommendSites(
	base: ScenarioBase,
	situation: ScenarioEvaluation,
	request: RecommendRequest,
	clock?: () => number
): Recommendation {
	const t0 = clock?.() ?? 0;
	const { context, families } = base;
	const { result } = situation;
	const mclp = request.k != null;
	if (mclp === (request.targetShare != null)) throw new Error('recommendSites: give exactly one of k and targetShare');
	if (mclp && !(Number.isInteger(request.k) && request.k! >= 1)) throw new Error(`invalid k: ${request.k}`);
	if (!mclp && !(request.targetShare! > 0 && request.targetShare! <= 1)) throw new Error(`invalid targetShare: ${request.targetShare}`);
	const weightKind = mclp ? (request.weight ?? 'population') : 'population';
	const localSearch = request.localSearch !== false;

	// Step 1: candidates and what each would newly cover.
	const only = [...(request.only ?? [])];
	const candidates = request.candidates ? [...request.candidates] : communeCandidates(context, result, { only, epci: request.epci });
	const t1 = clock?.() ?? 0;
	const n = context.communes.length;
	const covered = new Uint8Array(n);
	result.communes.forEach((c, i) => (covered[i] = c.covered ? 1 : 0));
	const sets = candidateCoverage(context, candidates, request.type, (i) => !covered[i]);
	const t2 = clock?.() ?? 0;

	// Step 2: weights and the solve.
	let indicator: NeedIndicator | null = null;
	let weights: Float64Array = context.population;
	if (weightKind === 'need') {
		const demandOption = context.options.demand;
		indicator = request.needIndicator ?? (demandOption.kind === 'need-weighted' ? demandOption.indicator : DEFAULT_NEED);
		const blend = demandOption.kind === 'need-weighted' && !request.needIndicator ? demandOption.blend : 1;
		weights = computeDemand(context, { kind: 'need-weighted', indicator, blend }).demand;
	} else if (weightKind === 'priority') {
		weights = priorityWeights(context, request.zfrrCommunes ?? new Set());
	}
	const problem: MaxCoverProblem = { weights, start: sets.start, members: sets.commune };
	const populationProblem: MaxCoverProblem = { ...problem, weights: context.population };
	const { population, covered: coveredNow, shareCovered } = situation.figures;
	let selected: number[];
	let objective: number;
	let greedyObjective: number;
	let swaps = 0;
	let requiredPopulation: number | null = null;
	let reached: boolean | null = null;
	if (mclp) {
		const solution = solveMclp(problem, request.k!, { localSearch });
		({ selected, objective, greedyObjective, swaps } = solution);
	} else {
		requiredPopulation = Math.max(0, request.targetShare! * population - coveredNow.population);
		const solution = solveLscp(problem, requiredPopulation);
		({ selected, objective, reached } = solution);
		greedyObjective = objective;
	}
	const t3 = clock?.() ?? 0;

	// Step 3: attribution (sites by marginal contribution) and explanations.
	const sites = explainSites(base, situation, candidates, sets, problem, selected, request.type);
	const reachable = new Uint8Array(n);
	for (const i of sets.commune) reachable[i] = 1;
	let reachablePopulation = 0;
	for (let i = 0; i < n; i++) if (reachable[i]) reachablePopulation += context.population[i];
	const newlyCoveredPopulation = coveredWeight(populationProblem, selected);
	let familiesSum = 0;
	let familiesKnown = false;
	for (const s of sites) {
		if (s.newlyCoveredFamilies !== null) {
			familiesSum += s.newlyCoveredFamilies;
			familiesKnown = true;
		}
	}
	const t4 = clock?.() ?? 0;
	const after = coveredNow.population + newlyCoveredPopulation;
	return {
		parameters: {
			mode: mclp ? 'mclp' : 'lscp',
			type: request.type,
			k: mclp ? request.k! : null,
			targetShare: mclp ? null : request.targetShare!,
			only,
			epci: request.epci ?? null,
			weight: weightKind,
			needIndicator: indicator ? needId(indicator) : null,
			radius: sets.radius,
			unit: sets.unit,
			date: context.options.date,
			candidates: candidates.length,
			candidateSource: request.candidates ? 'custom' : 'communes',
			localSearch
		},
		baseline: {
			population,
			coveredPopulation: coveredNow.population,
			shareCovered,
			uncoveredPopulation: population - coveredNow.population,
			reachablePopulation,
			depourvues: { ...situation.figures.depourvues }
		},
		sites,
		totals: {
			sites: sites.length,
			newlyCoveredPopulation,
			newlyCoveredFamilies: familiesKnown ? familiesSum : null,
			newlyCoveredCommunes: sites.reduce((sum, s) => sum + s.communes.length, 0),
			objective,
			greedyObjective,
			swaps,
			coveredPopulation: after,
			shareCovered: population > 0 ? after / population : null,
			requiredPopulation,
			reached
		},
		timings: clock ? { candidates: t1 - t0, coverageSets: t2 - t1, solve: t3 - t2, explain: t4 - t3, total: t4 - t0 } : null
	};
}

/** Sites in order of marginal contribution, each with the communes attributed to it. */
function explainSites(
	base: ScenarioBase,
	situation: ScenarioEvaluation,
	candidates: readonly PlanningCandidate[],
	sets: ReturnType<typeof candidateCoverage>,
	problem: MaxCoverProblem,
	selected: readonly number[],
	type: StructureType
): RecommendedSite[] {
	const { context, families } = base;
	const n = context.communes.length;
	// How many proposed sites cover each commune (for the exclusive population).
	const coverCount = new Int32Array(n);
	for (const j of selected) for (let p = sets.start[j]; p < sets.start[j + 1]; p++) coverCount[sets.commune[p]]++;
	// Order: repeatedly the site adding the most weight (ties: lowest candidate index).
	const taken = new Uint8Array(n);
	const remaining = [...selected].sort((a, b) => a - b);
	const order: number[] = [];
	const marginal = (j: number) => {
		let w = 0;
		for (let p = sets.start[j]; p < sets.start[j + 1]; p++) if (!taken[sets.commune[p]]) w += problem.weights[sets.commune[p]];
		return w;
	};
	while (remaining.length > 0) {
		let best = 0;
		let bestWeight = -1;
		remaining.forEach((j, r) => {
			const w = marginal(j);
			if (w > bestWeight) {
				bestWeight = w;
				best = r;
			}
		});
		const j = remaining.splice(best, 1)[0];
		order.push(j);
		for (let p = sets.start[j]; p < sets.start[j + 1]; p++) taken[sets.commune[p]] = 1;
	}

	const qpvs = context.qpvs ?? [];
	const qpvReachKm = situation.result.parameters.reinforce.qpvDistanceKm;
	const reachedBefore = new Uint8Array(qpvs.length);
	for (let k = 0; k < qpvs.length; k++) {
		const nearest = situation.set.qpvNearest;
		reachedBefore[k] = nearest.index[k] >= 0 && nearest.km[k] <= qpvReachKm ? 1 : 0;
	}
	taken.fill(0);
	return order.map((j, rank) => {
		const candidate = candidates[j];
		const detail: CoveredCommune[] = [];
		let population = 0;
		let weight = 0;
		let fam = 0;
		let famKnown = false;
		let reachable = 0;
		let exclusive = 0;
		const categories: Partial<Record<CoverageCategory, CountAndPopulation>> = {};
		for (let p = sets.start[j]; p < sets.start[j + 1]; p++) {
			const i = sets.commune[p];
			const pop = context.population[i];
			reachable += pop;
			if (coverCount[i] === 1) exclusive += pop;
			if (taken[i]) continue;
			taken[i] = 1;
			const c = situation.result.communes[i];
			population += pop;
			weight += problem.weights[i];
			const f = families[i];
			if (!Number.isNaN(f)) {
				fam += f;
				famKnown = true;
			}
			const cat = (categories[c.category] ??= { communes: 0, population: 0 });
			cat.communes++;
			cat.population += pop;
			detail.push({ code: c.code, name: c.name, population: pop, families: Number.isNaN(f) ? null : f, category: c.category, distanceKm: sets.km[p] });
		}
		detail.sort((a, b) => a.distanceKm - b.distanceKm || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
		const qpvCodes: string[] = [];
		qpvs.forEach((q, k) => {
			if (!reachedBefore[k] && qpvDistanceKm(context, k, candidate.lon, candidate.lat) <= qpvReachKm) qpvCodes.push(q.code);
		});
		const commune = candidate.communeCode ? context.communeIndex.get(candidate.communeCode) : undefined;
		return {
			rank: rank + 1,
			code: candidate.code,
			name: candidate.name,
			lon: candidate.lon,
			lat: candidate.lat,
			communeCode: candidate.communeCode,
			epci: commune !== undefined ? (context.communes[commune].epci ?? null) : null,
			newlyCoveredPopulation: population,
			newlyCoveredFamilies: famKnown ? fam : null,
			newlyCoveredWeight: weight,
			communes: detail.map((d) => d.code),
			reachablePopulation: reachable,
			exclusivePopulation: exclusive,
			categories,
			qpvs: qpvCodes.sort(),
			reinforcedCsIds: type === 'EVS' && commune !== undefined && situation.result.communes[commune].reinforce === true ? situation.result.communes[commune].reinforcedCsIds : [],
			detail
		};
	});
}
