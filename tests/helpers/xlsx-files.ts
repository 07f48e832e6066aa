/**
 * Builds XLSX files byte by byte for the tests of the guarded reader: ordinary workbooks and
 * « bombs » — sheets that inflate to hundreds of megabytes from a few hundred kilobytes, archives
 * that understate their sizes, sheets with millions of cells. Generated on the fly (the large ones
 * are never committed), streaming so that the test itself stays small in memory.
 */
import { createDeflateRaw, crc32 } from 'node:zlib';

export interface Part {
	name: string;
	/** Deflated bytes and the real uncompressed size and CRC. */
	deflated: Buffer;
	size: number;
	crc: number;
	/** Size written in the archive's headers instead of the real one (a lying archive). */
	declaredSize?: number;
}

/** Deflates `chunks` (strings or a generator of them) into a part, streaming. */
export async function deflatePart(name: string, chunks: Iterable<string> | AsyncIterable<string>): Promise<Part> {
	const deflate = createDeflateRaw({ level: 6 });
	const out: Buffer[] = [];
	deflate.on('data', (c: Buffer) => out.push(c));
	const done = new Promise<void>((resolve, reject) => {
		deflate.on('end', resolve);
		deflate.on('error', reject);
	});
	let size = 0;
	let crc = 0;
	for await (const chunk of chunks) {
		const buffer = Buffer.from(chunk, 'utf8');
		size += buffer.length;
		crc = crc32(buffer, crc);
		if (!deflate.write(buffer)) await new Promise((r) => deflate.once('drain', r));
	}
	deflate.end();
	await done;
	return { name, deflated: Buffer.concat(out), size, crc };
}

/** A little-endian record of `size` bytes with `[offset, width, value]` fields (the rest zero). */
function fields(size: number, values: [at: number, width: 2 | 4, value: number][]): Buffer {
	const record = Buffer.alloc(size);
	for (const [at, width, value] of values) {
		if (width === 2) record.writeUInt16LE(value, at);
		else record.writeUInt32LE(value >>> 0, at);
	}
	return record;
}

/** A ZIP archive of `parts` (deflated), with a central directory. */
export function zipOf(parts: Part[]): Uint8Array {
	const locals: Buffer[] = [];
	const centrals: Buffer[] = [];
	let offset = 0;
	for (const p of parts) {
		const name = Buffer.from(p.name, 'utf8');
		const declared = p.declaredSize ?? p.size;
		const local = fields(30, [[0, 4, 0x04034b50], [4, 2, 20], [6, 2, 0x800], [8, 2, 8], [14, 4, p.crc], [18, 4, p.deflated.length], [22, 4, declared], [26, 2, name.length]]);
		const central = fields(46, [
			[0, 4, 0x02014b50], [4, 2, 20], [6, 2, 20], [8, 2, 0x800], [10, 2, 8], [16, 4, p.crc], [20, 4, p.deflated.length], [24, 4, declared], [28, 2, name.length], [42, 4, offset]
		]);
		locals.push(local, name, p.deflated);
		centrals.push(central, name);
		offset += 30 + name.length + p.deflated.length;
	}
	const directory = Buffer.concat(centrals);
	const end = fields(22, [[0, 4, 0x06054b50], [8, 2, parts.length], [10, 2, parts.length], [12, 4, directory.length], [16, 4, offset]]);
	return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

const CONTENT_TYPES =
	'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>';
const ROOT_RELS =
	'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>';
const WORKBOOK =
	'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Feuil1" sheetId="1" r:id="rId1"/></sheets></workbook>';
const WORKBOOK_RELS =
	'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>';

export const SHEET_HEAD = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
export const SHEET_TAIL = '</sheetData></worksheet>';

/** A workbook whose first sheet is `sheet` (its XML, in chunks); `declaredSheetSize` makes it lie. */
export async function workbookWithSheet(sheet: Iterable<string> | AsyncIterable<string>, options: { declaredSheetSize?: number } = {}): Promise<Uint8Array> {
	const small = (name: string, xml: string) => deflatePart(name, [xml]);
	const sheetPart = await deflatePart('xl/worksheets/sheet1.xml', sheet);
	if (options.declaredSheetSize !== undefined) sheetPart.declaredSize = options.declaredSheetSize;
	return zipOf([
		await small('[Content_Types].xml', CONTENT_TYPES),
		await small('_rels/.rels', ROOT_RELS),
		await small('xl/workbook.xml', WORKBOOK),
		await small('xl/_rels/workbook.xml.rels', WORKBOOK_RELS),
		sheetPart
	]);
}

/** `rows` rows of `columns` numeric cells (inline values), as sheet XML chunks of about 1 MB. */
export function* gridSheet(rows: number, columns: number): Generator<string> {
	yield SHEET_HEAD;
	let chunk = '';
	for (let r = 1; r <= rows; r++) {
		chunk += `<row r="${r}">`;
		for (let c = 0; c < columns; c++) chunk += `<c><v>${c}</v></c>`;
		chunk += '</row>';
		if (chunk.length > 1_000_000) {
			yield chunk;
			chunk = '';
		}
	}
	yield chunk + SHEET_TAIL;
}

/**
 * A sheet of `megabytes` MB that compresses about a thousand to one: one cell, then the same
 * padding row (well-formed XML) repeated — the shape of the reported bomb.
 */
export function* bombSheet(megabytes: number): Generator<string> {
	yield SHEET_HEAD + '<row r="1"><c t="inlineStr"><is><t>code</t></is></c></row>';
	const row = '<row><c><v>1</v></c></row>'.padEnd(1024, ' ');
	const block = row.repeat(1024); // 1 MB
	for (let i = 0; i < megabytes; i++) yield block;
	yield SHEET_TAIL;
}
