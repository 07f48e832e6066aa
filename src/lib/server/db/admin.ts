/**
 * What the administration page shows about the database: the migrations applied (Kysely's
 * `kysely_migration` table, kept in our schema) and the row count of every table.
 */
import { sql, type Kysely } from 'kysely';
import { TABLES_IN_DEPENDENCY_ORDER, type Database } from './schema';

export interface AppliedMigration {
	name: string;
	/** When it was applied (ISO 8601). */
	appliedAt: string;
}

/** Migrations applied to the database, in order. */
export async function appliedMigrations(db: Kysely<Database>): Promise<AppliedMigration[]> {
	const result = await sql<{ name: string; timestamp: string | Date }>`
		select name, timestamp from kysely_migration order by name`.execute(db);
	return result.rows.map((r) => ({
		name: r.name,
		appliedAt: r.timestamp instanceof Date ? r.timestamp.toISOString() : new Date(r.timestamp).toISOString()
	}));
}

export interface TableCount {
	table: (typeof TABLES_IN_DEPENDENCY_ORDER)[number];
	rows: number;
}

/** The number of rows of every table, in dependency order. */
export async function tableCounts(db: Kysely<Database>): Promise<TableCount[]> {
	// one statement (union all) rather than 33 round trips; table names come from our constant list
	const parts = TABLES_IN_DEPENDENCY_ORDER.map(
		(table, i) => sql`select ${i}::int as position, count(*)::int as n from ${sql.table(table)}`
	);
	const result = await sql<{ position: number; n: number }>`${sql.join(parts, sql` union all `)}`.execute(db);
	const byPosition = new Map(result.rows.map((r) => [Number(r.position), Number(r.n)]));
	return TABLES_IN_DEPENDENCY_ORDER.map((table, i) => ({ table, rows: byPosition.get(i) ?? 0 }));
}
