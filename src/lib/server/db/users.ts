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
import { accountRows } from './account-rows';

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
export const RESET_CODE_TTL_MS = 24 * 3_600_000;

/** When a reset code issued at `now` stops working. */
export function resetCodeExpiry(now: Date): Date {
	return new Date(now.getTime() + RESET_CODE_TTL_MS);
}

export function normaliseEmail(email: string): string {
	return email.trim().toLowerCase();
}

/** Every account, by email, with its partner's name. */
export async function list(db: Kysely<Database>): Promise<User[]> {
	return select(db);
}

async function select(db: Kysely<Database>, id?: number): Promise<User[]> {
	let query = accountRows(db);
	if (id !== undefined) query = query.where('u.id', '=', id);
	return (await query.execute()).map(({ last_login_at, ...r }) => ({ ...r, partnerName: r.partnerName ?? null, lastLoginAt: last_login_at ? new Date(last_login_at) : null }));
}

export async function get(db: Kysely<Database>, id: number): Promise<User | null> {
	return (await select(db, id))[0] ?? null;
}

/** A partner organisation an account can be bound to. */
export interface PartnerChoice {
	id: number;
	code: string;
	name: string;
}

/** The partners, by name (for the « partenaire » role's select). */
export async function partners(db: Kysely<Database>): Promise<PartnerChoice[]> {
	return db.selectFrom('partner').select(['id', 'code', 'name']).orderBy('name').orderBy('code').execute();
}

export interface NewUser {
	email: string;
	displayName?: string;
	role: string;
	partnerId?: number | null;
	password: string;
}

/** The fields of the account form, as named in `AccountFieldError.problems`. */
export type AccountField = 'email' | 'displayName' | 'role' | 'partnerId' | 'password';

/** Refused account data: one French message per field at fault (the error's message joins them). */
export class AccountFieldError extends RejectedDataError {
	constructor(readonly problems: Partial<Record<AccountField, string>>) {
		super(Object.values(problems).join(' '));
		this.name = 'AccountFieldError';
	}
}

const MAX_EMAIL_LENGTH = 254;
const MAX_NAME_LENGTH = 120;

/** The French reason, per field, why an account cannot be created with these values (empty when fine). */
export async function accountProblems(
	db: Kysely<Database>,
	input: Omit<NewUser, 'password'> & { password?: string }
): Promise<Partial<Record<AccountField, string>>> {
	const problems: Partial<Record<AccountField, string>> = {};
	const email = normaliseEmail(input.email);
	if (!EMAIL.test(email) || email.length > MAX_EMAIL_LENGTH)
		problems.email = email ? `Adresse électronique invalide : « ${input.email.trim()} ». Format attendu : nom@exemple.fr.` : 'Indiquez l’adresse électronique.';
	else if (await db.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirst())
		problems.email = `Un compte existe déjà pour ${email}.`;
	if ((input.displayName?.trim().length ?? 0) > MAX_NAME_LENGTH)
		problems.displayName = `Le nom affiché ne doit pas dépasser ${MAX_NAME_LENGTH} caractères.`;
	const roleKnown = (ROLES as readonly string[]).includes(input.role);
	if (!roleKnown) problems.role = input.role ? `Rôle inconnu : « ${input.role} ». Rôles possibles : ${ROLES.join(', ')}.` : 'Choisissez un rôle.';
	const partnerId = input.partnerId ?? null;
	if (roleKnown && input.role === 'partenaire' && partnerId === null)
		problems.partnerId = 'Un compte « partenaire » doit être rattaché à un partenaire.';
	else if (roleKnown && input.role !== 'partenaire' && partnerId !== null)
		problems.partnerId = 'Seul un compte « partenaire » est rattaché à un partenaire.';
	else if (partnerId !== null && !(await db.selectFrom('partner').select('id').where('id', '=', partnerId).executeTakeFirst()))
		problems.partnerId = partnerId > 0 ? `Partenaire introuvable : ${partnerId}.` : 'Partenaire introuvable.';
	if (input.password !== undefined) {
		const problem = passwordProblem(input.password, email);
		if (problem) problems.password = problem;
	}
	return problems;
}

async function insertAccount(db: Kysely<Database>, actor: AuditActor, input: Omit<NewUser, 'password'>, passwordHash: string): Promise<number> {
	const email = normaliseEmail(input.email);
	const row = await createRow(db, actor, 'app_user', {
		email,
		display_name: input.displayName?.trim() || email,
		role: input.role,
		partner_id: input.partnerId ?? null,
		password_hash: passwordHash,
		password_changed_at: new Date()
	});
	return Number(row.id);
}

/** Creates an account; refuses (AccountFieldError, French, per field) a bad email, role, partner or password. */
export async function create(db: Kysely<Database>, actor: AuditActor, input: NewUser): Promise<User> {
	const problems = await accountProblems(db, input);
	if (Object.keys(problems).length > 0) throw new AccountFieldError(problems);
	const id = await insertAccount(db, actor, input, await hashPassword(input.password));
	return (await get(db, id))!;
}

/** A new account and the one-time code its owner redeems to choose a password. */
export interface CreatedWithCode {
	user: User;
	/** Shown once to the admin, never stored in clear. */
	code: string;
	expiresAt: Date;
}

/**
 * Creates an account without a known password (a random one nobody sees) and issues at once a
 * one-time reset code: the admin hands the code over, its owner chooses the password on the
 * sign-in page. One transaction: either both happen, or neither.
 * @throws AccountFieldError (French, per field).
 */
export async function createWithResetCode(
	db: Kysely<Database>,
	actor: AuditActor,
	input: Omit<NewUser, 'password'>,
	now: Date
): Promise<CreatedWithCode> {
	const problems = await accountProblems(db, input);
	if (Object.keys(problems).length > 0) throw new AccountFieldError(problems);
	const unusable = await hashPassword(randomBytes(32).toString('base64url'));
	const { id, code } = await db.transaction().execute(async (trx) => {
		const id = await insertAccount(trx, actor, input, unusable);
		return { id, code: await issueResetCode(trx, actor, id, now) };
	});
	return { user: (await get(db, id))!, code, expiresAt: resetCodeExpiry(now) };
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

/**
 * Activates or deactivates an account (optimistic lock: a stale `version` throws ConflictError);
 * deactivation ends its sessions. Nobody may deactivate their own account (RejectedDataError),
 * so an admin cannot lock themself out.
 */
export async function setActive(db: Kysely<Database>, actor: AuditActor, id: number, version: number, active: boolean): Promise<void> {
	if (!active && actor.userId === id) throw new RejectedDataError('Vous ne pouvez pas désactiver votre propre compte.');
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

/** Issues a one-time reset code (shown once to the admin, stored hashed, valid 24 h) for an active account. */
export async function issueResetCode(db: Kysely<Database>, actor: AuditActor, id: number, now: Date): Promise<string> {
	const code = randomBytes(9).toString('base64url');
	const row = await db.selectFrom('app_user').select(['version', 'active']).where('id', '=', id).executeTakeFirst();
	if (!row) throw new RejectedDataError(`Compte introuvable : ${id}.`);
	// A deactivated account cannot redeem a code: say so now rather than hand out a useless one.
	if (!row.active) throw new RejectedDataError('Ce compte est désactivé : réactivez-le avant d’émettre un code de réinitialisation.');
	await updateRow(db, actor, 'app_user', id, row.version, {
		reset_code_hash: hashToken(code),
		reset_code_expires_at: resetCodeExpiry(now)
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
