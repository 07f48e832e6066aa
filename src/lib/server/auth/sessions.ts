/**
 * Server-side sessions: the browser holds a random token in an httpOnly cookie; the database
 * holds only its SHA-256 (a stolen backup cannot be replayed). Sessions end after an idle period
 * and after an absolute lifetime, on sign-out, and when the password changes.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { accountRows } from '../db/account-rows';
import type { Actor } from '$lib/domain/policy';

export const SESSION_COOKIE = 'maillage_session';

export interface SessionLimits {
	idleMs: number;
	absoluteMs: number;
}

/** Defaults: 2 h idle, 12 h absolute; `MAILLAGE_SESSION_IDLE_MINUTES`, `MAILLAGE_SESSION_MAX_HOURS`. */
export function sessionLimits(env: NodeJS.ProcessEnv = process.env): SessionLimits {
	const idle = Number(env.MAILLAGE_SESSION_IDLE_MINUTES) || 120;
	const max = Number(env.MAILLAGE_SESSION_MAX_HOURS) || 12;
	return { idleMs: idle * 60_000, absoluteMs: max * 3_600_000 };
}

export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

export interface SessionUser extends Actor {
	email: string;
	displayName: string;
	partnerName: string | null;
}

/** Opens a session for `userId`; returns the token to put in the cookie. */
export async function createSession(
	db: Kysely<Database>,
	userId: number,
	options: { now: Date; limits: SessionLimits; userAgent?: string | null }
): Promise<{ token: string; expiresAt: Date }> {
	const token = randomBytes(32).toString('base64url');
	const expiresAt = new Date(options.now.getTime() + options.limits.absoluteMs);
	await db
		.insertInto('user_session')
		.values({
			id: hashToken(token),
			user_id: userId,
			created_at: options.now,
			last_seen_at: options.now,
			expires_at: expiresAt,
			user_agent: options.userAgent?.slice(0, 300) ?? null
		})
		.execute();
	return { token, expiresAt };
}

/**
 * The user behind `token` if the session is alive (not idle too long, not past its absolute
 * expiry, account active); refreshes its last-seen time. Expired sessions are deleted.
 */
export async function validateSession(
	db: Kysely<Database>,
	token: string,
	options: { now: Date; limits: SessionLimits }
): Promise<SessionUser | null> {
	const id = hashToken(token);
	const row = await accountRows(db)
		.innerJoin('user_session as s', 's.user_id', 'u.id')
		.select(['s.last_seen_at', 's.expires_at'])
		.where('s.id', '=', id)
		.executeTakeFirst();
	if (!row) return null;
	const now = options.now.getTime();
	const lastSeen = new Date(row.last_seen_at).getTime();
	if (!row.active || now >= new Date(row.expires_at).getTime() || now - lastSeen >= options.limits.idleMs) {
		await db.deleteFrom('user_session').where('id', '=', id).execute();
		return null;
	}
	// Refresh at most once a minute: most requests then cost one read.
	if (now - lastSeen > 60_000) {
		await db.updateTable('user_session').set({ last_seen_at: options.now }).where('id', '=', id).execute();
	}
	const { email, displayName, role, partnerId, partnerName } = row;
	return { id: row.id, email, displayName, role, partnerId, partnerName: partnerName ?? null };
}

export async function revokeSession(db: Kysely<Database>, token: string): Promise<void> {
	await db.deleteFrom('user_session').where('id', '=', hashToken(token)).execute();
}

/** Ends every session of a user (password change, deactivation), except `keepToken`'s. */
export async function revokeUserSessions(db: Kysely<Database>, userId: number, keepToken?: string): Promise<number> {
	let query = db.deleteFrom('user_session').where('user_id', '=', userId);
	if (keepToken) query = query.where('id', '!=', hashToken(keepToken));
	const result = await query.executeTakeFirst();
	return Number(result.numDeletedRows);
}
