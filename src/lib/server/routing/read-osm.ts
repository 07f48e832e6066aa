/**
 * Reading an OpenStreetMap extract from disk: `.osm.pbf` (blobs read in order, zlib inflated on the
 * thread pool a few blocks ahead while the main thread decodes the previous ones), `.osm` XML and
 * `.osm.gz`. The decoding itself is pure (`$lib/routing/osm-pbf`, `osm-xml`); this module adds the
 * file, the framing, the inflating, the progress and French errors that say what and where.
 *
 * `readRoadNetwork` makes the two passes (ways, then the coordinates of their nodes inside the clip).
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import { createGunzip, inflate } from 'node:zlib';
import {
	MAX_BLOB_HEADER_SIZE,
	MAX_BLOB_SIZE,
	OsmFormatError,
	PrimitiveDecoder,
	SUPPORTED_FEATURES,
	decodeBlob,
	decodeBlobHeader,
	decodeHeaderBlock,
	type BlockCounts,
	type OsmHeader,
	type PrimitiveVisitor
} from '$lib/routing/osm-pbf';
import { OsmXmlDecoder } from '$lib/routing/osm-xml';
import type { RoadProfile } from '$lib/routing/road-profile';
import { NodeCollector, WayCollector, type BBox, type NodeCoords, type ParsedWays } from '$lib/routing/ways';
import { EnvironmentError, RejectedDataError } from '../errors';

const inflateAsync = promisify(inflate);

export type OsmFormat = 'pbf' | 'xml' | 'xml.gz';

/** Progress of a pass: bytes of the file read so far. */
export type ReadProgress = (bytes: number, total: number) => void;

export interface ScanOptions {
	onProgress?: ReadProgress;
	signal?: AbortSignal;
}

export interface ScanResult {
	format: OsmFormat;
	header: OsmHeader | null;
	counts: BlockCounts;
	bytes: number;
}

const formatBytes = (n: number) =>
	n < 1e6 ? `${Math.ceil(n / 1e3).toLocaleString('fr-FR')} ko` : `${(n / 1e6).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;

/** The format of a file from its first bytes. @throws RejectedDataError when it is none we read */
export async function detectOsmFormat(path: string, name = path): Promise<OsmFormat> {
	let head: Buffer;
	try {
		const fh = await open(path, 'r');
		try {
			head = Buffer.alloc(32);
			const { bytesRead } = await fh.read(head, 0, 32, 0);
			head = head.subarray(0, bytesRead);
		} finally {
			await fh.close();
		}
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') throw new RejectedDataError(`Fichier introuvable : ${name}.`);
		if (code === 'EISDIR') throw new RejectedDataError(`${name} est un dossier, pas un fichier.`);
		throw new EnvironmentError(`Lecture impossible de ${name} : ${(error as Error).message}.`);
	}
	if (head.length === 0) throw new RejectedDataError(`${name} est vide : ce n’est pas un extrait OpenStreetMap.`);
	if (head[0] === 0x1f && head[1] === 0x8b) return 'xml.gz';
	if (head.subarray(0, 3).toString('latin1') === 'BZh') {
		throw new RejectedDataError(`${name} est compressé en bzip2 : décompressez-le (bunzip2) ou téléchargez l’extrait au format .osm.pbf.`);
	}
	const text = head.toString('utf8').replace(/^\uFEFF/, '').trimStart();
	if (text.startsWith('<')) return 'xml';
	if (head.length >= 8) {
		const size = head.readUInt32BE(0);
		if (size > 0 && size < MAX_BLOB_HEADER_SIZE && head[4] === 0x0a && head.subarray(6, 15).toString('latin1') === 'OSMHeader') return 'pbf';
	}
	throw new RejectedDataError(`${name} n’est pas un extrait OpenStreetMap : ni un .osm.pbf, ni un .osm (XML), ni un .osm.gz.`);
}

/** Reads exactly `length` bytes at `position`, or fewer at the end of the file. */
async function readAt(fh: import('node:fs/promises').FileHandle, position: number, length: number): Promise<Buffer> {
	const buf = Buffer.allocUnsafe(length);
	let done = 0;
	while (done < length) {
		const { bytesRead } = await fh.read(buf, done, length - done, position + done);
		if (bytesRead === 0) break;
		done += bytesRead;
	}
	return done === length ? buf : buf.subarray(0, done);
}

/** Inflated OSMData blocks in file order, inflating up to `ahead` blocks in parallel. */
async function* pbfBlocks(path: string, name: string, total: number, options: ScanOptions, onHeader: (h: OsmHeader) => void): AsyncGenerator<{ bytes: Uint8Array; at: number; index: number }> {
	const fh = await open(path, 'r');
	const ahead = 4;
	const pending: { promise: Promise<Uint8Array>; at: number; index: number; end: number }[] = [];
	try {
		let position = 0;
		let index = 0;
		const truncated = (what: string) =>
			new RejectedDataError(
				`${name} est tronqué : ${what}, qui commence à l’octet ${position.toLocaleString('fr-FR')}, dépasse la fin du fichier (${formatBytes(total)}). Téléchargez l’extrait à nouveau.`
			);
		for (;;) {
			// Keep the queue full, then hand over the oldest block.
			while (pending.length < ahead && position < total) {
				const at = position;
				const sizeBytes = await readAt(fh, position, 4);
				if (sizeBytes.length < 4) throw truncated(`le bloc n° ${index + 1}`);
				const headerSize = sizeBytes.readUInt32BE(0);
				if (headerSize === 0 || headerSize > MAX_BLOB_HEADER_SIZE) {
					throw new RejectedDataError(`${name} : en-tête du bloc n° ${index + 1} invalide à l’octet ${at.toLocaleString('fr-FR')} (fichier abîmé ou pas au format PBF).`);
				}
				const headerBytes = await readAt(fh, position + 4, headerSize);
				if (headerBytes.length < headerSize) throw truncated(`l’en-tête du bloc n° ${index + 1}`);
				let header;
				try {
					header = decodeBlobHeader(headerBytes);
				} catch {
					throw new RejectedDataError(`${name} : en-tête du bloc n° ${index + 1} illisible à l’octet ${at.toLocaleString('fr-FR')}.`);
				}
				if (header.dataSize > MAX_BLOB_SIZE) throw new RejectedDataError(`${name} : bloc n° ${index + 1} de taille impossible à l’octet ${at.toLocaleString('fr-FR')}.`);
				const blobBytes = await readAt(fh, position + 4 + headerSize, header.dataSize);
				position += 4 + headerSize + header.dataSize;
				if (blobBytes.length < header.dataSize) throw truncated(`le bloc n° ${index + 1}`);
				const blob = decodeBlob(blobBytes);
				if (blob.unsupported) throw new RejectedDataError(`${name} : bloc n° ${index + 1} compressé en ${blob.unsupported}, format non pris en charge (zlib seulement).`);
				const blockIndex = index++;
				const inflated = blob.zlib ? inflateAsync(blob.zlib) : Promise.resolve(blob.raw ?? new Uint8Array(0));
				const promise = inflated.catch(() => {
					throw new RejectedDataError(`${name} : données compressées du bloc n° ${blockIndex + 1} abîmées (octet ${at.toLocaleString('fr-FR')}).`);
				});
				promise.catch(() => undefined); // awaited below, in order
				if (header.type === 'OSMHeader') {
					if (blockIndex !== 0) throw new RejectedDataError(`${name} : second en-tête OSM au bloc n° ${blockIndex + 1}.`);
					const h = decodeHeaderBlock(await promise);
					const missing = h.requiredFeatures.filter((f) => !SUPPORTED_FEATURES.has(f));
					if (missing.length > 0) throw new RejectedDataError(`${name} exige des fonctions PBF non prises en charge : ${missing.join(', ')}.`);
					onHeader(h);
					continue;
				}
				if (blockIndex === 0) throw new RejectedDataError(`${name} ne commence pas par un en-tête OSM (type « ${header.type} ») : ce n’est pas un extrait OpenStreetMap.`);
				if (header.type !== 'OSMData') continue; // unknown blob types are skipped, as the format says
				pending.push({ promise, at, index: blockIndex, end: position });
			}
			const next = pending.shift();
			if (!next) break;
			options.signal?.throwIfAborted();
			yield { bytes: await next.promise, at: next.at, index: next.index };
			options.onProgress?.(next.end, total);
		}
	} finally {
		await fh.close();
	}
}

/**
 * One pass over the file, calling the visitor for what it asks (nodes, ways).
 * @throws RejectedDataError (French, with the block or line) on a truncated or malformed file
 */
export async function scanOsmFile(path: string, visitor: PrimitiveVisitor, options: ScanOptions = {}, name = path): Promise<ScanResult> {
	const format = await detectOsmFormat(path, name);
	const total = (await stat(path)).size;
	const counts: BlockCounts = { nodes: 0, ways: 0, relations: 0 };
	if (format === 'pbf') {
		let header: OsmHeader | null = null;
		const decoder = new PrimitiveDecoder();
		for await (const block of pbfBlocks(path, name, total, options, (h) => (header = h))) {
			try {
				const c = decoder.decode(block.bytes, visitor);
				counts.nodes += c.nodes;
				counts.ways += c.ways;
				counts.relations += c.relations;
			} catch (error) {
				if (!(error instanceof OsmFormatError) && !(error instanceof RangeError)) throw error;
				throw new RejectedDataError(`${name} : bloc n° ${block.index + 1} (octet ${block.at.toLocaleString('fr-FR')}) illisible : ${error.message}.`);
			}
		}
		if (header === null) throw new RejectedDataError(`${name} ne contient aucun en-tête OSM.`);
		return { format, header, counts, bytes: total };
	}
	const decoder = new OsmXmlDecoder(visitor);
	const raw = createReadStream(path);
	const text = format === 'xml.gz' ? raw.pipe(createGunzip()) : raw;
	text.setEncoding('utf8');
	try {
		for await (const chunk of text) {
			options.signal?.throwIfAborted();
			decoder.write(chunk as string);
			options.onProgress?.(raw.bytesRead, total);
		}
		decoder.close();
	} catch (error) {
		raw.destroy();
		if (error instanceof OsmFormatError) throw new RejectedDataError(`${name} : ${error.message}.`);
		if ((error as NodeJS.ErrnoException).code === 'Z_BUF_ERROR' || (error as NodeJS.ErrnoException).code === 'Z_DATA_ERROR') {
			throw new RejectedDataError(`${name} : fichier .gz tronqué ou abîmé.`);
		}
		throw error;
	}
	return { format, header: decoder.header, counts: decoder.counts, bytes: total };
}

/** What the two passes give. */
export interface RoadNetworkRead {
	format: OsmFormat;
	header: OsmHeader | null;
	ways: ParsedWays;
	coords: NodeCoords;
	/** Entities of the file (first pass). */
	counts: BlockCounts;
	bytes: number;
}

/**
 * Reads the drivable ways (pass 1), then the coordinates of their nodes inside `clip` (pass 2).
 * @param onProgress called with the pass and the bytes read
 */
export async function readRoadNetwork(
	path: string,
	profile: RoadProfile,
	clip: BBox | null,
	options: { onProgress?: (pass: 'ways' | 'nodes', bytes: number, total: number) => void; signal?: AbortSignal; name?: string } = {}
): Promise<RoadNetworkRead> {
	const name = options.name ?? path;
	const collector = new WayCollector(profile);
	const first = await scanOsmFile(path, collector.visitor, { signal: options.signal, onProgress: (b, t) => options.onProgress?.('ways', b, t) }, name);
	const ways = collector.finish();
	if (ways.counts.drivable === 0) {
		throw new RejectedDataError(
			`${name} ne contient aucune route praticable en voiture (${first.counts.ways.toLocaleString('fr-FR')} voies lues) : est-ce bien un extrait routier OpenStreetMap ?`
		);
	}
	const nodes = new NodeCollector(ways.nodeIds, clip);
	await scanOsmFile(path, nodes.visitor, { signal: options.signal, onProgress: (b, t) => options.onProgress?.('nodes', b, t) }, name);
	return { format: first.format, header: first.header, ways, coords: nodes.finish(), counts: first.counts, bytes: first.bytes };
}
