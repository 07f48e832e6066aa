/**
 * Funders and instruments from and to files (issue 14 §4), the same for the CLI and the web page:
 * hash → read (CSV or XLSX) → check (pure, `$lib/funding/reference-files`, the web forms' rules) →
 * either a refusal recorded in `import_log` only, or ONE transaction creating or updating each
 * row by code (audited like an edit in the grids; an unchanged row is not touched), one `import`
 * audit row and the `import_log` row. All or nothing unless `skipInvalid`. Idempotent. Refused on
 * the demo database (demo and real data never mix).
 */
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import { toCsv } from '../../io/csv-writer';
import { formatFundingIssue, type FundingIssue } from '../../funding/import';
import {
	instrumentsFileRows,
	instrumentsFromTable,
	partnersFileRows,
	partnersFromTable,
	type ReferenceFileResult,
	type ReferenceKind
} from '../../funding/reference-files';
import type { InstrumentInput, PartnerInput } from '../../funding/reference-input';
import { createRow, updateRow } from '../db/changes';
import { listInstruments, listPartners } from '../db/funding-reference';
import * as meta from '../db/meta';
import type { Database } from '../db/schema';
import { RejectedDataError } from '../errors';
import { readFundingTable, type FundingFileReport } from './funding';
import { maxUploadBytes } from './limits';
import { DEMO_DATABASE_MESSAGE } from './run-import';
import { issueError } from '../../io/issues';
import { auditImport, logImport, type LenientImportOptions } from './import-log';

export { formatFundingIssue as formatReferenceIssue };

export interface ReferenceImportOptions extends LenientImportOptions {
	kind: ReferenceKind;
}

export interface ReferenceImportReport extends FundingFileReport {
	kind: ReferenceKind;
}

/** French nouns of each kind, for reports. */
export const REFERENCE_NOUNS: Record<ReferenceKind, { one: string; many: string; feminine: boolean }> = {
	partenaires: { one: 'financeur', many: 'financeurs', feminine: false },
	dispositifs: { one: 'dispositif', many: 'dispositifs', feminine: false }
};


const MB = 1024 * 1024;

/** Columns of each table as `ReferenceFileResult` values map onto them. */
function partnerRow(p: PartnerInput) {
	return { code: p.code, name: p.name, kind: p.kind, territory_code: p.territoryCode };
}
function instrumentRow(i: InstrumentInput) {
	return { code: i.code, label: i.label, family: i.family, partner_kind: i.partnerKind, valid_from: i.validFrom, valid_until: i.validUntil };
}

/** Imports a partners or instruments file. Throws RejectedDataError on the demo database. */
export async function runReferenceImport(db: Kysely<Database>, options: ReferenceImportOptions): Promise<ReferenceImportReport> {
	const { bytes, kind, skipInvalid = false } = options;
	const fileHash = createHash('sha256').update(bytes).digest('hex');
	if ((await meta.datasetKind(db)) === 'demo') throw new RejectedDataError(DEMO_DATABASE_MESSAGE);
	const base = { kind, fileName: options.fileName, fileHash };
	const maxBytes = options.maxBytes ?? maxUploadBytes();
	const rejected = async (issues: FundingIssue[], read: number, format: ReferenceImportReport['format']): Promise<ReferenceImportReport> => {
		const counts = { read, inserted: 0, updated: 0, unchanged: 0, skipped: read };
		return { ...base, status: 'rejected', format, counts, issues, importLogId: await logImport(db, options, { kind: options.kind, fileHash, status: 'rejected', counts, issues }) };
	};
	if (bytes.length > maxBytes) {
		return rejected([issueError('file-too-large', {}, { sizeMb: Math.round((bytes.length / MB) * 10) / 10, maxMb: Math.round((maxBytes / MB) * 10) / 10 })], 0, null);
	}
	const { table, format } = await readFundingTable(bytes);
	const result: ReferenceFileResult<PartnerInput | InstrumentInput> = kind === 'partenaires' ? partnersFromTable(table) : instrumentsFromTable(table);
	const invalid = result.issues.some((i) => i.severity === 'error');
	if ((invalid && !skipInvalid) || result.items.length === 0) return rejected(result.issues, result.read, format);

	return db.transaction().execute(async (trx) => {
		const actor = { userId: options.userId ?? null, label: options.actor };
		const table_ = kind === 'partenaires' ? 'partner' : 'funding_instrument';
		const existing = await trx.selectFrom(table_).selectAll().execute();
		const byCode = new Map(existing.map((r) => [r.code, r as unknown as Record<string, unknown>]));
		const counts = { read: result.read, inserted: 0, updated: 0, unchanged: 0, skipped: result.skipped };
		for (const item of result.items) {
			const values: Record<string, unknown> =
				kind === 'partenaires' ? partnerRow(item.value as PartnerInput) : instrumentRow(item.value as InstrumentInput);
			const current = byCode.get(item.value.code);
			if (!current) {
				await createRow(trx, actor, table_, values);
				counts.inserted++;
			} else if (Object.entries(values).some(([k, v]) => (current[k] ?? null) !== (v ?? null))) {
				await updateRow(trx, actor, table_, Number(current.id), Number(current.version), values);
				counts.updated++;
			} else counts.unchanged++;
		}
		const status = invalid ? 'partial' : 'accepted';
		if ((await meta.datasetKind(trx)) === null) await meta.set(trx, 'dataset', 'real');
		const importLogId = await logImport(trx, options, { kind: options.kind, fileHash, status, counts, issues: result.issues });
		await auditImport(trx, options, { entity: table_, importLogId, after: { fileName: options.fileName, fileHash, status, counts } });
		return { ...base, status, format, counts, issues: result.issues, importLogId };
	});
}

/** The French summary of a report. */
export function summariseReferenceImport(report: ReferenceImportReport): string {
	const noun = REFERENCE_NOUNS[report.kind];
	const c = report.counts;
	const n = (k: number, word: string) => `${k} ${word}${k > 1 ? 's' : ''}`;
	if (report.status === 'rejected') {
		const errors = report.issues.filter((i) => i.severity === 'error').length;
		return `Fichier refusé : ${n(errors, 'erreur')}, aucun ${noun.one} enregistré (tout ou rien ; --skip-invalid pour n’enregistrer que les lignes valides).`;
	}
	const parts = [n(c.inserted, 'créé'), n(c.updated, 'modifié'), n(c.unchanged, 'inchangé')];
	if (c.skipped > 0) parts.push(`${n(c.skipped, 'ignoré')} (en erreur)`);
	return `${report.status === 'partial' ? 'Import partiel' : 'Import réussi'} des ${noun.many} : ${parts.join(', ')} sur ${c.read} ligne${c.read > 1 ? 's' : ''}.`;
}

/** The partners or instruments file: CSV (`;`, UTF-8 with BOM) or XLSX, the columns of the import. */
export async function exportReferences(
	db: Kysely<Database>,
	kind: ReferenceKind,
	format: 'csv' | 'xlsx'
): Promise<{ bytes: Uint8Array; contentType: string; rows: number }> {
	const { header, rows } = kind === 'partenaires' ? partnersFileRows(await listPartners(db)) : instrumentsFileRows(await listInstruments(db));
	if (format === 'csv') {
		return { bytes: new TextEncoder().encode(toCsv(header, rows)), contentType: 'text/csv; charset=utf-8', rows: rows.length };
	}
	const workbook = new ExcelJS.Workbook();
	workbook.creator = 'Maillage';
	const sheet = workbook.addWorksheet(kind === 'partenaires' ? 'Financeurs' : 'Dispositifs', { views: [{ state: 'frozen', ySplit: 1 }] });
	sheet.columns = header.map((h) => ({ header: h, key: h, width: h === 'nom' || h === 'libelle' ? 50 : 16, style: { numFmt: '@' } }));
	sheet.getRow(1).font = { bold: true };
	for (const row of rows) sheet.addRow(row);
	const buffer = await workbook.xlsx.writeBuffer();
	return {
		bytes: new Uint8Array(buffer as ArrayBuffer),
		contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		rows: rows.length
	};
}
