/**
 * Funding import, the same for the CLI and the web page, with the rules of the import pipeline
 * (`run-import.ts`): hash → read (CSV or XLSX) → validate (pure, `$lib/funding/import`) → either a
 * refusal recorded in `import_log` only, or ONE transaction upserting the lines by natural key
 * (structure, partner, instrument, year), one `audit_log` row and the `import_log` row.
 * Default: any error refuses the whole file; `skipInvalid` writes the valid lines and reports the
 * others. A database holding the fictional demo is refused (demo and real data never mix).
 * Also the funding export (CSV or XLSX) of the lines a reader may see.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { parseCsv, type CsvTable } from '../../io/csv';
import { decodeText } from '../../io/decode';
import { issueError } from '../../io/issues';
import { exportHeaders, exportRows } from '../../funding/export';
import { EMPTY_FILTERS, type FundingFilters } from '../../funding/filters';
import { formatFundingIssue, fundingLinesFromTable, type Collectivity, type FundingIssue, type FundingLineItem, type FundingRefs } from '../../funding/import';
import { communePartnerName } from '../../funding/default-references';
import { createRow } from '../db/changes';
import * as workTerritory from '../db/work-territory';
import { communeInTerritory, epciInTerritory, structureInTerritory } from '../db/work-territory';
import { officialGeography } from './official';
import type { RowScope } from '../../domain/policy';
import * as funding from '../db/funding';
import * as meta from '../db/meta';
import type { Database } from '../db/schema';
import { RejectedDataError } from '../errors';
import { maxUploadBytes } from './limits';
import { DEMO_DATABASE_MESSAGE } from './run-import';
import { upsertRows } from './upsert';
import { looksLikeZip, writeFundingXlsx } from './funding-xlsx';
import { readXlsxTable } from './xlsx-reader';
import { toCsv } from '../../io/csv-writer';
import { auditImport, logImport, type LenientImportOptions } from './import-log';

export { formatFundingIssue };

export type FundingImportOptions = LenientImportOptions;

export interface FundingImportCounts {
	read: number;
	inserted: number;
	updated: number;
	unchanged: number;
	skipped: number;
}

/** What an import of a funding-side file (lines, funders, instruments) reports. */
export interface FundingFileReport {
	status: 'accepted' | 'rejected' | 'partial';
	fileName: string;
	fileHash: string;
	format: 'csv' | 'xlsx' | null;
	counts: FundingImportCounts;
	/** In file order; French sentences with `formatFundingIssue`. */
	issues: FundingIssue[];
	importLogId: number;
}

export interface FundingImportReport extends FundingFileReport {
	/** Partners created for communes and EPCI of the territory named by code (`COM-…`, `EPCI-…`). */
	partnersCreated: { code: string; name: string }[];
}

/** The import log kind of funding files. */
export const FUNDING_IMPORT_KIND = 'funding';

/**
 * Structures (with their place: in the département or in the border band), partners, instruments,
 * and the communes and EPCI of the database a `financeur` may name by code.
 */
export async function loadFundingRefs(db: Kysely<Database>): Promise<FundingRefs> {
	const [structures, partners, instruments, communes, epcis, territory] = await Promise.all([
		db.selectFrom('structure').select(['id', 'external_id', 'siret', 'name', structureInTerritory('structure').as('in_territory')]).execute(),
		db.selectFrom('partner').select(['id', 'code', 'name']).orderBy('code').execute(),
		db.selectFrom('funding_instrument').select(['id', 'code', 'label']).orderBy('code').execute(),
		db.selectFrom('commune').select(['code', 'name', communeInTerritory('commune').as('in_territory')]).execute(),
		db.selectFrom('epci').select(['siren', 'name', epciInTerritory('epci').as('in_territory')]).execute(),
		workTerritory.get(db)
	]);
	const official = officialGeography();
	const communeByCode = new Map(communes.map((c) => [c.code, c]));
	const epciBySiren = new Map(epcis.map((e) => [e.siren, e]));
	const collectivity = (kind: 'commune' | 'epci', code: string): Collectivity | null => {
		if (kind === 'commune') {
			const stored = communeByCode.get(code);
			const r = official.resolve(code);
			const liaison = r.status === 'current' ? r.commune.liaison : null;
			const name = stored?.name ?? (r.status === 'current' ? r.commune.name : null);
			if (!name) return null;
			// Only a commune loaded in the territory becomes a partner: one merely known is outside.
			return { kind, code, name, partnerName: communePartnerName(name, liaison), inTerritory: Boolean(stored?.in_territory) };
		}
		const stored = epciBySiren.get(code);
		const name = stored?.name ?? official.epci(code)?.name ?? null;
		if (!name) return null;
		// Only an EPCI holding communes of the territory (stored) becomes a partner.
		return { kind, code, name, partnerName: name, inTerritory: Boolean(stored?.in_territory) };
	};
	return {
		structures: structures.map((s) => ({ id: s.id, externalId: s.external_id, siret: s.siret, name: s.name, outside: !s.in_territory })),
		partners,
		instruments,
		collectivity,
		departements: territory?.departements ?? []
	};
}

/** Bytes → table: XLSX by its ZIP signature, else text decoded and parsed as CSV. */
export async function readFundingTable(bytes: Uint8Array): Promise<{ table: CsvTable; format: 'csv' | 'xlsx' | null }> {
	if (looksLikeZip(bytes)) return { table: await readXlsxTable(bytes), format: 'xlsx' };
	const decoded = decodeText(bytes);
	if (!decoded.ok) return { table: { delimiter: ';', header: [], records: [], issues: [decoded.issue] }, format: null };
	const table = parseCsv(decoded.text);
	if (table.header.length > 0 && table.records.length === 0 && table.issues.length === 0) table.issues.push(issueError('csv-no-rows'));
	return { table, format: 'csv' };
}

function sortByLine(issues: FundingIssue[]): FundingIssue[] {
	return issues.map((issue, i) => ({ issue, i })).sort((a, b) => (a.issue.line ?? 0) - (b.issue.line ?? 0) || a.i - b.i).map(({ issue }) => issue);
}


const MB = 1024 * 1024;

/** Imports one funding file (CSV or XLSX). Throws RejectedDataError on the demo database. */
export async function runFundingImport(db: Kysely<Database>, options: FundingImportOptions): Promise<FundingImportReport> {
	const { bytes, skipInvalid = false } = options;
	const fileHash = createHash('sha256').update(bytes).digest('hex');
	if ((await meta.datasetKind(db)) === 'demo') throw new RejectedDataError(DEMO_DATABASE_MESSAGE);
	const base = { fileName: options.fileName, fileHash };
	const maxBytes = options.maxBytes ?? maxUploadBytes();

	const rejected = async (issues: FundingIssue[], read: number, format: FundingImportReport['format']): Promise<FundingImportReport> => {
		const counts = { read, inserted: 0, updated: 0, unchanged: 0, skipped: read };
		const importLogId = await logImport(db, options, { kind: FUNDING_IMPORT_KIND, fileHash, status: 'rejected', counts, issues });
		return { ...base, status: 'rejected', format, counts, issues, importLogId, partnersCreated: [] };
	};
	if (bytes.length > maxBytes) {
		return rejected([issueError('file-too-large', {}, { sizeMb: Math.round((bytes.length / MB) * 10) / 10, maxMb: Math.round((maxBytes / MB) * 10) / 10 })], 0, null);
	}
	const { table, format } = await readFundingTable(bytes);
	const result = fundingLinesFromTable(table, await loadFundingRefs(db));
	const issues = sortByLine(result.issues);
	const invalid = issues.some((i) => i.severity === 'error');
	if ((invalid && !skipInvalid) || result.items.length === 0) return rejected(issues, result.read, format);

	return db.transaction().execute(async (trx) => {
		// Communes and EPCI of the territory named by code become partners (the demo's code scheme).
		const partnersCreated: { code: string; name: string }[] = [];
		const created = new Map<string, number>();
		for (const item of result.items) {
			if (item.partnerId !== null || !item.newPartner) continue;
			const p = item.newPartner;
			let id = created.get(p.code);
			if (id === undefined) {
				const row = await createRow(trx, { userId: options.userId ?? null, label: options.actor }, 'partner', {
					code: p.code,
					name: p.name,
					kind: p.kind,
					territory_code: p.territoryCode
				});
				id = Number(row.id);
				created.set(p.code, id);
				partnersCreated.push({ code: p.code, name: p.name });
			}
			item.partnerId = id;
		}
		const written = await upsertFundingLines(trx, result.items);
		const counts = { read: result.read, inserted: written.inserted, updated: written.updated, unchanged: written.unchanged, skipped: result.skipped };
		const status = invalid ? 'partial' : 'accepted';
		if ((await meta.datasetKind(trx)) === null) await meta.set(trx, 'dataset', 'real');
		const importLogId = await logImport(trx, options, { kind: FUNDING_IMPORT_KIND, fileHash, status, counts, issues });
		await auditImport(trx, options, { entity: 'funding_line', importLogId, after: { fileName: options.fileName, fileHash, status, counts } });
		return { ...base, status, format, counts, issues, importLogId, partnersCreated };
	});
}

/** A funding line as the imports write it (the partner is known by then). */
export type FundingLineRow = Pick<FundingLineItem, 'structureId' | 'instrumentId' | 'year' | 'amount' | 'status' | 'comment'> & { partnerId: number | null };

/** Upserts funding lines by their natural key (structure, partner, instrument, year): the funding file and the State's posts. */
export function upsertFundingLines(trx: Kysely<Database>, lines: readonly FundingLineRow[]) {
	return upsertRows(
		trx,
		{
			table: 'funding_line',
			columns: ['structure_id', 'partner_id', 'instrument_id', 'year', 'amount', 'status', 'comment'],
			conflict: ['structure_id', 'partner_id', 'instrument_id', 'year'],
			versioned: true
		},
		lines.map((l) => [l.structureId, l.partnerId, l.instrumentId, l.year, l.amount, l.status, l.comment])
	);
}

export type ExportFormat = 'csv' | 'xlsx';

/** The funding export of what `scope` may see, filtered: CSV (`;`, BOM, decimal comma) or XLSX. */
export async function exportFunding(
	db: Kysely<Database>,
	scope: RowScope,
	format: ExportFormat,
	filters: FundingFilters = EMPTY_FILTERS
): Promise<{ bytes: Uint8Array; contentType: string; lines: number }> {
	const { lines } = await funding.listLines(db, scope, filters);
	const rows = exportRows(lines);
	if (format === 'xlsx') {
		return {
			bytes: await writeFundingXlsx(rows, { title: 'Financements — Maillage' }),
			contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			lines: lines.length
		};
	}
	return { bytes: new TextEncoder().encode(toCsv(exportHeaders(), rows)), contentType: 'text/csv; charset=utf-8', lines: lines.length };
}

/** French summary of a report, e.g. for the CLI and the page. */
export function summariseFundingImport(report: FundingImportReport): string {
	const c = report.counts;
	if (report.status === 'rejected') {
		const errors = report.issues.filter((i) => i.severity === 'error').length;
		return `Fichier refusé : ${errors} erreur${errors > 1 ? 's' : ''}, aucune ligne enregistrée (tout ou rien ; --skip-invalid pour n’enregistrer que les lignes valides).`;
	}
	const parts = [`${c.inserted} ligne${c.inserted > 1 ? 's' : ''} créée${c.inserted > 1 ? 's' : ''}`, `${c.updated} modifiée${c.updated > 1 ? 's' : ''}`, `${c.unchanged} inchangée${c.unchanged > 1 ? 's' : ''}`];
	if (c.skipped > 0) parts.push(`${c.skipped} ignorée${c.skipped > 1 ? 's' : ''} (en erreur)`);
	const created = report.partnersCreated.length
		? ` Financeur${report.partnersCreated.length > 1 ? 's' : ''} créé${report.partnersCreated.length > 1 ? 's' : ''} : ${report.partnersCreated.map((p) => `${p.code} (${p.name})`).join(', ')}.`
		: '';
	return `${report.status === 'partial' ? 'Import partiel' : 'Import réussi'} : ${parts.join(', ')} sur ${c.read} lue${c.read > 1 ? 's' : ''}.${created}`;
}
