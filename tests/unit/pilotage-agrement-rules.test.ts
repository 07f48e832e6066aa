import { describe, expect, it } from 'vitest';
import {
	checkDuration,
	durationCheckText,
	durationRulesFromParameters,
	expectedEndDate,
	ruleInForce,
	type DurationRule,
	type ParameterRow
} from '../../src/lib/pilotage/agrement-rules';
import { addDays, overlapDays, periodLength } from '../../src/lib/pilotage/dates';

const CIRC = 'Circulaire CNAF n°2012-013';
const rows: ParameterRow[] = [
	{ key: 'agrement_duration_months.renouvellement', validFrom: '2012-06-20', validUntil: null, value: 48, regime: CIRC, source: null },
	{ key: 'agrement_duration_months.premier', validFrom: '2012-06-20', validUntil: null, value: 12, regime: CIRC, source: null },
	{ key: 'analysis.radius_cs_km', validFrom: '2012-01-01', validUntil: null, value: 8, regime: 'x', source: null }
];
const rules = durationRulesFromParameters(rows);

/** A rule change: from 2027 (new framework circular, transition) renewals last 3 years. */
const changed: DurationRule[] = [
	{ kind: 'renouvellement', validFrom: '2012-06-20', validUntil: '2026-12-31', months: 48, regime: CIRC, source: null },
	{ kind: 'renouvellement', validFrom: '2027-01-01', validUntil: null, months: 36, regime: 'Circulaire 2025', source: null },
	{ kind: 'premier', validFrom: '2012-06-20', validUntil: null, months: 12, regime: CIRC, source: null }
];

describe('durationRulesFromParameters(rows)', () => {
	it('keeps the agrement_duration_months.* rows as rules, in date order, and ignores other keys', () => {
		expect(rules.map((r) => [r.kind, r.months, r.validFrom])).toEqual([
			['renouvellement', 48, '2012-06-20'],
			['premier', 12, '2012-06-20']
		]);
	});
	it('throws on a duration that is not a positive whole number of months', () => {
		expect(() => durationRulesFromParameters([{ ...rows[0], value: 4.5 }])).toThrow(/invalid duration/);
		expect(() => durationRulesFromParameters([{ ...rows[0], value: '48' }])).toThrow(/invalid duration/);
	});
});

describe('ruleInForce(rules, kind, date)', () => {
	it('picks the rule whose validity covers the date, both bounds included', () => {
		expect(ruleInForce(changed, 'renouvellement', '2026-12-31')?.months).toBe(48);
		expect(ruleInForce(changed, 'renouvellement', '2027-01-01')?.months).toBe(36);
		expect(ruleInForce(changed, 'renouvellement', '2012-06-19')).toBeNull();
	});
});

describe('expectedEndDate(start, months)', () => {
	it('ends the day before the same day N months later', () => {
		expect(expectedEndDate('2024-01-01', 48)).toBe('2027-12-31');
		expect(expectedEndDate('2025-03-15', 12)).toBe('2026-03-14');
	});
	it('clamps to the end of a shorter month', () => {
		expect(expectedEndDate('2024-01-31', 1)).toBe('2024-02-28');
		expect(expectedEndDate('2023-01-31', 13)).toBe('2024-02-28');
	});
});

describe('checkDuration(agrement, rules)', () => {
	it('accepts a first projet social of one year', () => {
		const c = checkDuration({ startDate: '2026-02-01', endDate: '2027-01-31', isFirst: true, durationException: null }, rules);
		expect(c).toMatchObject({ kind: 'premier', status: 'conforme', expectedEnd: '2027-01-31', length: { months: 12, days: 0 } });
	});
	it('accepts a renewal of four years', () => {
		const c = checkDuration({ startDate: '2023-01-01', endDate: '2026-12-31', isFirst: false, durationException: null }, rules);
		expect(c.status).toBe('conforme');
		expect(c.rule?.regime).toBe(CIRC);
	});
	it('flags a first project granted for four years, unless an exception is recorded', () => {
		const a = { startDate: '2024-01-01', endDate: '2027-12-31', isFirst: true, durationException: null };
		expect(checkDuration(a, rules)).toMatchObject({ status: 'non_conforme', expectedEnd: '2024-12-31', length: { months: 48, days: 0 } });
		expect(checkDuration({ ...a, durationException: '  Reprise d’un centre en gestion directe  ' }, rules)).toMatchObject({
			status: 'exception',
			exception: 'Reprise d’un centre en gestion directe'
		});
		expect(checkDuration({ ...a, durationException: '   ' }, rules).status).toBe('non_conforme');
	});
	it('applies the rule in force at the start date across a rule change', () => {
		const before = { startDate: '2026-12-01', endDate: '2030-11-30', isFirst: false, durationException: null };
		const after = { startDate: '2027-01-01', endDate: '2029-12-31', isFirst: false, durationException: null };
		expect(checkDuration(before, changed)).toMatchObject({ status: 'conforme', rule: { months: 48 } });
		expect(checkDuration(after, changed)).toMatchObject({ status: 'conforme', rule: { months: 36, regime: 'Circulaire 2025' } });
		expect(checkDuration({ ...after, endDate: '2030-12-31' }, changed)).toMatchObject({ status: 'non_conforme', expectedEnd: '2029-12-31' });
	});
	it('durations are maxima: a renewal of two years or a first project of six months is valid, one day more than the maximum is not', () => {
		expect(checkDuration({ startDate: '2024-01-01', endDate: '2025-12-31', isFirst: false, durationException: null }, rules)).toMatchObject({
			status: 'conforme',
			crossed: null
		});
		expect(checkDuration({ startDate: '2026-01-01', endDate: '2026-06-30', isFirst: true, durationException: null }, rules).status).toBe('conforme');
		expect(checkDuration({ startDate: '2024-01-01', endDate: '2027-12-31', isFirst: false, durationException: null }, rules).status).toBe('conforme');
		expect(checkDuration({ startDate: '2024-01-01', endDate: '2028-01-01', isFirst: false, durationException: null }, rules)).toMatchObject({
			status: 'non_conforme',
			crossed: 'max'
		});
	});
	it('an EVS agrément runs 1 to 4 years: 11 months and 4 years and a day are out, 1 year and 4 years are in', () => {
		const evsRules = durationRulesFromParameters([
			...rows,
			{ key: 'agrement_duration_months.evs_min', validFrom: '2012-06-20', validUntil: null, value: 12, regime: 'Pratique des Caf', source: null },
			{ key: 'agrement_duration_months.evs_max', validFrom: '2012-06-20', validUntil: null, value: 48, regime: 'Pratique des Caf', source: null }
		]);
		const evs = (endDate: string) => checkDuration({ startDate: '2024-01-01', endDate, isFirst: true, durationException: null, kind: 'animation_locale' }, evsRules);
		expect(evs('2024-11-30')).toMatchObject({ status: 'non_conforme', crossed: 'min', earliestEnd: '2024-12-31' });
		expect(evs('2024-12-31')).toMatchObject({ status: 'conforme', kind: 'evs_max' });
		expect(evs('2027-12-31').status).toBe('conforme');
		expect(evs('2028-01-01')).toMatchObject({ status: 'non_conforme', crossed: 'max' });
	});
	it('a prorogation is not checked; a rule of the new regime whose figure is not public is « à compléter »', () => {
		expect(checkDuration({ startDate: '2026-01-01', endDate: '2026-06-30', isFirst: false, durationException: null, decision: 'proroge' }, rules).status).toBe('prorogation');
		const pending = durationRulesFromParameters([
			...rows,
			{ key: 'agrement_duration_months.renouvellement', validFrom: '2027-01-01', validUntil: null, value: null, regime: 'Circulaire Cnaf du 18 décembre 2025', source: null }
		]);
		expect(checkDuration({ startDate: '2026-12-31', endDate: '2030-12-30', isFirst: false, durationException: null }, pending).status).toBe('conforme');
		const c = checkDuration({ startDate: '2027-01-01', endDate: '2030-12-31', isFirst: false, durationException: null }, pending);
		expect(c).toMatchObject({ status: 'a_completer', rule: { months: null, regime: 'Circulaire Cnaf du 18 décembre 2025' } });
		expect(durationCheckText(c)).toBe('Durée maximale du régime en vigueur à la date de début (Circulaire Cnaf du 18 décembre 2025) : à compléter.');
	});
	it('says when no rule is in force at the start', () => {
		expect(checkDuration({ startDate: '2010-01-01', endDate: '2013-12-31', isFirst: false, durationException: null }, rules)).toMatchObject({
			status: 'sans_regle',
			rule: null,
			expectedEnd: null
		});
	});
});

describe('dates', () => {
	it('periodLength(start, end) counts whole months and the remaining days of an inclusive period', () => {
		expect(periodLength('2024-01-01', '2024-12-31')).toEqual({ months: 12, days: 0 });
		expect(periodLength('2024-01-01', '2024-01-31')).toEqual({ months: 1, days: 0 });
		expect(periodLength('2024-01-01', '2024-02-10')).toEqual({ months: 1, days: 10 });
		expect(() => periodLength('2024-02-01', '2024-01-01')).toThrow(/ends before/);
	});
	it('overlapDays(from, to, a, b) counts inclusive days in common', () => {
		expect(overlapDays('2024-12-20', '2025-01-10', '2025-01-01', '2025-12-31')).toBe(10);
		expect(overlapDays('2024-01-01', '2024-12-31', '2025-01-01', '2025-12-31')).toBe(0);
		expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
	});
});
