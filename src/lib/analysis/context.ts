/**
 * Stage 1 of the analysis: everything that depends on the communes, the poles, the QPVs and the
 * travel model but not on the structures nor on the thresholds. Built once; then any number of
 * structure sets (scenarios) and threshold changes (sliders) reuse it.
 *
 * Complexity (n communes, p poles, q QPVs, r matrix rows): O(n log n + p log p + n log p + q + r).
 */
import { needIndicatorId, needValues } from './needs';
import { computeNearest, buildPointLayer, type NearestFacts, type PointArrays, type PointLayer, type SearchFactory } from './nearest';
import { resolveCoverageOptions, type CoverageOptions, type CoverageOptionsInput, type NeedIndicator } from './options';
import { createPointSearch, type PointSearch } from './point-index';
import { prepareQpvShape, type QpvShape } from './qpv-shape';
import { buildTravelTimeLookup, type TravelModel, type TravelTimeLookup } from './travel-time';
import type { CoverageCommune, CoverageInput, CoveragePole, CoverageQpv, TravelTime } from './types';

/** The structure-independent part of the analysis. Treat as read-only. */
export interface CoverageContext {
	/** Resolved options; thresholds may be overridden per `computeCoverage` call, the travel model may not. */
	options: CoverageOptions;
	model: TravelModel;
	createSearch: SearchFactory;
	communes: readonly CoverageCommune[];
	/** Commune reference points, degrees. */
	communePoints: PointArrays;
	/** Commune populations, inhabitants. */
	population: Float64Array;
	/** Sum of populations, inhabitants. */
	totalPopulation: number;
	/** INSEE code → commune index. */
	communeIndex: Map<string, number>;
	/** Search over commune reference points (2SFCA catchments; coverage sets of candidate sites). */
	communeSearch: PointSearch;
	poles: readonly CoveragePole[];
	polePoints: PointArrays;
	poleLayer: PointLayer;
	/** Nearest pole of every commune, in the analysis metric. */
	nearestPole: NearestFacts;
	/** QPVs, or null when none were given (the QPV criterion is then not evaluated). */
	qpvs: readonly CoverageQpv[] | null;
	qpvPoints: PointArrays;
	/** Contour of each QPV prepared for distance queries, null when the QPV has none (its point stands in). */
	qpvShapes: (QpvShape | null)[];
	/** Commune index → indices of its QPVs. */
	qpvsOfCommune: Map<number, number[]>;
	/** Matrix rows (used with the `minutes` metric only). */
	travelTimes: readonly TravelTime[] | null;
	/** Matrix values resolved against poles (minutes metric with a matrix), else null. */
	poleLookup: TravelTimeLookup | null;
	/** Memo of need indicator values (NaN where unknown), by `needIndicatorId`. */
	needMemo: Map<string, Float64Array>;
}

/** Parallel lon/lat arrays from objects with `lon`/`lat` (degrees), validating them. */
export function toPointArrays(items: readonly { lon: number; lat: number }[], what: string, idOf: (index: number) => string): PointArrays {
	const lon = new Float64Array(items.length);
	const lat = new Float64Array(items.length);
	for (let i = 0; i < items.length; i++) {
		const p = items[i];
		if (!Number.isFinite(p.lon) || !Number.isFinite(p.lat) || p.lat < -90 || p.lat > 90 || p.lon < -180 || p.lon > 180) {
			throw new Error(`invalid ${what} point: ${idOf(i)}`);
		}
		lon[i] = p.lon;
		lat[i] = p.lat;
	}
	return { lon, lat };
}

/**
 * Builds the context.
 *
 * @param input communes (with reference points), poles, optional QPVs and travel-time matrix
 * @param options parameters (defaults in `DEFAULT_COVERAGE_OPTIONS`)
 * @param createSearch spatial search to use: the kd-tree (default) or the brute-force oracle
 * @throws Error on a duplicate commune code or pole id, an invalid point or population, or invalid options
 */
export function buildCoverageContext(
	input: Pick<CoverageInput, 'communes' | 'poles' | 'qpvs' | 'travelTimes' | 'travelTimesComplete'>,
	options: CoverageOptionsInput = {},
	createSearch: SearchFactory = createPointSearch
): CoverageContext {
	const resolved = resolveCoverageOptions(options);
	const { communes, poles } = input;
	const complete = resolved.metric === 'minutes' && (input.travelTimes?.length ?? 0) > 0 && input.travelTimesComplete != null;
	const model: TravelModel = { metric: resolved.metric, detourFactor: resolved.detourFactor, speedKmh: resolved.speedKmh, complete };

	// Step 1: communes.
	const communeIndex = new Map<string, number>();
	const population = new Float64Array(communes.length);
	let totalPopulation = 0;
	communes.forEach((c, i) => {
		if (communeIndex.has(c.code)) throw new Error(`duplicate commune code: ${c.code}`);
		communeIndex.set(c.code, i);
		if (!(Number.isFinite(c.population) && c.population >= 0)) throw new Error(`invalid population of commune ${c.code}: ${c.population}`);
		population[i] = c.population;
		totalPopulation += c.population;
	});
	const communePoints = toPointArrays(communes, 'commune', (i) => communes[i].code);
	const communeSearch = createSearch(communePoints.lon, communePoints.lat);

	// Step 2: poles, and the nearest pole of every commune.
	const poleIds = new Set<string>();
	for (const p of poles) {
		if (poleIds.has(String(p.id))) throw new Error(`duplicate pole id: ${p.id}`);
		poleIds.add(String(p.id));
	}
	const polePoints = toPointArrays(poles, 'pole', (i) => String(poles[i].id));
	const poleLayer = buildPointLayer(polePoints, Int32Array.from(poles.keys()), createSearch);
	const travelTimes = input.travelTimes && input.travelTimes.length > 0 ? input.travelTimes : null;
	const poleLookup =
		model.metric === 'minutes' && travelTimes ? buildTravelTimeLookup(travelTimes, communeIndex, poles, communes.length, 'pole') : null;
	const nearestPole = computeNearest(communePoints, poleLayer, polePoints, model, poleLookup);

	// Step 3: QPVs, attached to their commune.
	const qpvs = input.qpvs ?? null;
	const qpvPoints = toPointArrays(qpvs ?? [], 'QPV', (i) => qpvs![i].code);
	const qpvShapes = (qpvs ?? []).map((q) => (q.geometry ? prepareQpvShape(q.code, q.geometry, q.lon, q.lat) : null));
	const qpvsOfCommune = new Map<number, number[]>();
	qpvs?.forEach((q, k) => {
		const i = communeIndex.get(q.communeCode);
		if (i === undefined) return; // a QPV of a commune outside the analysed territory
		const list = qpvsOfCommune.get(i);
		if (list) list.push(k);
		else qpvsOfCommune.set(i, [k]);
	});

	return {
		options: resolved,
		model,
		createSearch,
		communes,
		communePoints,
		population,
		totalPopulation,
		communeIndex,
		communeSearch,
		poles,
		polePoints,
		poleLayer,
		nearestPole,
		qpvs,
		qpvPoints,
		qpvShapes,
		qpvsOfCommune,
		travelTimes,
		poleLookup,
		needMemo: new Map()
	};
}

/** Values of a need indicator for every commune of the context (NaN where unknown), memoised. */
export function contextNeedValues(context: CoverageContext, indicator: NeedIndicator): Float64Array {
	const id = needIndicatorId(indicator);
	let values = context.needMemo.get(id);
	if (!values) {
		values = needValues(context.communes, indicator);
		context.needMemo.set(id, values);
	}
	return values;
}

/**
 * Indices of the communes whose reference point lies within `radiusKm` of (lon, lat), ascending,
 * with their distances (km). For planning: the coverage set of a candidate site (MCLP/LSCP).
 */
export function communesWithinKm(
	context: CoverageContext,
	lon: number,
	lat: number,
	radiusKm: number
): { indices: number[]; km: number[] } {
	const indices: number[] = [];
	const km: number[] = [];
	context.communeSearch.within(lon, lat, radiusKm, indices, km);
	return { indices, km };
}
