/**
 * One import, the same for the CLI and the web page:
 * hash → parse → validate (pure, `$lib/io`) → either a refusal, recorded in `import_log` only,
 * or ONE transaction writing the rows by natural key, one `audit_log` row and the `import_log`
 * row, and marking the dataset as real. Default: any error refuses the whole file; with
 * `skipInvalid` the valid records are written and the others reported.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ImportContext, KnownCommune } from '../../io/context';
import { readImportFile, type ImportKind, type KindItems } from '../../io/import-file';
import { hasErrors, sortIssues, type ImportIssue } from '../../io/issues';
import type { Database } from '../db/schema';
import * as meta from '../db/meta';
import { RejectedDataError } from '../errors';
import { maxUploadBytes } from './limits';
import { officialGeography } from './official';
import { applyStructurePlans, planStructures } from './write-structures';
import { writeCommunes, writeEpci, writeZones } from './write-territories';
import { writeIndicators, writePoles } from './write-values';
import { applyAgrementPlans, planAgrements } from './write-agrements';
import { planTravelTimes, writeTravelTimes } from './write-travel-times';
import { countsOf, type UpsertCounts } from './upsert';

export type ImportPhase = 'parse' | 'validate' | 'write';

export interface RunImportOptions {
	kind: ImportKind;
	/** The uploaded file's name, as shown in the import log. */
	fileName: string;
	bytes: Uint8Array;
	/** Write the valid records and report the others, instead of refusing the whole file. */
	skipInvalid?: boolean;
	/** Who imports, as shown in logs: an e-mail, or `cli:<login>`. */
	actor: string;
	userId?: number | null;
	/** `done` of `total` records for each phase; called often, cheap to ignore. */
	onProgress?: (phase: ImportPhase, done: number, total: number) => void;
	/** Size limit in bytes; default from MAILLAGE_MAX_UPLOAD_MB (100 MB). */
	maxBytes?: number;
}

export interface ImportCounts {
	/** Records of the file (CSV rows or GeoJSON features). */
	read: number;
	inserted: number;
	updated: number;
	unchanged: number;
	/** Records left out because of an error (only with `skipInvalid`) or a skippable warning. */
	skipped: number;
}

export interface ImportReport {
	status: 'accepted' | 'rejected' | 'partial';
	kind: ImportKind;
	fileName: string;
	/** sha256 of the file, hex. */
	fileHash: string;
	counts: ImportCounts;
	/** Every issue, in file order; format with `formatIssue` (`$lib/io/messages-fr`). */
	issues: ImportIssue[];
	importLogId: number;
}

/** Thrown inside the transaction to roll it back when a check needing the database fails. */
class RollbackForIssues extends Error {
	constructor(readonly issues: ImportIssue[]) {
		super('import rolled back');
	}
}

/** The message shown when the database still holds the fictional demo département. */
export const DEMO_DATABASE_MESSAGE =
	'La base contient le département fictif de démonstration : les données réelles ne s’y mélangent pas. ' +
	'Videz-la d’abord avec « npm run maillage -- db reset --yes », puis relancez l’import.';

/** What the io layer needs from the database: communes (reference points) and EPCI. */
export async function loadImportContext(db: Kysely<Database>): Promise<ImportContext> {
	const [communes, epcis] = await Promise.all([
		db.selectFrom('commune').select(['code', 'name', 'ref_lon', 'ref_lat']).execute(),
		db.selectFrom('epci').select('siren').execute()
	]);
	return {
		official: officialGeography(),
		communes: new Map<string, KnownCommune>(communes.map((c) => [c.code, { name: c.name, refLon: c.ref_lon, refLat: c.ref_lat }])),
		epciSirens: new Set(epcis.map((e) => e.siren))
	};
}

async function writeItems(
	db: Kysely<Database>,
	kind: ImportKind,
	items: readonly KindItems[ImportKind][],
	ctx: ImportContext,
	skipInvalid: boolean,
	onBatch: (done: number) => void,
	fileName: string
): Promise<{ counts: UpsertCounts; issues: ImportIssue[]; skipped: number }> {
	switch (kind) {
		case 'communes':
			return {
				counts: countsOf(await writeCommunes(db, items as KindItems['communes'][], ctx.official, onBatch)),
				issues: [],
				skipped: 0
			};
		case 'epci':
			return { counts: countsOf(await writeEpci(db, items as KindItems['epci'][], onBatch)), issues: [], skipped: 0 };
		case 'qpv':
		case 'iris':
			return { counts: countsOf(await writeZones(db, items as KindItems['qpv'][], onBatch)), issues: [], skipped: 0 };
		case 'poles':
			return { counts: await writePoles(db, items as KindItems['poles'][], onBatch), issues: [], skipped: 0 };
		case 'indicators':
			return { counts: await writeIndicators(db, items as KindItems['indicators'][], onBatch), issues: [], skipped: 0 };
		case 'structures': {
			const planning = await planStructures(db, items as KindItems['structures'][]);
			if (planning.issues.length > 0 && !skipInvalid) throw new RollbackForIssues(planning.issues);
			const counts = await applyStructurePlans(db, planning.plans, onBatch);
			return { counts, issues: planning.issues, skipped: planning.issues.length };
		}
		case 'agrements': {
			// An unknown structure or a kind the structure cannot hold refuses the file (unless skipInvalid).
			const planning = await planAgrements(db, items as KindItems['agrements'][]);
			if (planning.issues.length > 0 && !skipInvalid) throw new RollbackForIssues(planning.issues);
			const counts = await applyAgrementPlans(db, planning.plans, onBatch);
			return { counts, issues: planning.issues, skipped: planning.issues.length };
		}
		case 'travel_times': {
			// An unknown destination, or one pair named through two keys, refuses the file (unless skipInvalid).
			const planning = await planTravelTimes(db, items as KindItems['travel_times'][]);
			if (planning.errors > 0 && !skipInvalid) throw new RollbackForIssues(planning.issues);
			const counts = await writeTravelTimes(db, planning.plans, fileName, onBatch);
			return { counts, issues: planning.issues, skipped: planning.errors };
		}
	}
}

/** A new line of `import_log`. */
async function insertImportLog(
	db: Kysely<Database>,
	options: RunImportOptions,
	fileHash: string,
	status: ImportReport['status'],
	counts: ImportCounts,
	issues: ImportIssue[]
): Promise<number> {
	const row = await db
		.insertInto('import_log')
		.values({
			user_id: options.userId ?? null,
			actor: options.actor,
			kind: options.kind,
			file_name: options.fileName,
			file_hash: fileHash,
			status,
			counts: JSON.stringify(counts),
			issues: JSON.stringify(issues)
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

/**
 * Imports one file. Throws `RejectedDataError` when the database holds the demo; otherwise
 * always returns a report, `rejected` when nothing was written (then only `import_log` was).
 */
export async function runImport(db: Kysely<Database>, options: RunImportOptions): Promise<ImportReport> {
	const { kind, bytes, skipInvalid = false, onProgress } = options;
	const fileHash = createHash('sha256').update(bytes).digest('hex');
	if ((await meta.datasetKind(db)) === 'demo') throw new RejectedDataError(DEMO_DATABASE_MESSAGE);

	const ctx = await loadImportContext(db);
	const result = await readImportFile(kind, bytes, ctx, {
		maxBytes: options.maxBytes ?? maxUploadBytes(),
		onProgress,
		yieldNow: () => new Promise((resolve) => setImmediate(resolve))
	});
	const base = { kind, fileName: options.fileName, fileHash };
	const rejected = async (issues: ImportIssue[]): Promise<ImportReport> => {
		const counts: ImportCounts = { read: result.read, inserted: 0, updated: 0, unchanged: 0, skipped: result.read };
		const importLogId = await insertImportLog(db, options, fileHash, 'rejected', counts, issues);
		return { ...base, status: 'rejected', counts, issues, importLogId };
	};

	const invalid = hasErrors(result.issues);
	if ((invalid && !skipInvalid) || (invalid && result.items.length === 0)) return rejected(result.issues);

	const total = result.items.length;
	onProgress?.('write', 0, total);
	try {
		return await db.transaction().execute(async (trx) => {
			const written = await writeItems(trx, kind, result.items, ctx, skipInvalid, (done) => onProgress?.('write', done, total), options.fileName);
			const issues = sortIssues([...result.issues, ...written.issues]);
			const counts: ImportCounts = { read: result.read, ...written.counts, skipped: result.skipped + written.skipped };
			const status = hasErrors(issues) ? 'partial' : 'accepted';
			await meta.set(trx, 'dataset', 'real');
			const importLogId = await insertImportLog(trx, options, fileHash, status, counts, issues);
			await trx
				.insertInto('audit_log')
				.values({
					user_id: options.userId ?? null,
					actor: options.actor,
					action: 'import',
					entity: kind,
					entity_id: null,
					before: null,
					after: JSON.stringify({ fileName: options.fileName, fileHash, status, counts }),
					import_log_id: importLogId
				})
				.execute();
			onProgress?.('write', total, total);
			return { ...base, status, counts, issues, importLogId };
		});
	} catch (error) {
		if (error instanceof RollbackForIssues) return rejected(sortIssues([...result.issues, ...error.issues]));
		throw error;
	}
}
