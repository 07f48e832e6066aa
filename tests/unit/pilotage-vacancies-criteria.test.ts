import { describe, expect, it } from 'vitest';
import { isVacantOn, vacancyDuration, vacantAllYear, vacantDaysInYear } from '../../src/lib/pilotage/vacancies';
import { criteriaListsFromParameters, criterionRows, frameworkOf, parseAssessmentForm, summarizeAssessment } from '../../src/lib/pilotage/criteria';
import { formatDurationDays } from '../../src/lib/format';

describe('vacancyDuration(post, today, thresholds)', () => {
	const thresholds = { alertMonths: 3, criticalMonths: 6 };
	it('is null when the post is not vacant that day (both bounds of the vacancy included)', () => {
		expect(vacancyDuration({ vacantFrom: null, vacantUntil: null }, '2026-03-15')).toBeNull();
		expect(vacancyDuration({ vacantFrom: '2026-03-16', vacantUntil: null }, '2026-03-15')).toBeNull();
		expect(vacancyDuration({ vacantFrom: '2026-01-01', vacantUntil: '2026-03-14' }, '2026-03-15')).toBeNull();
		expect(isVacantOn({ vacantFrom: '2026-01-01', vacantUntil: '2026-03-15' }, '2026-03-15')).toBe(true);
	});
	it('counts days and whole months since the first vacant day, with the level at the thresholds', () => {
		expect(vacancyDuration({ vacantFrom: '2026-03-15', vacantUntil: null }, '2026-03-15', thresholds)).toEqual({ days: 0, months: 0, level: 'recente' });
		expect(vacancyDuration({ vacantFrom: '2025-12-16', vacantUntil: null }, '2026-03-15', thresholds)).toMatchObject({ months: 2, level: 'recente' });
		expect(vacancyDuration({ vacantFrom: '2025-12-15', vacantUntil: null }, '2026-03-15', thresholds)).toMatchObject({ days: 90, months: 3, level: 'alerte' });
		expect(vacancyDuration({ vacantFrom: '2025-09-15', vacantUntil: '2026-06-30' }, '2026-03-15', thresholds)).toMatchObject({ days: 181, months: 6, level: 'critique' });
		expect(formatDurationDays(181)).toBe('5\u00a0mois');
	});
});

describe('vacantDaysInYear(post, year)', () => {
	it('counts the vacant days within the year, a leap year having 366', () => {
		expect(vacantDaysInYear({ vacantFrom: '2023-11-01', vacantUntil: null }, 2024)).toBe(366);
		expect(vacantAllYear({ vacantFrom: '2023-11-01', vacantUntil: null }, 2024)).toBe(true);
		expect(vacantDaysInYear({ vacantFrom: '2025-12-01', vacantUntil: '2026-01-31' }, 2025)).toBe(31);
		expect(vacantDaysInYear({ vacantFrom: '2025-12-01', vacantUntil: '2026-01-31' }, 2026)).toBe(31);
		expect(vacantAllYear({ vacantFrom: '2025-01-02', vacantUntil: null }, 2025)).toBe(false);
		expect(vacantDaysInYear({ vacantFrom: null, vacantUntil: null }, 2025)).toBe(0);
	});
});

const lists = criteriaListsFromParameters(
	[
		{ key: 'agrement_criteria.projet_social', validFrom: '2012-06-20', validUntil: null, value: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'], regime: 'c', source: null },
		{ key: 'agrement_criteria.projet_familles', validFrom: '2012-06-20', validUntil: null, value: ['w', 'x', 'y', 'z'], regime: 'c', source: null }
	],
	'2025-01-01'
);

describe('criteria', () => {
	it('criteriaListsFromParameters(rows, date) gives the 8 projet social and 4 projet familles criteria', () => {
		expect(lists.projet_social).toHaveLength(8);
		expect(lists.projet_familles).toHaveLength(4);
		expect(() => criteriaListsFromParameters([], '2025-01-01')).toThrow(/no criteria list/);
	});
	it('frameworkOf(kind) assesses the projet familles for ACF, the projet social otherwise', () => {
		expect(frameworkOf('animation_collective_familles')).toBe('projet_familles');
		expect(frameworkOf('animation_locale')).toBe('projet_social');
	});
	it('criterionRows(lists, framework, stored) fills unassessed criteria with non_evalue', () => {
		const rows = criterionRows(lists, 'projet_familles', [{ framework: 'projet_familles', criterion: 4, status: 'insuffisant', comment: 'Non qualifié' }]);
		expect(rows.map((r) => r.status)).toEqual(['non_evalue', 'non_evalue', 'non_evalue', 'insuffisant']);
		expect(rows[3]).toMatchObject({ label: 'z', statusField: 'pf-4-status', commentField: 'pf-4-comment', comment: 'Non qualifié' });
		expect(summarizeAssessment(rows).counts).toEqual({ satisfait: 0, partiel: 0, insuffisant: 1, non_evalue: 3 });
	});
	it('parseAssessmentForm(fields) reads the decision, its date and every criterion', () => {
		const fields: Record<string, string> = { decision: 'accorde', decision_date: '2025-11-20', duration_exception: '', comment: ' Bon projet ' };
		for (let i = 1; i <= 8; i++) fields[`ps-${i}-status`] = 'satisfait';
		fields['ps-5-status'] = 'partiel';
		fields['ps-5-comment'] = 'Budget fragile';
		const parsed = parseAssessmentForm(fields, lists, 'projet_social');
		expect(parsed.ok).toBe(true);
		if (parsed.ok) {
			expect(parsed.value).toMatchObject({ decision: 'accorde', decisionDate: '2025-11-20', durationException: null, comment: 'Bon projet' });
			expect(parsed.value.criteria).toHaveLength(8);
			expect(parsed.value.criteria[4]).toEqual({ framework: 'projet_social', criterion: 5, status: 'partiel', comment: 'Budget fragile' });
		}
	});
	it('parseAssessmentForm(fields) refuses, in French, a granted agrément without date, an unknown status and a weak criterion without comment', () => {
		const parsed = parseAssessmentForm({ decision: 'accorde', 'pf-1-status': 'bof', 'pf-2-status': 'insuffisant' }, lists, 'projet_familles');
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) {
			expect(parsed.errors.decision_date).toBe('Indiquez la date de la décision (accord, prorogation ou refus).');
			expect(parsed.errors['pf-1-status']).toMatch(/Critère 1 : état « bof » inconnu/);
			expect(parsed.errors['pf-2-comment']).toMatch(/expliquez en commentaire/);
		}
		const pending = parseAssessmentForm({ decision: 'en_instruction' }, lists, 'projet_familles');
		expect(pending.ok).toBe(true);
		const bad = parseAssessmentForm({ decision: 'peut-etre', decision_date: '31/02/2025' }, lists, 'projet_familles');
		expect(bad.ok ? {} : bad.errors).toMatchObject({ decision: expect.stringMatching(/Choisissez une décision/), decision_date: expect.stringMatching(/AAAA-MM-JJ/) });
	});
});
