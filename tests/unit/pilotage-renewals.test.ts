import { describe, expect, it } from 'vitest';
import { overdueRenewals, parseWindowMonths, renewalsDue, RENEWAL_WINDOW_BOUNDS } from '../../src/lib/pilotage/renewals';
import { firstProjects } from '../../src/lib/pilotage/first-projects';
import type { AgrementDecision } from '../../src/lib/domain/agrement-status';

const TODAY = '2026-03-15';
let nextId = 1;
function ag(structureId: number, startDate: string, endDate: string, decision: AgrementDecision = 'accorde', kind = 'animation_globale', isFirst = false) {
	return { id: nextId++, structureId, kind, startDate, endDate, decision, isFirst };
}

describe('parseWindowMonths(raw)', () => {
	it('defaults to the lead time in force when absent or empty', () => {
		expect(parseWindowMonths(null, 12)).toEqual({ months: 12, error: null });
		expect(parseWindowMonths('  ', 14)).toEqual({ months: 14, error: null });
	});
	it('reads a whole number of months within the bounds, both included', () => {
		expect(parseWindowMonths('1', 12).months).toBe(1);
		expect(parseWindowMonths(' 60 ', 12).months).toBe(RENEWAL_WINDOW_BOUNDS.max);
	});
	it('falls back to the default with a French message otherwise', () => {
		for (const raw of ['0', '61', '-3', '2,5', 'douze']) {
			const r = parseWindowMonths(raw, 12);
			expect(r.months).toBe(12);
			expect(r.error).toMatch(/n’est pas un nombre entier de mois entre 1 et 60/);
		}
	});
});

describe('renewalsDue(agrements, today, months)', () => {
	it('includes an agrément ending today and one ending exactly N months later, not the day after', () => {
		const today = ag(1, '2022-03-16', TODAY);
		const edge = ag(2, '2022-09-16', '2026-09-15');
		const after = ag(3, '2022-09-17', '2026-09-16');
		const due = renewalsDue([after, edge, today], TODAY, 6);
		expect(due.map((d) => d.agrement.structureId)).toEqual([1, 2]);
		expect(due[0]).toMatchObject({ daysLeft: 0, monthsLeft: 0 });
		expect(due[1]).toMatchObject({ monthsLeft: 6 });
		expect(renewalsDue([after], TODAY, 7).length).toBe(1);
	});
	it('leaves out an agrément already followed by a granted or pending one, not by a refused one', () => {
		const a = ag(1, '2022-05-01', '2026-04-30');
		const pending = ag(1, '2026-05-01', '2030-04-30', 'en_instruction');
		const b = ag(2, '2022-05-01', '2026-04-30');
		const refused = ag(2, '2026-05-01', '2030-04-30', 'refuse');
		expect(renewalsDue([a, pending, b, refused], TODAY, 6).map((d) => d.agrement.structureId)).toEqual([2]);
	});
	it('ignores another kind of the same structure and ended agréments', () => {
		const agc = ag(1, '2022-05-01', '2026-04-30');
		const acf = ag(1, '2026-05-01', '2030-04-30', 'accorde', 'animation_collective_familles');
		const ended = ag(3, '2021-01-01', '2026-03-14');
		expect(renewalsDue([agc, acf, ended], TODAY, 6).map((d) => d.agrement.id)).toEqual([agc.id]);
	});
});

describe('overdueRenewals(agrements, today)', () => {
	it('lists ended granted agréments with no successor, the longest overdue first', () => {
		const old = ag(1, '2020-01-01', '2025-06-30');
		const recent = ag(2, '2021-01-01', '2026-03-14');
		const renewed = ag(3, '2021-01-01', '2025-12-31');
		const next = ag(3, '2026-01-01', '2029-12-31', 'en_instruction');
		const overdue = overdueRenewals([recent, old, renewed, next], TODAY);
		expect(overdue.map((o) => [o.agrement.structureId, o.daysOverdue])).toEqual([
			[1, 258],
			[2, 1]
		]);
	});
});

describe('firstProjects(agrements, today, windowMonths)', () => {
	it('follows each first project: to prepare, running, renewed, pending, refused, ended with nothing after', () => {
		const toPrepare = ag(1, '2025-06-01', '2026-05-31', 'accorde', 'animation_locale', true);
		const running = ag(2, '2026-01-01', '2026-12-31', 'accorde', 'animation_locale', true);
		const renewed = ag(3, '2025-01-01', '2025-12-31', 'accorde', 'animation_locale', true);
		const renewal = ag(3, '2026-01-01', '2029-12-31', 'accorde', 'animation_locale');
		const lapsed = ag(4, '2025-01-01', '2025-12-31', 'accorde', 'animation_locale', true);
		const tooOld = ag(5, '2023-01-01', '2023-12-31', 'accorde', 'animation_locale', true);
		const follow = firstProjects([toPrepare, running, renewed, renewal, lapsed, tooOld], TODAY, 3);
		expect(Object.fromEntries(follow.map((f) => [f.agrement.structureId, f.state]))).toEqual({
			1: 'a_preparer',
			2: 'en_cours',
			3: 'renouvele',
			4: 'echu_sans_suite'
		});
		expect(follow.find((f) => f.agrement.structureId === 3)?.next?.id).toBe(renewal.id);
	});
});
