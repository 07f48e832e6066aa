/**
 * The import journal (`import_log`): one line per file imported, accepted or refused — who, which
 * file (name and sha256), what it did (counts) and every issue. Shared by every importer.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { record } from '../db/audit';

/** Who imports which file: the part of every importer's options the journal keeps. */
export interface ImportAuthor {
	userId?: number | null;
	/** Who imports, as shown in logs: an e-mail, or `ligne de commande`. */
	actor: string;
	/** The uploaded file's name, as shown in the import log. */
	fileName: string;
}

/** An uploaded file and who imports it: the options of every file importer. */
export interface ImportFileOptions extends ImportAuthor {
	bytes: Uint8Array;
	/** Size limit in bytes; default from MAILLAGE_MAX_UPLOAD_MB (100 MB). */
	maxBytes?: number;
}

/** The options of an importer that can write the valid records of a file and report the others. */
export interface LenientImportOptions extends ImportFileOptions {
	/** Write the valid records and report the others, instead of refusing the whole file. */
	skipInvalid?: boolean;
}

/** Writes one line of the journal (inside the import's transaction when there is one); returns its id. */
export async function logImport(
	db: Kysely<Database>,
	author: ImportAuthor,
	entry: { kind: string; fileHash: string; status: Database['import_log']['status']; counts: object; issues: readonly unknown[] }
): Promise<number> {
	const row = await db
		.insertInto('import_log')
		.values({
			user_id: author.userId ?? null,
			actor: author.actor,
			kind: entry.kind,
			file_name: author.fileName,
			file_hash: entry.fileHash,
			status: entry.status,
			counts: JSON.stringify(entry.counts),
			issues: JSON.stringify(entry.issues)
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

/**
 * Records a written import in the audit trail as one `import` entry pointing to its journal line
 * (`after` says what the file did: its name, hash, status, counts…).
 */
export async function auditImport(
	db: Kysely<Database>,
	author: ImportAuthor,
	entry: { entity: string; entityId?: string | null; importLogId: number; after: object }
): Promise<void> {
	await record(db, { userId: author.userId ?? null, label: author.actor }, { action: 'import', ...entry });
}
