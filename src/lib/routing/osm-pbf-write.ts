/**
 * Writer of OpenStreetMap PBF for the project's generated road networks (tests, benchmarks): a
 * HeaderBlock, then dense-node blocks, then way blocks, 8,000 entities per block, as osmium writes
 * them. Pure: `deflate` (zlib) is passed in; without it blobs are stored raw (also valid PBF).
 */
import { PbfWriter } from 'pbf';
import type { OsmXmlWay } from './osm-xml';

const PER_BLOCK = 8000;
const GRANULARITY = 100; // 1e-7 degree, the OSM precision

function frame(type: string, payload: Uint8Array, deflate: ((b: Uint8Array) => Uint8Array) | null): Uint8Array {
	const blob = new PbfWriter();
	if (deflate) {
		blob.writeVarintField(2, payload.length);
		blob.writeBytesField(3, deflate(payload));
	} else blob.writeBytesField(1, payload);
	const blobBytes = blob.finish();
	const header = new PbfWriter();
	header.writeStringField(1, type);
	header.writeVarintField(3, blobBytes.length);
	const headerBytes = header.finish();
	const out = new Uint8Array(4 + headerBytes.length + blobBytes.length);
	new DataView(out.buffer).setUint32(0, headerBytes.length, false);
	out.set(headerBytes, 4);
	out.set(blobBytes, 4 + headerBytes.length);
	return out;
}

function stringTable(pbf: PbfWriter, strings: string[]): void {
	pbf.writeMessage(1, (list: string[], w: PbfWriter) => {
		for (const s of list) w.writeStringField(1, s);
	}, strings);
}

export interface PbfWriteOptions {
	deflate?: ((bytes: Uint8Array) => Uint8Array) | null;
	/** Data time, seconds since 1970 (osmosis_replication_timestamp). */
	timestamp?: number | null;
}

/** Framed blobs of a PBF file holding `nodes` (ids ascending) and `ways`. */
export function* osmPbfBlobs(
	nodes: { ids: ArrayLike<number>; lat: ArrayLike<number>; lon: ArrayLike<number> },
	ways: Iterable<OsmXmlWay>,
	options: PbfWriteOptions = {}
): Generator<Uint8Array> {
	const deflate = options.deflate ?? null;
	const header = new PbfWriter();
	header.writeStringField(4, 'OsmSchema-V0.6');
	header.writeStringField(4, 'DenseNodes');
	header.writeStringField(5, 'Sort.Type_then_ID');
	header.writeStringField(16, 'maillage');
	if (options.timestamp != null) header.writeVarintField(32, options.timestamp);
	yield frame('OSMHeader', header.finish(), deflate);

	for (let start = 0; start < nodes.ids.length; start += PER_BLOCK) {
		const end = Math.min(nodes.ids.length, start + PER_BLOCK);
		const block = new PbfWriter();
		stringTable(block, ['']);
		block.writeMessage(2, (_: null, group: PbfWriter) => {
			group.writeMessage(2, (__: null, dense: PbfWriter) => {
				const ids: number[] = [];
				const lats: number[] = [];
				const lons: number[] = [];
				let pid = 0;
				let plat = 0;
				let plon = 0;
				for (let i = start; i < end; i++) {
					const lat = Math.round(nodes.lat[i] * 1e7);
					const lon = Math.round(nodes.lon[i] * 1e7);
					ids.push(nodes.ids[i] - pid);
					lats.push(lat - plat);
					lons.push(lon - plon);
					pid = nodes.ids[i];
					plat = lat;
					plon = lon;
				}
				dense.writePackedSVarint(1, ids);
				dense.writePackedSVarint(8, lats);
				dense.writePackedSVarint(9, lons);
			}, null);
		}, null);
		block.writeVarintField(17, GRANULARITY);
		yield frame('OSMData', block.finish(), deflate);
	}

	let batch: OsmXmlWay[] = [];
	const flush = function* (): Generator<Uint8Array> {
		if (batch.length === 0) return;
		const strings = [''];
		const index = new Map<string, number>();
		const idx = (s: string) => {
			let i = index.get(s);
			if (i === undefined) {
				i = strings.length;
				strings.push(s);
				index.set(s, i);
			}
			return i;
		};
		const encoded = batch.map((w) => {
			const entries = Object.entries(w.tags);
			return { w, keys: entries.map(([k]) => idx(k)), vals: entries.map(([, v]) => idx(v)) };
		});
		const block = new PbfWriter();
		stringTable(block, strings);
		block.writeMessage(2, (_: null, group: PbfWriter) => {
			for (const { w, keys, vals } of encoded) {
				group.writeMessage(3, (__: null, way: PbfWriter) => {
					way.writeVarintField(1, w.id);
					way.writePackedVarint(2, keys);
					way.writePackedVarint(3, vals);
					const refs: number[] = [];
					let prev = 0;
					for (let k = 0; k < w.refs.length; k++) {
						refs.push(w.refs[k] - prev);
						prev = w.refs[k];
					}
					way.writePackedSVarint(8, refs);
				}, null);
			}
		}, null);
		yield frame('OSMData', block.finish(), deflate);
		batch = [];
	};
	for (const w of ways) {
		batch.push(w);
		if (batch.length === PER_BLOCK) yield* flush();
	}
	yield* flush();
}
