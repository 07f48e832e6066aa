/**
 * The cache of built road graphs: one file per (extract, profile, clip box) in the data folder —
 * `data/routes-cache/` beside the embedded database, or `MAILLAGE_ROUTES_CACHE` — never in the
 * database, so never in its backups. The key starts with the SHA-256 of the extract: a new
 * download (new content) builds a new graph; the same file with other speeds or another territory
 * too. A cache that cannot be read or written is only a slower run, never a failure.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, rename, writeFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import { decodeGraph, encodeGraph, GRAPH_FORMAT_VERSION } from '$lib/routing/graph-codec';
import type { RoadGraph } from '$lib/routing/graph';
import type { RoadProfile } from '$lib/routing/road-profile';
import type { BBox } from '$lib/routing/ways';

/** The cache folder: `MAILLAGE_ROUTES_CACHE`, else `routes-cache` beside the PGlite folder (the data folder). */
export function routesCacheDir(env: NodeJS.ProcessEnv, dataDir: string, projectRoot: string): string {
	const own = env.MAILLAGE_ROUTES_CACHE?.trim();
	if (own) return path.resolve(own);
	if (dataDir.startsWith('memory://')) return path.join(projectRoot, 'data', 'routes-cache');
	return path.join(path.dirname(path.resolve(dataDir)), 'routes-cache');
}

/** SHA-256 of a file, streamed. */
export async function fileSha256(file: string, onProgress?: (bytes: number) => void): Promise<string> {
	const hash = createHash('sha256');
	let bytes = 0;
	for await (const chunk of createReadStream(file, { highWaterMark: 1 << 22 })) {
		hash.update(chunk as Buffer);
		bytes += (chunk as Buffer).length;
		onProgress?.(bytes);
	}
	return hash.digest('hex');
}

/** The cache file name of a graph. */
export function graphCacheKey(fileHash: string, profile: RoadProfile, clip: BBox | null): string {
	const settings = createHash('sha256').update(JSON.stringify({ v: GRAPH_FORMAT_VERSION, profile, clip })).digest('hex');
	return `${fileHash.slice(0, 32)}-${settings.slice(0, 16)}.graph`;
}

export async function readCachedGraph(dir: string, key: string): Promise<{ graph: RoadGraph; extra: Record<string, unknown> } | null> {
	try {
		return decodeGraph(await readFile(path.join(dir, key)));
	} catch {
		return null;
	}
}

/** Writes atomically (temporary file, then rename); returns an error message instead of throwing. */
export async function writeCachedGraph(dir: string, key: string, graph: RoadGraph, extra: Record<string, unknown>): Promise<string | null> {
	const target = path.join(dir, key);
	const temporary = `${target}.${process.pid}.tmp`;
	try {
		await mkdir(dir, { recursive: true });
		await writeFile(temporary, encodeGraph(graph, extra));
		await rename(temporary, target);
		return null;
	} catch (error) {
		await unlink(temporary).catch(() => undefined);
		return (error as Error).message;
	}
}
