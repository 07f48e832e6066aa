/** One `migrate(db)` for the dev server, the built server, the CLI and the tests. */
import { sql, type Kysely } from 'kysely';
import { Migrator, type MigrationResultSet } from 'kysely/migration';
import { migrations } from '../../../../db/migrations/index';
import type { Database } from './schema';

function migrator(db: Kysely<Database>, schema: string): Migrator {
	return new Migrator({
		db,
		provider: { getMigrations: async () => migrations },
		migrationTableSchema: schema
	});
}

function check(result: MigrationResultSet): string[] {
	if (result.error) {
		const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? '?';
		throw new Error(`migration failed: ${failed}: ${(result.error as Error).message ?? result.error}`);
	}
	return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Applies every pending migration; returns the names applied now. */
export async function migrate(db: Kysely<Database>, schema = 'maillage'): Promise<string[]> {
	return check(await migrator(db, schema).migrateToLatest());
}

/** Drops our schema and everything in it (nothing else on a shared server), then recreates it empty. */
export async function resetSchema(db: Kysely<Database>, schema = 'maillage'): Promise<void> {
	await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(db);
	await sql`create schema ${sql.id(schema)}`.execute(db);
}
