/**
 * The import log as the Administration › Import page shows it: recent imports (who, when, file,
 * hash, status, counts) and one import's issues for its CSV report. Rows are written by
 * `runImport` only (`$lib/server/import`).
 */
import { sql, type Kysely } from 'kysely';
import type { ImportIssue } from '../../io/issues';
import type { Database } from './schema';

export interface ImportLogEntry {
	id: number;
	/** ISO timestamp. */
	at: string;
	actor: string;
	/** Display name of the account, when the import came from the web page. */
	userName: string | null;
	kind: string;
	fileName: string;
	/** sha256, hex. */
	fileHash: string;
	status: 'accepted' | 'rejected' | 'partial';
	counts: Record<string, number>;
	errorCount: number;
	warningCount: number;
}

/** The `limit` most recent imports, newest first. */
export async function listRecent(db: Kysely<Database>, limit = 20): Promise<ImportLogEntry[]> {
	const rows = await db
		.selectFrom('import_log')
		.leftJoin('app_user', 'app_user.id', 'import_log.user_id')
		.select([
			'import_log.id',
			'import_log.at',
			'import_log.actor',
			'app_user.display_name as userName',
			'import_log.kind',
			'import_log.file_name',
			'import_log.file_hash',
			'import_log.status',
			'import_log.counts',
			// Counted in SQL: the issue list of a France-wide file weighs megabytes.
			sql<number>`jsonb_array_length(import_log.issues)`.as('issueCount'),
			sql<number>`(select count(*) from jsonb_array_elements(import_log.issues) as e where e->>'severity' = 'error')`.as(
				'errorCount'
			)
		])
		.orderBy('import_log.id', 'desc')
		.limit(limit)
		.execute();
	return rows.map((r) => ({
		id: r.id,
		at: new Date(r.at).toISOString(),
		actor: r.actor,
		userName: r.userName,
		kind: r.kind,
		fileName: r.file_name,
		fileHash: r.file_hash,
		status: r.status,
		counts: r.counts ?? {},
		errorCount: Number(r.errorCount),
		warningCount: Number(r.issueCount) - Number(r.errorCount)
	}));
}

/** One import's file name, time and issues, or null when there is no such import. */
export async function getIssues(
	db: Kysely<Database>,
	id: number
): Promise<{ id: number; at: string; kind: string; fileName: string; issues: ImportIssue[] } | null> {
	const row = await db
		.selectFrom('import_log')
		.select(['id', 'at', 'kind', 'file_name', 'issues'])
		.where('id', '=', id)
		.executeTakeFirst();
	if (!row) return null;
	return {
		id: row.id,
		at: new Date(row.at).toISOString(),
		kind: row.kind,
		fileName: row.file_name,
		issues: Array.isArray(row.issues) ? (row.issues as ImportIssue[]) : []
	};
}
