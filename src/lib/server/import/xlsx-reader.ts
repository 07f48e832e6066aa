/**
 * The one guarded XLSX reader of Maillage: every import that accepts a workbook reads it here
 * (funding lines, and the tabular kinds of `runImport`: structures, agréments, indicators…).
 * An XLSX file is a ZIP of XML parts, so a small upload can inflate to gigabytes (a « zip bomb »).
 * The reader therefore:
 *
 *  1. reads the ZIP's central directory first (`$lib/io/zip-directory`) and refuses, before
 *     inflating anything, an archive whose declared sizes exceed the limits;
 *  2. inflates only the parts it needs (workbook, relationships, styles, shared strings, the first
 *     sheet — or the sheets `readXlsxSheets` is asked for), as streams, counting the bytes that come out: a part that inflates beyond its
 *     declared size (declared sizes can lie) or beyond its limit is cut off at once;
 *  3. parses the sheet as a stream (saxes: no DTD, no entity expansion), counting cells, and
 *     refuses a sheet with more cells than `maxCells`.
 *
 * Refusals are import issues with a French message; nothing is written by a refused import. The
 * result has the table shape of the CSV parser, so the same validators run on CSV and XLSX.
 */
import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { CsvTable } from '$lib/io/csv';
import { issueError } from '$lib/io/issues';
import { entryDataRange, readZipDirectory, type ZipEntry } from '$lib/io/zip-directory';
import { cellText, columnIndex, isDateFormat, type RawCell } from '$lib/io/xlsx-cells';

export interface XlsxLimits {
	/** Largest uncompressed size of the sheet read, bytes. */
	maxSheetBytes: number;
	/** Largest uncompressed size of the shared strings (all held in memory), bytes. */
	maxSharedStringsBytes: number;
	/** Largest uncompressed size of each small part (workbook, relationships, styles), bytes. */
	maxSmallPartBytes: number;
	/** Largest sum of the declared uncompressed sizes of every entry of the archive, bytes. */
	maxArchiveBytes: number;
	/** Most cells read: XML cells of the sheet, and rows × columns of the table built. */
	maxCells: number;
	/** Most entries in the archive. */
	maxEntries: number;
}

const MB = 1024 * 1024;

/**
 * Limits well above any real funding, structures or agréments workbook (a few MB, tens of
 * thousands of cells), far below what would exhaust the server's memory.
 */
export const XLSX_LIMITS: XlsxLimits = {
	maxSheetBytes: 128 * MB,
	maxSharedStringsBytes: 32 * MB,
	maxSmallPartBytes: 8 * MB,
	maxArchiveBytes: 512 * MB,
	maxCells: 1_000_000,
	maxEntries: 10_000
};

/** Excel's own limit on the text of one cell, in characters. */
export const MAX_CELL_CHARS = 32_767;

/** A workbook refused by a limit or unreadable: carries the issue to report. */
class XlsxRefusal extends Error {
	constructor(readonly issue: ReturnType<typeof issueError>) {
		super(issue.code);
	}
}

const unreadable = (reason: string) => new XlsxRefusal(issueError('xlsx-unreadable', {}, { reason }));
const tooLarge = (part: string, limitBytes: number) =>
	new XlsxRefusal(issueError('xlsx-too-large', {}, { part, maxMb: Math.round((limitBytes / MB) * 10) / 10 }));

const ZIP_PROBLEMS: Record<string, string> = {
	'not-zip': 'ce n’est pas une archive ZIP',
	zip64: 'archive ZIP64, que Maillage ne lit pas',
	'multi-disk': 'archive en plusieurs morceaux',
	truncated: 'archive tronquée',
	encrypted: 'archive chiffrée',
	'too-many-entries': 'trop de fichiers dans l’archive'
};

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/**
 * Inflates `entry`, handing out text chunks; stops with a refusal as soon as more than
 * `min(declared size, limit)` bytes came out.
 */
async function inflateEntry(bytes: Uint8Array, entry: ZipEntry, limit: number, onText: (text: string) => void): Promise<void> {
	const range = entryDataRange(bytes, entry);
	if (!range) throw unreadable(`partie ${entry.name} introuvable`);
	if (entry.uncompressedSize > limit) throw tooLarge(entry.name, limit);
	const cap = entry.uncompressedSize;
	const data = bytes.subarray(range.start, range.end);
	const decoder = new TextDecoder('utf-8');
	if (entry.method === 0) {
		if (data.length > cap) throw tooLarge(entry.name, limit);
		onText(decoder.decode(data));
		return;
	}
	if (entry.method !== 8) throw unreadable(`méthode de compression ${entry.method} inconnue`);
	const inflate = createInflateRaw();
	let produced = 0;
	await new Promise<void>((resolve, reject) => {
		let settled = false;
		const fail = (error: unknown) => {
			if (settled) return;
			settled = true;
			inflate.destroy();
			reject(error);
		};
		inflate.on('data', (chunk: Buffer) => {
			produced += chunk.length;
			// Declared sizes can lie: never inflate past what the directory announced.
			if (produced > cap) return fail(produced > limit ? tooLarge(entry.name, limit) : unreadable(`la partie ${entry.name} dépasse la taille annoncée par l’archive`));
			try {
				onText(decoder.decode(chunk, { stream: true }));
			} catch (error) {
				fail(error);
			}
		});
		inflate.on('error', () => fail(unreadable(`partie ${entry.name} corrompue`)));
		inflate.on('end', () => {
			if (settled) return;
			settled = true;
			try {
				onText(decoder.decode());
				resolve();
			} catch (error) {
				reject(error);
			}
		});
		Readable.from([Buffer.from(data.buffer, data.byteOffset, data.byteLength)]).pipe(inflate);
	});
}

/** Feeds a part into a SAX parser: elements only, no DTD, no entities beyond XML's five. */
async function parsePart(
	bytes: Uint8Array,
	entry: ZipEntry,
	limit: number,
	handlers: { open?: (name: string, attributes: Record<string, string>) => void; close?: (name: string) => void; text?: (text: string) => void }
): Promise<void> {
	const parser = new SaxesParser();
	let failure: unknown = null;
	parser.on('error', (error) => {
		failure ??= unreadable(`XML invalide dans ${entry.name} (${error.message.split('\n')[0].slice(0, 80)})`);
	});
	parser.on('doctype', () => {
		failure ??= unreadable(`déclaration DOCTYPE interdite dans ${entry.name}`);
	});
	if (handlers.open) parser.on('opentag', (tag: SaxesTagPlain) => handlers.open!(localName(tag.name), tag.attributes));
	if (handlers.close) parser.on('closetag', (tag) => handlers.close!(localName(tag.name)));
	if (handlers.text) parser.on('text', handlers.text);
	await inflateEntry(bytes, entry, limit, (text) => {
		if (failure) throw failure;
		parser.write(text);
		if (failure) throw failure;
	});
	parser.close();
	if (failure) throw failure;
}

/** A small part as a list of its elements (name and attributes), for the workbook, rels and styles. */
async function elementsOf(bytes: Uint8Array, entry: ZipEntry, limits: XlsxLimits): Promise<{ name: string; attributes: Record<string, string> }[]> {
	const out: { name: string; attributes: Record<string, string> }[] = [];
	await parsePart(bytes, entry, limits.maxSmallPartBytes, { open: (name, attributes) => out.push({ name, attributes }) });
	return out;
}

/** Resolves a relationship target against the folder of its source part (`xl/workbook.xml` + `worksheets/sheet1.xml`). */
function resolveTarget(sourcePart: string, target: string): string {
	if (target.startsWith('/')) return target.slice(1);
	const parts = sourcePart.split('/').slice(0, -1);
	for (const piece of target.split('/')) {
		if (piece === '..') parts.pop();
		else if (piece !== '.' && piece !== '') parts.push(piece);
	}
	return parts.join('/');
}

function relsPathOf(part: string): string {
	const i = part.lastIndexOf('/');
	return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

interface WorkbookParts {
	sheet: ZipEntry;
	/** Every sheet of the workbook, in the workbook's order (names as shown in the tabs). */
	sheets: { name: string; entry: ZipEntry | null }[];
	sharedStrings: ZipEntry | null;
	styles: ZipEntry | null;
	date1904: boolean;
}

async function locateParts(bytes: Uint8Array, byName: Map<string, ZipEntry>, limits: XlsxLimits): Promise<WorkbookParts> {
	const rootRels = byName.get('_rels/.rels');
	let workbookPath = 'xl/workbook.xml';
	if (rootRels) {
		const office = (await elementsOf(bytes, rootRels, limits)).find((e) => e.name === 'Relationship' && /\/officeDocument$/.test(e.attributes.Type ?? ''));
		if (office?.attributes.Target) workbookPath = resolveTarget('', office.attributes.Target);
	}
	const workbook = byName.get(workbookPath);
	if (!workbook) throw unreadable('classeur sans feuille (workbook.xml absent)');
	const workbookElements = await elementsOf(bytes, workbook, limits);
	const firstSheet = workbookElements.find((e) => e.name === 'sheet');
	const date1904 = workbookElements.some((e) => e.name === 'workbookPr' && ['1', 'true'].includes(e.attributes.date1904 ?? ''));
	if (!firstSheet) throw unreadable('classeur sans feuille');
	const relsEntry = byName.get(relsPathOf(workbookPath));
	if (!relsEntry) throw unreadable('relations du classeur absentes');
	const rels = (await elementsOf(bytes, relsEntry, limits)).filter((e) => e.name === 'Relationship');
	const entryOf = (element: { attributes: Record<string, string> }) => {
		const relId = Object.entries(element.attributes).find(([k]) => localName(k) === 'id' && k !== 'sheetId')?.[1];
		const rel = rels.find((r) => r.attributes.Id === relId);
		return rel ? (byName.get(resolveTarget(workbookPath, rel.attributes.Target ?? '')) ?? null) : null;
	};
	const sheet = entryOf(firstSheet);
	if (!sheet) throw unreadable('première feuille introuvable');
	const sheets = workbookElements.filter((e) => e.name === 'sheet').map((e) => ({ name: e.attributes.name ?? '', entry: entryOf(e) }));
	const partOfType = (suffix: string) => {
		const rel = rels.find((r) => (r.attributes.Type ?? '').endsWith(suffix));
		return rel ? (byName.get(resolveTarget(workbookPath, rel.attributes.Target ?? '')) ?? null) : null;
	};
	return { sheet, sheets, sharedStrings: partOfType('/sharedStrings'), styles: partOfType('/styles'), date1904 };
}

/** The cell styles (index of `s`) whose number format shows a date. */
async function dateStyles(bytes: Uint8Array, styles: ZipEntry | null, limits: XlsxLimits): Promise<Set<number>> {
	const out = new Set<number>();
	if (!styles) return out;
	const custom = new Map<number, string>();
	const formats: number[] = [];
	let inCellXfs = false;
	await parsePart(bytes, styles, limits.maxSmallPartBytes, {
		open(name, a) {
			if (name === 'numFmt') custom.set(Number(a.numFmtId), a.formatCode ?? '');
			else if (name === 'cellXfs') inCellXfs = true;
			else if (name === 'xf' && inCellXfs) formats.push(Number(a.numFmtId ?? 0));
		},
		close(name) {
			if (name === 'cellXfs') inCellXfs = false;
		}
	});
	formats.forEach((id, index) => {
		if (isDateFormat(id, custom.get(id))) out.add(index);
	});
	return out;
}

/** Every shared string, in order (rich text runs joined, phonetic hints left out). */
async function sharedStringsOf(bytes: Uint8Array, entry: ZipEntry | null, limits: XlsxLimits): Promise<string[]> {
	const out: string[] = [];
	if (!entry) return out;
	let current: string[] | null = null;
	let inText = false;
	let phonetic = 0;
	await parsePart(bytes, entry, limits.maxSharedStringsBytes, {
		open(name) {
			if (name === 'si') current = [];
			else if (name === 'rPh') phonetic++;
			else if (name === 't' && phonetic === 0) inText = true;
		},
		close(name) {
			if (name === 'si' && current) {
				out.push(current.join(''));
				current = null;
			} else if (name === 'rPh') phonetic--;
			else if (name === 't') inText = false;
		},
		text(text) {
			if (inText && current) current.push(text);
		}
	});
	return out;
}

/**
 * Reads the first sheet of the XLSX workbook in `bytes` into the table shape of the CSV parser:
 * header on its first non-empty row, one record per following non-empty row, each keeping its
 * spreadsheet row number. A workbook over a limit, unreadable or empty gives an issue instead.
 */
export async function readXlsxTable(bytes: Uint8Array, limits: XlsxLimits = XLSX_LIMITS): Promise<CsvTable> {
	try {
		return (await readTables(bytes, limits, (_, index) => index === 0))[0].table;
	} catch (error) {
		if (error instanceof XlsxRefusal) return { delimiter: ';', header: [], records: [], issues: [error.issue] };
		throw error;
	}
}

/**
 * Reads the sheets `pick` selects (by name and position), each into the table shape of the CSV
 * parser, with the same guards as `readXlsxTable` and one cell budget for all of them. A workbook
 * over a limit or unreadable gives one unnamed table holding the issue.
 */
export async function readXlsxSheets(bytes: Uint8Array, pick: SheetPick, limits: XlsxLimits = XLSX_LIMITS): Promise<{ name: string; table: CsvTable }[]> {
	try {
		return await readTables(bytes, limits, pick);
	} catch (error) {
		if (error instanceof XlsxRefusal) return [{ name: '', table: { delimiter: ';', header: [], records: [], issues: [error.issue] } }];
		throw error;
	}
}

/** Which sheets to read: by name and position (0 = the first sheet). */
export type SheetPick = (name: string, index: number) => boolean;

async function readTables(bytes: Uint8Array, limits: XlsxLimits, pick: SheetPick): Promise<{ name: string; table: CsvTable }[]> {
	const directory = readZipDirectory(bytes, limits.maxEntries);
	if (!directory.ok) throw unreadable(ZIP_PROBLEMS[directory.problem]);
	const declared = directory.entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
	if (declared > limits.maxArchiveBytes) throw tooLarge('archive entière', limits.maxArchiveBytes);
	const byName = new Map(directory.entries.map((e) => [e.name, e]));
	const parts = await locateParts(bytes, byName, limits);
	const picked = parts.sheets.filter((s, i) => pick(s.name, i));
	for (const s of picked) {
		if (!s.entry) throw unreadable(`feuille « ${s.name.slice(0, 40)} » introuvable`);
		if (s.entry.uncompressedSize > limits.maxSheetBytes) throw tooLarge(s.entry.name, limits.maxSheetBytes);
	}
	if (parts.sharedStrings && parts.sharedStrings.uncompressedSize > limits.maxSharedStringsBytes) {
		throw tooLarge(parts.sharedStrings.name, limits.maxSharedStringsBytes);
	}
	const [dates, shared] = [await dateStyles(bytes, parts.styles, limits), await sharedStringsOf(bytes, parts.sharedStrings, limits)];
	// One cell budget for every sheet read, so that several sheets cannot add up past the limit.
	const budget = { seen: 0, kept: 0 };
	const out: { name: string; table: CsvTable }[] = [];
	for (const s of picked) out.push({ name: s.name, table: await readSheet(bytes, s.entry!, limits, { dates, shared, date1904: parts.date1904 }, budget) });
	return out;
}

async function readSheet(
	bytes: Uint8Array,
	sheet: ZipEntry,
	limits: XlsxLimits,
	parts: { dates: Set<number>; shared: string[]; date1904: boolean },
	budget: { seen: number; kept: number }
): Promise<CsvTable> {
	const { dates, shared } = parts;
	let header: string[] | null = null;
	const records: CsvTable['records'] = [];
	let rowNumber = 0;
	let row: Map<number, string> | null = null;
	let cell: (RawCell & { column: number }) | null = null;
	let nextColumn = 0;
	let inValue = false;
	let inInline = false;
	let inInlineText = false;
	let phonetic = 0;
	const tooManyCells = () => new XlsxRefusal(issueError('xlsx-too-many-cells', {}, { max: limits.maxCells }));

	const endRow = () => {
		if (!row) return;
		const texts = row;
		row = null;
		if ([...texts.values()].every((t) => t === '')) return;
		if (header === null) {
			const width = Math.max(...texts.keys()) + 1;
			header = Array.from({ length: width }, (_, i) => texts.get(i) ?? '');
			budget.kept += width;
			return;
		}
		const width = header.length;
		budget.kept += width;
		if (budget.kept > limits.maxCells) throw tooManyCells();
		records.push({ line: rowNumber, values: Array.from({ length: width }, (_, i) => texts.get(i) ?? '') });
	};

	await parsePart(bytes, sheet, limits.maxSheetBytes, {
		open(name, a) {
			if (name === 'row') {
				endRow();
				rowNumber = a.r ? Number(a.r) : rowNumber + 1;
				row = new Map();
				nextColumn = 0;
			} else if (name === 'c' && row) {
				if (++budget.seen > limits.maxCells) throw tooManyCells();
				const column = a.r ? columnIndex(a.r) : nextColumn;
				if (column === null) throw unreadable(`référence de cellule invalide « ${String(a.r).slice(0, 12)} »`);
				nextColumn = column + 1;
				cell = { column, type: a.t ?? null, value: '', dateStyle: a.s !== undefined && dates.has(Number(a.s)) };
			} else if (name === 'v' && cell) inValue = true;
			else if (name === 'is' && cell) inInline = true;
			else if (name === 't' && inInline && phonetic === 0) inInlineText = true;
			else if (name === 'rPh') phonetic++;
		},
		close(name) {
			if (name === 'c' && cell && row) {
				const text = cellText(cell, shared, parts.date1904).trim();
				if (text !== '') row.set(cell.column, text);
				cell = null;
			} else if (name === 'v') inValue = false;
			else if (name === 'is') inInline = false;
			else if (name === 't') inInlineText = false;
			else if (name === 'rPh') phonetic--;
			else if (name === 'row') endRow();
		},
		text(text) {
			if (cell && (inValue || inInlineText)) {
				cell.value += text;
				if (cell.value.length > MAX_CELL_CHARS) throw unreadable(`une cellule dépasse ${MAX_CELL_CHARS} caractères`);
			}
		}
	});
	endRow();
	if (header === null) return { delimiter: ';', header: [], records: [], issues: [issueError('file-empty')] };
	return { delimiter: ';', header, records, issues: records.length === 0 ? [issueError('csv-no-rows')] : [] };
}
