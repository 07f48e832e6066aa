import { describe, expect, it } from 'vitest';
import { agrementStatusAmong, foundingSituation, graceEnd, structureAgrementStatus } from './agrement-coverage';
import { agrementStatus, currentAgrement, effectiveEnd, type AgrementDecision } from './agrement-status';

const a = (startDate: string, endDate: string, decision: AgrementDecision = 'accorde', decisionDate: string | null = null) => ({
	startDate,
	endDate,
	decision,
	decisionDate
});

describe('graceEnd(end, months)', () => {
	it('graceEnd runs the given whole months after the day after the end', () => {
		expect(graceEnd('2026-04-30', 12)).toBe('2027-04-30');
		expect(graceEnd('2026-01-31', 1)).toBe('2026-02-28');
		expect(graceEnd('2026-04-30', 0)).toBe('2026-04-30');
		expect(() => graceEnd('2026-04-30', -1)).toThrow('invalid grace period in months: -1');
	});
});

describe('foundingSituation(agrements, date, graceMonths): renewal grace period', () => {
	const ended = a('2022-05-01', '2026-04-30');
	const request = a('2026-05-01', '2030-04-30', 'en_instruction');

	it('counts the structure the last day of its agrément and, with a pending renewal, from the day after', () => {
		expect(foundingSituation([ended, request], '2026-04-30', 12)).toMatchObject({ state: 'agree', counts: true });
		expect(foundingSituation([ended, request], '2026-05-01', 12)).toMatchObject({
			state: 'renouvellement_en_cours',
			counts: true,
			agrement: ended,
			renewal: request,
			graceUntil: '2027-04-30'
		});
	});

	it('stops counting the day after the grace period, and at once without a pending renewal', () => {
		expect(foundingSituation([ended, request], '2027-04-30', 12).counts).toBe(true);
		expect(foundingSituation([ended, request], '2027-05-01', 12)).toMatchObject({ state: 'echu', counts: false });
		expect(foundingSituation([ended], '2026-05-01', 12)).toMatchObject({ state: 'echu', counts: false, renewal: null });
		expect(foundingSituation([ended, request], '2026-05-01', 0)).toMatchObject({ state: 'echu', counts: false });
	});

	it('a refusal removes the structure from the day after its decision', () => {
		const refused = a('2026-05-01', '2030-04-30', 'refuse', '2026-09-15');
		expect(foundingSituation([ended, refused], '2026-09-15', 12)).toMatchObject({ state: 'renouvellement_en_cours', graceUntil: '2026-09-15' });
		expect(foundingSituation([ended, refused], '2026-09-16', 12)).toMatchObject({ state: 'echu', counts: false });
	});

	it('a renewal granted later covers the days from its start, whatever the decision date', () => {
		const granted = a('2026-05-01', '2030-04-30', 'accorde', '2026-10-01');
		expect(foundingSituation([ended, granted], '2026-06-01', 12)).toMatchObject({ state: 'agree', agrement: granted });
	});

	it('a withdrawal ends the agrément the day of its decision, without any grace', () => {
		const withdrawn = a('2022-05-01', '2026-04-30', 'retire', '2025-03-10');
		expect(foundingSituation([withdrawn, request], '2025-03-10', 12)).toMatchObject({ state: 'agree' });
		expect(foundingSituation([withdrawn, request], '2025-03-11', 12)).toMatchObject({ state: 'retire', counts: false });
		expect(effectiveEnd(withdrawn)).toBe('2025-03-10');
	});

	it('a prorogation covers its own dates as a granted agrément', () => {
		const prorogation = a('2026-05-01', '2026-10-31', 'proroge', '2026-03-20');
		expect(foundingSituation([ended, prorogation], '2026-10-31', 12)).toMatchObject({ state: 'agree', agrement: prorogation });
		expect(foundingSituation([ended, prorogation], '2026-11-01', 12)).toMatchObject({ state: 'echu' });
		expect(currentAgrement([ended, prorogation], '2026-07-01')).toBe(prorogation);
	});

	it('tells apart no agrément at all, only refusals, and an agrément to come', () => {
		expect(foundingSituation([], '2026-01-01', 12).state).toBe('sans_agrement');
		expect(foundingSituation([a('2026-01-01', '2029-12-31', 'refuse', '2025-12-01')], '2026-01-01', 12).state).toBe('non_agree');
		expect(foundingSituation([a('2027-01-01', '2030-12-31')], '2026-01-01', 12)).toMatchObject({ state: 'a_venir', counts: false });
	});
});

describe('structureAgrementStatus and agrementStatusAmong', () => {
	const rules = { warningMonths: 12, graceMonths: 12 };
	it('say « agrément échu, renouvellement en cours » during the grace period only', () => {
		const ended = { ...a('2022-05-01', '2026-04-30'), structureId: 1, kind: 'animation_globale' };
		const request = { ...a('2026-05-01', '2030-04-30', 'en_instruction'), structureId: 1, kind: 'animation_globale' };
		expect(structureAgrementStatus([ended, request], '2026-06-01', rules)).toEqual({ kind: 'echu_renouvellement', daysSinceEnd: 32, graceUntil: '2027-04-30' });
		expect(structureAgrementStatus([ended], '2026-06-01', rules)).toEqual({ kind: 'expire', daysSinceEnd: 32 });
		expect(agrementStatusAmong(ended, [ended, request], '2026-06-01', rules).kind).toBe('echu_renouvellement');
		expect(agrementStatusAmong(ended, [ended, request], '2027-05-01', rules).kind).toBe('expire');
	});
	it('a withdrawn agrément is « retiré » from the day after the withdrawal', () => {
		const withdrawn = a('2022-05-01', '2026-04-30', 'retire', '2025-03-10');
		expect(agrementStatus(withdrawn, '2025-03-10', { warningMonths: 12 }).kind).toBe('expire_bientot');
		expect(agrementStatus(withdrawn, '2025-03-11', { warningMonths: 12 })).toEqual({ kind: 'retire', since: '2025-03-11' });
	});
});
