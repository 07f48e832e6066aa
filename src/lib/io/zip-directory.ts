/**
 * The central directory of a ZIP archive (an XLSX workbook is one), read from the end of the
 * bytes without inflating anything: entry names, compression methods and the sizes the archive
 * *declares* — which a hostile file can understate, so the reader still counts what it inflates.
 * ZIP64, split and encrypted archives are refused (office files never need them). Pure.
 */

export interface ZipEntry {
	name: string;
	/** 0 stored, 8 deflated; anything else is refused by the readers. */
	method: number;
	flags: number;
	compressedSize: number;
	/** As declared by the archive: never trust it alone. */
	uncompressedSize: number;
	localHeaderOffset: number;
}

export type ZipDirectoryProblem = 'not-zip' | 'zip64' | 'multi-disk' | 'truncated' | 'encrypted' | 'too-many-entries';

export type ZipDirectory = { ok: true; entries: ZipEntry[] } | { ok: false; problem: ZipDirectoryProblem };

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;

function view(bytes: Uint8Array): DataView {
	return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The offset of the end-of-central-directory record, or -1. */
function findEndRecord(bytes: Uint8Array): number {
	const dv = view(bytes);
	const lowest = Math.max(0, bytes.length - EOCD_SIZE - MAX_COMMENT);
	for (let i = bytes.length - EOCD_SIZE; i >= lowest; i--) {
		if (dv.getUint32(i, true) === EOCD_SIGNATURE) return i;
	}
	return -1;
}

/**
 * Lists the entries of the archive in `bytes` from its central directory.
 * @param maxEntries more entries than this is refused (`too-many-entries`)
 */
export function readZipDirectory(bytes: Uint8Array, maxEntries = 10_000): ZipDirectory {
	if (bytes.length < EOCD_SIZE) return { ok: false, problem: 'not-zip' };
	const end = findEndRecord(bytes);
	if (end < 0) return { ok: false, problem: 'not-zip' };
	const dv = view(bytes);
	const disk = dv.getUint16(end + 4, true);
	const directoryDisk = dv.getUint16(end + 6, true);
	const entriesOnDisk = dv.getUint16(end + 8, true);
	const count = dv.getUint16(end + 10, true);
	const size = dv.getUint32(end + 12, true);
	const offset = dv.getUint32(end + 16, true);
	if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) return { ok: false, problem: 'zip64' };
	if (disk !== 0 || directoryDisk !== 0 || entriesOnDisk !== count) return { ok: false, problem: 'multi-disk' };
	if (count > maxEntries) return { ok: false, problem: 'too-many-entries' };
	if (offset + size > end) return { ok: false, problem: 'truncated' };
	const entries: ZipEntry[] = [];
	let at = offset;
	const decoder = new TextDecoder('utf-8');
	for (let i = 0; i < count; i++) {
		if (at + 46 > end || dv.getUint32(at, true) !== CENTRAL_SIGNATURE) return { ok: false, problem: 'truncated' };
		const flags = dv.getUint16(at + 8, true);
		const method = dv.getUint16(at + 10, true);
		const compressedSize = dv.getUint32(at + 20, true);
		const uncompressedSize = dv.getUint32(at + 24, true);
		const nameLength = dv.getUint16(at + 28, true);
		const extraLength = dv.getUint16(at + 30, true);
		const commentLength = dv.getUint16(at + 32, true);
		const localHeaderOffset = dv.getUint32(at + 42, true);
		if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) return { ok: false, problem: 'zip64' };
		if (flags & 0x1) return { ok: false, problem: 'encrypted' };
		const nameEnd = at + 46 + nameLength;
		if (nameEnd > end) return { ok: false, problem: 'truncated' };
		entries.push({ name: decoder.decode(bytes.subarray(at + 46, nameEnd)), method, flags, compressedSize, uncompressedSize, localHeaderOffset });
		at = nameEnd + extraLength + commentLength;
	}
	return { ok: true, entries };
}

/** Where the compressed data of `entry` lies in `bytes` (after its local header), or null when it does not fit. */
export function entryDataRange(bytes: Uint8Array, entry: ZipEntry): { start: number; end: number } | null {
	const dv = view(bytes);
	const at = entry.localHeaderOffset;
	if (at + 30 > bytes.length || dv.getUint32(at, true) !== LOCAL_SIGNATURE) return null;
	const start = at + 30 + dv.getUint16(at + 26, true) + dv.getUint16(at + 28, true);
	const end = start + entry.compressedSize;
	return end <= bytes.length ? { start, end } : null;
}
