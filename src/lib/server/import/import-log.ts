/**
 * The import journal (`import_log`): one line per file imported, accepted or refused — who, which
 * file (name and sha256), what it did (counts) and every issue. Shared by every importer.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/** Who imports which file: the part of every importer's options the journal keeps. */
export interface ImportAuthor {
	userId?: number | null;
	actor: string;
	fileName: string;
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
