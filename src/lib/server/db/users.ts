/** Accounts: creation, sign-in check, activation, passwords and one-time reset codes. */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from './schema';
import { ROLES, type Role } from '$lib/domain/policy';
import { RejectedDataError } from '../errors';
import { hashPassword, passwordProblem, verifyPassword } from '../auth/password';
import { hashToken, revokeUserSessions } from '../auth/sessions';
import type { AuditActor } from './audit';
import { createRow, updateRow } from './changes';

export interface User {
	id: number;
	email: string;
	displayName: string;
	role: Role;
	partnerId: number | null;
	partnerName: string | null;
	active: boolean;
	version: number;
	lastLoginAt: Date | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Reset codes are valid for 24 hours. */
const RESET_CODE_TTL_MS = 24 * 3_600_000;

export function normaliseEmail(email: string): string {
	return email.trim().toLowerCase();
}

export async function list(db: Kysely<Database>): Promise<User[]> {
	const rows = await db
		.selectFrom('app_user as u')
		.leftJoin('partner as p', 'p.id', 'u.partner_id')
		.select(['u.id', 'u.email', 'u.display_name', 'u.role', 'u.partner_id', 'u.active', 'u.version', 'u.last_login_at', 'p.name as partner_name'])
		.orderBy('u.email')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		email: r.email,
		displayName: r.display_name,
		role: r.role,
		partnerId: r.partner_id,
		partnerName: r.partner_name ?? null,
		active: r.active,
		version: r.version,
		lastLoginAt: r.last_login_at ? new Date(r.last_login_at) : null
	}));
}

export async function get(db: Kysely<Database>, id: number): Promise<User | null> {
	return (await list(db)).find((u) => u.id === id) ?? null;
}

export interface NewUser {
	email: string;
	displayName?: string;
	role: string;
	partnerId?: number | null;
	password: string;
}

/** Creates an account; refuses (RejectedDataError, French) a bad email, role, partner or password. */
export async function create(db: Kysely<Database>, actor: AuditActor, input: NewUser): Promise<User> {
	const email = normaliseEmail(input.email);
	if (!EMAIL.test(email)) throw new RejectedDataError(`Adresse électronique invalide : « ${input.email} ».`);
	if (!(ROLES as readonly string[]).includes(input.role))
		throw new RejectedDataError(`Rôle inconnu : « ${input.role} ». Rôles possibles : ${ROLES.join(', ')}.`);
	const role = input.role as Role;
	const partnerId = input.partnerId ?? null;
	if (role === 'partenaire' && partnerId === null)
		throw new RejectedDataError('Un compte « partenaire » doit être rattaché à un partenaire.');
	if (role !== 'partenaire' && partnerId !== null)
		throw new RejectedDataError('Seul un compte « partenaire » est rattaché à un partenaire.');
	if (partnerId !== null) {
		const partner = await db.selectFrom('partner').select('id').where('id', '=', partnerId).executeTakeFirst();
		if (!partner) throw new RejectedDataError(`Partenaire introuvable : ${partnerId}.`);
	}
	const problem = passwordProblem(input.password, email);
	if (problem) throw new RejectedDataError(problem);
	const existing = await db.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirst();
	if (existing) throw new RejectedDataError(`Un compte existe déjà pour ${email}.`);
	const row = await createRow(db, actor, 'app_user', {
		email,
		display_name: input.displayName?.trim() || email,
		role,
		partner_id: partnerId,
		password_hash: await hashPassword(input.password),
		password_changed_at: new Date()
	});
	return (await get(db, Number(row.id)))!;
}

/** The account matching email + password, if active; records the sign-in time. */
export async function authenticate(db: Kysely<Database>, email: string, password: string, now: Date): Promise<User | null> {
	const row = await db
		.selectFrom('app_user')
		.select(['id', 'password_hash', 'active'])
		.where('email', '=', normaliseEmail(email))
		.executeTakeFirst();
	// Verify against a dummy hash when the account is unknown, so timing does not reveal it.
	const ok = await verifyPassword(row?.password_hash ?? DUMMY_HASH, password);
	if (!row || !ok || !row.active) return null;
	await db.updateTable('app_user').set({ last_login_at: now }).where('id', '=', row.id).execute();
	return get(db, row.id);
}

const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$RK2iwrSYyDFlK3yKnylLZA$hfqmzmIiGIfe4CNP5nuOxU4j45PFSE4kzYPp44z3KLI';

/** Activates or deactivates an account (optimistic lock); deactivation ends its sessions. */
export async function setActive(db: Kysely<Database>, actor: AuditActor, id: number, version: number, active: boolean): Promise<void> {
	await db.transaction().execute(async (trx) => {
		await updateRow(trx, actor, 'app_user', id, version, { active });
		if (!active) await revokeUserSessions(trx, id);
	});
}

/** Changes a password after checking the current one; ends the user's other sessions. */
export async function changePassword(
	db: Kysely<Database>,
	actor: AuditActor,
	id: number,
	current: string,
	next: string,
	keepToken?: string
): Promise<void> {
	const row = await db.selectFrom('app_user').select(['email', 'password_hash', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
	if (!(await verifyPassword(row.password_hash, current))) throw new RejectedDataError('Le mot de passe actuel est incorrect.');
	const problem = passwordProblem(next, row.email);
	if (problem) throw new RejectedDataError(problem);
	const hash = await hashPassword(next);
	await db.transaction().execute(async (trx) => {
		await updateRow(trx, actor, 'app_user', id, row.version, { password_hash: hash, password_changed_at: new Date() });
		await revokeUserSessions(trx, id, keepToken);
	});
}

/** Issues a one-time reset code (shown once to the admin, stored hashed, valid 24 h). */
export async function issueResetCode(db: Kysely<Database>, actor: AuditActor, id: number, now: Date): Promise<string> {
	const code = randomBytes(9).toString('base64url');
	const row = await db.selectFrom('app_user').select('version').where('id', '=', id).executeTakeFirst();
	if (!row) throw new RejectedDataError(`Compte introuvable : ${id}.`);
	await updateRow(db, actor, 'app_user', id, row.version, {
		reset_code_hash: hashToken(code),
		reset_code_expires_at: new Date(now.getTime() + RESET_CODE_TTL_MS)
	});
	return code;
}

/** Sets a new password with a reset code; the code works once; every session ends. */
export async function resetWithCode(db: Kysely<Database>, email: string, code: string, next: string, now: Date): Promise<void> {
	const row = await db
		.selectFrom('app_user')
		.select(['id', 'email', 'version', 'reset_code_hash', 'reset_code_expires_at', 'active'])
		.where('email', '=', normaliseEmail(email))
		.executeTakeFirst();
	const valid =
		row?.active &&
		row.reset_code_hash !== null &&
		row.reset_code_hash === hashToken(code.trim()) &&
		row.reset_code_expires_at !== null &&
		new Date(row.reset_code_expires_at).getTime() > now.getTime();
	if (!row || !valid) throw new RejectedDataError('Code de réinitialisation invalide ou expiré.');
	const problem = passwordProblem(next, row.email);
	if (problem) throw new RejectedDataError(problem);
	const hash = await hashPassword(next);
	await db.transaction().execute(async (trx) => {
		await updateRow(trx, { userId: row.id, label: row.email }, 'app_user', row.id, row.version, {
			password_hash: hash,
			password_changed_at: now,
			reset_code_hash: null,
			reset_code_expires_at: null
		});
		await revokeUserSessions(trx, row.id);
	});
}
