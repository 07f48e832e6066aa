import { describe, expect, it } from 'vitest';
import {
	addMonths,
	agrementStatus,
	agrementStatusLabel,
	agrementsToRenew,
	currentAgrement,
	mainAgrementKind,
	daysBetween,
	wholeMonthsBetween,
	type AgrementOfStructure
} from './agrement-status';

const granted = (startDate: string, endDate: string) => ({ decision: 'accorde' as const, startDate, endDate });
/** A 6-month renewal lead time (the parameter's value is read from the database in the app). */
const W6 = { warningMonths: 6 };

describe('calendar helpers', () => {
	it("addMonths('2026-08-31', 6) clamps to the end of February", () => {
		expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
		expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
		expect(addMonths('2026-01-15', 12)).toBe('2027-01-15');
		expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
	});
	it("daysBetween('2026-02-27', '2026-03-01') counts calendar days", () => {
		expect(daysBetween('2026-02-27', '2026-03-01')).toBe(2);
		expect(daysBetween('2026-03-01', '2026-02-27')).toBe(-2);
		expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2); // across the DST change
	});
	it("wholeMonthsBetween('2026-01-31', '2026-02-28') counts a clamped month as whole", () => {
		expect(wholeMonthsBetween('2026-01-31', '2026-02-28')).toBe(1);
		expect(wholeMonthsBetween('2026-01-15', '2026-02-14')).toBe(0);
		expect(wholeMonthsBetween('2026-01-15', '2026-07-15')).toBe(6);
	});
	it('rejects malformed dates', () => {
		expect(() => daysBetween('2026-13-01', '2026-01-01')).toThrow('invalid ISO date: 2026-13-01');
		expect(() => addMonths('2026-01-01', 1.5)).toThrow('invalid month count: 1.5');
	});
});

describe('agrementStatus(agrement, today)', () => {
	const today = '2026-03-15';

	it('agrementStatus(refused) is refuse and (under instruction) en_instruction, whatever the dates', () => {
		expect(agrementStatus({ ...granted('2020-01-01', '2020-12-31'), decision: 'refuse' }, today, W6)).toEqual({ kind: 'refuse' });
		expect(agrementStatus({ ...granted('2026-01-01', '2029-12-31'), decision: 'en_instruction' }, today, W6)).toEqual({
			kind: 'en_instruction'
		});
	});

	it('agrementStatus(ending yesterday) is expire, ending today is expire_bientot with 0 days left', () => {
		expect(agrementStatus(granted('2022-01-01', '2026-03-14'), today, W6)).toEqual({ kind: 'expire', daysSinceEnd: 1 });
		expect(agrementStatus(granted('2022-01-01', '2026-03-15'), today, W6)).toEqual({
			kind: 'expire_bientot',
			daysLeft: 0,
			monthsLeft: 0
		});
	});

	it('agrementStatus(ending exactly 6 months later) is still in the window; one day later is en_cours', () => {
		expect(agrementStatus(granted('2022-01-01', '2026-09-15'), today, W6)).toMatchObject({
			kind: 'expire_bientot',
			monthsLeft: 6,
			daysLeft: 184
		});
		expect(agrementStatus(granted('2022-01-01', '2026-09-16'), today, W6)).toEqual({ kind: 'en_cours', daysLeft: 185 });
	});

	it('agrementStatus(agrement, today, { warningMonths: 3 }) narrows the window', () => {
		expect(agrementStatus(granted('2022-01-01', '2026-06-15'), today, { warningMonths: 3 }).kind).toBe('expire_bientot');
		expect(agrementStatus(granted('2022-01-01', '2026-06-16'), today, { warningMonths: 3 }).kind).toBe('en_cours');
	});

	it('agrementStatus(starting tomorrow) is a_venir; starting today is running', () => {
		expect(agrementStatus(granted('2026-03-16', '2030-03-15'), today, W6)).toEqual({ kind: 'a_venir', daysUntilStart: 1 });
		expect(agrementStatus(granted('2026-03-15', '2030-03-14'), today, W6).kind).toBe('en_cours');
	});

	it('agrementStatus(end before start) throws', () => {
		expect(() => agrementStatus(granted('2026-03-15', '2026-03-14'), today, W6)).toThrow('agrément ends before it starts');
	});
});

describe('agrementStatusLabel(status)', () => {
	it('agrementStatusLabel prints months, then days under a month, then today', () => {
		const today = '2026-03-15';
		expect(agrementStatusLabel(agrementStatus(granted('2022-01-01', '2026-07-20'), today, W6))).toBe('expire dans 4\u00a0mois');
		expect(agrementStatusLabel(agrementStatus(granted('2022-01-01', '2026-03-27'), today, W6))).toBe('expire dans 12\u00a0jours');
		expect(agrementStatusLabel(agrementStatus(granted('2022-01-01', '2026-03-16'), today, W6))).toBe('expire dans 1\u00a0jour');
		expect(agrementStatusLabel(agrementStatus(granted('2022-01-01', '2026-03-15'), today, W6))).toBe("expire aujourd'hui");
		expect(agrementStatusLabel({ kind: 'en_cours', daysLeft: 900 })).toBe('en cours');
		expect(agrementStatusLabel({ kind: 'expire', daysSinceEnd: 3 })).toBe('expiré');
		expect(agrementStatusLabel({ kind: 'refuse' })).toBe('refusé');
		expect(agrementStatusLabel({ kind: 'en_instruction' })).toBe('en instruction');
		expect(agrementStatusLabel({ kind: 'a_venir', daysUntilStart: 3 })).toBe('à venir');
	});
});

describe('agrementsToRenew(agrements, today)', () => {
	const today = '2026-03-15';
	const a = (structureId: number, kind: string, startDate: string, endDate: string, decision = 'accorde'): AgrementOfStructure => ({
		structureId,
		kind,
		startDate,
		endDate,
		decision: decision as AgrementOfStructure['decision']
	});

	it('agrementsToRenew keeps an ending agrément without successor', () => {
		const ending = a(1, 'animation_globale', '2022-06-01', '2026-05-31');
		expect(agrementsToRenew([ending], today, W6)).toEqual([ending]);
	});

	it('agrementsToRenew drops one already renewed or under instruction, not one whose renewal was refused', () => {
		const ending = a(1, 'animation_globale', '2022-06-01', '2026-05-31');
		expect(agrementsToRenew([ending, a(1, 'animation_globale', '2026-06-01', '2030-05-31')], today, W6)).toEqual([]);
		expect(agrementsToRenew([ending, a(1, 'animation_globale', '2026-06-01', '2030-05-31', 'en_instruction')], today, W6)).toEqual([]);
		expect(agrementsToRenew([ending, a(1, 'animation_globale', '2026-06-01', '2030-05-31', 'refuse')], today, W6)).toEqual([ending]);
	});

	it('agrementsToRenew does not count a successor of another kind or another structure', () => {
		const ending = a(1, 'animation_globale', '2022-06-01', '2026-05-31');
		const others = [a(1, 'animation_collective_familles', '2026-06-01', '2030-05-31'), a(2, 'animation_globale', '2026-06-01', '2030-05-31')];
		expect(agrementsToRenew([ending, ...others], today, W6)).toEqual([ending]);
	});

	it('agrementsToRenew ignores running agréments ending after the window and expired ones', () => {
		expect(
			agrementsToRenew([a(1, 'animation_globale', '2022-06-01', '2026-09-16'), a(2, 'animation_locale', '2022-01-01', '2026-03-14')], today, W6)
		).toEqual([]);
	});
});

describe('currentAgrement(agrements, today) and mainAgrementKind(type)', () => {
	const today = '2026-03-15';
	const old = granted('2018-01-01', '2021-12-31');
	const running = granted('2022-01-01', '2026-12-31');
	const next = granted('2027-01-01', '2030-12-31');

	it('currentAgrement prefers the running agrément over past and future ones', () => {
		expect(currentAgrement([old, next, running], today)).toBe(running);
	});
	it('currentAgrement falls back to the last ended one, then to the next one', () => {
		const older = granted('2014-01-01', '2017-12-31');
		expect(currentAgrement([older, old, next], today)).toBe(old);
		expect(currentAgrement([next], today)).toBe(next);
	});
	it('currentAgrement ignores refused and pending decisions', () => {
		expect(currentAgrement([{ ...running, decision: 'refuse' }, { ...next, decision: 'en_instruction' }], today)).toBeNull();
		expect(currentAgrement([], today)).toBeNull();
	});
	it('currentAgrement includes its last day', () => {
		const endsToday = granted('2022-01-01', '2026-03-15');
		expect(currentAgrement([old, endsToday], today)).toBe(endsToday);
	});
	it('mainAgrementKind(CS) is animation_globale, (EVS) animation_locale', () => {
		expect(mainAgrementKind('CS')).toBe('animation_globale');
		expect(mainAgrementKind('EVS')).toBe('animation_locale');
	});
});
