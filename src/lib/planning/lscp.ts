/**
 * Set covering with a target (the LSCP variant): the fewest new sites so that the covered weight
 * reaches `required` (e.g. the inhabitants missing to reach 95 % of the population covered),
 *
 *   minimise Σ x_j  subject to  Σ_i w_i y_i ≥ required,  y_i ≤ Σ_{j ∈ N_i} x_j,  x, y binary.
 *
 * Heuristic: greedy additions until the target is met (p sites), then, for p − 1, p − 2, …, the
 * MCLP heuristic (greedy + swaps) is asked whether fewer sites can still meet it; the smallest
 * count that does is kept. When even every useful candidate cannot meet the target, the greedy
 * solution covering the most is returned with `reached: false`.
 */
import { coveredWeight, greedyMaxCover, solveMclp, type MaxCoverProblem } from './mclp';

/** An LSCP solution. */
export interface LscpSolution {
	selected: number[];
	objective: number;
	/** Whether `objective` meets the target. */
	reached: boolean;
	/** Sites the greedy phase needed before the reduction. */
	greedySites: number;
}

/** Whether `objective` meets `required` (with a tolerance of 1e-12 of the total weight, for rounding). */
export function meetsTarget(problem: MaxCoverProblem, objective: number, required: number): boolean {
	let total = 0;
	for (const w of problem.weights) total += w;
	return objective >= required - total * 1e-12;
}

/**
 * Solves the LSCP variant heuristically.
 *
 * @param required weight to cover (≤ 0: no site needed)
 * @param maxSites never propose more sites than this (default: every candidate)
 */
export function solveLscp(problem: MaxCoverProblem, required: number, maxSites = problem.start.length - 1): LscpSolution {
	if (meetsTarget(problem, 0, required)) return { selected: [], objective: 0, reached: true, greedySites: 0 };
	// Step 1: greedy additions until the target is met.
	const { selected: greedy } = greedyMaxCover(problem, maxSites);
	let covered = 0;
	let p = 0;
	const seen = new Uint8Array(problem.weights.length);
	for (; p < greedy.length && !meetsTarget(problem, covered, required); p++) {
		const j = greedy[p];
		for (let q = problem.start[j]; q < problem.start[j + 1]; q++) {
			const i = problem.members[q];
			if (!seen[i]) {
				seen[i] = 1;
				covered += problem.weights[i];
			}
		}
	}
	if (!meetsTarget(problem, covered, required)) return { selected: greedy, objective: coveredWeight(problem, greedy), reached: false, greedySites: greedy.length };
	// Step 2: can fewer sites do it?
	let best = greedy.slice(0, p);
	let bestObjective = covered;
	for (let k = p - 1; k >= 1; k--) {
		const solution = solveMclp(problem, k);
		if (!meetsTarget(problem, solution.objective, required)) break;
		best = solution.selected;
		bestObjective = solution.objective;
	}
	return { selected: best, objective: bestObjective, reached: true, greedySites: p };
}
