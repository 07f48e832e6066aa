// Frozen once landed: never edit, add a new dated migration instead.
import { sql, type Kysely } from 'kysely';

/**
 * Sign-in attempts per (account, address) pair, for progressive delays instead of hard locks
 * (issue 11): kept in the database so that a restart does not reset them. `account` is the
 * e-mail as typed, lower-cased (also for accounts that do not exist: the answer must not tell).
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('login_throttle')
		.addColumn('account', 'text', (c) => c.notNull())
		.addColumn('address', 'text', (c) => c.notNull())
		.addColumn('failures', 'integer', (c) => c.notNull().check(sql`failures >= 0`))
		.addColumn('first_failure_at', 'timestamptz', (c) => c.notNull())
		.addColumn('last_failure_at', 'timestamptz', (c) => c.notNull())
		.addPrimaryKeyConstraint('login_throttle_pk', ['account', 'address'])
		.execute();
	await db.schema.createIndex('login_throttle_last_idx').on('login_throttle').column('last_failure_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('login_throttle').execute();
}
