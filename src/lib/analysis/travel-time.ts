/**
 * Travel times: the estimate from straight-line distance, and the lookup of an imported matrix.
 *
 * With the `minutes` metric, the cost of a commune → destination pair is the matrix value when the
 * matrix has one, otherwise the estimate `km × detourFactor ÷ speedKmh × 60`. The estimate grows
 * with the distance, so the spatial index still finds candidates (a minute threshold T becomes the
 * radius `kmForMinutes(T)`); matrix pairs are handled apart, as exceptions (see `nearest.ts`).
 * With the `km` metric the matrix is not used and the cost is the distance itself.
 *
 * A **complete** matrix (road times computed by `maillage routes compute`: every pair within its
 * cutoff) has no estimate at all: a pair it does not give is beyond the cutoff (cost Infinity).
 */
import type { DistanceMetric } from './options';
import type { PointId, TravelTime } from './types';

/** Estimated travel time, minutes, for a straight-line distance (km), a detour factor and a speed (km/h). */
export function estimateMinutes(km: number, detourFactor: number, speedKmh: number): number {
	return ((km * detourFactor) / speedKmh) * 60;
}

/** Straight-line distance, km, whose estimated travel time is `minutes` (inverse of {@link estimateMinutes}). */
export function kmForMinutes(minutes: number, detourFactor: number, speedKmh: number): number {
	return ((minutes / 60) * speedKmh) / detourFactor;
}

/** How pair costs are computed: the metric and, for minutes, the estimate's parameters. */
export interface TravelModel {
	metric: DistanceMetric;
	detourFactor: number;
	speedKmh: number;
	/** Minutes metric with a complete matrix: a pair without a matrix value is beyond the cutoff. */
	complete?: boolean;
}

/**
 * Cost of a pair without a matrix value, from its straight-line distance (km): the km themselves,
 * estimated minutes, or Infinity (beyond the cutoff) with a complete matrix.
 */
export function costOfKm(model: TravelModel, km: number): number {
	if (model.metric === 'km') return km;
	return model.complete ? Infinity : estimateMinutes(km, model.detourFactor, model.speedKmh);
}

/** The straight-line radius (km) holding every pair whose estimated cost is ≤ `cost` (0 with a complete matrix: no estimate). */
export function kmOfCost(model: TravelModel, cost: number): number {
	if (model.metric === 'km') return cost;
	return model.complete ? 0 : kmForMinutes(cost, model.detourFactor, model.speedKmh);
}

/** A destination of the matrix: its id and, optionally, its commune. */
export interface TravelDestination {
	id: PointId;
	communeCode?: string | null;
}

/**
 * Matrix values for one set of destinations (structures or poles), indexed both ways:
 * `byOrigin[communeIndex]` maps destination index → minutes and `byDestination[destIndex]`
 * maps commune index → minutes (undefined when the matrix says nothing).
 */
export interface TravelTimeLookup {
	byOrigin: (Map<number, number> | undefined)[];
	byDestination: (Map<number, number> | undefined)[];
	/** Number of pairs the matrix provides for these destinations. */
	pairs: number;
}

/**
 * Resolves matrix rows against communes (origins) and destinations. A destination string equal to
 * a destination id (compared as strings) designates that destination; otherwise, when it is a
 * commune code, it designates every destination whose `communeCode` it is, unless an id-level row
 * exists for the same origin (the more precise row wins). When several rows give the same pair,
 * the shortest time is kept. Rows whose origin is not a known commune, or whose destination
 * matches nothing, are ignored. A row whose `destinationKind` is set is matched only as that
 * kind: `commune` rows by commune code only, `structure` and `pole` rows by id, and only when
 * `kind` (the kind of these destinations) is the same.
 *
 * @param rows matrix rows (minutes ≥ 0)
 * @param communeIndex INSEE code → commune index
 * @param destinations the destinations, in the order of their indices
 * @param kind what the destinations are (structures or poles); rows of another kind are ignored
 * @throws Error `invalid travel time: <origin> → <destination>` for a negative or non-finite time
 */
export function buildTravelTimeLookup(
	rows: readonly TravelTime[],
	communeIndex: ReadonlyMap<string, number>,
	destinations: readonly TravelDestination[],
	communeCount: number,
	kind?: 'structure' | 'pole'
): TravelTimeLookup {
	const byId = new Map<string, number>();
	const byCommune = new Map<string, number[]>();
	destinations.forEach((d, j) => {
		byId.set(String(d.id), j);
		if (d.communeCode) {
			const list = byCommune.get(d.communeCode);
			if (list) list.push(j);
			else byCommune.set(d.communeCode, [j]);
		}
	});
	const byOrigin: (Map<number, number> | undefined)[] = new Array(communeCount).fill(undefined);
	const precise: (Set<number> | undefined)[] = new Array(communeCount).fill(undefined);
	const set = (i: number, j: number, minutes: number) => {
		const m = (byOrigin[i] ??= new Map());
		const old = m.get(j);
		if (old === undefined || minutes < old) m.set(j, minutes);
	};
	// Id-level rows first, so that commune-level rows never override them.
	for (const row of rows) {
		if (!(Number.isFinite(row.minutes) && row.minutes >= 0)) throw new Error(`invalid travel time: ${row.origin} → ${row.destination}`);
		const rowKind = row.destinationKind ?? null;
		if (rowKind !== null && (rowKind === 'commune' || rowKind !== kind)) continue;
		const i = communeIndex.get(row.origin);
		const j = byId.get(row.destination);
		if (i === undefined || j === undefined) continue;
		set(i, j, row.minutes);
		(precise[i] ??= new Set()).add(j);
	}
	for (const row of rows) {
		const rowKind = row.destinationKind ?? null;
		if (rowKind !== null && rowKind !== 'commune') continue;
		const i = communeIndex.get(row.origin);
		if (i === undefined || (rowKind === null && byId.has(row.destination))) continue;
		const list = byCommune.get(row.destination);
		if (!list) continue;
		for (const j of list) if (!precise[i]?.has(j)) set(i, j, row.minutes);
	}
	const byDestination: (Map<number, number> | undefined)[] = new Array(destinations.length).fill(undefined);
	let pairs = 0;
	byOrigin.forEach((m, i) => {
		if (!m) return;
		for (const [j, minutes] of m) {
			(byDestination[j] ??= new Map()).set(i, minutes);
			pairs++;
		}
	});
	return { byOrigin, byDestination, pairs };
}
