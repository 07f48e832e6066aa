/**
 * Where the travel times of a run come from, commune by commune: the imported matrix, the road
 * times computed from OpenStreetMap or an OSRM server (`maillage routes compute`), the estimate
 * from the straight-line distance (detour factor, speed), or — with computed road times, which are
 * complete — « beyond the cutoff » when no time within it exists. With the `minutes` metric the
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
import type { CoverageInputs, TravelTimeSourceInfo } from './inputs';

/** Where a compared time comes from: imported matrix, computed road time, estimate, beyond the computed cutoff. */
export type TimeSource = 'matrix' | 'road' | 'estimate' | 'beyond';

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
	/** The sources of the stored times (imported files, computed road times). */
	sources: TravelTimeSourceInfo[];
	/** The complete (computed) source and its cutoff, when one is stored and read. */
	complete: { cutoffMinutes: number; source: string } | null;
	/** The French sentence. */
	text: string;
}

type Inputs = Pick<CoverageInputs, 'communes' | 'structures' | 'poles' | 'travelTimes'> &
	Partial<Pick<CoverageInputs, 'travelTimeSources' | 'travelTimesComplete'>>;

/** A time's source from its row: computed (`osm:`, `osrm:`) or imported. */
const rowKind = (source: string | null | undefined): TimeSource => (source && /^(osm|osrm):/.test(source) ? 'road' : 'matrix');

function sourceOf(
	lookup: TravelTimeLookup | null,
	index: ReadonlyMap<string, number>,
	commune: number,
	id: PointId | null,
	rowSource: (j: number) => TimeSource,
	complete: boolean
): TimeSource | null {
	if (id === null) return null;
	const j = index.get(String(id));
	if (j !== undefined && lookup?.byOrigin[commune]?.has(j)) return rowSource(j);
	return complete ? 'beyond' : 'estimate';
}

/**
 * The kind of the row the engine used for commune → destination j: the id-level row when there is
 * one, else the commune-level row of the destination's commune (as `buildTravelTimeLookup`).
 */
function rowSources(inputs: Inputs, kind: 'structure' | 'pole') {
	const byKey = new Map<string, string | null>();
	for (const r of inputs.travelTimes ?? []) {
		const k = r.destinationKind ?? null;
		if (k !== null && k !== kind && k !== 'commune') continue;
		byKey.set(`${r.origin}|${k === 'commune' ? 'c' : 'i'}|${r.destination}`, r.source ?? null);
	}
	const destinations = kind === 'structure' ? inputs.structures : inputs.poles;
	return (origin: string, j: number): TimeSource => {
		const d = destinations[j];
		const id = byKey.get(`${origin}|i|${String(d.id)}`);
		if (id !== undefined) return rowKind(id);
		return rowKind(d.communeCode ? byKey.get(`${origin}|c|${d.communeCode}`) : null);
	};
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
	const complete = inputs.travelTimesComplete != null && rows.length > 0;
	const structureRow = rowSources(inputs, 'structure');
	const poleRow = rowSources(inputs, 'pole');
	return result.communes.map((c) => {
		const i = communeIndex.get(c.code)!;
		const s = (j: number) => structureRow(c.code, j);
		const p = (j: number) => poleRow(c.code, j);
		return {
			structure: sourceOf(structureLookup, structureIndex, i, c.nearestStructureId, s, complete),
			cs: sourceOf(structureLookup, structureIndex, i, c.nearestCsId, s, complete),
			evs: sourceOf(structureLookup, structureIndex, i, c.nearestEvsId, s, complete),
			pole: sourceOf(poleLookup, poleIndex, i, c.nearestPoleId, p, complete)
		};
	});
}

/** True when any compared time of the commune comes from the matrix (imported or computed). */
export function usesMatrix(sources: CommuneTimeSources): boolean {
	const m = (t: TimeSource | null) => t === 'matrix' || t === 'road' || t === 'beyond';
	return m(sources.cs) || m(sources.evs) || m(sources.pole);
}

/** « par la route (OpenStreetMap, extrait du 30/11/2026) » for a computed source label. */
export function roadSourceText(source: string): string {
	const osm = /^osm:(\d{4})-(\d{2})-(\d{2})$/.exec(source);
	if (osm) return `OpenStreetMap, extrait du ${osm[3]}/${osm[2]}/${osm[1]}`;
	if (source.startsWith('osm:')) return `OpenStreetMap, ${source.slice(4)}`;
	if (source.startsWith('osrm:')) return `serveur OSRM ${source.slice(5)}`;
	return source;
}

const decimal = (v: number) => formatNumber(v, { maximumFractionDigits: 2 });

/** French labels of the sources, for the reasons and the panel: « temps importé (matrice) »… */
export function timeSourceLabels(
	options: { detourFactor: number; speedKmh: number },
	complete: { cutoffMinutes: number; source: string } | null = null
): Record<TimeSource, string> {
	return {
		matrix: 'temps importé (matrice)',
		road: complete ? `temps par la route (${roadSourceText(complete.source)})` : 'temps par la route',
		estimate: `temps estimé (distance × ${decimal(options.detourFactor)} à ${decimal(options.speedKmh)} km/h)`,
		beyond: complete
			? `au-delà de ${formatNumber(complete.cutoffMinutes)} min par la route (limite du calcul)`
			: 'au-delà de la limite du calcul des temps par la route'
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
	} else if (inputs.travelTimesComplete) {
		const c = inputs.travelTimesComplete;
		const imported = (inputs.travelTimeSources ?? []).filter((x) => x.kind === 'import');
		// A commune computed has at least its own time (two access legs): without it, it was added
		// since, or lies too far from any road.
		const computedOrigins = new Set((inputs.travelTimes ?? []).filter((r) => r.destinationKind === 'commune' && r.origin === r.destination).map((r) => r.origin));
		const missing = inputs.communes.filter((x) => !computedOrigins.has(x.code));
		text =
			`Seuils en minutes : temps par la route (${roadSourceText(c.source)}), calculés jusqu’à ${formatNumber(c.cutoffMinutes)} min ; ` +
			`au-delà, une commune est hors d’atteinte, sans estimation à vol d’oiseau` +
			(imported.length > 0 ? ` ; la matrice importée (${imported.map((x) => x.fileName ?? x.source).join(', ')}) prime sur eux là où elle donne un temps.` : '.') +
			(missing.length > 0
				? ` Attention : ${count(missing.length)} commune${missing.length > 1 ? 's' : ''} sans temps calculé (${missing.slice(0, 3).map((x) => x.name).join(', ')}${missing.length > 3 ? '…' : ''}) : loin de toute route, ou ajoutée${missing.length > 1 ? 's' : ''} depuis le calcul (relancez maillage routes compute).`
				: '');
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
		sources: inputs.travelTimeSources ?? [],
		complete: metric === 'minutes' && rows > 0 ? (inputs.travelTimesComplete ?? null) : null,
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
