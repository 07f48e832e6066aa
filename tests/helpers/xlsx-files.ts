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

/** A ZIP archive of `parts` (deflated), with a central directory. */
export function zipOf(parts: Part[]): Uint8Array {
	const locals: Buffer[] = [];
	const centrals: Buffer[] = [];
	let offset = 0;
	for (const p of parts) {
		const name = Buffer.from(p.name, 'utf8');
		const declared = p.declaredSize ?? p.size;
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4);
		local.writeUInt16LE(0x800, 6);
		local.writeUInt16LE(8, 8);
		local.writeUInt32LE(p.crc >>> 0, 14);
		local.writeUInt32LE(p.deflated.length, 18);
		local.writeUInt32LE(declared, 22);
		local.writeUInt16LE(name.length, 26);
		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt16LE(20, 4);
		central.writeUInt16LE(20, 6);
		central.writeUInt16LE(0x800, 8);
		central.writeUInt16LE(8, 10);
		central.writeUInt32LE(p.crc >>> 0, 16);
		central.writeUInt32LE(p.deflated.length, 20);
		central.writeUInt32LE(declared, 24);
		central.writeUInt16LE(name.length, 28);
		central.writeUInt32LE(offset, 42);
		locals.push(local, name, p.deflated);
		centrals.push(central, name);
		offset += 30 + name.length + p.deflated.length;
	}
	const directory = Buffer.concat(centrals);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(parts.length, 8);
	end.writeUInt16LE(parts.length, 10);
	end.writeUInt32LE(directory.length, 12);
	end.writeUInt32LE(offset, 16);
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
