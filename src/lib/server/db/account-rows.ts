/** Accounts as every reader of them selects them (the account list, the session check). */
import type { Kysely } from 'kysely';
import type { Database } from './schema';

/** Accounts with their partner's name, under the names of `User` (the last sign-in still raw); by email. */
export function accountRows(db: Kysely<Database>) {
	return db
		.selectFrom('app_user as u')
		.leftJoin('partner as p', 'p.id', 'u.partner_id')
		.select(['u.id', 'u.email', 'u.display_name as displayName', 'u.role', 'u.partner_id as partnerId', 'u.active', 'u.version', 'u.last_login_at', 'p.name as partnerName'])
		.orderBy('u.email');
}
