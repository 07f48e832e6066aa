/**
 * The coverage map's outlines as one cacheable response (`GET /api/geo/carte?v=<version>`): a
 * quantized TopoJSON topology (`$lib/map/topology`), named by the hash of its bytes, compressed
 * once (brotli at its best quality, gzip) per version and kept in memory.
 *
 * Versions follow the data: each request first reads a cheap fingerprint of the three tables the
 * outlines come from (row count, sum of row versions, latest update — every import and edit bumps
 * `version` and `updated_at`); a new fingerprint rebuilds the topology, and a new content gives a
 * new hash, hence a new URL, so a browser never keeps outlines older than the data. Building takes
 * about a second for a département (topology, then brotli on the thread pool), once per change.
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { sql, type Kysely } from 'kysely';
import type { Bounds } from '$lib/map/map-data';
import { decodeMapGeometry, encodeMapGeometry, communeNeighbours, type MapGeometry } from '$lib/map/topology';
import type { Topology } from 'topojson-specification';
import type { Database } from '../db/schema';
import { loadCoverageMapGeometry, mapGeometryInput } from './map';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** Path of the outlines endpoint (its route: `src/routes/api/geo/carte/+server.ts`). */
export const MAP_GEOMETRY_PATH = '/api/geo/carte';

/** One version of the outlines, ready to send. */
export interface MapGeometryResource {
	/** First 16 hex digits of the SHA-256 of `body`. */
	version: string;
	/** `MAP_GEOMETRY_PATH?v=version`: the URL pages fetch (cached for a year under it). */
	url: string;
	/** The topology, JSON (UTF-8). */
	body: Buffer;
	gzip: Buffer;
	brotli: Buffer;
	/** [west, south, east, north] of all communes, or null when none is drawn. */
	bounds: Bounds | null;
	/** Bounds of each EPCI's communes, by SIREN. */
	epciBounds: Record<string, Bounds>;
	/** EPCI by SIREN with their names (filters). */
	epcis: { siren: string; name: string }[];
	/** Communes sharing a border, by code (from the topology's shared arcs). */
	neighbours: Map<string, string[]>;
	/** The outlines decoded as the browser sees them (decoded on first use, then kept). */
	geometry(): MapGeometry;
}

interface CacheEntry {
	fingerprint: string;
	resource: Promise<MapGeometryResource>;
}

/**
 * Per database handle (the app has one; tests open several), one entry per analysis date: the QPV
 * drawn are those in force at the date (their generation). A few dates are kept, the oldest dropped.
 */
const cache = new WeakMap<Kysely<Database>, Map<string, CacheEntry>>();
const DATES_KEPT = 6;

/** Brotli's best quality (11) costs ~4 s per MB on these machines: kept for bodies up to 2 MB. */
const BROTLI_BEST_UP_TO = 2_000_000;

/** Changes whenever a commune, EPCI or zone row is added, removed or updated. */
export async function mapGeometryFingerprint(db: Kysely<Database>): Promise<string> {
	const summary = (table: 'commune' | 'epci' | 'zone') =>
		db
			.selectFrom(table)
			.select([
				sql<string>`count(*)::text`.as('rows'),
				sql<string>`coalesce(sum(version), 0)::text`.as('versions'),
				sql<string>`coalesce(max(updated_at)::text, '')`.as('updated')
			])
			.executeTakeFirstOrThrow();
	const rows = await Promise.all([summary('commune'), summary('epci'), summary('zone')]);
	return rows.map((r) => `${r.rows}/${r.versions}/${r.updated}`).join('|');
}

async function build(db: Kysely<Database>, date: string | null): Promise<MapGeometryResource> {
	const geometry = await loadCoverageMapGeometry(db, date);
	const topology = encodeMapGeometry(mapGeometryInput(geometry));
	const body = Buffer.from(JSON.stringify(topology));
	const version = createHash('sha256').update(body).digest('hex').slice(0, 16);
	const quality = body.length <= BROTLI_BEST_UP_TO ? 11 : 9;
	let decoded: MapGeometry | null = null;
	const [br, gz] = await Promise.all([
		brotli(body, {
			params: {
				[zlib.constants.BROTLI_PARAM_QUALITY]: quality,
				[zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
				[zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length
			}
		}),
		gzip(body, { level: 9 })
	]);
	return {
		version,
		url: `${MAP_GEOMETRY_PATH}?v=${version}${date ? `&date=${date}` : ''}`,
		body,
		gzip: gz,
		brotli: br,
		bounds: geometry.bounds,
		epciBounds: geometry.epciBounds,
		epcis: geometry.epciList.map((e) => ({ siren: e.siren, name: e.name })),
		neighbours: communeNeighbours(topology),
		geometry: () => (decoded ??= decodeMapGeometry(JSON.parse(body.toString()) as Topology))
	};
}

/**
 * The outlines for the current data and the analysis `date` (null: today's QPV): built on first
 * use and after each change, else from memory.
 */
export async function mapGeometryResource(db: Kysely<Database>, date: string | null = null): Promise<MapGeometryResource> {
	const fingerprint = await mapGeometryFingerprint(db);
	let byDate = cache.get(db);
	if (!byDate) cache.set(db, (byDate = new Map()));
	const key = date ?? '';
	const entry = byDate.get(key);
	if (entry && entry.fingerprint === fingerprint) return entry.resource;
	const resource = build(db, date);
	byDate.delete(key);
	byDate.set(key, { fingerprint, resource });
	if (byDate.size > DATES_KEPT) byDate.delete(byDate.keys().next().value!);
	// A failed build is not kept: the next request tries again.
	resource.catch(() => {
		if (byDate.get(key)?.resource === resource) byDate.delete(key);
	});
	return resource;
}
