// Frozen once landed: never edit, add a new dated migration instead.
import type { Kysely } from 'kysely';

/** One-time password-reset codes set by an admin (hash only) and session metadata. */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('app_user')
		.addColumn('reset_code_hash', 'text')
		.addColumn('reset_code_expires_at', 'timestamptz')
		.addColumn('last_login_at', 'timestamptz')
		.execute();
	await db.schema.alterTable('user_session').addColumn('user_agent', 'text').execute();
	await db.schema.createIndex('user_session_user_idx').on('user_session').column('user_id').execute();
	await db.schema.createIndex('audit_log_entity_idx').on('audit_log').columns(['entity', 'entity_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('audit_log_entity_idx').execute();
	await db.schema.dropIndex('user_session_user_idx').execute();
	await db.schema.alterTable('user_session').dropColumn('user_agent').execute();
	await db.schema
		.alterTable('app_user')
		.dropColumn('reset_code_hash')
		.dropColumn('reset_code_expires_at')
		.dropColumn('last_login_at')
		.execute();
}
