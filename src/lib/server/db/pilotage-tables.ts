/**
 * Tables added by migration `2026-11-27T0500_pilotage` (agrément documents, committee snapshots),
 * typed apart from `schema.ts` until they are merged into its `Database` interface. Repositories
 * of the pilotage feature take a `Kysely<Database>` and widen it with `withPilotage`.
 */
import type { ColumnType, Generated, Kysely, Transaction } from 'kysely';
import type { Database, GeneratedTimestamp, Json } from './schema';

/** bytea: both drivers return bytes (pg a Buffer, PGlite a Uint8Array); written as a Uint8Array. */
export type Bytes = ColumnType<Uint8Array, Uint8Array, Uint8Array>;

export interface AgrementDocumentTable {
	id: Generated<number>;
	agrement_id: number;
	kind: string;
	title: string;
	file_name: string;
	media_type: string;
	size_bytes: number;
	sha256: string;
	content: Bytes;
	uploaded_at: GeneratedTimestamp;
	user_id: number | null;
	uploaded_by: string;
}

export interface CommitteeSnapshotTable {
	id: Generated<number>;
	taken_on: string;
	body: string;
	title: string;
	figures: Json<unknown>;
	created_at: GeneratedTimestamp;
	user_id: number | null;
	created_by: string;
}

/** The whole database, with the pilotage tables. */
export interface PilotageDatabase extends Database {
	agrement_document: AgrementDocumentTable;
	committee_snapshot: CommitteeSnapshotTable;
}

/** The same connection, typed with the pilotage tables (no runtime change). */
export function withPilotage(db: Kysely<Database>): Kysely<PilotageDatabase>;
export function withPilotage(db: Transaction<Database>): Transaction<PilotageDatabase>;
export function withPilotage(db: Kysely<Database> | Transaction<Database>): Kysely<PilotageDatabase> {
	return db as unknown as Kysely<PilotageDatabase>;
}
