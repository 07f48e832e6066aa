// Frozen once landed: never edit, add a new dated migration instead.
// Scenarios of the planning feature: a named list of changes (add, move, close, change type or
// zone of a structure) over the current data, never touching the real structures. Changes are
// jsonb (validated by `parseScenarioChanges`); `version` gives optimistic locking; the author is
// kept even when the account is deleted (label).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('scenario')
		.addColumn('id', 'serial', (c) => c.primaryKey())
		.addColumn('name', 'text', (c) => c.notNull().check(sql`length(btrim(name)) between 1 and 200`))
		.addColumn('description', 'text')
		.addColumn('changes', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
		.addColumn('author_user_id', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
		.addColumn('author_label', 'text', (c) => c.notNull())
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	await db.schema.createIndex('scenario_updated_idx').on('scenario').column('updated_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('scenario').execute();
}
