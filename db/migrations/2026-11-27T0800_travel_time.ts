// Frozen once landed: never edit, add a new dated migration instead.
// Imported travel times (issue 4): one row per commune → destination pair, in minutes. The
// destination is a commune (INSEE code, the time applies to every structure and pole located
// there) or a structure (its id, as text). With `analysis.metric = minutes` a row replaces the
// time estimated from the straight-line distance for its pair. Imports upsert on the primary key.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('travel_time')
		.addColumn('origin_commune', 'text', (c) => c.notNull().references('commune.code').onDelete('cascade'))
		.addColumn('destination_kind', 'text', (c) => c.notNull().check(sql`destination_kind in ('commune', 'structure')`))
		.addColumn('destination', 'text', (c) => c.notNull().check(sql`length(destination) between 1 and 64`))
		.addColumn('minutes', 'double precision', (c) => c.notNull().check(sql`minutes > 0 and minutes < 'Infinity'::float8`))
		.addPrimaryKeyConstraint('travel_time_pk', ['origin_commune', 'destination_kind', 'destination'])
		.execute();
	await db.schema.createIndex('travel_time_destination_idx').on('travel_time').columns(['destination_kind', 'destination']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('travel_time').execute();
}
