/**
 * The observatory export from the database: records of a year with their detail and consistency
 * checks, the département summary, the files (CSV of the records or of the detail, XLSX, JSON, the
 * dictionary). Shared by the Exports page, the download endpoints, the committee and
 * `maillage export observatoire`.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { loadObservatoryInput, observatoryYears } from '../db/observatory';
import { buildObservatoryRecords, type BuiltRecord, type ObservatoryContext, type ObservatoryStructureInput } from '$lib/observatory/record';
import { checkObservatoryRecords, type ObservatoryIssue } from '$lib/observatory/checks';
import { OBSERVATORY_FIELDS, type ObservatoryRecord } from '$lib/observatory/dictionary';
import { DETAIL_FIELDS, DETAIL_SECTIONS, detailRecordsOf } from '$lib/observatory/detail';
import { dictionaryCsv, toFieldCsv } from '$lib/observatory/csv';
import { dictionaryEntries, toObservatoryJson } from '$lib/observatory/json';
import { codeLabel, listsInYear, thresholdsInYear, type ObservatoryLists } from '$lib/observatory/lists';
import { departementSummary, type DepartementSummary } from '$lib/observatory/summary';

export { observatoryYears };

export const OBSERVATORY_FORMATS = ['csv', 'xlsx', 'json'] as const;
export type ObservatoryFormat = (typeof OBSERVATORY_FORMATS)[number];

export function isObservatoryFormat(value: string | null | undefined): value is ObservatoryFormat {
	return (OBSERVATORY_FORMATS as readonly string[]).includes(value ?? '');
}

export interface ObservatoryExport {
	year: number;
	records: BuiltRecord[];
	/** The long rows (activities, partners, contracts) of every record, in record order. */
	detail: ObservatoryRecord[];
	issues: ObservatoryIssue[];
	lists: ObservatoryLists;
	summary: DepartementSummary;
}

/** The records of `year` and their checks, from an input already loaded. */
export function exportOfYear(
	structures: readonly ObservatoryStructureInput[],
	context: ObservatoryContext,
	year: number,
	summaryYears: readonly number[],
	summaryType: 'CS' | 'EVS' | null = null
): ObservatoryExport {
	const records = buildObservatoryRecords(structures, context, year);
	const lists = listsInYear(context.parameters, year);
	const detail = records.flatMap((r) => detailRecordsOf(r.record, r.detail, (section, code) => codeLabel(lists, DETAIL_SECTIONS[section].list, code)));
	return {
		year,
		records,
		detail,
		issues: checkObservatoryRecords(records, thresholdsInYear(context.parameters, year)),
		lists,
		summary: summaryOfYears(structures, context, year, summaryYears, summaryType, records)
	};
}

/** The summary of `year` and the three years before it that have data (records of `year` reused when given). */
function summaryOfYears(
	structures: readonly ObservatoryStructureInput[],
	context: ObservatoryContext,
	year: number,
	summaryYears: readonly number[],
	summaryType: 'CS' | 'EVS' | null,
	records: readonly BuiltRecord[] = buildObservatoryRecords(structures, context, year)
): DepartementSummary {
	const byYear = new Map<number, ObservatoryRecord[]>([[year, records.map((r) => r.record)]]);
	for (const y of summaryYears) if (y < year && y >= year - 3) byYear.set(y, buildObservatoryRecords(structures, context, y).map((r) => r.record));
	return departementSummary(byYear, year, { type: summaryType });
}

/** Records, detail, checks and summary of `year` (the summary over every structure, or one type). */
export async function buildObservatoryExport(db: Kysely<Database>, year: number, summaryType: 'CS' | 'EVS' | null = null): Promise<ObservatoryExport> {
	const [{ structures, context }, years] = await Promise.all([loadObservatoryInput(db), observatoryYears(db)]);
	return exportOfYear(structures, context, year, years, summaryType);
}

/** The département summary of `year` (every structure, or one type), for the committee and the schéma: no detail, no checks. */
export async function buildDepartementSummary(db: Kysely<Database>, year: number, type: 'CS' | 'EVS' | null = null): Promise<DepartementSummary> {
	const [{ structures, context }, years] = await Promise.all([loadObservatoryInput(db), observatoryYears(db)]);
	return summaryOfYears(structures, context, year, years, type);
}

export interface ExportFile {
	body: string | Uint8Array;
	contentType: string;
	fileName: string;
}

/** Which part of the export a CSV holds: the records (wide) or the detail (long). */
export type CsvPart = 'fiches' | 'detail';

/** The file of `year` in `format`; `now` dates it. A CSV holds the records, or with `part: 'detail'` the detail rows. */
export async function observatoryFile(
	db: Kysely<Database>,
	year: number,
	format: ObservatoryFormat,
	now: Date,
	options: { part?: CsvPart } = {}
): Promise<ExportFile & { export: ObservatoryExport }> {
	const built = await buildObservatoryExport(db, year);
	const records = built.records.map((r) => r.record);
	const base = `maillage-observatoire-${year}`;
	const content = { records, detail: built.detail, issues: built.issues, lists: built.lists, summary: built.summary };
	switch (format) {
		case 'csv':
			return options.part === 'detail'
				? { export: built, body: toFieldCsv(DETAIL_FIELDS, built.detail), contentType: 'text/csv; charset=utf-8', fileName: `${base}-detail.csv` }
				: { export: built, body: toFieldCsv(OBSERVATORY_FIELDS, records), contentType: 'text/csv; charset=utf-8', fileName: `${base}.csv` };
		case 'json':
			return {
				export: built,
				body: `${JSON.stringify(toObservatoryJson(year, content, now.toISOString()), null, 2)}\n`,
				contentType: 'application/json; charset=utf-8',
				fileName: `${base}.json`
			};
		case 'xlsx': {
			const { observatoryWorkbook } = await import('$lib/observatory/xlsx');
			return {
				export: built,
				body: await observatoryWorkbook(year, content, now),
				contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
				fileName: `${base}.xlsx`
			};
		}
	}
}

/** The data dictionary as a file: CSV of the records or of the detail, or JSON of both. */
export function dictionaryFile(format: 'csv' | 'json', part: CsvPart = 'fiches'): ExportFile {
	if (format === 'csv') {
		const detail = part === 'detail';
		return {
			body: dictionaryCsv(detail ? DETAIL_FIELDS : OBSERVATORY_FIELDS),
			contentType: 'text/csv; charset=utf-8',
			fileName: `maillage-observatoire-dictionnaire${detail ? '-detail' : ''}.csv`
		};
	}
	return {
		body: `${JSON.stringify({ fiches: dictionaryEntries(OBSERVATORY_FIELDS), detail: dictionaryEntries(DETAIL_FIELDS) }, null, 2)}\n`,
		contentType: 'application/json; charset=utf-8',
		fileName: 'maillage-observatoire-dictionnaire.json'
	};
}
