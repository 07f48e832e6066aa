/**
 * Progressive sign-in delays (pure): after a few free attempts, each failed attempt of an
 * (account, address) pair doubles the wait before the next one — 1 s, 2 s, 4 s … up to 15 min —
 * instead of locking the account. The owner signing in from another address is never delayed by
 * someone else's guesses, and nobody behind a shared address is locked out by one attacker.
 * A pair forgets its failures a day after the last one; a success clears them.
 */

export interface LoginDelayRules {
	/** Failures allowed before any wait (typos). */
	freeAttempts: number;
	/** Wait after the first failure past the free ones, ms; doubles with each further failure. */
	firstDelayMs: number;
	/** Longest wait, ms. */
	maxDelayMs: number;
	/** A pair's failures are forgotten this long after the last one, ms. */
	forgetAfterMs: number;
}

export const LOGIN_DELAY_RULES: LoginDelayRules = {
	freeAttempts: 3,
	firstDelayMs: 1_000,
	maxDelayMs: 15 * 60_000,
	forgetAfterMs: 24 * 3_600_000
};

/** The wait imposed after `failures` consecutive failures, ms (0 within the free attempts). */
export function delayAfterFailures(failures: number, rules: LoginDelayRules = LOGIN_DELAY_RULES): number {
	if (failures < rules.freeAttempts) return 0;
	const doublings = Math.min(failures - rules.freeAttempts, 40);
	return Math.min(rules.firstDelayMs * 2 ** doublings, rules.maxDelayMs);
}

/**
 * How long the pair must still wait before its next attempt, ms (0: it may try now).
 * @param lastFailureAtMs epoch ms of the last failure
 */
export function remainingDelayMs(failures: number, lastFailureAtMs: number, nowMs: number, rules: LoginDelayRules = LOGIN_DELAY_RULES): number {
	if (nowMs - lastFailureAtMs >= rules.forgetAfterMs) return 0;
	return Math.max(0, lastFailureAtMs + delayAfterFailures(failures, rules) - nowMs);
}

/** « 45 secondes », « 3 minutes »: a wait in French, rounded up. */
export function formatWaitFr(ms: number): string {
	const seconds = Math.max(1, Math.ceil(ms / 1000));
	if (seconds < 90) return seconds === 1 ? '1 seconde' : `${seconds} secondes`;
	const minutes = Math.ceil(seconds / 60);
	return `${minutes} minutes`;
}
