/**
 * Sign-in delays stored in the database (table `login_throttle`, one row per account and client
 * address), so that a restart does not reset them, with the rules of `./login-delay.ts`.
 *
 * An attempt is counted *before* the password is checked (`beginAttempt`) and cleared on success
 * (`attemptSucceeded`): parallel guesses of one pair cannot slip through together, since each
 * must win an optimistic update of the failure count.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { normaliseEmail } from '../db/users';
import { LOGIN_DELAY_RULES, delayAfterFailures, remainingDelayMs, type LoginDelayRules } from './login-delay';

type Db = Kysely<Database> | Transaction<Database>;

/** The account key of a typed e-mail (the same for `Admin@X.fr` and `admin@x.fr`). */
export function accountKey(email: string): string {
	return normaliseEmail(email).slice(0, 254);
}

export type AttemptDecision = { allowed: true } | { allowed: false; waitMs: number };

/**
 * May (account, address) try a password now? When allowed, the attempt is already counted as a
 * failure (call `attemptSucceeded` when it succeeds).
 */
export async function beginAttempt(
	db: Db,
	email: string,
	address: string,
	now: Date,
	rules: LoginDelayRules = LOGIN_DELAY_RULES
): Promise<AttemptDecision> {
	const account = accountKey(email);
	// Forgotten pairs go (keeps the table small whatever is typed).
	await db.deleteFrom('login_throttle').where('last_failure_at', '<', new Date(now.getTime() - rules.forgetAfterMs)).execute();
	const row = await db
		.selectFrom('login_throttle')
		.select(['failures', 'last_failure_at'])
		.where('account', '=', account)
		.where('address', '=', address)
		.executeTakeFirst();
	if (!row) {
		const inserted = await db
			.insertInto('login_throttle')
			.values({ account, address, failures: 1, first_failure_at: now, last_failure_at: now })
			.onConflict((oc) => oc.columns(['account', 'address']).doNothing())
			.returning('failures')
			.executeTakeFirst();
		return inserted ? { allowed: true } : { allowed: false, waitMs: Math.max(rules.firstDelayMs, 1) };
	}
	const failures = Number(row.failures);
	const wait = remainingDelayMs(failures, new Date(row.last_failure_at).getTime(), now.getTime(), rules);
	if (wait > 0) return { allowed: false, waitMs: wait };
	const updated = await db
		.updateTable('login_throttle')
		.set({ failures: failures + 1, last_failure_at: now })
		.where('account', '=', account)
		.where('address', '=', address)
		.where('failures', '=', failures)
		.executeTakeFirst();
	// Another attempt of the same pair won the update: this one waits like the next failure would.
	return Number(updated.numUpdatedRows) === 1 ? { allowed: true } : { allowed: false, waitMs: Math.max(delayAfterFailures(failures + 1, rules), 1) };
}

/** Clears the pair's failures after a successful sign-in or password reset. */
export async function attemptSucceeded(db: Db, email: string, address: string): Promise<void> {
	await db.deleteFrom('login_throttle').where('account', '=', accountKey(email)).where('address', '=', address).execute();
}

export interface DelayedPair {
	account: string;
	/** Whether an account has this e-mail (guesses at unknown e-mails are listed too). */
	knownAccount: boolean;
	address: string;
	failures: number;
	firstFailureAt: string;
	lastFailureAt: string;
	/** When the next attempt is allowed (ISO); null when it already is. */
	delayedUntil: string | null;
}

/** Pairs past their free attempts in the last day, the most recent first (Administration). */
export async function delayedPairs(db: Db, now: Date, rules: LoginDelayRules = LOGIN_DELAY_RULES): Promise<DelayedPair[]> {
	const rows = await db
		.selectFrom('login_throttle as t')
		.leftJoin('app_user as u', 'u.email', 't.account')
		.select(['t.account', 't.address', 't.failures', 't.first_failure_at', 't.last_failure_at', 'u.id as userId'])
		.where('t.failures', '>=', rules.freeAttempts)
		.where('t.last_failure_at', '>=', new Date(now.getTime() - rules.forgetAfterMs))
		.orderBy('t.last_failure_at', 'desc')
		.limit(200)
		.execute();
	return rows.map((r) => {
		const last = new Date(r.last_failure_at).getTime();
		const wait = remainingDelayMs(Number(r.failures), last, now.getTime(), rules);
		return {
			account: r.account,
			knownAccount: r.userId !== null,
			address: r.address,
			failures: Number(r.failures),
			firstFailureAt: new Date(r.first_failure_at).toISOString(),
			lastFailureAt: new Date(last).toISOString(),
			delayedUntil: wait > 0 ? new Date(now.getTime() + wait).toISOString() : null
		};
	});
}
