/**
 * The observatory export from the database: records of a year with their consistency checks,
 * the files (CSV, XLSX, JSON, dictionary), and year-over-year trends. Shared by the Exports page,
 * the download endpoint and `maillage export observatoire`.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { loadObservatoryInput, observatoryYears } from '../db/observatory';
import { buildObservatoryRecords } from '$lib/observatory/record';
import { checkObservatoryRecords, type CheckedRecord, type ObservatoryIssue } from '$lib/observatory/checks';
import { FIELD_TYPES, OBSERVATORY_FIELDS, type ObservatoryRecord } from '$lib/observatory/dictionary';
import { dictionaryCsv, toFieldCsv } from '$lib/observatory/csv';
import { toObservatoryJson } from '$lib/observatory/json';
import { observatoryTrends, type Trends } from '$lib/observatory/trends';

export { observatoryYears };

export const OBSERVATORY_FORMATS = ['csv', 'xlsx', 'json'] as const;
export type ObservatoryFormat = (typeof OBSERVATORY_FORMATS)[number];

export function isObservatoryFormat(value: string | null | undefined): value is ObservatoryFormat {
	return (OBSERVATORY_FORMATS as readonly string[]).includes(value ?? '');
}

export interface ObservatoryExport {
	year: number;
	records: CheckedRecord[];
	issues: ObservatoryIssue[];
}

/** Records and checks of `year`. */
export async function buildObservatoryExport(db: Kysely<Database>, year: number): Promise<ObservatoryExport> {
	const { structures, context } = await loadObservatoryInput(db);
	const records = buildObservatoryRecords(structures, context, year);
	return { year, records, issues: checkObservatoryRecords(records) };
}

/** Trends over every year in `years`. */
export async function buildObservatoryTrends(db: Kysely<Database>, years: readonly number[]): Promise<Trends> {
	const { structures, context } = await loadObservatoryInput(db);
	const byYear = new Map<number, ObservatoryRecord[]>();
	for (const year of years) {
		const records = buildObservatoryRecords(structures, context, year).map((r) => r.record);
		if (records.length > 0) byYear.set(year, records);
	}
	return observatoryTrends(byYear);
}

export interface ExportFile {
	body: string | Uint8Array;
	contentType: string;
	fileName: string;
}

/** The file of `year` in `format`; `now` dates it. */
export async function observatoryFile(db: Kysely<Database>, year: number, format: ObservatoryFormat, now: Date): Promise<ExportFile & { export: ObservatoryExport }> {
	const built = await buildObservatoryExport(db, year);
	const records = built.records.map((r) => r.record);
	const base = `maillage-observatoire-${year}`;
	switch (format) {
		case 'csv':
			return { export: built, body: toFieldCsv(OBSERVATORY_FIELDS, records), contentType: 'text/csv; charset=utf-8', fileName: `${base}.csv` };
		case 'json':
			return {
				export: built,
				body: `${JSON.stringify(toObservatoryJson(year, records, built.issues, now.toISOString()), null, 2)}\n`,
				contentType: 'application/json; charset=utf-8',
				fileName: `${base}.json`
			};
		case 'xlsx': {
			const { observatoryWorkbook } = await import('$lib/observatory/xlsx');
			return {
				export: built,
				body: await observatoryWorkbook(year, records, built.issues, now),
				contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
				fileName: `${base}.xlsx`
			};
		}
	}
}

/** The data dictionary as a file (CSV or JSON). */
export function dictionaryFile(format: 'csv' | 'json'): ExportFile {
	if (format === 'csv') {
		return { body: dictionaryCsv(OBSERVATORY_FIELDS, FIELD_TYPES), contentType: 'text/csv; charset=utf-8', fileName: 'maillage-observatoire-dictionnaire.csv' };
	}
	return {
		body: `${JSON.stringify(
			OBSERVATORY_FIELDS.map((f) => ({ champ: f.key, entete: f.header, signification: f.meaning, type: f.type, typeLibelle: FIELD_TYPES[f.type], source: f.source })),
			null,
			2
		)}\n`,
		contentType: 'application/json; charset=utf-8',
		fileName: 'maillage-observatoire-dictionnaire.json'
	};
}
