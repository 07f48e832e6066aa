/**
 * Tables added by migration `2026-11-27T0500_pilotage` (agrément documents, committee snapshots),
 * now typed in `schema.ts`; `withPilotage` stays as an identity for the repositories that call it.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema';

export type { AgrementDocumentTable, Bytes, CommitteeSnapshotTable } from './schema';

/** The whole database: the pilotage tables are now part of `Database`. */
export type PilotageDatabase = Database;

/** The same connection, typed with the pilotage tables (no runtime change). */
export function withPilotage(db: Kysely<Database>): Kysely<PilotageDatabase>;
export function withPilotage(db: Transaction<Database>): Transaction<PilotageDatabase>;
export function withPilotage(db: Kysely<Database> | Transaction<Database>): Kysely<PilotageDatabase> {
	return db as unknown as Kysely<PilotageDatabase>;
}
