/**
 * Candidate sites of the location models and the communes each would cover.
 *
 * By default a candidate is a commune's reference point (the point the engine measures from),
 * optionally restricted to communes dépourvues and/or isolées in the situation planned from, or
 * to one EPCI. The coverage set of a candidate for a structure type is what adding such a
 * structure there would cover under the engine's rule: every commune whose cost to the site is
 * within the type's radius (straight-line km, or minutes with the travel-time matrix taking
 * precedence over the estimate, exactly as for a real structure of that commune).
 *
 * Complexity: one radius query per candidate, O(c log n + m) for m pairs (plus the matrix rows).
 */
import type { CoverageContext } from '../analysis/context';
import type { CoverageResult } from '../analysis/coverage';
import { haversineKm } from '../analysis/distance';
import { activeThresholds } from '../analysis/options';
import { buildTravelTimeLookup, costOfKm, kmOfCost } from '../analysis/travel-time';
import type { StructureType } from '../analysis/types';

/** A candidate site. */
export interface PlanningCandidate {
	/** The candidate's code: the commune's INSEE code for commune candidates. */
	code: string;
	name: string;
	/** Longitude, degrees. */
	lon: number;
	/** Latitude, degrees. */
	lat: number;
	/** INSEE code of the commune the site is in (a travel-time matrix may give times to it). */
	communeCode: string | null;
}

/** Restriction of commune candidates. */
export interface CandidateFilter {
	/** Keep communes in these situations (any of them): `depourvue` (alone or isolée), `isolee` (covered or not). */
	only?: readonly ('depourvue' | 'isolee')[] | null;
	/** Keep the communes of this EPCI (SIREN). */
	epci?: string | null;
}

/**
 * The reference points of the communes passing `filter`, in commune order.
 *
 * @param result the coverage of the situation planned from (categories)
 */
export function communeCandidates(context: CoverageContext, result: CoverageResult, filter: CandidateFilter = {}): PlanningCandidate[] {
	const only = filter.only && filter.only.length > 0 ? new Set(filter.only) : null;
	const out: PlanningCandidate[] = [];
	context.communes.forEach((c, i) => {
		if (filter.epci && c.epci !== filter.epci) return;
		if (only) {
			const category = result.communes[i].category;
			const depourvue = category === 'depourvue' || category === 'depourvue_isolee';
			const isolee = category === 'isolee' || category === 'depourvue_isolee';
			if (!((only.has('depourvue') && depourvue) || (only.has('isolee') && isolee))) return;
		}
		out.push({ code: c.code, name: c.name, lon: c.lon, lat: c.lat, communeCode: c.code });
	});
	return out;
}

/** Coverage sets in CSR layout: candidate j covers communes `commune[start[j] … start[j+1]−1]` (ascending). */
export interface CoverageSets {
	start: Int32Array;
	commune: Int32Array;
	/** Straight-line distance of each pair, km. */
	km: Float64Array;
	/** The radius used, in `unit`. */
	radius: number;
	unit: 'km' | 'min';
}

/**
 * The communes each candidate would cover with a structure of `type`, among those `eligible`
 * (e.g. the communes not covered yet; all when omitted).
 */
export function candidateCoverage(
	context: CoverageContext,
	candidates: readonly PlanningCandidate[],
	type: StructureType,
	eligible?: (commune: number) => boolean
): CoverageSets {
	const t = activeThresholds(context.options);
	const radius = type === 'CS' ? t.radiusCs : t.radiusEvs;
	const { model } = context;
	const searchKm = kmOfCost(model, radius) * (1 + 1e-9); // a hair wider; each pair is tested on its own cost
	// Matrix values towards candidates: the engine's own lookup, candidates as destinations.
	const lookup =
		model.metric === 'minutes' && context.travelTimes
			? buildTravelTimeLookup(
					context.travelTimes,
					context.communeIndex,
					candidates.map((c, j) => ({ id: `\u0000candidate:${j}`, communeCode: c.communeCode })),
					context.communes.length
				)
			: null;
	const start = new Int32Array(candidates.length + 1);
	const communes: number[] = [];
	const kms: number[] = [];
	const found: number[] = [];
	const { lon, lat } = context.communePoints;
	candidates.forEach((c, j) => {
		start[j] = communes.length;
		context.communeSearch.within(c.lon, c.lat, searchKm, found);
		const overrides = lookup?.byDestination[j];
		const pairs: [number, number][] = [];
		for (let f = 0; f < found.length; f++) {
			const i = found[f];
			if (overrides?.has(i) || (eligible && !eligible(i))) continue;
			// Measured from the commune, as the engine measures commune → structure (bit for bit).
			const km = haversineKm(lon[i], lat[i], c.lon, c.lat);
			if (costOfKm(model, km) <= radius) pairs.push([i, km]);
		}
		if (overrides) {
			for (const [i, minutes] of overrides) {
				if (minutes > radius || (eligible && !eligible(i))) continue;
				pairs.push([i, haversineKm(lon[i], lat[i], c.lon, c.lat)]);
			}
			pairs.sort((a, b) => a[0] - b[0]);
		}
		for (const [i, km] of pairs) {
			communes.push(i);
			kms.push(km);
		}
	});
	start[candidates.length] = communes.length;
	return { start, commune: Int32Array.from(communes), km: Float64Array.from(kms), radius, unit: t.unit };
}
