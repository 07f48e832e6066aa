/**
 * `maillage import zonage-communes <fichier> --zonage zfrr --depuis AAAA-MM-JJ`: a dated list of
 * the communes of a zoning (the *zones France ruralités revitalisation*), stored in
 * `zonage_commune`. The list is in force from `--depuis`: a commune listed and already in the
 * zoning keeps its row; a new one gets a row from that day; a commune of the zoning not listed any
 * more is closed the day before. Only the communes of the database are kept (the others are set
 * aside and said so). All or nothing, logged in `import_log` and `audit_log`, idempotent.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { decodeText } from '../../io/decode';
import { parseCsv } from '../../io/csv';
import { hasErrors, issueError, issueWarning, sortIssues, type ImportIssue } from '../../io/issues';
import { zonageCommunesFromCsv } from '../../io/to-zonage-communes';
import { addDaysIso } from '../../domain/agrement-status';
import type { Database } from '../db/schema';
import * as meta from '../db/meta';
import { RejectedDataError } from '../errors';
import { DEMO_DATABASE_MESSAGE, loadImportContext } from './run-import';
import { auditImport, logImport } from './import-log';

/** The zonings a list may be imported for. */
export const ZONAGES = { zfrr: 'Zones France ruralités revitalisation (ZFRR)' } as const;
export type Zonage = keyof typeof ZONAGES;

export interface ZonageImportOptions {
	zonage: Zonage;
	/** First day the list is in force, `YYYY-MM-DD`. */
	since: string;
	fileName: string;
	bytes: Uint8Array;
	/** Where the list comes from (a decree, an arrêté), stored with each row. */
	source?: string | null;
	actor: string;
	userId?: number | null;
}

export interface ZonageImportReport {
	status: 'accepted' | 'rejected';
	zonage: Zonage;
	since: string;
	fileName: string;
	fileHash: string;
	counts: {
		/** Rows of the file. */
		read: number;
		/** Communes of the database listed (kept). */
		kept: number;
		/** Communes listed but absent from the database (set aside). */
		outside: number;
		/** Communes entering the zoning on `since`. */
		added: number;
		/** Communes leaving it (closed the day before `since`). */
		closed: number;
		/** Communes already in the zoning and listed again. */
		unchanged: number;
	};
	issues: ImportIssue[];
	importLogId: number;
}

/** Imports the list; a refusal writes only its `import_log` row. */
export async function runZonageImport(db: Kysely<Database>, options: ZonageImportOptions): Promise<ZonageImportReport> {
	if (!(options.zonage in ZONAGES)) throw new RejectedDataError(`Zonage « ${options.zonage} » inconnu : ${Object.keys(ZONAGES).join(', ')} attendu.`);
	if (!/^\d{4}-\d{2}-\d{2}$/.test(options.since) || Number.isNaN(Date.parse(`${options.since}T00:00:00Z`))) {
		throw new RejectedDataError(`--depuis attend une date AAAA-MM-JJ, pas « ${options.since} ».`);
	}
	if ((await meta.datasetKind(db)) === 'demo') throw new RejectedDataError(DEMO_DATABASE_MESSAGE);
	const fileHash = createHash('sha256').update(options.bytes).digest('hex');
	const kind = `zonage-communes:${options.zonage}`;
	const ctx = await loadImportContext(db);
	const issues: ImportIssue[] = [];
	let items: { line: number; communeCode: string }[] = [];
	let read = 0;
	const decoded = decodeText(options.bytes);
	if (!decoded.ok) issues.push(decoded.issue);
	else {
		const result = zonageCommunesFromCsv(parseCsv(decoded.text), ctx);
		issues.push(...result.issues);
		items = result.items;
		read = result.read;
	}
	if (!hasErrors(issues) && ctx.communes.size === 0) issues.push(issueError('zonage-no-communes', {}, {}));
	const counts = { read, kept: 0, outside: 0, added: 0, closed: 0, unchanged: 0 };
	const log = (trx: Kysely<Database>, status: 'accepted' | 'rejected', list: ImportIssue[]) =>
		logImport(trx, options, { kind, fileHash, status, counts: { ...counts, since: options.since }, issues: list });
	const base = { zonage: options.zonage, since: options.since, fileName: options.fileName, fileHash };
	if (hasErrors(issues)) {
		const sorted = sortIssues(issues);
		return { ...base, status: 'rejected', counts, issues: sorted, importLogId: await log(db, 'rejected', sorted) };
	}

	// Keep the territory's communes; say which were set aside.
	const kept = new Set<string>();
	for (const item of items) {
		if (ctx.communes.has(item.communeCode)) kept.add(item.communeCode);
		else issues.push(issueWarning('zonage-commune-outside', { line: item.line, column: 'code_commune' }, { code: item.communeCode }));
	}
	counts.kept = kept.size;
	counts.outside = items.length - kept.size;

	return db.transaction().execute(async (trx) => {
		const open = await trx
			.selectFrom('zonage_commune')
			.select(['commune_code', 'valid_from'])
			.where('zonage', '=', options.zonage)
			.where((eb) => eb.or([eb('valid_until', 'is', null), eb('valid_until', '>=', options.since)]))
			.execute();
		const later = open.filter((r) => r.valid_from > options.since);
		if (later.length > 0) {
			const sorted = sortIssues([...issues, issueError('zonage-later-list', {}, { date: later[0].valid_from })]);
			return { ...base, status: 'rejected', counts, issues: sorted, importLogId: await log(trx, 'rejected', sorted) };
		}
		const inZoning = new Set(open.map((r) => r.commune_code));
		const leaving = [...inZoning].filter((c) => !kept.has(c));
		const entering = [...kept].filter((c) => !inZoning.has(c));
		counts.added = entering.length;
		counts.closed = leaving.length;
		counts.unchanged = kept.size - entering.length;
		if (leaving.length > 0) {
			await trx
				.updateTable('zonage_commune')
				.set({ valid_until: addDaysIso(options.since, -1) })
				.where('zonage', '=', options.zonage)
				.where('commune_code', 'in', leaving)
				.where('valid_until', 'is', null)
				.execute();
		}
		const sorted = sortIssues(issues);
		const importLogId = await log(trx, 'accepted', sorted);
		if (entering.length > 0) {
			await trx
				.insertInto('zonage_commune')
				.values(
					entering.sort().map((code) => ({
						zonage: options.zonage,
						commune_code: code,
						valid_from: options.since,
						valid_until: null,
						source: options.source ?? `Liste importée (${options.fileName})`,
						import_log_id: importLogId
					}))
				)
				.execute();
		}
		await auditImport(trx, options, { entity: 'zonage_commune', entityId: options.zonage, importLogId, after: { fileName: options.fileName, fileHash, since: options.since, counts } });
		return { ...base, status: 'accepted', counts, issues: sorted, importLogId };
	});
}
