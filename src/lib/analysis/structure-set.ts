/**
 * Stage 2 of the analysis: the structures that count at the analysis date, their indexes, and
 * every threshold-independent fact about them (nearest CS/EVS/structure per commune, zones de
 * compétence, nearest CS and EVS per QPV from its contour). Threshold changes reuse it; a scenario (one structure
 * added, moved or closed) builds a new one.
 *
 * Complexity (n communes, s structures, z zone entries, q QPVs):
 * O(s log s + n log s + z + q log s).
 */
import type { CatchmentPairs } from './accessibility';
import { agrementStatus, type StructureStatus } from './agrement';
import { toPointArrays, type CoverageContext } from './context';
import { buildPointLayer, computeNearest, nearerOf, type NearestFacts, type PointArrays, type PointLayer } from './nearest';
import { nearestToQpvs } from './qpv-nearest';
import { buildTravelTimeLookup, type TravelTimeLookup } from './travel-time';
import type { CoverageStructure } from './types';

/** Structures prepared for the coverage computation. Treat as read-only. */
export interface StructureSet {
	/** The context it was built against. */
	context: CoverageContext;
	/** Analysis date used for the agrément filter (`YYYY-MM-DD`), or null. */
	date: string | null;
	/** All input structures (indices below refer to this array). */
	structures: readonly CoverageStructure[];
	/** Status of every input structure at the date. */
	statuses: StructureStatus[];
	/** Indices of the counted structures, ascending. */
	counted: Int32Array;
	points: PointArrays;
	csLayer: PointLayer;
	evsLayer: PointLayer;
	/** Matrix values resolved against structures (minutes metric with a matrix), else null. */
	lookup: TravelTimeLookup | null;
	nearestCs: NearestFacts;
	nearestEvs: NearestFacts;
	/** Nearer of nearest CS and nearest EVS. */
	nearestStructure: NearestFacts;
	/** Commune index → indices of the counted structures whose zone de compétence lists it, ascending. */
	zoneOf: Map<number, number[]>;
	/** Nearest counted CS of every QPV, straight-line km from its contour (0 inside). */
	qpvNearestCs: NearestFacts;
	/** Nearest counted EVS of every QPV, same distance. */
	qpvNearestEvs: NearestFacts;
	/** Nearer of the two: the QPV criterion of « à renforcer » and the QPV view (km). */
	qpvNearest: NearestFacts;
	/** Memo of 2SFCA catchment pairs by catchment threshold (filled by `accessibility.ts`). */
	catchmentMemo: Map<number, CatchmentPairs>;
}

/**
 * Builds the structure set.
 *
 * @param context stage-1 context
 * @param structures all structures (any agrément status)
 * @param date analysis date `YYYY-MM-DD` (default: the context's `options.date`); null counts all
 * @throws Error on a duplicate id, an invalid point, type or agrément date
 */
export function buildStructureSet(
	context: CoverageContext,
	structures: readonly CoverageStructure[],
	date: string | null = context.options.date
): StructureSet {
	const { model, communePoints, communeIndex, createSearch } = context;

	// Step 1: which structures count.
	const ids = new Set<string>();
	for (const s of structures) {
		const key = String(s.id); // ids are compared as strings (matrix destinations)
		if (ids.has(key)) throw new Error(`duplicate structure id: ${s.id}`);
		ids.add(key);
	}
	const statuses = structures.map((s) => agrementStatus(s, date));
	const points = toPointArrays(structures, 'structure', (i) => String(structures[i].id));
	const cs: number[] = [];
	const evs: number[] = [];
	structures.forEach((s, j) => {
		if (!statuses[j].counted) return;
		if (s.type === 'CS') cs.push(j);
		else if (s.type === 'EVS') evs.push(j);
		else throw new Error(`invalid structure type of ${s.id}: ${String(s.type)}`);
	});
	const counted = Int32Array.from([...cs, ...evs].sort((a, b) => a - b));

	// Step 2: one index per type, and the nearest of each type for every commune.
	const csLayer = buildPointLayer(points, cs, createSearch);
	const evsLayer = buildPointLayer(points, evs, createSearch);
	const lookup =
		model.metric === 'minutes' && context.travelTimes
			? buildTravelTimeLookup(context.travelTimes, communeIndex, structures, context.communes.length, 'structure')
			: null;
	const nearestCs = computeNearest(communePoints, csLayer, points, model, lookup);
	const nearestEvs = computeNearest(communePoints, evsLayer, points, model, lookup);
	const nearestStructure = nearerOf(nearestCs, nearestEvs);

	// Step 3: zones de compétence of counted structures.
	const zoneOf = new Map<number, number[]>();
	for (const j of counted) {
		for (const code of structures[j].zoneCommunes ?? []) {
			const i = communeIndex.get(code);
			if (i === undefined) continue; // a zone commune outside the analysed territory
			const list = zoneOf.get(i);
			if (!list) zoneOf.set(i, [j]);
			else if (list[list.length - 1] !== j) list.push(j);
		}
	}

	// Step 4: nearest counted CS and EVS of every QPV, straight-line from its contour.
	const qpvNearestCs = nearestToQpvs(context, csLayer, points);
	const qpvNearestEvs = nearestToQpvs(context, evsLayer, points);
	const qpvNearest = nearerOf(qpvNearestCs, qpvNearestEvs);

	return {
		context,
		date,
		structures,
		statuses,
		counted,
		points,
		csLayer,
		evsLayer,
		lookup,
		nearestCs,
		nearestEvs,
		nearestStructure,
		zoneOf,
		qpvNearestCs,
		qpvNearestEvs,
		qpvNearest,
		catchmentMemo: new Map()
	};
}
