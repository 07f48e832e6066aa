import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	checkPs,
	computePs,
	parameterInForce,
	psInstrumentsInYear,
	psKindOfInstrument,
	type DatedParameter,
	type PsCheckInput
} from '../../src/lib/funding/ps';
import { coverageInYear, type PsAgrement } from '../../src/lib/funding/ps-coverage';
import { psCoverageText } from '../../src/lib/funding/ps-messages-fr';

/** The national rates as the migration 2026-11-27T0210 stores them, plus one year of ceilings. */
let nextId = 1;
function param(key: string, validFrom: string, validUntil: string | null, value: unknown, regime: string): DatedParameter {
	return { id: nextId++, key, validFrom, validUntil, value, unit: null, regime, source: null };
}
const PARAMS: DatedParameter[] = [
	param('ps_rate.animation_globale', '2012-01-01', '2023-12-31', 0.4, 'Circulaire CNAF n°2012-013'),
	param('ps_rate.animation_globale', '2024-01-01', null, 0.424, 'Revalorisation 2024'),
	param('ps_rate.animation_locale', '2012-01-01', '2023-12-31', 0.6, 'Circulaire CNAF n°2012-013'),
	param('ps_rate.animation_locale', '2024-01-01', null, 0.636, 'Revalorisation 2024'),
	param('ps_ceiling.animation_globale', '2023-01-01', '2023-12-31', 74800, 'Prix plafond 2023'),
	param('ps_ceiling.animation_globale', '2024-01-01', '2024-12-31', 76670, 'Prix plafond 2024'),
	param('ps_ceiling.animation_locale', '2024-01-01', '2024-12-31', 34748, 'Prix plafond 2024'),
	param('ps.instrument_codes', '2012-01-01', null, { animation_globale: 'PS_AGC', animation_collective_familles: 'PS_ACF', animation_locale: 'PS_AL' }, 'Circulaire')
];

const euros = fc.double({ min: 0.01, max: 5_000_000, noNaN: true }).map((v) => Math.round(v * 100) / 100);
const rate = fc.double({ min: 0.001, max: 1, noNaN: true });

describe('computePs(input)', () => {
	it('computePs({ expenses, ceiling, rate }) is rate × min(expenses, ceiling), to the cent', () => {
		fc.assert(
			fc.property(euros, euros, rate, (expenses, ceiling, r) => {
				const result = computePs({ eligibleExpensesEur: expenses, ceilingEur: ceiling, rate: r });
				expect(result.ok).toBe(true);
				if (!result.ok) return;
				expect(result.baseEur).toBe(Math.min(expenses, ceiling));
				expect(result.amountEur).toBeCloseTo(r * Math.min(expenses, ceiling), 2);
				expect(result.capped).toBe(ceiling < expenses);
			})
		);
	});

	it('computePs caps: above the ceiling, more expenses do not raise the PS', () => {
		fc.assert(
			fc.property(euros, euros, euros, rate, (ceiling, extraA, extraB, r) => {
				const a = computePs({ eligibleExpensesEur: ceiling + extraA, ceilingEur: ceiling, rate: r });
				const b = computePs({ eligibleExpensesEur: ceiling + extraB, ceilingEur: ceiling, rate: r });
				expect(a.ok && b.ok && a.amountEur === b.amountEur && a.capped && b.capped).toBe(true);
			})
		);
	});

	it('computePs is monotonic in expenses and never exceeds rate × ceiling', () => {
		fc.assert(
			fc.property(euros, euros, euros, rate, (x, y, ceiling, r) => {
				const [lo, hi] = x <= y ? [x, y] : [y, x];
				const a = computePs({ eligibleExpensesEur: lo, ceilingEur: ceiling, rate: r });
				const b = computePs({ eligibleExpensesEur: hi, ceilingEur: ceiling, rate: r });
				if (!a.ok || !b.ok) throw new Error('refused');
				expect(a.amountEur).toBeLessThanOrEqual(b.amountEur);
				expect(b.amountEur).toBeLessThanOrEqual(Math.round(r * ceiling * 100) / 100 + 0.005);
			})
		);
	});

	it('computePs refuses zero, negative and non-finite expenses or ceilings, and rates outside (0, 1]', () => {
		const bad = fc.oneof(fc.constant(0), fc.double({ max: 0, noNaN: true }), fc.constant(Number.NaN), fc.constant(Number.POSITIVE_INFINITY));
		fc.assert(
			fc.property(bad, euros, rate, (b, ok, r) => {
				expect(computePs({ eligibleExpensesEur: b, ceilingEur: ok, rate: r })).toEqual({ ok: false, refusal: 'expenses-not-positive' });
				expect(computePs({ eligibleExpensesEur: ok, ceilingEur: b, rate: r })).toEqual({ ok: false, refusal: 'ceiling-not-positive' });
				expect(computePs({ eligibleExpensesEur: ok, ceilingEur: ok, rate: b })).toEqual({ ok: false, refusal: 'rate-out-of-range' });
			})
		);
		expect(computePs({ eligibleExpensesEur: 100, ceilingEur: 100, rate: 1.01 })).toEqual({ ok: false, refusal: 'rate-out-of-range' });
	});
});

describe('parameterInForce(params, key, year)', () => {
	it('parameterInForce takes the rate in force on 1 January: 40 % for 2023, 42.4 % from 2024', () => {
		expect(parameterInForce(PARAMS, 'ps_rate.animation_globale', 2023)?.value).toBe(0.4);
		expect(parameterInForce(PARAMS, 'ps_rate.animation_globale', 2024)?.value).toBe(0.424);
		expect(parameterInForce(PARAMS, 'ps_rate.animation_globale', 2030)?.regime).toBe('Revalorisation 2024');
		expect(parameterInForce(PARAMS, 'ps_rate.animation_globale', 2011)).toBeNull();
		expect(parameterInForce(PARAMS, 'ps_ceiling.animation_locale', 2023)).toBeNull();
	});

	it('parameterInForce: a value starting after 1 January applies from the next year only', () => {
		const params = [param('k', '2012-01-01', null, 1, 'a'), param('k', '2024-07-01', null, 2, 'b')];
		expect(parameterInForce(params, 'k', 2024)?.value).toBe(1);
		expect(parameterInForce(params, 'k', 2025)?.value).toBe(2);
	});

	it('for any expenses, the PS of 2024 uses the uplifted rate and the PS of 2023 the old one', () => {
		fc.assert(
			fc.property(fc.double({ min: 1, max: 70000, noNaN: true }), (expenses) => {
				const rows = checkPs(
					[2023, 2024].map((year) => input({ year, eligibleExpenses: expenses, recorded: null })),
					PARAMS,
					{ toleranceEur: 1 }
				);
				const byYear = new Map(rows.map((r) => [r.year, r]));
				expect(byYear.get(2023)!.rate?.value).toBe(0.4);
				expect(byYear.get(2024)!.rate?.value).toBe(0.424);
				expect(byYear.get(2024)!.computed).toBeCloseTo(0.424 * expenses, 2);
				expect(byYear.get(2023)!.computed).toBeCloseTo(0.4 * expenses, 2);
			})
		);
	});
});

/** An agrément covering 2012–2030 of every kind, so the full-year formula applies. */
let agrementId = 1;
function ag(kind: string, startDate: string, endDate: string, decision: PsAgrement['decision'] = 'accorde', decisionDate: string | null = null): PsAgrement {
	return { id: agrementId++, kind, startDate, endDate, decision, decisionDate };
}
const ALWAYS = ['animation_globale', 'animation_collective_familles', 'animation_locale'].map((k) => ag(k, '2012-01-01', '2030-12-31'));

function input(over: Partial<PsCheckInput>): PsCheckInput {
	return {
		agrements: ALWAYS,
		structureId: 1,
		structureName: 'Centre social A',
		structureType: 'CS',
		instrumentId: 10,
		instrumentCode: 'PS_AGC',
		year: 2024,
		eligibleExpenses: 100000,
		eligibleVersion: 1,
		recorded: null,
		...over
	};
}

describe('checkPs(inputs, params, options)', () => {
	it('checkPs flags a recorded PS that differs from the formula beyond the tolerance, and names the regimes used', () => {
		const rows = checkPs(
			[
				input({ year: 2024, eligibleExpenses: 100000, recorded: 32508.08 }), // capped: 0.424 × 76 670
				input({ structureId: 2, structureName: 'Centre social B', year: 2024, eligibleExpenses: 50000, recorded: 21200.5 }), // 21 200 + 0.50
				input({ structureId: 3, structureName: 'Centre social C', year: 2024, eligibleExpenses: 50000, recorded: 23050 }) // typo
			],
			PARAMS,
			{ toleranceEur: 1 }
		);
		expect(rows.map((r) => [r.structureName, r.computed, r.capped, r.difference, r.status])).toEqual([
			['Centre social A', 32508.08, true, 0, 'conforme'],
			['Centre social B', 21200, false, 0.5, 'conforme'],
			['Centre social C', 21200, false, 1850, 'ecart']
		]);
		expect(rows[0].rate).toEqual({ value: 0.424, pending: false, regime: 'Revalorisation 2024', validFrom: '2024-01-01' });
		expect(rows[0].ceiling).toEqual({ value: 76670, pending: false, regime: 'Prix plafond 2024', validFrom: '2024-01-01' });
	});

	it('checkPs says what is missing: expenses, ceiling, recorded line; other instruments are left out', () => {
		const rows = checkPs(
			[
				input({ structureId: 1, eligibleExpenses: null, recorded: 1000 }),
				input({ structureId: 2, year: 2025, recorded: 1000 }),
				input({ structureId: 3, recorded: null }),
				input({ structureId: 4, instrumentCode: 'CD_SUBV' }),
				input({ structureId: 5, eligibleExpenses: 0, recorded: 10 })
			],
			PARAMS,
			{ toleranceEur: 1 }
		);
		expect(rows.map((r) => [r.structureId, r.status])).toEqual([
			[2, 'sans_plafond'],
			[1, 'sans_depenses'],
			[3, 'non_enregistre'],
			[5, 'refuse']
		]);
		expect(rows.find((r) => r.structureId === 5)!.refusal).toBe('expenses-not-positive');
	});

	it('psKindOfInstrument(params, code, year) reads the dated instrument codes, so a merged PS is one new row', () => {
		const merged = [...PARAMS, param('ps.instrument_codes', '2027-01-01', null, { animation_globale: ['PS_CS'], animation_locale: 'PS_AL' }, '2027')];
		expect(psKindOfInstrument(merged, 'PS_AGC', 2026)).toBe('animation_globale');
		expect(psKindOfInstrument(merged, 'PS_AGC', 2027)).toBeNull();
		expect(psKindOfInstrument(merged, 'PS_CS', 2027)).toBe('animation_globale');
	});
});

describe('the PS is due pro rata of the agrément (issue 13 §1.2)', () => {
	const ACF_CODES = { animation_globale: 'PS_AGC', animation_collective_familles: 'PS_ACF', animation_locale: 'PS_AL' };
	const params: DatedParameter[] = [
		param('ps_rate.animation_collective_familles', '2024-01-01', null, 0.636, 'Revalorisation 2024'),
		param('ps_ceiling.animation_collective_familles', '2026-01-01', '2026-12-31', 32000, 'Prix plafond 2026'),
		param('ps.instrument_codes', '2012-01-01', null, ACF_CODES, 'Circulaire Cnaf n°2012-013'),
		param('agrement.renewal_grace_months', '2012-01-01', null, 12, 'Paramètre départemental')
	];
	// ACF agreed until 30 April 2026; its renewal refused from 1 May 2026 (decided 15 April).
	const previous = ag('animation_collective_familles', '2022-05-01', '2026-04-30', 'accorde', '2022-03-10');
	const refused = ag('animation_collective_familles', '2026-05-01', '2030-04-30', 'refuse', '2026-04-15');
	const acf = (over: Partial<PsCheckInput>) =>
		input({ instrumentCode: 'PS_ACF', year: 2026, eligibleExpenses: 40000, agrements: [previous, refused], ...over });

	it('a full-year ACF PS with the ACF refused from 1 May is an écart: only 120 days of 365 are due', () => {
		const full = 0.636 * 32000; // 20 352 € for a whole year
		const [row] = checkPs([acf({ recorded: full })], params, { toleranceEur: 1 });
		expect(row.coverage).toMatchObject({ coveredDays: 120, yearDays: 365, graceDays: 0 });
		expect(row.fullYear).toBe(20352);
		expect(row.computed).toBe(Math.round(20352 * (120 / 365) * 100) / 100); // 6 691,07 €
		expect(row.status).toBe('ecart');
		const text = psCoverageText(row);
		expect(text).toContain('Due pour 120\u00a0jours sur 365');
		expect(text).toContain('agrément ACF du 01/05/2022 au 30/04/2026');
		expect(text).toContain('non couvert du 01/05/2026 au 31/12/2026');
		expect(text).toContain('agrément ACF refusé le 15/04/2026 à compter du 01/05/2026');
		const [prorata] = checkPs([acf({ recorded: 6691.07 })], params, { toleranceEur: 1 });
		expect(prorata.status).toBe('conforme');
	});

	it('the boundary days: an agrément ending on 31 December covers the whole year, one ending on 30 December does not', () => {
		const whole = coverageInYear([ag('animation_locale', '2023-01-01', '2026-12-31')], ['animation_locale'], 2026, { graceMonths: 0, unit: 'jours' });
		expect(whole).toMatchObject({ coveredDays: 365, share: 1, gaps: [] });
		const short = coverageInYear([ag('animation_locale', '2023-01-01', '2026-12-30')], ['animation_locale'], 2026, { graceMonths: 0, unit: 'jours' });
		expect(short).toMatchObject({ coveredDays: 364, gaps: [{ from: '2026-12-31', to: '2026-12-31' }] });
		const leap = coverageInYear([ag('animation_locale', '2024-03-01', '2027-02-28')], ['animation_locale'], 2024, { graceMonths: 0, unit: 'jours' });
		expect(leap).toMatchObject({ coveredDays: 306, yearDays: 366 });
	});

	it('in months, only whole months covered count: 4 of 12 for an agrément ending 30 April, 3 for one ending 29 April', () => {
		expect(coverageInYear([previous], ['animation_collective_familles'], 2026, { graceMonths: 0, unit: 'mois' })).toMatchObject({ coveredMonths: 4, share: 4 / 12 });
		const early = ag('animation_collective_familles', '2022-05-01', '2026-04-29');
		expect(coverageInYear([early], ['animation_collective_familles'], 2026, { graceMonths: 0, unit: 'mois' }).coveredMonths).toBe(3);
		const monthly = [...params, param('ps.prorata_unit', '2026-01-01', null, 'mois', 'Paramètre départemental')];
		const [row] = checkPs([acf({ recorded: 6784 })], monthly, { toleranceEur: 1 });
		expect(row.computed).toBe(6784); // 20 352 × 4 ÷ 12
		expect(row.status).toBe('conforme');
	});

	it('a PS line for a year without any agrément of its kind is flagged; expenses alone are not', () => {
		const noAgrement = checkPs([acf({ year: 2026, agrements: [], recorded: 5000 }), acf({ structureId: 2, agrements: [], recorded: null })], params, { toleranceEur: 1 });
		expect(noAgrement.map((r) => [r.structureId, r.status, r.computed])).toEqual([
			[1, 'sans_agrement', 0],
			[2, 'non_du', 0]
		]);
	});

	it('the renewal grace period counts until the decision: a renewal refused on 15 September covers 1 May – 15 September', () => {
		const late = ag('animation_collective_familles', '2026-05-01', '2030-04-30', 'refuse', '2026-09-15');
		const c = coverageInYear([previous, late], ['animation_collective_familles'], 2026, { graceMonths: 12, unit: 'jours' });
		expect(c).toMatchObject({ coveredDays: 120 + 138, graceDays: 138 });
		const pending = ag('animation_collective_familles', '2026-05-01', '2030-04-30', 'en_instruction');
		expect(coverageInYear([previous, pending], ['animation_collective_familles'], 2026, { graceMonths: 12, unit: 'jours' }).coveredDays).toBe(365);
		expect(coverageInYear([previous, pending], ['animation_collective_familles'], 2026, { graceMonths: 0, unit: 'jours' }).coveredDays).toBe(120);
	});

	it('a withdrawal stops the PS the day after its decision', () => {
		const withdrawn = ag('animation_collective_familles', '2024-01-01', '2027-12-31', 'retire', '2026-03-31');
		const c = coverageInYear([withdrawn], ['animation_collective_familles'], 2026, { graceMonths: 12, unit: 'jours' });
		expect(c).toMatchObject({ coveredDays: 90, stops: [{ agrement: withdrawn, from: '2026-04-01' }] });
	});
});

describe('the 2012 and 2025 regimes switch by date (issue 13 §2)', () => {
	const params: DatedParameter[] = [
		...PARAMS,
		param('ps.instrument_codes', '2027-01-01', '2030-12-31', { animation_globale: 'PS_AGC', animation_collective_familles: 'PS_ACF', animation_locale: 'PS_AL', centre_social: 'PS_CS' }, 'Circulaire Cnaf du 18 décembre 2025'),
		param('ps.instrument_codes', '2031-01-01', null, { centre_social: 'PS_CS', animation_locale: 'PS_AL' }, 'Circulaire Cnaf du 18 décembre 2025'),
		param('ps_rate.animation_globale', '2027-01-01', null, null, 'Circulaire Cnaf du 18 décembre 2025'),
		param('ps_rate.centre_social', '2027-01-01', null, null, 'Circulaire Cnaf du 18 décembre 2025'),
		param('ps.agrement_kinds', '2027-01-01', null, { centre_social: ['animation_globale'], animation_collective_familles: ['animation_collective_familles', 'animation_globale'] }, 'Circulaire Cnaf du 18 décembre 2025')
	];

	it('2026 shows the three PS of 2012; the transition years show both the AGC/ACF and the merged PS; 2031 the merged one only', () => {
		expect(psInstrumentsInYear(params, 2026).map((i) => i.kind)).toEqual(['animation_globale', 'animation_collective_familles', 'animation_locale']);
		expect(psInstrumentsInYear(params, 2027).map((i) => i.kind)).toEqual(['animation_globale', 'animation_collective_familles', 'centre_social', 'animation_locale']);
		expect(psInstrumentsInYear(params, 2030).map((i) => i.codes[0])).toEqual(['PS_AGC', 'PS_ACF', 'PS_CS', 'PS_AL']);
		expect(psInstrumentsInYear(params, 2031).map((i) => i.kind)).toEqual(['centre_social', 'animation_locale']);
		expect(psInstrumentsInYear(params, 2031)[0].regime).toBe('Circulaire Cnaf du 18 décembre 2025');
	});

	it('the PS check uses the rules of each year: 42.4 % on 31 December 2026, « à compléter » from 1 January 2027', () => {
		const rows = checkPs(
			[input({ year: 2026, recorded: null }), input({ year: 2027, recorded: 30000 }), input({ year: 2027, instrumentCode: 'PS_CS', instrumentId: 11, recorded: 30000 })],
			params,
			{ toleranceEur: 1 }
		);
		const get = (year: number, code: string) => rows.find((r) => r.year === year && r.instrumentCode === code)!;
		expect(get(2026, 'PS_AGC').rate).toMatchObject({ value: 0.424, pending: false });
		expect(get(2027, 'PS_AGC')).toMatchObject({ status: 'regle_a_completer', rate: { value: null, pending: true, regime: 'Circulaire Cnaf du 18 décembre 2025' } });
		expect(get(2027, 'PS_CS')).toMatchObject({ kind: 'centre_social', status: 'regle_a_completer', openedBy: { kinds: ['animation_globale'] } });
	});

	it('after the merger an AGC line is out of its period', () => {
		const [row] = checkPs([input({ year: 2031, recorded: 1000 })], params, { toleranceEur: 1 });
		expect(row).toMatchObject({ kind: null, status: 'hors_periode' });
		expect(psCoverageText(row)).toContain('n’est pas une prestation de service en 2031');
	});
});
