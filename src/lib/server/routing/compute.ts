/**
 * `maillage routes compute`: road travel times for every commune → commune, structure and pole
 * pair within the cutoff, from an OpenStreetMap extract (read, graph built or taken from the cache,
 * points snapped, bounded Dijkstra runs) or from an OSRM server. Nothing is written here: the
 * result goes to `write.ts`, in one transaction, only once everything has been computed — a
 * failure at any step leaves the stored times as they were.
 */
import path from 'node:path';
import type { Kysely } from 'kysely';
import { buildRoadGraph, type GraphStats, type RoadGraph } from '$lib/routing/graph';
import { fastestSpeedKmh } from '$lib/routing/road-profile';
import { snapIndex, snapPoints, type Snap } from '$lib/routing/snap';
import { travelTimePairs } from '$lib/routing/times';
import type { BBox, WayCounts } from '$lib/routing/ways';
import type { OsmHeader } from '$lib/routing/osm-pbf';
import type { Database } from '../db/schema';
import { RejectedDataError } from '../errors';
import { fileSha256, graphCacheKey, readCachedGraph, writeCachedGraph } from './graph-cache';
import { osrmLabel, osrmTable } from './osrm';
import { loadRoutingParameters, type RoutingParameters } from './parameters';
import { detectOsmFormat, readRoadNetwork } from './read-osm';

/** A place times are computed for. */
export interface RoutePoint {
	kind: 'commune' | 'structure' | 'pole';
	/** INSEE code or id as text. */
	key: string;
	name: string;
	lon: number;
	lat: number;
}

/** A step of the computation, for the terminal. */
export type ComputeProgress =
	| { step: 'hash'; bytes: number; total: number }
	| { step: 'read'; pass: 'ways' | 'nodes'; bytes: number; total: number }
	| { step: 'graph'; stats: GraphStats; ms: number; cached: boolean; cacheError: string | null }
	| { step: 'snap'; snapped: number; total: number; unsnapped: RoutePoint[] }
	| { step: 'times'; done: number; total: number };

export interface ComputeOptions {
	/** The extract (absolute path) and its name as the user typed it; absent with `osrmUrl`. */
	file?: string;
	fileName?: string;
	osrmUrl?: string | null;
	/** Day whose reference parameters apply, `YYYY-MM-DD`. */
	date: string;
	cacheDir: string;
	onProgress?: (event: ComputeProgress) => void;
	signal?: AbortSignal;
	fetch?: typeof fetch;
	osrmBatch?: number;
	osrmRetryDelayMs?: number;
	osrmTimeoutMs?: number;
}

/** One computed time. */
export interface ComputedRow {
	origin: string;
	destinationKind: 'commune' | 'structure' | 'pole';
	destination: string;
	minutes: number;
}

/** Everything computed, ready to write. */
export interface ComputedTimes {
	source: string;
	kind: 'osm' | 'osrm';
	cutoffMinutes: number;
	fileName: string | null;
	fileSha256: string | null;
	extractDate: string | null;
	rows: ComputedRow[];
	details: {
		points: { communes: number; structures: number; poles: number };
		unsnapped: { kind: string; key: string; name: string }[];
		pairs: { commune: number; structure: number; pole: number };
		graph?: GraphStats & { cached: boolean };
		ways?: WayCounts;
		clip?: BBox;
		parameters: RoutingParameters['sources'];
		ms: Record<string, number>;
	};
}

/** Above this share of communes farther than the snapping distance from any road, the extract does not cover the territory. */
export const MAX_UNSNAPPED_COMMUNE_SHARE = 0.05;

/** Every commune (reference point), structure and pole of the database. */
export async function loadRoutePoints(db: Kysely<Database>): Promise<RoutePoint[]> {
	const [communes, structures, poles] = await Promise.all([
		db.selectFrom('commune').select(['code', 'name', 'ref_lon', 'ref_lat']).orderBy('code').execute(),
		db.selectFrom('structure').select(['id', 'name', 'lon', 'lat']).orderBy('id').execute(),
		db.selectFrom('activity_pole').select(['id', 'name', 'lon', 'lat']).orderBy('id').execute()
	]);
	return [
		...communes.map((c) => ({ kind: 'commune' as const, key: c.code, name: c.name, lon: c.ref_lon, lat: c.ref_lat })),
		...structures.map((s) => ({ kind: 'structure' as const, key: String(s.id), name: s.name, lon: s.lon, lat: s.lat })),
		...poles.map((p) => ({ kind: 'pole' as const, key: String(p.id), name: p.name, lon: p.lon, lat: p.lat }))
	];
}

/**
 * The box of the territory's points plus a band: the farthest a car goes within the cutoff at the
 * fastest speed of the profile. Rounded outwards to 0.05° so that a structure moved inside the
 * territory keeps the same box (and the cached graph).
 */
export function clipBox(points: readonly { lon: number; lat: number }[], cutoffMinutes: number, fastestKmh: number): BBox {
	let west = Infinity;
	let east = -Infinity;
	let south = Infinity;
	let north = -Infinity;
	for (const p of points) {
		west = Math.min(west, p.lon);
		east = Math.max(east, p.lon);
		south = Math.min(south, p.lat);
		north = Math.max(north, p.lat);
	}
	const bandKm = (cutoffMinutes / 60) * fastestKmh;
	const maxLat = Math.min(89, Math.max(Math.abs(south), Math.abs(north)));
	const dLat = bandKm / 110.57;
	const dLon = bandKm / (111.32 * Math.cos((maxLat * Math.PI) / 180));
	const down = (v: number) => Math.floor(v * 20) / 20;
	const up = (v: number) => Math.ceil(v * 20) / 20;
	return { west: down(west - dLon), east: up(east + dLon), south: down(south - dLat), north: up(north + dLat) };
}

/** `YYYY-MM-DD` of the data, from the PBF header (replication timestamp, `timestamp=` feature) or the XML root. */
export function extractDateOf(header: OsmHeader | null): string | null {
	if (!header) return null;
	let seconds = header.replicationTimestamp;
	if (!seconds) {
		const feature = header.optionalFeatures.find((f) => f.startsWith('timestamp='));
		const t = feature ? Date.parse(feature.slice('timestamp='.length)) : NaN;
		if (Number.isFinite(t)) seconds = Math.floor(t / 1000);
	}
	return seconds ? new Date(seconds * 1000).toISOString().slice(0, 10) : null;
}

const overlaps = (a: BBox, b: BBox) => a.west <= b.east && b.west <= a.east && a.south <= b.north && b.south <= a.north;
const fr = (n: number) => n.toLocaleString('fr-FR', { maximumFractionDigits: 2 });

/** The graph of the extract for these points: from the cache, else read and built (then cached). */
async function graphOf(options: ComputeOptions, params: RoutingParameters, points: RoutePoint[], ms: Record<string, number>) {
	const file = options.file!;
	const name = options.fileName ?? path.basename(file);
	await detectOsmFormat(file, name); // a file that is no extract is refused before anything else
	const { stat } = await import('node:fs/promises');
	const total = (await stat(file)).size;
	let t = performance.now();
	const hash = await fileSha256(file, (bytes) => options.onProgress?.({ step: 'hash', bytes, total }));
	ms.hash = performance.now() - t;
	const clip = clipBox(points, params.cutoffMinutes, fastestSpeedKmh(params.profile));
	const key = graphCacheKey(hash, params.profile, clip);
	t = performance.now();
	const cached = await readCachedGraph(options.cacheDir, key);
	if (cached) {
		ms.graph = performance.now() - t;
		options.onProgress?.({ step: 'graph', stats: cached.graph.stats, ms: ms.graph, cached: true, cacheError: null });
		return { graph: cached.graph, hash, clip, header: (cached.extra.header as OsmHeader | null) ?? null, ways: cached.extra.ways as WayCounts, cached: true };
	}
	t = performance.now();
	const read = await readRoadNetwork(file, params.profile, clip, {
		name,
		signal: options.signal,
		onProgress: (pass, bytes, size) => options.onProgress?.({ step: 'read', pass, bytes, total: size })
	});
	ms.read = performance.now() - t;
	const box = read.header?.bbox;
	if (box && box.west < box.east && !overlaps(box, clip)) {
		throw new RejectedDataError(
			`${name} ne couvre pas le territoire : l’extrait va de ${fr(box.west)}° à ${fr(box.east)}° de longitude et de ${fr(box.south)}° à ${fr(box.north)}° de latitude, ` +
				`les communes de la base sont autour de ${fr((clip.west + clip.east) / 2)}°, ${fr((clip.south + clip.north) / 2)}°. Téléchargez l’extrait de votre région ou de votre département.`
		);
	}
	if (read.coords.inside === 0) {
		throw new RejectedDataError(`${name} ne couvre pas le territoire : aucune route de l’extrait n’est à moins de ${fr((params.cutoffMinutes / 60) * fastestSpeedKmh(params.profile))} km des communes de la base.`);
	}
	t = performance.now();
	const graph = buildRoadGraph(read.ways, read.coords);
	ms.graph = performance.now() - t;
	const cacheError = await writeCachedGraph(options.cacheDir, key, graph, { header: read.header, ways: read.ways.counts, file: name });
	options.onProgress?.({ step: 'graph', stats: graph.stats, ms: ms.graph, cached: false, cacheError });
	return { graph, hash, clip, header: read.header, ways: read.ways.counts, cached: false };
}

function snapAll(graph: RoadGraph, points: RoutePoint[], params: RoutingParameters): (Snap | null)[] {
	return snapPoints(graph, snapIndex(graph), points, params.snapMaxKm, params.accessKmh);
}

/** Computes every time; throws (French) without side effects on failure. */
export async function computeRoadTimes(db: Kysely<Database>, options: ComputeOptions): Promise<ComputedTimes> {
	const params = await loadRoutingParameters(db, options.date);
	const points = await loadRoutePoints(db);
	const communes = points.filter((p) => p.kind === 'commune');
	if (communes.length === 0) {
		throw new RejectedDataError('Aucune commune dans la base : importez d’abord le référentiel territorial (maillage import communes …).');
	}
	const byKind = { commune: communes.length, structure: 0, pole: 0 } as Record<RoutePoint['kind'], number>;
	for (const p of points) if (p.kind !== 'commune') byKind[p.kind]++;
	const ms: Record<string, number> = {};
	const cutoff = params.cutoffMinutes;
	const kinds = ['commune', 'structure', 'pole'] as const;
	const destinationsOf = (kind: RoutePoint['kind']) => points.filter((p) => p.kind === kind);
	const rows: ComputedRow[] = [];
	const pairs = { commune: 0, structure: 0, pole: 0 };
	const baseDetails = { points: { communes: byKind.commune, structures: byKind.structure, poles: byKind.pole }, parameters: params.sources, ms };

	if (options.osrmUrl) {
		const label = osrmLabel(options.osrmUrl);
		const t = performance.now();
		const destinations = kinds.flatMap((k) => destinationsOf(k));
		const table = await osrmTable(communes, destinations, {
			url: options.osrmUrl,
			batch: options.osrmBatch,
			retryDelayMs: options.osrmRetryDelayMs,
			timeoutMs: options.osrmTimeoutMs,
			signal: options.signal,
			fetch: options.fetch,
			onProgress: (done, total) => options.onProgress?.({ step: 'times', done, total })
		});
		ms.times = performance.now() - t;
		communes.forEach((o, i) => {
			destinations.forEach((d, j) => {
				const seconds = table[i][j];
				if (seconds === null || !(seconds >= 0) || seconds / 60 > cutoff) return;
				rows.push({ origin: o.key, destinationKind: d.kind, destination: d.key, minutes: seconds / 60 });
				pairs[d.kind]++;
			});
		});
		return { source: `osrm:${label}`.slice(0, 300), kind: 'osrm', cutoffMinutes: cutoff, fileName: null, fileSha256: null, extractDate: null, rows, details: { ...baseDetails, unsnapped: [], pairs } };
	}

	if (!options.file) throw new RejectedDataError('Indiquez l’extrait OpenStreetMap (.osm.pbf) ou un serveur OSRM (--osrm URL).');
	const name = options.fileName ?? path.basename(options.file);
	const { graph, hash, clip, header, ways, cached } = await graphOf(options, params, points, ms);
	if (graph.vertexCount === 0) throw new RejectedDataError(`${name} : aucune route praticable ne reste dans la zone du territoire.`);

	let t = performance.now();
	const snaps = snapAll(graph, points, params);
	ms.snap = performance.now() - t;
	const unsnapped = points.filter((_, k) => snaps[k] === null);
	options.onProgress?.({ step: 'snap', snapped: points.length - unsnapped.length, total: points.length, unsnapped });
	const lostCommunes = unsnapped.filter((p) => p.kind === 'commune');
	if (lostCommunes.length > MAX_UNSNAPPED_COMMUNE_SHARE * communes.length) {
		const sample = lostCommunes.slice(0, 5).map((c) => `${c.name} (${c.key})`).join(', ');
		throw new RejectedDataError(
			`${name} ne couvre pas le territoire : ${lostCommunes.length} communes sur ${communes.length} sont à plus de ${fr(params.snapMaxKm)} km de toute route de l’extrait (${sample}${lostCommunes.length > 5 ? '…' : ''}). ` +
				'Téléchargez l’extrait de la région ou du département qui les contient.'
		);
	}

	t = performance.now();
	const originSnaps = snaps.slice(0, communes.length);
	const sets = kinds.map((k) => points.map((p, idx) => ({ p, s: snaps[idx] })).filter((x) => x.p.kind === k));
	const results = travelTimePairs(
		graph,
		originSnaps,
		sets.map((set) => set.map((x) => x.s)),
		Math.round(cutoff * 600),
		(done, total) => options.onProgress?.({ step: 'times', done, total })
	);
	ms.times = performance.now() - t;
	results.forEach((r, s) => {
		const kind = kinds[s];
		for (let k = 0; k < r.count; k++) {
			rows.push({ origin: communes[r.origin[k]].key, destinationKind: kind, destination: sets[s][r.destination[k]].p.key, minutes: r.tenths[k] / 600 });
		}
		pairs[kind] = r.count;
	});
	const extractDate = extractDateOf(header);
	return {
		source: `osm:${extractDate ?? name}`.slice(0, 300),
		kind: 'osm',
		cutoffMinutes: cutoff,
		fileName: name,
		fileSha256: hash,
		extractDate,
		rows,
		details: {
			...baseDetails,
			unsnapped: unsnapped.map((p) => ({ kind: p.kind, key: p.key, name: p.name })),
			pairs,
			graph: { ...graph.stats, cached },
			ways,
			clip
		}
	};
}
