// Frozen once landed: never edit, add a new dated migration instead.
// Issue 13: a staff post (director, référent familles, other) is held over a period, so that the
// staff requirements of a year (and a year's observatory export) read the holders of that year.
// `start_date` null = held since before Maillage knew; `end_date` null = still held. A change of
// holder closes the row and opens another; a vacancy stays inside a row (`vacant_from`/`vacant_until`).
import { sql, type Kysely } from 'kysely';
import { addPeriodCheck } from '../migration-helpers';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('staff_post')
		.addColumn('start_date', 'date')
		.addColumn('end_date', 'date')
		.addColumn('holder', 'text')
		.execute();
	await addPeriodCheck(db, 'staff_post', 'staff_post_period_ck', 'start_date', 'end_date');
	await db.schema
		.alterTable('staff_post')
		.addCheckConstraint('staff_post_etp_ck', sql`etp >= 0 and etp <= 1.5`)
		.execute();
	await db.schema.createIndex('staff_post_structure_idx').on('staff_post').column('structure_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('staff_post_structure_idx').execute();
	await db.schema.alterTable('staff_post').dropConstraint('staff_post_etp_ck').execute();
	await db.schema.alterTable('staff_post').dropConstraint('staff_post_period_ck').execute();
	await db.schema.alterTable('staff_post').dropColumn('holder').dropColumn('start_date').dropColumn('end_date').execute();
}
