/**
 * The road graph as bytes, for the cache of built graphs (`$lib/server/routing/graph-cache.ts`):
 * a magic word, a JSON header (format version, array names, lengths, stats, anything the caller
 * adds), then every typed array, 8-byte aligned. Pure.
 */
import type { RoadGraph } from './graph';

const MAGIC = 'MAILLAGE-ROUTES';
/** Bump when the graph's meaning changes (a cached graph of another version is rebuilt). */
export const GRAPH_FORMAT_VERSION = 1;

const ARRAYS = [
	'firstOut',
	'head',
	'cost',
	'firstIn',
	'tail',
	'costIn',
	'chainFrom',
	'chainTo',
	'chainCost',
	'chainDir',
	'pointLon',
	'pointLat',
	'pointChain',
	'pointVertex',
	'pointOffset'
] as const satisfies readonly (keyof RoadGraph)[];

type ArrayName = (typeof ARRAYS)[number];
const KINDS: Record<ArrayName, 'i32' | 'i8' | 'f64'> = {
	firstOut: 'i32',
	head: 'i32',
	cost: 'i32',
	firstIn: 'i32',
	tail: 'i32',
	costIn: 'i32',
	chainFrom: 'i32',
	chainTo: 'i32',
	chainCost: 'i32',
	chainDir: 'i8',
	pointLon: 'f64',
	pointLat: 'f64',
	pointChain: 'i32',
	pointVertex: 'i32',
	pointOffset: 'i32'
};

const pad8 = (n: number) => (n + 7) & ~7;

/** Bytes of a graph, with `extra` (JSON) kept beside it. */
export function encodeGraph(graph: RoadGraph, extra: Record<string, unknown>): Uint8Array {
	const lengths = ARRAYS.map((name) => graph[name].length);
	const header = new TextEncoder().encode(
		JSON.stringify({ version: GRAPH_FORMAT_VERSION, vertexCount: graph.vertexCount, stats: graph.stats, lengths, extra })
	);
	let size = pad8(MAGIC.length + 4 + header.length);
	const offsets = ARRAYS.map((name) => {
		const at = size;
		size = pad8(size + graph[name].byteLength);
		return at;
	});
	const out = new Uint8Array(size);
	out.set(new TextEncoder().encode(MAGIC), 0);
	new DataView(out.buffer).setUint32(MAGIC.length, header.length, true);
	out.set(header, MAGIC.length + 4);
	ARRAYS.forEach((name, k) => out.set(new Uint8Array(graph[name].buffer, graph[name].byteOffset, graph[name].byteLength), offsets[k]));
	return out;
}

/** The graph and its `extra`, or null when the bytes are not a graph of this version (rebuild it). */
export function decodeGraph(bytes: Uint8Array): { graph: RoadGraph; extra: Record<string, unknown> } | null {
	try {
		if (new TextDecoder().decode(bytes.subarray(0, MAGIC.length)) !== MAGIC) return null;
		const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
		const headerLength = view.getUint32(MAGIC.length, true);
		const header = JSON.parse(new TextDecoder().decode(bytes.subarray(MAGIC.length + 4, MAGIC.length + 4 + headerLength)));
		if (header.version !== GRAPH_FORMAT_VERSION) return null;
		// A fresh, aligned buffer: typed arrays need their offset aligned to their element size.
		const copy = new Uint8Array(bytes.length);
		copy.set(bytes);
		let at = pad8(MAGIC.length + 4 + headerLength);
		const graph = { vertexCount: header.vertexCount, stats: header.stats } as RoadGraph;
		ARRAYS.forEach((name, k) => {
			const n = header.lengths[k] as number;
			const kind = KINDS[name];
			const width = kind === 'f64' ? 8 : kind === 'i32' ? 4 : 1;
			if (at + n * width > copy.length) throw new Error('truncated');
			const array = kind === 'f64' ? new Float64Array(copy.buffer, at, n) : kind === 'i32' ? new Int32Array(copy.buffer, at, n) : new Int8Array(copy.buffer, at, n);
			(graph as unknown as Record<string, unknown>)[name] = array;
			at = pad8(at + n * width);
		});
		if (graph.firstOut.length !== graph.vertexCount + 1) return null;
		return { graph, extra: header.extra ?? {} };
	} catch {
		return null;
	}
}
