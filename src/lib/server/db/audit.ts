/**
 * The audit trail: every create, update and delete records who, when, the entity and its
 * before/after state; a bulk import is one entry pointing to its import log.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema';

/** Who acts: a signed-in user, or the command line / system (userId null). */
export interface AuditActor {
	userId: number | null;
	/** Shown in the log: an email, `cli`, `système`… */
	label: string;
}

export const SYSTEM_ACTOR: AuditActor = { userId: null, label: 'système' };
export const CLI_ACTOR: AuditActor = { userId: null, label: 'ligne de commande' };

export interface AuditEntry {
	action: 'create' | 'update' | 'delete' | 'import';
	entity: string;
	entityId?: string | number | null;
	before?: unknown;
	after?: unknown;
	importLogId?: number | null;
}

type Db = Kysely<Database> | Transaction<Database>;

/** Strips secrets (password hashes, reset codes) before a row enters the log. */
function redact(value: unknown): unknown {
	if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
	const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
	for (const key of ['password_hash', 'reset_code_hash']) if (key in copy) copy[key] = '[masqué]';
	return copy;
}

export async function record(db: Db, actor: AuditActor, entry: AuditEntry): Promise<void> {
	await db
		.insertInto('audit_log')
		.values({
			user_id: actor.userId,
			actor: actor.label,
			action: entry.action,
			entity: entry.entity,
			entity_id: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
			before: entry.before === undefined ? null : JSON.stringify(redact(entry.before)),
			after: entry.after === undefined ? null : JSON.stringify(redact(entry.after)),
			import_log_id: entry.importLogId ?? null
		})
		.execute();
}

export interface AuditListOptions {
	entity?: string;
	userId?: number;
	limit?: number;
	offset?: number;
}

export async function list(db: Db, options: AuditListOptions = {}) {
	let query = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc');
	if (options.entity) query = query.where('entity', '=', options.entity);
	if (options.userId !== undefined) query = query.where('user_id', '=', options.userId);
	return query
		.limit(options.limit ?? 100)
		.offset(options.offset ?? 0)
		.execute();
}
