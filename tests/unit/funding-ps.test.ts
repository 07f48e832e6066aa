import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkPs, computePs, parameterInForce, psKindOfInstrument, type DatedParameter, type PsCheckInput } from '../../src/lib/funding/ps';

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

function input(over: Partial<PsCheckInput>): PsCheckInput {
	return {
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
		expect(rows[0].rate).toEqual({ value: 0.424, regime: 'Revalorisation 2024', validFrom: '2024-01-01' });
		expect(rows[0].ceiling).toEqual({ value: 76670, regime: 'Prix plafond 2024', validFrom: '2024-01-01' });
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
