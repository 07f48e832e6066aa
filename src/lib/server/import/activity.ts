/**
 * The structure-year import (`maillage import activite <fichier>`), with the rules of every
 * Maillage import: hash → read (CSV, or XLSX through the one guarded reader: the first sheet and
 * the sheet « Détail … ») → validate (pure, `$lib/observatory/activity-import`) → either a refusal
 * recorded in `import_log` only, or ONE transaction writing each structure-year that changes (the
 * shared optimistic locking bumps its version), one `audit_log` row and the `import_log` row.
 * All or nothing: any error refuses the whole file. Idempotent: importing the same file again
 * reports every structure-year unchanged. The consistency checks of the merged data are warnings
 * of the report. A database holding the fictional demo is refused (demo and real data never mix).
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { parseCsv } from '../../io/csv';
import { decodeText } from '../../io/decode';
import { formatIssue } from '../../io/messages-fr';
import { activityItemsFromTables, type ActivityIssue, type NamedTable } from '../../observatory/activity-import';
import { DETAIL_SHEET_PREFIX, detailOfRows } from '../../observatory/detail';
import { financeOfYear } from '../../observatory/finance';
import { thresholdsInYear } from '../../observatory/lists';
import { checkYearData } from '../../observatory/year-checks';
import { emptyYearValues, type StructureYearData } from '../../observatory/year-fields';
import * as meta from '../db/meta';
import * as referenceParameters from '../db/reference-parameters';
import * as structureYears from '../db/structure-years';
import { OBSERVATORY_PARAMETER_PREFIXES } from '../db/observatory';
import type { Database } from '../db/schema';
import type { AuditActor } from '../db/audit';
import { RejectedDataError } from '../errors';
import { maxUploadBytes } from './limits';
import { DEMO_DATABASE_MESSAGE } from './run-import';
import { looksLikeZip } from './funding-xlsx';
import { readXlsxSheets } from './xlsx-reader';
import { auditImport, logImport, type ImportFileOptions } from './import-log';

/** The import log kind (and audit entity) of structure-year files. */
export const ACTIVITY_IMPORT_KIND = 'activite';

export type ActivityImportOptions = ImportFileOptions;

export interface ActivityImportCounts {
	/** Data rows read (both shapes). */
	read: number;
	/** Structure-years created, changed, left as they were. */
	inserted: number;
	updated: number;
	unchanged: number;
}

export interface ActivityImportReport {
	status: 'accepted' | 'rejected';
	fileName: string;
	fileHash: string;
	format: 'csv' | 'xlsx' | null;
	counts: ActivityImportCounts;
	/** Errors (refusal), warnings (consistency of the data written) and notes (columns ignored). */
	issues: ActivityIssue[];
	importLogId: number;
}

const MB = 1024 * 1024;

/** Bytes → named tables: every picked sheet of a workbook, or the one table of a CSV. */
export async function readActivityTables(bytes: Uint8Array, fileName: string): Promise<{ tables: NamedTable[]; format: 'csv' | 'xlsx' | null }> {
	if (looksLikeZip(bytes)) {
		const sheets = await readXlsxSheets(bytes, (name, index) => index === 0 || name.startsWith(DETAIL_SHEET_PREFIX));
		return { tables: sheets.map((s) => ({ name: s.name || fileName, table: s.table })), format: 'xlsx' };
	}
	const decoded = decodeText(bytes);
	if (!decoded.ok) return { tables: [{ name: fileName, table: { delimiter: ';', header: [], records: [], issues: [decoded.issue] } }], format: null };
	return { tables: [{ name: fileName, table: parseCsv(decoded.text) }], format: 'csv' };
}


/** Imports one structure-year file (CSV or XLSX). Throws RejectedDataError on the demo database. */
export async function runActivityImport(db: Kysely<Database>, options: ActivityImportOptions): Promise<ActivityImportReport> {
	const { bytes } = options;
	const fileHash = createHash('sha256').update(bytes).digest('hex');
	if ((await meta.datasetKind(db)) === 'demo') throw new RejectedDataError(DEMO_DATABASE_MESSAGE);
	const base = { fileName: options.fileName, fileHash };
	const maxBytes = options.maxBytes ?? maxUploadBytes();
	const rejected = async (issues: ActivityIssue[], read: number, format: ActivityImportReport['format']): Promise<ActivityImportReport> => {
		const counts = { read, inserted: 0, updated: 0, unchanged: 0 };
		const importLogId = await logImport(db, options, { kind: ACTIVITY_IMPORT_KIND, fileHash, status: 'rejected', counts, issues });
		return { ...base, status: 'rejected', format, counts, issues, importLogId };
	};
	if (bytes.length > maxBytes) {
		const text = formatIssue({ severity: 'error', code: 'file-too-large', params: { sizeMb: Math.round((bytes.length / MB) * 10) / 10, maxMb: Math.round((maxBytes / MB) * 10) / 10 } });
		return rejected([{ severity: 'erreur', code: 'file-too-large', message: text }], 0, null);
	}

	const { tables, format } = await readActivityTables(bytes, options.fileName);
	const [refs, params] = await Promise.all([
		db.selectFrom('structure').select(['id', 'siret', 'establishment', 'name']).orderBy('id').execute(),
		referenceParameters.list(db, OBSERVATORY_PARAMETER_PREFIXES)
	]);
	const result = activityItemsFromTables(tables, refs, params);
	if (result.issues.some((i) => i.severity === 'erreur')) return rejected(result.issues, result.read, format);

	const names = new Map(refs.map((r) => [r.id, r.name]));
	const structureIds = [...new Set([...result.years, ...result.details].map((i) => i.structureId))];
	const actor: AuditActor = { userId: options.userId ?? null, label: options.actor };
	return db.transaction().execute(async (trx) => {
		const stored = new Map((await structureYears.list(trx, { structureIds, forUpdate: true })).map((y) => [`${y.structureId}|${y.data.year}`, y]));
		// Merge the file over what is stored: wide columns present replace, a detail replaces the year's detail.
		const merged = new Map<string, { structureId: number; data: StructureYearData }>();
		const start = (structureId: number, year: number) => {
			const k = `${structureId}|${year}`;
			let m = merged.get(k);
			if (!m) {
				const s = stored.get(k)?.data;
				m = { structureId, data: s ? structuredClone(s) : { year, values: emptyYearValues(), activities: [], partners: [], contracts: [] } };
				merged.set(k, m);
			}
			return m;
		};
		for (const item of result.years) Object.assign(start(item.structureId, item.year).data.values, item.values);
		for (const item of result.details) Object.assign(start(item.structureId, item.year).data, detailOfRows(item.rows));

		const funding = await trx
			.selectFrom('funding_line')
			.innerJoin('partner', 'partner.id', 'funding_line.partner_id')
			.innerJoin('funding_instrument', 'funding_instrument.id', 'funding_line.instrument_id')
			.select(['funding_line.structure_id', 'funding_line.year', 'partner.kind', 'funding_instrument.code', 'funding_instrument.family', 'funding_line.amount', 'funding_line.status'])
			.where('funding_line.structure_id', 'in', structureIds)
			.execute();
		const counts: ActivityImportCounts = { read: result.read, inserted: 0, updated: 0, unchanged: 0 };
		const warnings: ActivityIssue[] = [];
		for (const [k, { structureId, data }] of [...merged].sort(([a], [b]) => a.localeCompare(b))) {
			const s = stored.get(k) ?? null;
			const outcome = await structureYears.write(trx, actor, structureId, s, data, s ? s.version : null);
			counts[outcome]++;
			const lines = funding
				.filter((f) => f.structure_id === structureId)
				.map((f) => ({ year: Number(f.year), partnerKind: f.kind, instrumentCode: f.code, instrumentFamily: f.family, amount: Number(f.amount), status: f.status }));
			const finance = financeOfYear(lines, params, data.year, { charges: null, produits: null, usersIncome: null });
			for (const c of checkYearData(data, { thresholds: thresholdsInYear(params, data.year), operatingFunding: finance.operatingFunding })) {
				warnings.push({ severity: 'avertissement', code: c.code, structureId, year: data.year, message: `${names.get(structureId)}, ${data.year} : ${c.message}` });
			}
		}
		const issues = [...result.issues, ...warnings];
		if ((await meta.datasetKind(trx)) === null) await meta.set(trx, 'dataset', 'real');
		const importLogId = await logImport(trx, options, { kind: ACTIVITY_IMPORT_KIND, fileHash, status: 'accepted', counts, issues });
		await auditImport(trx, options, { entity: ACTIVITY_IMPORT_KIND, importLogId, after: { fileName: options.fileName, fileHash, status: 'accepted', counts } });
		return { ...base, status: 'accepted', format, counts, issues, importLogId };
	});
}

/** French summary of a report (CLI and page). */
export function summariseActivityImport(report: ActivityImportReport): string {
	const c = report.counts;
	const errors = report.issues.filter((i) => i.severity === 'erreur').length;
	const warnings = report.issues.filter((i) => i.severity === 'avertissement').length;
	if (report.status === 'rejected') {
		return `Fichier refusé : ${errors} erreur${errors > 1 ? 's' : ''}, rien n’a été écrit (tout ou rien : corrigez le fichier puis relancez l’import).`;
	}
	const plural = (n: number, word: string) => `${n} ${word}${n > 1 ? 's' : ''}`;
	return (
		`Import réussi : ${c.read} ligne${c.read > 1 ? 's' : ''} lue${c.read > 1 ? 's' : ''} ; structures-années ${plural(c.inserted, 'créée')}, ${plural(c.updated, 'modifiée')}, ${plural(c.unchanged, 'inchangée')}` +
		(warnings > 0 ? ` ; ${plural(warnings, 'avertissement')} de cohérence à vérifier.` : '.')
	);
}
