/**
 * Maximal covering location (MCLP, Church & ReVelle 1974): choose k sites among candidates so
 * as to maximise the weight of the demand points they cover,
 *
 *   maximise Σ w_i y_i  subject to  y_i ≤ Σ_{j ∈ N_i} x_j,  Σ x_j = k,  x, y binary,
 *
 * with existing structures fixed: demand points they already cover are simply left out (or given
 * weight 0). Solved by greedy selection (the classic (1 − 1/e) guarantee for maximum coverage)
 * then improved by swap local search (replace one chosen site by one unchosen while it pays,
 * best improvement first), restarted from a few other openings (greedy forced to start with each
 * of the strongest candidates) to escape a poor local optimum. Ties break on the lowest candidate
 * index, so results are deterministic.
 *
 * Complexity (c candidates, m = Σ |N_j| pairs, r restarts): O((r + 1) · k · m) per swap pass.
 */

/** A max-coverage instance: demand weights and, per candidate, the demand points it covers (CSR). */
export interface MaxCoverProblem {
	/** Weight of each demand point (≥ 0), e.g. inhabitants not yet covered. */
	weights: Float64Array;
	/** Candidate j covers `members[start[j] … start[j+1]−1]`. */
	start: Int32Array;
	members: Int32Array;
}

/** A solution. */
export interface MaxCoverSolution {
	/** Chosen candidate indices, in the order chosen (swaps replace in place). */
	selected: number[];
	/** Covered weight. */
	objective: number;
	/** Covered weight after the greedy phase, before local search. */
	greedyObjective: number;
	/** Swaps applied and passes of local search run (over all starts). */
	swaps: number;
	passes: number;
}

/** Options of {@link solveMclp}. */
export interface MclpOptions {
	/** Improve the greedy solution by swaps (default true). */
	localSearch?: boolean;
	/** Stop local search after this many passes (default 100). */
	maxPasses?: number;
	/**
	 * Further starts of the local search (default 8): greedy forced to open with each of the
	 * strongest candidates on their own (other than greedy's first pick); the best result is kept.
	 */
	restarts?: number;
}

/** Number of candidates of a problem. */
export function candidateCount(problem: MaxCoverProblem): number {
	return problem.start.length - 1;
}

/** Minimum improvement a swap must bring: relative to the total weight, far above rounding. */
function epsilon(problem: MaxCoverProblem): number {
	let total = 0;
	for (const w of problem.weights) total += w;
	return total * 1e-12;
}

/** Weight covered by a set of candidates (each demand point counted once). */
export function coveredWeight(problem: MaxCoverProblem, selected: readonly number[]): number {
	const seen = new Uint8Array(problem.weights.length);
	let sum = 0;
	for (const j of selected) {
		for (let p = problem.start[j]; p < problem.start[j + 1]; p++) {
			const i = problem.members[p];
			if (!seen[i]) {
				seen[i] = 1;
				sum += problem.weights[i];
			}
		}
	}
	return sum;
}

/** Weight candidate j would add given coverage counts (points with count 0 are uncovered). */
function gainOf(problem: MaxCoverProblem, count: Int32Array, j: number): number {
	let gain = 0;
	for (let p = problem.start[j]; p < problem.start[j + 1]; p++) {
		const i = problem.members[p];
		if (count[i] === 0) gain += problem.weights[i];
	}
	return gain;
}

function cover(problem: MaxCoverProblem, count: Int32Array, j: number, by: 1 | -1): void {
	for (let p = problem.start[j]; p < problem.start[j + 1]; p++) count[problem.members[p]] += by;
}

/**
 * Greedy: up to `k` times, the candidate adding the most weight (lowest index on ties); stops
 * early when no candidate adds anything.
 *
 * @param fixed candidates already chosen (kept, not counted in k)
 */
export function greedyMaxCover(problem: MaxCoverProblem, k: number, fixed: readonly number[] = []): { selected: number[]; count: Int32Array } {
	const c = candidateCount(problem);
	const count = new Int32Array(problem.weights.length);
	const chosen = new Uint8Array(c);
	for (const j of fixed) {
		chosen[j] = 1;
		cover(problem, count, j, 1);
	}
	const selected: number[] = [];
	const eps = epsilon(problem);
	for (let step = 0; step < k; step++) {
		let best = -1;
		let bestGain = eps;
		for (let j = 0; j < c; j++) {
			if (chosen[j]) continue;
			const gain = gainOf(problem, count, j);
			if (gain > bestGain) {
				best = j;
				bestGain = gain;
			}
		}
		if (best < 0) break;
		chosen[best] = 1;
		selected.push(best);
		cover(problem, count, best, 1);
	}
	return { selected, count };
}

/**
 * Swap local search from `selected` (modified in place): while some exchange of a chosen site for
 * an unchosen one increases the covered weight, apply the best one.
 *
 * @param count coverage counts of `selected` (modified in place)
 */
function swapSearch(problem: MaxCoverProblem, selected: number[], count: Int32Array, maxPasses: number): { swaps: number; passes: number } {
	const c = candidateCount(problem);
	const chosen = new Uint8Array(c);
	for (const j of selected) chosen[j] = 1;
	const eps = epsilon(problem);
	let swaps = 0;
	let passes = 0;
	while (passes < maxPasses) {
		passes++;
		let bestDelta = eps;
		let bestPosition = -1;
		let bestCandidate = -1;
		for (let position = 0; position < selected.length; position++) {
			const s = selected[position];
			cover(problem, count, s, -1);
			const loss = gainOf(problem, count, s);
			for (let j = 0; j < c; j++) {
				if (chosen[j]) continue;
				const delta = gainOf(problem, count, j) - loss;
				if (delta > bestDelta) {
					bestDelta = delta;
					bestPosition = position;
					bestCandidate = j;
				}
			}
			cover(problem, count, s, 1);
		}
		if (bestPosition < 0) break;
		const out = selected[bestPosition];
		cover(problem, count, out, -1);
		cover(problem, count, bestCandidate, 1);
		chosen[out] = 0;
		chosen[bestCandidate] = 1;
		selected[bestPosition] = bestCandidate;
		swaps++;
	}
	return { swaps, passes };
}

/**
 * Solves the MCLP heuristically: greedy, then swap local search.
 *
 * @param k number of sites to choose (fewer when the others would add nothing)
 * @throws Error `invalid k: <k>` when k is not a non-negative integer
 */
export function solveMclp(problem: MaxCoverProblem, k: number, options: MclpOptions = {}): MaxCoverSolution {
	if (!(Number.isInteger(k) && k >= 0)) throw new Error(`invalid k: ${k}`);
	const { selected, count } = greedyMaxCover(problem, k);
	const greedyObjective = coveredWeight(problem, selected);
	if (options.localSearch === false || selected.length === 0) {
		return { selected, objective: greedyObjective, greedyObjective, swaps: 0, passes: 0 };
	}
	const maxPasses = options.maxPasses ?? 100;
	let { swaps, passes } = swapSearch(problem, selected, count, maxPasses);
	let best = selected;
	let bestObjective = coveredWeight(problem, selected);
	// Restarts: greedy forced to open with another strong candidate, then swaps; the best local optimum wins.
	const eps = epsilon(problem);
	const empty = new Int32Array(problem.weights.length);
	const openers = Array.from({ length: candidateCount(problem) }, (_, j) => ({ j, gain: gainOf(problem, empty, j) }))
		.filter((o) => o.gain > eps && o.j !== selected[0])
		.sort((a, b) => b.gain - a.gain || a.j - b.j)
		.slice(0, (options.restarts ?? 8));
	for (const { j } of openers) {
		const start = greedyMaxCover(problem, k - 1, [j]);
		const candidate = [j, ...start.selected];
		const result = swapSearch(problem, candidate, start.count, maxPasses);
		swaps += result.swaps;
		passes += result.passes;
		const objective = coveredWeight(problem, candidate);
		if (objective > bestObjective + eps) {
			best = candidate;
			bestObjective = objective;
		}
	}
	return { selected: best, objective: bestObjective, greedyObjective, swaps, passes };
}
