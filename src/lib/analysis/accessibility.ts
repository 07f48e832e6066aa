/**
 * Potential accessibility by the two-step floating catchment area method (2SFCA), in the form
 * DREES uses for the APL, with a Gaussian decay (Dai 2010):
 *
 *   f(d) = [exp(−½ (d/d₀)²) − exp(−½)] / [1 − exp(−½)]  for d ≤ d₀, 0 beyond (f(0) = 1, f(d₀) = 0)
 *   Step 1, every counted structure j:  R_j = S_j / Σ_k f(d_kj) · P_k
 *   Step 2, every commune i:            A_i = Σ_j f(d_ij) · R_j
 *
 * S_j is the structure's supply (its `supplyWeight`, else the weight of its type: CS 1, EVS 0.5),
 * P_k the demand of commune k (population, or need-weighted population), d the pair's cost in
 * the analysis metric (km or minutes) and d₀ the catchment. A_i is reported per 10,000 demand
 * units: "CS-equivalents per 10,000 inhabitants". A structure with no demand in its catchment
 * gets R_j = 0 (its supply reaches nobody).
 *
 * Complexity: one radius query per counted structure, O(s log n + m log m) for m pairs, then O(m).
 * Sums run in a fixed order (structures ascending, communes ascending) so that the indexed and
 * the brute-force paths give bit-identical results.
 */
import type { CoverageContext } from './context';
import { contextNeedValues } from './context';
import type { DemandOption } from './options';
import type { StructureSet } from './structure-set';
import { costOfKm, kmOfCost } from './travel-time';

/** Accessibility is reported per this many demand units. */
export const ACCESSIBILITY_PER = 10_000;

const EXP_HALF = Math.exp(-0.5);

/** Number of catchments whose pairs a structure set keeps. */
const MEMO_SIZE = 4;

/**
 * Gaussian decay weight of a pair, in [0, 1].
 *
 * @param cost pair cost (km or minutes, ≥ 0)
 * @param catchment catchment d₀ in the same unit (> 0)
 */
export function gaussianDecay(cost: number, catchment: number): number {
	if (!(cost <= catchment)) return 0;
	const r = cost / catchment;
	return (Math.exp(-0.5 * r * r) - EXP_HALF) / (1 - EXP_HALF);
}

/**
 * Commune–structure pairs within the catchment, grouped by structure (CSR layout): the pairs of
 * structure j are at positions `start[j]` to `start[j + 1] − 1`, communes ascending.
 */
export interface CatchmentPairs {
	catchment: number;
	start: Int32Array;
	commune: Int32Array;
	/** Pair cost (km or minutes). */
	cost: Float64Array;
	/** Decay weight f(cost). */
	weight: Float64Array;
}

/**
 * Pairs of every counted structure with the communes within `catchment` (analysis metric); matrix
 * times replace estimates where present (minutes metric). Memoised on the structure set (the last 4 catchments).
 */
export function catchmentPairs(set: StructureSet, catchment: number): CatchmentPairs {
	const memo = set.catchmentMemo.get(catchment);
	if (memo) return memo;
	const { context, points, lookup } = set;
	const { model, communeSearch } = context;
	const s = set.structures.length;
	const countedMask = new Uint8Array(s);
	for (const j of set.counted) countedMask[j] = 1;
	// A hair wider than the exact radius; each pair is then tested on its own cost.
	const radiusKm = kmOfCost(model, catchment) * (1 + 1e-9);
	const start = new Int32Array(s + 1);
	let communes = new Int32Array(1024);
	let costs = new Float64Array(1024);
	let size = 0;
	const push = (k: number, cost: number) => {
		if (size === communes.length) {
			const c = new Int32Array(size * 2);
			c.set(communes);
			communes = c;
			const d = new Float64Array(size * 2);
			d.set(costs);
			costs = d;
		}
		communes[size] = k;
		costs[size++] = cost;
	};
	const found: number[] = [];
	const foundKm: number[] = [];
	for (let j = 0; j < s; j++) {
		start[j] = size;
		if (!countedMask[j]) continue;
		const lon = points.lon[j];
		const lat = points.lat[j];
		communeSearch.within(lon, lat, radiusKm, found, foundKm);
		const overrides = lookup?.byDestination[j];
		if (!overrides) {
			for (let f = 0; f < found.length; f++) {
				const cost = costOfKm(model, foundKm[f]);
				if (cost <= catchment) push(found[f], cost);
			}
			continue;
		}
		// Matrix times replace the estimates of their pairs; merge, communes ascending.
		const merged: { k: number; cost: number }[] = [];
		for (let f = 0; f < found.length; f++) {
			const k = found[f];
			if (overrides.has(k)) continue;
			const cost = costOfKm(model, foundKm[f]);
			if (cost <= catchment) merged.push({ k, cost });
		}
		for (const [k, minutes] of overrides) if (minutes <= catchment) merged.push({ k, cost: minutes });
		merged.sort((a, b) => a.k - b.k);
		for (const m of merged) push(m.k, m.cost);
	}
	start[s] = size;
	const cost = costs.slice(0, size);
	// A plain loop rather than `cost.map(…)`: the engine can optimise it while it runs (first run of a process).
	const weight = new Float64Array(size);
	for (let p = 0; p < size; p++) weight[p] = gaussianDecay(cost[p], catchment);
	const pairs: CatchmentPairs = { catchment, start, commune: communes.slice(0, size), cost, weight };
	// Keep the last few catchments only (a slider may visit many values; France holds ≈ 9 MB each).
	if (set.catchmentMemo.size >= MEMO_SIZE) set.catchmentMemo.delete(set.catchmentMemo.keys().next().value!);
	set.catchmentMemo.set(catchment, pairs);
	return pairs;
}

/** Demand per commune and how many communes lacked the need indicator. */
export interface Demand {
	demand: Float64Array;
	/** Communes without a value for the need indicator (given the factor 1); 0 for population demand. */
	missing: number;
	/** Population-weighted mean of the need indicator, or null (population demand, or no value at all). */
	meanNeed: number | null;
}

/**
 * Demand P_k of every commune: its population, or population × (1 − blend + blend × need / mean),
 * the mean being population-weighted over communes with a value (see `DemandOption`).
 */
export function computeDemand(context: CoverageContext, option: DemandOption): Demand {
	const { population } = context;
	if (option.kind === 'population') return { demand: population, missing: 0, meanNeed: null };
	const values = contextNeedValues(context, option.indicator);
	let sum = 0;
	let weight = 0;
	let missing = 0;
	for (let i = 0; i < values.length; i++) {
		if (Number.isNaN(values[i])) missing++;
		else {
			sum += values[i] * population[i];
			weight += population[i];
		}
	}
	const mean = weight > 0 ? sum / weight : NaN;
	const demand = new Float64Array(values.length);
	for (let i = 0; i < values.length; i++) {
		const factor = Number.isNaN(values[i]) || !(mean > 0) ? 1 : 1 - option.blend + (option.blend * values[i]) / mean;
		demand[i] = population[i] * factor;
	}
	return { demand, missing, meanNeed: Number.isNaN(mean) ? null : mean };
}

/** 2SFCA output. */
export interface Accessibility {
	/** A_i per commune, supply per {@link ACCESSIBILITY_PER} demand units. */
	perCommune: Float64Array;
	/** R_j per structure (supply per demand unit), 0 for uncounted structures. */
	ratio: Float64Array;
}

/**
 * Runs the two steps over precomputed pairs.
 *
 * @param pairs catchment pairs (see {@link catchmentPairs})
 * @param supply S_j per structure (0 for uncounted ones)
 * @param demand P_k per commune
 */
export function twoStepFloatingCatchment(pairs: CatchmentPairs, supply: Float64Array, demand: Float64Array): Accessibility {
	const s = pairs.start.length - 1;
	const ratio = new Float64Array(s);
	const perCommune = new Float64Array(demand.length);
	// Step 1: supply-to-demand ratio at each structure.
	for (let j = 0; j < s; j++) {
		let reached = 0;
		for (let p = pairs.start[j]; p < pairs.start[j + 1]; p++) reached += pairs.weight[p] * demand[pairs.commune[p]];
		ratio[j] = reached > 0 ? supply[j] / reached : 0;
	}
	// Step 2: sum of the ratios reaching each commune.
	for (let j = 0; j < s; j++) {
		const r = ratio[j];
		if (r === 0) continue;
		for (let p = pairs.start[j]; p < pairs.start[j + 1]; p++) perCommune[pairs.commune[p]] += pairs.weight[p] * r;
	}
	for (let i = 0; i < perCommune.length; i++) perCommune[i] *= ACCESSIBILITY_PER;
	return { perCommune, ratio };
}

/** S_j per structure: its own `supplyWeight`, else the weight of its type; 0 when not counted. */
export function supplyOf(set: StructureSet, weights: Record<'CS' | 'EVS', number>): Float64Array {
	const supply = new Float64Array(set.structures.length);
	for (const j of set.counted) {
		const st = set.structures[j];
		const own = st.supplyWeight;
		if (own != null && !(Number.isFinite(own) && own >= 0)) throw new Error(`invalid supplyWeight of structure ${st.id}: ${own}`);
		supply[j] = own ?? weights[st.type];
	}
	return supply;
}
