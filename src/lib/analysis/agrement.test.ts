import { describe, expect, it } from 'vitest';
import { agrementStatus } from './agrement';
import type { CoverageStructure } from './types';

const s = (agrementStart: string | null, agrementEnd: string | null): CoverageStructure => ({ id: 7, type: 'CS', lon: 0, lat: 0, agrementStart, agrementEnd });

describe('agrementStatus(structure, date)', () => {
	it('agrementStatus counts a structure whose agrément is in force that day, both bounds included', () => {
		expect(agrementStatus(s('2022-01-01', '2025-12-31'), '2025-06-01')).toEqual({ id: 7, type: 'CS', status: 'in_force', counted: true, flagged: false });
		expect(agrementStatus(s('2022-01-01', '2025-12-31'), '2022-01-01').status).toBe('in_force');
		expect(agrementStatus(s('2022-01-01', '2025-12-31'), '2025-12-31').status).toBe('in_force');
	});

	it('agrementStatus excludes an agrément not yet started or expired', () => {
		expect(agrementStatus(s('2026-01-01', '2029-12-31'), '2025-12-31')).toMatchObject({ status: 'not_started', counted: false });
		expect(agrementStatus(s('2021-01-01', '2024-12-31'), '2025-01-01')).toMatchObject({ status: 'expired', counted: false });
		expect(agrementStatus(s(null, '2024-12-31'), '2025-01-01')).toMatchObject({ status: 'expired', counted: false });
	});

	it('agrementStatus counts apart a structure whose renewal is examined, up to the last day of the grace period', () => {
		const pending = { ...s('2022-05-01', '2026-04-30'), renewalPendingUntil: '2027-04-30' };
		expect(agrementStatus(pending, '2026-04-30').status).toBe('in_force');
		expect(agrementStatus(pending, '2026-05-01')).toMatchObject({ status: 'renewal_pending', counted: true, flagged: false });
		expect(agrementStatus(pending, '2027-04-30')).toMatchObject({ status: 'renewal_pending', counted: true });
		expect(agrementStatus(pending, '2027-05-01')).toMatchObject({ status: 'expired', counted: false });
		expect(() => agrementStatus({ ...pending, renewalPendingUntil: '30/04/2027' }, '2026-05-01')).toThrow(
			'invalid renewalPendingUntil of structure 7: 30/04/2027'
		);
	});

	it('agrementStatus counts and flags a structure with missing dates', () => {
		expect(agrementStatus(s(null, null), '2025-01-01')).toMatchObject({ status: 'undated', counted: true, flagged: true });
		expect(agrementStatus({ id: 'x', type: 'EVS', lon: 0, lat: 0 }, '2025-01-01')).toMatchObject({ status: 'undated', counted: true, flagged: true });
		expect(agrementStatus(s('2020-01-01', null), '2025-01-01')).toMatchObject({ status: 'partially_dated', counted: true, flagged: true });
		expect(agrementStatus(s(null, '2026-01-01'), '2025-01-01')).toMatchObject({ status: 'partially_dated', counted: true, flagged: true });
	});

	it('agrementStatus without an analysis date counts everything', () => {
		expect(agrementStatus(s('2010-01-01', '2011-01-01'), null)).toMatchObject({ status: 'not_checked', counted: true, flagged: false });
		expect(agrementStatus(s(null, null), null)).toMatchObject({ status: 'undated', counted: true, flagged: true });
	});

	it('agrementStatus rejects a date not in YYYY-MM-DD', () => {
		expect(() => agrementStatus(s('01/02/2024', null), '2025-01-01')).toThrow('invalid agrementStart of structure 7: 01/02/2024');
	});
});
