import { describe, expect, it } from 'vitest';
import { LoginRateLimiter } from './rate-limit';

describe('LoginRateLimiter', () => {
	const options = { windowMs: 1_000, maxPerAccount: 3, maxPerAddress: 5 };

	it('blocks an account after maxPerAccount failures until the window passes', () => {
		const limiter = new LoginRateLimiter(options);
		for (let i = 0; i < 3; i++) limiter.recordFailure('a@x.fr', '1.1.1.1', 100 + i);
		expect(limiter.retryAfterMs('A@x.fr', '2.2.2.2', 200)).toBe(900);
		expect(limiter.retryAfterMs('a@x.fr', '2.2.2.2', 1_100)).toBe(0);
	});

	it('blocks an address trying many accounts', () => {
		const limiter = new LoginRateLimiter(options);
		for (let i = 0; i < 5; i++) limiter.recordFailure(`u${i}@x.fr`, '1.1.1.1', 0);
		expect(limiter.retryAfterMs('new@x.fr', '1.1.1.1', 10)).toBe(990);
		expect(limiter.retryAfterMs('new@x.fr', '9.9.9.9', 10)).toBe(0);
	});

	it('forgets the account failures after a success', () => {
		const limiter = new LoginRateLimiter(options);
		for (let i = 0; i < 3; i++) limiter.recordFailure('a@x.fr', '1.1.1.1', 0);
		limiter.recordSuccess('a@x.fr');
		expect(limiter.retryAfterMs('a@x.fr', '3.3.3.3', 1)).toBe(0);
	});
});
