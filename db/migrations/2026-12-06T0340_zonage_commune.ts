// Frozen once landed: never edit, add a new dated migration instead.
// Issue 13: communal zonings as dated lists of communes — first the *zones France ruralités
// revitalisation* (ZFRR), the rural priority zoning the 18 December 2025 circular directs new
// centres to. One row per zoning × commune × start; a later list closes the rows it drops
// (`valid_until` = the day before it). Imported with `maillage import zonage-communes`.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('zonage_commune')
		.addColumn('zonage', 'text', (c) => c.notNull().check(sql`zonage in ('zfrr')`))
		.addColumn('commune_code', 'text', (c) => c.notNull().check(sql`length(commune_code) between 1 and 10`))
		.addColumn('valid_from', 'date', (c) => c.notNull())
		.addColumn('valid_until', 'date')
		.addColumn('source', 'text')
		.addColumn('import_log_id', 'integer', (c) => c.references('import_log.id').onDelete('set null'))
		.addPrimaryKeyConstraint('zonage_commune_pk', ['zonage', 'commune_code', 'valid_from'])
		.addCheckConstraint('zonage_commune_validity_ck', sql`valid_until is null or valid_from <= valid_until`)
		.execute();
	await db.schema.createIndex('zonage_commune_commune_idx').on('zonage_commune').column('commune_code').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('zonage_commune').execute();
}
