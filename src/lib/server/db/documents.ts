/**
 * Documents attached to an agrément (projet social, conventions, board decisions), stored in the
 * database (so a backup holds them) after their type was checked from their bytes. Every upload
 * and deletion is audited (without the content). Size limit: MAILLAGE_MAX_DOCUMENT_MB (default 20).
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from './schema';
import { withPilotage } from './pilotage-tables';
import { record, type AuditActor } from './audit';
import type { DocumentKind, DocumentType } from '$lib/pilotage/document-type';

/** The document size limit in bytes, from MAILLAGE_MAX_DOCUMENT_MB (megabytes), defined with the server's body limits. */
export { DEFAULT_MAX_DOCUMENT_MB, maxDocumentBytes } from '../http/body-limits.js';

export interface DocumentInfo {
	id: number;
	agrementId: number;
	kind: string;
	title: string;
	fileName: string;
	mediaType: string;
	sizeBytes: number;
	sha256: string;
	uploadedAt: string;
	uploadedBy: string;
}

const INFO_COLUMNS = [
	'id',
	'agrement_id as agrementId',
	'kind',
	'title',
	'file_name as fileName',
	'media_type as mediaType',
	'size_bytes as sizeBytes',
	'sha256',
	'uploaded_at as uploadedAt',
	'uploaded_by as uploadedBy'
] as const;

function toInfo(row: Omit<DocumentInfo, 'uploadedAt'> & { uploadedAt: Date | string }): DocumentInfo {
	return { ...row, sizeBytes: Number(row.sizeBytes), uploadedAt: new Date(row.uploadedAt).toISOString() };
}

/** The documents of agrément `agrementId` (without content), the most recent first. */
export async function list(db: Kysely<Database>, agrementId: number): Promise<DocumentInfo[]> {
	const rows = await withPilotage(db)
		.selectFrom('agrement_document')
		.select(INFO_COLUMNS)
		.where('agrement_id', '=', agrementId)
		.orderBy('uploaded_at', 'desc')
		.orderBy('id', 'desc')
		.execute();
	return rows.map(toInfo);
}

/** Number of documents per agrément. */
export async function countByAgrement(db: Kysely<Database>): Promise<Map<number, number>> {
	const rows = await withPilotage(db)
		.selectFrom('agrement_document')
		.select((eb) => ['agrement_id', eb.fn.countAll<number>().as('n')])
		.groupBy('agrement_id')
		.execute();
	return new Map(rows.map((r) => [r.agrement_id, Number(r.n)]));
}

/** One document with its bytes, or null. */
export async function getWithContent(db: Kysely<Database>, agrementId: number, id: number): Promise<(DocumentInfo & { content: Uint8Array }) | null> {
	const row = await withPilotage(db)
		.selectFrom('agrement_document')
		.select([...INFO_COLUMNS, 'content'])
		.where('id', '=', id)
		.where('agrement_id', '=', agrementId)
		.executeTakeFirst();
	if (!row) return null;
	const { content, ...info } = row;
	return { ...toInfo(info), content: new Uint8Array(content.buffer, content.byteOffset, content.byteLength) };
}

export interface NewDocument {
	agrementId: number;
	kind: DocumentKind;
	title: string;
	fileName: string;
	type: DocumentType;
	bytes: Uint8Array;
}

/** Stores a checked document and audits it (metadata and hash, not the content). */
export async function add(db: Kysely<Database>, actor: AuditActor, doc: NewDocument): Promise<DocumentInfo> {
	const sha256 = createHash('sha256').update(doc.bytes).digest('hex');
	return db.transaction().execute(async (trx) => {
		const row = await withPilotage(trx)
			.insertInto('agrement_document')
			.values({
				agrement_id: doc.agrementId,
				kind: doc.kind,
				title: doc.title,
				file_name: doc.fileName,
				media_type: doc.type.mediaType,
				size_bytes: doc.bytes.length,
				sha256,
				content: doc.bytes,
				user_id: actor.userId,
				uploaded_by: actor.label
			})
			.returning(INFO_COLUMNS)
			.executeTakeFirstOrThrow();
		const info = toInfo(row);
		await record(trx, actor, { action: 'create', entity: 'agrement_document', entityId: info.id, after: info });
		return info;
	});
}

/** Deletes a document of agrément `agrementId`; false when it did not exist. */
export async function remove(db: Kysely<Database>, actor: AuditActor, agrementId: number, id: number): Promise<boolean> {
	return db.transaction().execute(async (trx) => {
		const row = await withPilotage(trx)
			.deleteFrom('agrement_document')
			.where('id', '=', id)
			.where('agrement_id', '=', agrementId)
			.returning(INFO_COLUMNS)
			.executeTakeFirst();
		if (!row) return false;
		await record(trx, actor, { action: 'delete', entity: 'agrement_document', entityId: id, before: toInfo(row) });
		return true;
	});
}
