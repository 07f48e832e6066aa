/**
 * Decoder of the OpenStreetMap PBF format (https://wiki.openstreetmap.org/wiki/PBF_Format) over the
 * `pbf` protobuf reader, without one object per node: dense nodes come out as typed arrays, ways
 * as a reused array of node ids with a lazy tag reader. Pure: the caller reads the file and
 * inflates the zlib blobs (`$lib/server/routing/read-osm.ts`); this module only decodes bytes.
 *
 * A file is a sequence of (4-byte big-endian length, BlobHeader, Blob). The first blob is an
 * `OSMHeader` (HeaderBlock), the others `OSMData` (PrimitiveBlock). Why our own reader rather than
 * a package: see README.md (the packages build one object per node and are 5–10× slower).
 */
import { PbfReader } from 'pbf';

/** The file is not a PBF we can read: the message is French, `at` the byte offset when known. */
export class OsmFormatError extends Error {
	constructor(
		message: string,
		readonly at: number | null = null
	) {
		super(message);
		this.name = 'OsmFormatError';
	}
}

/** A BlobHeader: the type of the blob that follows and its size in bytes. */
export interface BlobHeader {
	type: string;
	dataSize: number;
}

/** Largest header and blob the format allows (64 KiB and 32 MiB): beyond, the file is corrupt. */
export const MAX_BLOB_HEADER_SIZE = 64 * 1024;
export const MAX_BLOB_SIZE = 32 * 1024 * 1024;

export function decodeBlobHeader(bytes: Uint8Array): BlobHeader {
	const pbf = new PbfReader(bytes);
	let type = '';
	let dataSize = -1;
	let field: number;
	while ((field = pbf.nextField())) {
		if (field === 1) type = pbf.readString();
		else if (field === 3) dataSize = pbf.readVarint();
	}
	if (type === '' || dataSize < 0) throw new OsmFormatError('en-tête de bloc PBF illisible');
	return { type, dataSize };
}

/** A Blob: its payload, raw or zlib-compressed. */
export interface Blob {
	raw: Uint8Array | null;
	zlib: Uint8Array | null;
	/** Size once inflated (zlib), bytes. */
	rawSize: number;
	/** Set when the blob uses a compression we do not read (lzma, lz4, zstd, bzip2). */
	unsupported: string | null;
}

const COMPRESSIONS: Record<number, string> = { 4: 'lzma', 5: 'bzip2', 6: 'lz4', 7: 'zstd' };

export function decodeBlob(bytes: Uint8Array): Blob {
	const pbf = new PbfReader(bytes);
	const blob: Blob = { raw: null, zlib: null, rawSize: 0, unsupported: null };
	let field: number;
	while ((field = pbf.nextField())) {
		if (field === 1) blob.raw = pbf.readBytes();
		else if (field === 2) blob.rawSize = pbf.readVarint();
		else if (field === 3) blob.zlib = pbf.readBytes();
		else if (COMPRESSIONS[field]) blob.unsupported = COMPRESSIONS[field];
	}
	return blob;
}

/** What the HeaderBlock says about the file. */
export interface OsmHeader {
	/** Bounding box in degrees, when given. */
	bbox: { west: number; east: number; south: number; north: number } | null;
	requiredFeatures: string[];
	optionalFeatures: string[];
	writingProgram: string | null;
	source: string | null;
	/** Time of the data (osmosis replication timestamp, seconds since 1970), when given (Geofabrik does). */
	replicationTimestamp: number | null;
	replicationUrl: string | null;
}

/** Features this reader understands; a file requiring another one is refused. */
export const SUPPORTED_FEATURES = new Set(['OsmSchema-V0.6', 'DenseNodes', 'HistoricalInformation']);

export function decodeHeaderBlock(bytes: Uint8Array): OsmHeader {
	const pbf = new PbfReader(bytes);
	const header: OsmHeader = {
		bbox: null,
		requiredFeatures: [],
		optionalFeatures: [],
		writingProgram: null,
		source: null,
		replicationTimestamp: null,
		replicationUrl: null
	};
	let field: number;
	while ((field = pbf.nextField())) {
		if (field === 1) {
			const end = pbf.readVarint() + pbf.pos;
			const b = { west: 0, east: 0, north: 0, south: 0 };
			let f: number;
			while ((f = pbf.nextField(end))) {
				const v = pbf.readSVarint() * 1e-9;
				if (f === 1) b.west = v;
				else if (f === 2) b.east = v;
				else if (f === 3) b.north = v;
				else if (f === 4) b.south = v;
			}
			pbf.pos = end;
			header.bbox = b;
		} else if (field === 4) header.requiredFeatures.push(pbf.readString());
		else if (field === 5) header.optionalFeatures.push(pbf.readString());
		else if (field === 16) header.writingProgram = pbf.readString();
		else if (field === 17) header.source = pbf.readString();
		else if (field === 32) header.replicationTimestamp = pbf.readVarint();
		else if (field === 34) header.replicationUrl = pbf.readString();
	}
	return header;
}

/** Tags of the current way, decoded lazily from the block's string table. */
export interface TagReader {
	/** Value of `key`, or undefined. */
	get(key: string): string | undefined;
	/** Every tag as an object (for tests and messages). */
	toObject(): Record<string, string>;
}

/** What a decoding pass wants: the nodes, the ways, or both. */
export interface PrimitiveVisitor {
	/**
	 * Nodes of a block: ids and coordinates (degrees) in parallel arrays, valid for `count` entries
	 * and only during the call (the arrays are reused).
	 */
	nodes?(ids: Float64Array, lat: Float64Array, lon: Float64Array, count: number): void;
	/** A way: its id, its node ids (`refs[0 … count−1]`, reused array) and its tags (valid during the call). */
	way?(id: number, refs: Float64Array, count: number, tags: TagReader): void;
}

/** Counts of what a block held (whatever the visitor wanted). */
export interface BlockCounts {
	nodes: number;
	ways: number;
	relations: number;
}

const textDecoder = new TextDecoder('utf-8');

/** Reusable buffers of a decoder (one per reading pass). */
export class PrimitiveDecoder {
	private ids = new Float64Array(8192);
	private lats = new Float64Array(8192);
	private lons = new Float64Array(8192);
	private refs = new Float64Array(1024);
	private keys: number[] = [];
	private vals: number[] = [];

	private grow(size: number): void {
		if (size <= this.ids.length) return;
		const n = Math.max(size, this.ids.length * 2);
		const copy = (a: Float64Array) => {
			const b = new Float64Array(n);
			b.set(a);
			return b;
		};
		this.ids = copy(this.ids);
		this.lats = copy(this.lats);
		this.lons = copy(this.lons);
	}

	/**
	 * Decodes one inflated PrimitiveBlock, calling the visitor for what it asks.
	 * @throws OsmFormatError on a malformed block
	 */
	decode(bytes: Uint8Array, visitor: PrimitiveVisitor): BlockCounts {
		const pbf = new PbfReader(bytes);
		let stStart = -1;
		let stEnd = -1;
		const groups: number[] = [];
		let granularity = 100;
		let latOffset = 0;
		let lonOffset = 0;
		let field: number;
		// Block-level fields first: granularity and offsets usually follow the groups.
		while ((field = pbf.nextField())) {
			if (field === 1) {
				const len = pbf.readVarint();
				stStart = pbf.pos;
				stEnd = pbf.pos + len;
				pbf.pos = stEnd;
			} else if (field === 2) {
				const len = pbf.readVarint();
				groups.push(pbf.pos, pbf.pos + len);
				pbf.pos += len;
			} else if (field === 17) granularity = pbf.readVarint();
			else if (field === 19) latOffset = pbf.readVarint(true);
			else if (field === 20) lonOffset = pbf.readVarint(true);
		}
		if (stStart < 0) throw new OsmFormatError('bloc de données OSM sans table de chaînes');
		// String table: offsets now, text decoded on first use.
		const sStart: number[] = [];
		const sEnd: number[] = [];
		pbf.pos = stStart;
		while ((field = pbf.nextField(stEnd))) {
			if (field !== 1) continue;
			const len = pbf.readVarint();
			sStart.push(pbf.pos);
			sEnd.push(pbf.pos + len);
			pbf.pos += len;
		}
		const strings: (string | undefined)[] = new Array(sStart.length);
		const stringAt = (i: number): string => {
			let s = strings[i];
			if (s === undefined) {
				if (i >= sStart.length) throw new OsmFormatError(`indice de chaîne ${i} hors de la table`);
				s = strings[i] = textDecoder.decode(bytes.subarray(sStart[i], sEnd[i]));
			}
			return s;
		};
		const keys = this.keys;
		const vals = this.vals;
		const tags: TagReader = {
			get(key) {
				for (let k = 0; k < keys.length; k++) if (stringAt(keys[k]) === key) return stringAt(vals[k]);
				return undefined;
			},
			toObject() {
				const o: Record<string, string> = {};
				for (let k = 0; k < keys.length; k++) o[stringAt(keys[k])] = stringAt(vals[k]);
				return o;
			}
		};
		const counts: BlockCounts = { nodes: 0, ways: 0, relations: 0 };

		for (let g = 0; g < groups.length; g += 2) {
			const end = groups[g + 1];
			pbf.pos = groups[g];
			while ((field = pbf.nextField(end))) {
				if (field === 2) {
					// DenseNodes
					const len = pbf.readVarint();
					const dEnd = pbf.pos + len;
					if (!visitor.nodes) {
						// Count only: the id field is enough.
						counts.nodes += this.countDense(pbf, dEnd);
						pbf.pos = dEnd;
						continue;
					}
					let n = 0;
					let nLat = 0;
					let nLon = 0;
					let f: number;
					while ((f = pbf.nextField(dEnd))) {
						if (f === 1 || f === 8 || f === 9) {
							const pEnd = pbf.readVarint() + pbf.pos;
							let acc = 0;
							let i = 0;
							while (pbf.pos < pEnd) {
								acc += pbf.readSVarint();
								if (i >= this.ids.length) this.grow(i + 1);
								if (f === 1) this.ids[i] = acc;
								// One rounding only (an exact integer of nanodegrees, then ÷ 1e9): the same double as the XML's decimal.
								else if (f === 8) this.lats[i] = (latOffset + granularity * acc) / 1e9;
								else this.lons[i] = (lonOffset + granularity * acc) / 1e9;
								i++;
							}
							if (f === 1) n = i;
							else if (f === 8) nLat = i;
							else nLon = i;
						}
					}
					if (n !== nLat || n !== nLon) throw new OsmFormatError('nœuds denses incohérents (identifiants et coordonnées de longueurs différentes)');
					counts.nodes += n;
					visitor.nodes(this.ids, this.lats, this.lons, n);
				} else if (field === 1) {
					// A plain Node (rare in current files).
					const len = pbf.readVarint();
					const nEnd = pbf.pos + len;
					let id = 0;
					let lat = 0;
					let lon = 0;
					let f: number;
					while ((f = pbf.nextField(nEnd))) {
						if (f === 1) id = pbf.readSVarint();
						else if (f === 8) lat = pbf.readSVarint();
						else if (f === 9) lon = pbf.readSVarint();
					}
					counts.nodes++;
					if (visitor.nodes) {
						this.ids[0] = id;
						this.lats[0] = (latOffset + granularity * lat) / 1e9;
						this.lons[0] = (lonOffset + granularity * lon) / 1e9;
						visitor.nodes(this.ids, this.lats, this.lons, 1);
					}
				} else if (field === 3) {
					counts.ways++;
					const len = pbf.readVarint();
					const wEnd = pbf.pos + len;
					if (!visitor.way) {
						pbf.pos = wEnd;
						continue;
					}
					let id = 0;
					let count = 0;
					keys.length = 0;
					vals.length = 0;
					let f: number;
					while ((f = pbf.nextField(wEnd))) {
						if (f === 1) id = pbf.readVarint();
						else if (f === 2) pbf.readPackedVarint(keys);
						else if (f === 3) pbf.readPackedVarint(vals);
						else if (f === 8) {
							const pEnd = pbf.readVarint() + pbf.pos;
							let acc = 0;
							while (pbf.pos < pEnd) {
								acc += pbf.readSVarint();
								if (count >= this.refs.length) {
									const r = new Float64Array(this.refs.length * 2);
									r.set(this.refs);
									this.refs = r;
								}
								this.refs[count++] = acc;
							}
						}
					}
					if (keys.length !== vals.length) throw new OsmFormatError(`voie ${id} : clés et valeurs d’étiquettes en nombres différents`);
					visitor.way(id, this.refs, count, tags);
				} else if (field === 4) {
					counts.relations++;
				}
			}
		}
		return counts;
	}

	private countDense(pbf: PbfReader, end: number): number {
		let f: number;
		let n = 0;
		while ((f = pbf.nextField(end))) {
			if (f !== 1) continue;
			const pEnd = pbf.readVarint() + pbf.pos;
			while (pbf.pos < pEnd) if (pbf.buf[pbf.pos++] < 0x80) n++;
		}
		return n;
	}
}
