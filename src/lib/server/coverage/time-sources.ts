/**
 * Where the travel times of a run come from, commune by commune: the imported matrix or the
 * estimate from the straight-line distance (detour factor, speed). With the `minutes` metric the
 * engine compares, for each commune, the time to its nearest CS, EVS and pole; this module tells,
 * for each of them, whether that time was a matrix value. The nearest destinations do not depend
 * on the thresholds, so the answer holds for any threshold (the coverage page moves them in the
 * browser). The French wording of the sources lives here too.
 *
 * Which pairs have a matrix value is decided by the engine's own lookup (`buildTravelTimeLookup`),
 * so the answer is the engine's.
 */
import type { CoverageResult, DistanceMetric, PointId } from '$lib/analysis';
import { buildTravelTimeLookup, type TravelTimeLookup } from '$lib/analysis/travel-time';
import { formatNumber } from '$lib/format';
import type { CoverageInputs } from './inputs';

/** Where a compared time comes from. */
export type TimeSource = 'matrix' | 'estimate';

/** Sources of the times to a commune's nearest structure, CS, EVS and pole (null where there is none). */
export interface CommuneTimeSources {
	structure: TimeSource | null;
	cs: TimeSource | null;
	evs: TimeSource | null;
	pole: TimeSource | null;
}

/** How a run used travel times: shown with the results and in the JSON (`travelTimes`). */
export interface TravelTimeUse {
	metric: DistanceMetric;
	/** True when the matrix is read (metric `minutes` and a matrix stored). */
	matrixUsed: boolean;
	/** Rows of the stored matrix. */
	rows: number;
	/** Commune → structure and commune → pole pairs the matrix resolved to (0 when not used). */
	structurePairs: number;
	polePairs: number;
	/** Communes whose time to the nearest CS, EVS or pole comes from the matrix (minutes metric). */
	communesWithMatrix: number;
	/** Communes whose compared times are all estimated from distances (minutes metric). */
	communesEstimated: number;
	/** Parameters of the estimate. */
	detourFactor: number;
	speedKmh: number;
	/** The French sentence. */
	text: string;
}

type Inputs = Pick<CoverageInputs, 'communes' | 'structures' | 'poles' | 'travelTimes'>;

function sourceOf(lookup: TravelTimeLookup | null, index: ReadonlyMap<string, number>, commune: number, id: PointId | null): TimeSource | null {
	if (id === null) return null;
	const j = index.get(String(id));
	return j !== undefined && lookup?.byOrigin[commune]?.has(j) ? 'matrix' : 'estimate';
}

/**
 * Sources of every commune's compared times, in the order of `result.communes`; null with the
 * `km` metric (no time is compared). `inputs` must be the very input of the run.
 */
export function communeTimeSources(result: CoverageResult, inputs: Inputs): CommuneTimeSources[] | null {
	if (result.parameters.metric !== 'minutes') return null;
	const n = inputs.communes.length;
	const rows = inputs.travelTimes ?? [];
	const communeIndex = new Map(inputs.communes.map((c, i) => [c.code, i]));
	const structureLookup = rows.length > 0 ? buildTravelTimeLookup(rows, communeIndex, inputs.structures, n, 'structure') : null;
	const poleLookup = rows.length > 0 ? buildTravelTimeLookup(rows, communeIndex, inputs.poles, n, 'pole') : null;
	const structureIndex = new Map(inputs.structures.map((s, j) => [String(s.id), j]));
	const poleIndex = new Map(inputs.poles.map((p, j) => [String(p.id), j]));
	return result.communes.map((c) => {
		const i = communeIndex.get(c.code)!;
		return {
			structure: sourceOf(structureLookup, structureIndex, i, c.nearestStructureId),
			cs: sourceOf(structureLookup, structureIndex, i, c.nearestCsId),
			evs: sourceOf(structureLookup, structureIndex, i, c.nearestEvsId),
			pole: sourceOf(poleLookup, poleIndex, i, c.nearestPoleId)
		};
	});
}

/** True when any compared time of the commune comes from the matrix. */
export function usesMatrix(sources: CommuneTimeSources): boolean {
	return sources.cs === 'matrix' || sources.evs === 'matrix' || sources.pole === 'matrix';
}

const decimal = (v: number) => formatNumber(v, { maximumFractionDigits: 2 });

/** French labels of the sources, for the reasons and the panel: « temps importé (matrice) »… */
export function timeSourceLabels(options: { detourFactor: number; speedKmh: number }): Record<TimeSource, string> {
	return {
		matrix: 'temps importé (matrice)',
		estimate: `temps estimé (distance × ${decimal(options.detourFactor)} à ${decimal(options.speedKmh)} km/h)`
	};
}

/** How the run used travel times, with its French sentence. */
export function travelTimeUse(result: CoverageResult, inputs: Inputs, sources: readonly CommuneTimeSources[] | null): TravelTimeUse {
	const { metric, detourFactor, speedKmh } = result.parameters;
	const rows = inputs.travelTimes?.length ?? 0;
	const withMatrix = sources ? sources.filter(usesMatrix).length : 0;
	const estimated = sources ? sources.length - withMatrix : 0;
	const count = (n: number) => formatNumber(n);
	const estimate = `estimés depuis la distance à vol d’oiseau × ${decimal(detourFactor)} (détour) à ${decimal(speedKmh)} km/h`;
	let text: string;
	if (metric === 'km') {
		text =
			rows > 0
				? `Seuils en km : la matrice de temps de trajet enregistrée (${count(rows)} lignes) n’est pas utilisée (paramètre analysis.metric = km).`
				: 'Seuils en km : distances à vol d’oiseau.';
	} else if (rows === 0) {
		text = `Seuils en minutes : aucune matrice de temps de trajet importée, tous les temps sont ${estimate}.`;
	} else {
		text =
			`Seuils en minutes : matrice importée (${count(rows)} lignes) utilisée pour ${count(withMatrix)} commune${withMatrix > 1 ? 's' : ''} ; ` +
			`ailleurs, temps ${estimate} (${count(estimated)} commune${estimated > 1 ? 's' : ''}).`;
	}
	return {
		metric,
		matrixUsed: metric === 'minutes' && rows > 0,
		rows,
		structurePairs: result.travelTimes.structurePairs,
		polePairs: result.travelTimes.polePairs,
		communesWithMatrix: withMatrix,
		communesEstimated: estimated,
		detourFactor,
		speedKmh,
		text
	};
}

/** Which source a reason's compared time has, by its code; null when it compares no time. */
export function reasonTimeSource(code: string, sources: CommuneTimeSources): TimeSource | null {
	if (code === 'cs_within_radius' || code === 'cs_beyond_radius') return sources.cs;
	if (code === 'evs_within_radius' || code === 'evs_beyond_radius') return sources.evs;
	if (code === 'pole_within_isolation' || code === 'pole_beyond_isolation') return sources.pole;
	return null;
}
