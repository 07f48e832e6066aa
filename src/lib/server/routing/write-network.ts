/**
 * Writes a generated road network (`$lib/routing/network-generator`) as an OpenStreetMap extract:
 * `.osm.pbf` (zlib-compressed blocks, as Geofabrik's) or `.osm` XML, streamed to disk.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { deflateSync } from 'node:zlib';
import { osmPbfBlobs } from '$lib/routing/osm-pbf-write';
import { osmXmlChunks } from '$lib/routing/osm-xml';
import type { GeneratedNetwork } from '$lib/routing/network-generator';

async function writeChunks(file: string, chunks: Iterable<string | Uint8Array>): Promise<number> {
	const out = createWriteStream(file);
	let bytes = 0;
	try {
		for (const chunk of chunks) {
			bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
			if (!out.write(chunk)) await once(out, 'drain');
		}
	} finally {
		out.end();
		await once(out, 'close');
	}
	return bytes;
}

/** Writes `network` as `.osm.pbf`; returns the size in bytes. */
export function writeNetworkPbf(network: GeneratedNetwork, file: string, timestamp: number | null = null): Promise<number> {
	return writeChunks(file, osmPbfBlobs(network.nodes, network.ways, { deflate: (b) => deflateSync(b), timestamp }));
}

/** Writes `network` as OSM XML; returns the size in bytes. */
export function writeNetworkXml(network: GeneratedNetwork, file: string, timestamp: string | null = null): Promise<number> {
	return writeChunks(file, osmXmlChunks(network.nodes, network.ways, timestamp));
}
