/**
 * The pure half of an import, for every kind: bytes → text (`decode.ts`) → CSV or GeoJSON
 * (`csv.ts`, `geojson.ts`) → domain items and issues (`to-*.ts`). The server half
 * (`$lib/server/import`) stores the items in one transaction. Nothing here throws on bad input.
 */
import type { StructureInput } from '../domain/structure';
import type { CommuneInput, EpciInput, IndicatorInput, PoleInput, ZoneInput } from '../domain/territory';
import type { ImportContext } from './context';
import { createImportScope, type ScopeSummary } from './scope';
import { parseCsv, type CsvTable } from './csv';
import { decodeText, type TextEncodingName } from './decode';
import { parseGeoJson } from './geojson';
import { issueError, sortIssues, type DomainResult, type ImportIssue } from './issues';
import { communesToDomain } from './to-communes';
import { epciFromCsv, epciFromGeoJson } from './to-epci';
import { indicatorsFromCsv } from './to-indicators';
import { polesFromCsv, polesFromGeoJson } from './to-poles';
import { structuresFromCsv } from './to-structures';
import { zonesToDomain } from './to-zones';
import { agrementsFromCsv, type AgrementInput } from './to-agrements';
import { travelTimesFromCsv, type TravelTimeInput } from './to-travel-times';
import { polesFromInseeTable, type InseePoleDefinition, type PoleDefinitionRecord } from './to-poles-insee';

/** The item type each kind produces. */
export interface KindItems {
	communes: CommuneInput;
	epci: EpciInput;
	qpv: ZoneInput;
	iris: ZoneInput;
	poles: PoleInput;
	poles_insee: PoleInput;
	structures: StructureInput;
	indicators: IndicatorInput;
	agrements: AgrementInput;
	travel_times: TravelTimeInput;
}

export type ImportKind = keyof KindItems;

export type FileFormat = 'csv' | 'geojson' | 'xlsx';

/** Every kind, with its French label and the formats it accepts. */
export const IMPORT_KINDS = {
	communes: { label: 'Communes (contours)', formats: ['geojson'] },
	epci: { label: 'EPCI (contours ou composition)', formats: ['geojson', 'csv'] },
	qpv: { label: 'Quartiers prioritaires (QPV)', formats: ['geojson'] },
	iris: { label: 'IRIS', formats: ['geojson'] },
	poles: { label: "Pôles d'activités", formats: ['csv', 'geojson'] },
	poles_insee: { label: "Pôles d'activités (zonage INSEE)", formats: ['csv'] },
	structures: { label: 'Structures (centres sociaux et EVS)', formats: ['csv'] },
	indicators: { label: 'Indicateurs territoriaux', formats: ['csv'] },
	agrements: { label: 'Agréments des structures', formats: ['csv'] },
	travel_times: { label: 'Temps de trajet (matrice)', formats: ['csv'] }
} as const satisfies Record<ImportKind, { label: string; formats: readonly FileFormat[] }>;

export function isImportKind(value: string): value is ImportKind {
	return Object.hasOwn(IMPORT_KINDS, value);
}

export type ReadPhase = 'parse' | 'validate';

export interface ReadOptions {
	/** Files above this size are refused (`file-too-large`). Default: no limit. */
	maxBytes?: number;
	/**
	 * Reads an XLSX workbook into a table (the server's guarded reader), for the kinds that take
	 * CSV; without it a workbook is refused with a French message (`file-spreadsheet`).
	 */
	readSpreadsheet?: (bytes: Uint8Array) => Promise<CsvTable>;
	onProgress?: (phase: ReadPhase, done: number, total: number) => void;
	/** Awaited now and then in long loops so a server can flush progress events. */
	yieldNow?: () => Promise<void>;
	/** `poles_insee`: which zoning defines the poles (required for that kind). */
	poleDefinition?: InseePoleDefinition;
}

export interface ImportFileResult<K extends ImportKind = ImportKind> extends DomainResult<KindItems[K]> {
	kind: K;
	format: FileFormat | null;
	encoding: TextEncodingName | null;
	/** Records kept in the territory, in the band, set aside (see `scope.ts`). */
	scope: ScopeSummary;
	/** `poles_insee`: the zoning and vintage the poles come from. */
	poleDefinition?: PoleDefinitionRecord;
}

/** A ZIP container (an XLSX workbook is one). */
function isZip(bytes: Uint8Array): boolean {
	return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** JSON when the first non-blank character opens an object or an array. */
export function sniffFormat(text: string): FileFormat {
	const first = /\S/.exec(text)?.[0];
	return first === '{' || first === '[' ? 'geojson' : 'csv';
}

const MB = 1024 * 1024;

/** Reads an uploaded file of `kind` into domain items and issues (sorted in file order). */
export async function readImportFile<K extends ImportKind>(
	kind: K,
	bytes: Uint8Array,
	context: ImportContext,
	options: ReadOptions = {}
): Promise<ImportFileResult<K>> {
	const scope = createImportScope(context.territory);
	const ctx: ImportContext = { ...context, scope };
	const fail = (issues: ImportIssue[], format: FileFormat | null = null, encoding: TextEncodingName | null = null) => ({
		kind,
		items: [] as KindItems[K][],
		issues: sortIssues(issues),
		read: 0,
		skipped: 0,
		format,
		encoding,
		scope: scope.summary()
	});
	if (options.maxBytes !== undefined && bytes.length > options.maxBytes) {
		return fail([
			issueError('file-too-large', {}, {
				sizeMb: Math.round((bytes.length / MB) * 10) / 10,
				maxMb: Math.round((options.maxBytes / MB) * 10) / 10
			})
		]);
	}
	type Read = DomainResult<KindItems[ImportKind]> & { poleDefinition?: PoleDefinitionRecord };
	/** A table (CSV, or a workbook's first sheet) to the kind's items. */
	const tableToDomain = (table: CsvTable): Read =>
		kind === 'poles_insee' ? polesFromInseeTable(table, ctx, options.poleDefinition ?? 'bassins-de-vie') : csvToDomain(kind, table, ctx);
	const finish = (result: Read, format: FileFormat, encoding: TextEncodingName | null): ImportFileResult<K> => {
		const scoped = scope.summary();
		return {
			kind,
			items: result.items as KindItems[K][],
			issues: sortIssues(result.issues),
			read: result.read,
			// Readers count set-aside records among the left-out ones; they are reported apart.
			skipped: Math.max(0, result.skipped - scoped.setAside),
			format,
			encoding,
			scope: scoped,
			...(result.poleDefinition ? { poleDefinition: result.poleDefinition } : {})
		};
	};
	options.onProgress?.('parse', 0, 1);
	const csvKind = (IMPORT_KINDS[kind].formats as readonly FileFormat[]).includes('csv');
	if (csvKind && options.readSpreadsheet && isZip(bytes)) {
		const table = await options.readSpreadsheet(bytes);
		options.onProgress?.('parse', 1, 1);
		if (table.issues.some((i) => i.severity === 'error') && table.records.length === 0) return fail(table.issues, 'xlsx');
		return finish(tableToDomain(table), 'xlsx', null);
	}
	const decoded = decodeText(bytes);
	if (!decoded.ok) return fail([decoded.issue]);
	const format = sniffFormat(decoded.text);
	const accepted: readonly FileFormat[] = IMPORT_KINDS[kind].formats;
	if (!accepted.includes(format)) {
		return fail(
			[issueError('file-format-unexpected', {}, { found: format === 'csv' ? 'CSV' : 'JSON', expected: accepted.map((f) => (f === 'csv' ? 'CSV' : 'GeoJSON')).join(' ou ') })],
			format,
			decoded.encoding
		);
	}
	const hooks = {
		onProgress: options.onProgress ? (done: number, total: number) => options.onProgress!('validate', done, total) : undefined,
		yieldNow: options.yieldNow
	};
	let result: Read;
	if (format === 'geojson') {
		const input = parseGeoJson(decoded.text);
		options.onProgress?.('parse', 1, 1);
		switch (kind) {
			case 'communes':
				result = await communesToDomain(input, ctx, hooks);
				break;
			case 'qpv':
			case 'iris':
				result = await zonesToDomain(kind, input, ctx, hooks);
				break;
			case 'epci':
				result = await epciFromGeoJson(input, ctx, hooks);
				break;
			default:
				result = polesFromGeoJson(input, ctx);
		}
	} else {
		const table = parseCsv(decoded.text);
		options.onProgress?.('parse', 1, 1);
		const noRows = table.header.length > 0 && table.records.length === 0 && table.issues.length === 0;
		if (noRows) return fail([issueError('csv-no-rows')], format, decoded.encoding);
		result = tableToDomain(table);
		hooks.onProgress?.(result.read, result.read);
	}
	return finish(result, format, decoded.encoding);
}

/** The reader of each kind that comes as a table (CSV, or a workbook's first sheet); `poles_insee` has its own. */
const CSV_READERS: Partial<Record<ImportKind, (table: CsvTable, ctx: ImportContext) => DomainResult<KindItems[ImportKind]>>> = {
	structures: structuresFromCsv,
	indicators: indicatorsFromCsv,
	poles: polesFromCsv,
	epci: epciFromCsv,
	agrements: agrementsFromCsv,
	travel_times: travelTimesFromCsv
};

function csvToDomain(kind: ImportKind, table: CsvTable, ctx: ImportContext): DomainResult<KindItems[ImportKind]> {
	const read = CSV_READERS[kind];
	if (!read) throw new Error(`csvToDomain: no CSV reader for kind ${kind}`);
	return read(table, ctx);
}
