/**
 * Exact solutions of small location instances by enumeration: the oracle the heuristics are
 * tested and benchmarked against (as `coverage-naive.ts` is for the coverage engine). Exponential:
 * C(c, k) subsets; meant for c ≤ 40 and k ≤ 4.
 */
import { meetsTarget } from './lscp';
import { candidateCount, coveredWeight, type MaxCoverProblem } from './mclp';

/** The best covered weight over every set of exactly min(k, c) candidates, and one set reaching it (lexicographically first). */
export function exactMclp(problem: MaxCoverProblem, k: number): { selected: number[]; objective: number } {
	const c = candidateCount(problem);
	const size = Math.min(k, c);
	let best: number[] = [];
	let bestObjective = size === 0 ? 0 : -1;
	const current: number[] = [];
	const visit = (from: number) => {
		if (current.length === size) {
			const objective = coveredWeight(problem, current);
			if (objective > bestObjective) {
				bestObjective = objective;
				best = current.slice();
			}
			return;
		}
		for (let j = from; j <= c - (size - current.length); j++) {
			current.push(j);
			visit(j + 1);
			current.pop();
		}
	};
	visit(0);
	return { selected: best, objective: Math.max(0, bestObjective) };
}

/**
 * The fewest candidates covering at least `required` weight (searching up to `maxSites`), or null
 * when even `maxSites` candidates cannot (same tolerance as the heuristic: `meetsTarget`).
 */
export function exactLscp(problem: MaxCoverProblem, required: number, maxSites: number): { selected: number[]; objective: number } | null {
	for (let k = 0; k <= Math.min(maxSites, candidateCount(problem)); k++) {
		const solution = exactMclp(problem, k);
		if (meetsTarget(problem, solution.objective, required)) return solution;
	}
	return null;
}
