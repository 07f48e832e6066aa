/**
 * Read-only look at a database for `db status` and the summaries of other commands: migrations
 * applied and pending, dataset kind, row counts. Never writes (no migration, no seed).
 */
import { sql, type Kysely } from 'kysely';
import { Migrator } from 'kysely/migration';
import { migrations } from '../../../../db/migrations/index';
import type { DbHandle, DbKind } from '../db/index';
import * as meta from '../db/meta';
import * as workTerritory from '../db/work-territory';
import { TABLES_IN_DEPENDENCY_ORDER, type Database } from '../db/schema';

export type TableName = (typeof TABLES_IN_DEPENDENCY_ORDER)[number];

export interface MigrationStatus {
	/** Applied migrations, oldest first, with their ISO timestamp. */
	applied: { name: string; appliedAt: string }[];
	/** Migrations of this version of Maillage not yet applied to the database. */
	pending: string[];
}

export interface DbStatus {
	kind: DbKind;
	/** PGlite folder or PostgreSQL URL without its password. */
	location: string;
	schema: string;
	/** False for a PGlite folder not created yet (nothing else is then filled). */
	exists: boolean;
	migrations: MigrationStatus;
	/** 'demo' (fictional département), 'real', or null when nothing was loaded. */
	dataset: meta.DatasetKind | null;
	/** Rows per table, for the tables that exist, in dependency order. */
	counts: Partial<Record<TableName, number>>;
	/** The territory of work (départements, band width), null when none is set. */
	territory: workTerritory.WorkTerritory | null;
}

/** Migrations applied to `schema` and those still pending, without applying anything. */
export async function migrationStatus(db: Kysely<Database>, schema: string): Promise<MigrationStatus> {
	const migrator = new Migrator({
		db,
		provider: { getMigrations: async () => migrations },
		migrationTableSchema: schema
	});
	const infos = await migrator.getMigrations();
	return {
		applied: infos
			.filter((m) => m.executedAt)
			.map((m) => ({ name: m.name, appliedAt: (m.executedAt as Date).toISOString() })),
		pending: infos.filter((m) => !m.executedAt).map((m) => m.name)
	};
}

/** Rows per table of ours present in `schema` (one query). */
export async function countRows(db: Kysely<Database>, schema: string): Promise<Partial<Record<TableName, number>>> {
	const present = await sql<{ table_name: string }>`
		select table_name from information_schema.tables where table_schema = ${schema}`.execute(db);
	const names = new Set(present.rows.map((r) => r.table_name));
	const tables = TABLES_IN_DEPENDENCY_ORDER.filter((t) => names.has(t));
	const counts: Partial<Record<TableName, number>> = {};
	if (tables.length === 0) return counts;
	const selects = tables.map((t) => sql`select ${t} as table_name, count(*) as n from ${sql.id(schema, t)}`);
	const result = await sql<{ table_name: TableName; n: number }>`${sql.join(selects, sql` union all `)}`.execute(db);
	const byName = new Map(result.rows.map((r) => [r.table_name, Number(r.n)]));
	for (const t of tables) counts[t] = byName.get(t) ?? 0;
	return counts;
}

/** Everything `db status` shows about an open database. */
export async function inspectDatabase(handle: DbHandle): Promise<DbStatus> {
	const { db, schema } = handle;
	const migrationsNow = await migrationStatus(db, schema);
	const counts = await countRows(db, schema);
	const dataset = counts.app_meta !== undefined ? await meta.datasetKind(db) : null;
	const territory = counts.work_territory !== undefined ? await workTerritory.get(db) : null;
	return {
		kind: handle.kind,
		location: handle.location,
		schema,
		exists: true,
		migrations: migrationsNow,
		dataset,
		counts,
		territory
	};
}
