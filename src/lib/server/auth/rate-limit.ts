/**
 * Sign-in attempt limiter, per account and per client address (sliding window, in memory:
 * Maillage runs as one process; a restart forgets the counters, which only relaxes the limit).
 */
export interface RateLimitOptions {
	/** Window length, ms. */
	windowMs: number;
	/** Failures allowed per account within the window. */
	maxPerAccount: number;
	/** Failures allowed per address within the window. */
	maxPerAddress: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = {
	windowMs: 15 * 60_000,
	maxPerAccount: 5,
	maxPerAddress: 30
};

export class LoginRateLimiter {
	private failures = new Map<string, number[]>();

	constructor(private readonly options: RateLimitOptions = DEFAULT_RATE_LIMIT) {}

	private recent(key: string, now: number): number[] {
		const kept = (this.failures.get(key) ?? []).filter((t) => now - t < this.options.windowMs);
		if (kept.length) this.failures.set(key, kept);
		else this.failures.delete(key);
		return kept;
	}

	/** Milliseconds to wait before another attempt is allowed (0: allowed now). */
	retryAfterMs(account: string, address: string, now: number): number {
		const waits: number[] = [];
		const byAccount = this.recent(`a:${account.toLowerCase()}`, now);
		if (byAccount.length >= this.options.maxPerAccount) waits.push(byAccount[0] + this.options.windowMs - now);
		const byAddress = this.recent(`i:${address}`, now);
		if (byAddress.length >= this.options.maxPerAddress) waits.push(byAddress[0] + this.options.windowMs - now);
		return waits.length ? Math.max(...waits) : 0;
	}

	recordFailure(account: string, address: string, now: number): void {
		for (const key of [`a:${account.toLowerCase()}`, `i:${address}`]) {
			this.failures.set(key, [...this.recent(key, now), now]);
		}
	}

	/** A successful sign-in clears the account's failures (not the address's). */
	recordSuccess(account: string): void {
		this.failures.delete(`a:${account.toLowerCase()}`);
	}
}
