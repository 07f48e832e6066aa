import { describe, expect, it } from 'vitest';
import { LOGIN_DELAY_RULES, delayAfterFailures, formatWaitFr, remainingDelayMs } from './login-delay';

describe('delayAfterFailures(failures)', () => {
	it('lets three attempts through, then doubles from 1 s up to 15 minutes', () => {
		expect([0, 1, 2].map((f) => delayAfterFailures(f))).toEqual([0, 0, 0]);
		expect([3, 4, 5, 6, 12].map((f) => delayAfterFailures(f))).toEqual([1_000, 2_000, 4_000, 8_000, 512_000]);
		expect(delayAfterFailures(13)).toBe(15 * 60_000);
		expect(delayAfterFailures(10_000)).toBe(15 * 60_000);
	});

	it('is monotonic: one more failure never shortens the wait', () => {
		for (let f = 0; f < 60; f++) expect(delayAfterFailures(f + 1)).toBeGreaterThanOrEqual(delayAfterFailures(f));
	});
});

describe('remainingDelayMs(failures, lastFailureAt, now)', () => {
	const t0 = Date.UTC(2026, 11, 6, 10);
	it('counts down from the last failure', () => {
		expect(remainingDelayMs(5, t0, t0)).toBe(4_000);
		expect(remainingDelayMs(5, t0, t0 + 3_000)).toBe(1_000);
		expect(remainingDelayMs(5, t0, t0 + 4_000)).toBe(0);
	});
	it('forgets the failures a day after the last one', () => {
		expect(remainingDelayMs(40, t0, t0 + LOGIN_DELAY_RULES.forgetAfterMs)).toBe(0);
		expect(remainingDelayMs(40, t0, t0 + 60_000)).toBe(15 * 60_000 - 60_000);
	});
});

describe('formatWaitFr(ms)', () => {
	it('speaks in seconds, then minutes, rounded up', () => {
		expect([1, 1_000, 1_500, 45_000, 89_000, 90_000, 15 * 60_000].map(formatWaitFr)).toEqual([
			'1 seconde',
			'1 seconde',
			'2 secondes',
			'45 secondes',
			'89 secondes',
			'2 minutes',
			'15 minutes'
		]);
	});
});
