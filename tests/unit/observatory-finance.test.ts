/**
 * The finance rules of the observatory record (issue 15), each with hand-computed expected values:
 * investment aid apart from operating income; charges and produits entered, result computed; the
 * Caf money split by PS instrument in force that year (2012 regime, 2027–2030 transition, after
 * the merger), other PS and own funds; communes and EPCI apart.
 */
import { describe, expect, it } from 'vitest';
import { financeOfYear, funderColumn, type FinanceLine } from '../../src/lib/observatory/finance';
import type { DatedParameter } from '../../src/lib/domain/dated-parameter';

/** `ps.instrument_codes` as the migrations store it: 2012 regime, 2027–2030 transition, after 2031. */
const params: DatedParameter[] = [
	{ key: 'ps.instrument_codes', validFrom: '2012-01-01', validUntil: null, value: { animation_globale: 'PS_AGC', animation_collective_familles: 'PS_ACF', animation_locale: 'PS_AL' }, regime: 'Circulaire Cnaf n°2012-013', source: null },
	{ key: 'ps.instrument_codes', validFrom: '2027-01-01', validUntil: '2030-12-31', value: { animation_globale: 'PS_AGC', animation_collective_familles: 'PS_ACF', animation_locale: 'PS_AL', centre_social: 'PS_CS' }, regime: 'Circulaire Cnaf du 18 décembre 2025', source: null },
	{ key: 'ps.instrument_codes', validFrom: '2031-01-01', validUntil: null, value: { centre_social: 'PS_CS', animation_locale: 'PS_AL' }, regime: 'Circulaire Cnaf du 18 décembre 2025', source: null }
];

const line = (year: number, partnerKind: string, instrumentCode: string, instrumentFamily: string, amount: number, status = 'verse'): FinanceLine => ({ year, partnerKind, instrumentCode, instrumentFamily, amount, status });
const none = { charges: null, produits: null, usersIncome: null };

describe('financeOfYear(lines, params, year, entered)', () => {
	it('keeps investment aid apart from operating income (Caf and other funders)', () => {
		const f = financeOfYear(
			[
				line(2025, 'caf', 'PS_AGC', 'prestation_service', 70_000),
				line(2025, 'caf', 'CAF_INVEST', 'investissement', 40_000),
				line(2025, 'commune', 'INVEST_COMMUNE', 'investissement', 15_000),
				line(2025, 'commune', 'COLLECTIVITE_SUBV', 'subvention', 100_000)
			],
			params,
			2025,
			{ charges: 300_000, produits: 310_000, usersIncome: 20_000 }
		);
		// Investment: 40 000 + 15 000 = 55 000, of which Caf 40 000; operating: 70 000 + 100 000 = 170 000.
		expect(f.investmentAid).toBe(55_000);
		expect(f.investmentAidCaf).toBe(40_000);
		expect(f.cafTotal).toBe(70_000);
		expect(f.cafOwnFunds).toBe(0);
		expect(f.funders.communes).toBe(100_000);
		expect(f.operatingFunding).toBe(170_000);
		// Other income = produits − operating funding − users = 310 000 − 170 000 − 20 000 = 120 000.
		expect(f.otherIncome).toBe(120_000);
	});

	it('computes the result from the charges and produits entered (never assumes a balanced budget)', () => {
		expect(financeOfYear([], params, 2025, { charges: 512_345.67, produits: 498_000.5, usersIncome: null })).toMatchObject({
			charges: 512_345.67,
			produits: 498_000.5,
			result: -14_345.17,
			otherIncome: 498_000.5
		});
		expect(financeOfYear([], params, 2025, { charges: 100_000, produits: null, usersIncome: 5_000 })).toMatchObject({ result: null, otherIncome: null });
	});

	it('splits the Caf money by PS in force in 2025 (2012 regime), other PS and own funds', () => {
		const f = financeOfYear(
			[
				line(2025, 'caf', 'PS_AGC', 'prestation_service', 30_000.1, 'verse'),
				line(2025, 'caf', 'PS_AGC', 'prestation_service', 1_000, 'notifie'),
				line(2025, 'caf', 'PS_ACF', 'prestation_service', 18_500.25),
				line(2025, 'caf', 'PS_JEUNES', 'prestation_service', 4_000),
				line(2025, 'caf', 'CAF_SUBV_LOCALE', 'subvention', 12_000),
				line(2025, 'caf', 'BONUS_TERRITOIRE', 'subvention', 6_000.3),
				line(2025, 'caf', 'PS_AGC', 'prestation_service', 9_999, 'previsionnel'),
				line(2024, 'caf', 'PS_AGC', 'prestation_service', 28_000)
			],
			params,
			2025,
			none
		);
		// PS AGC: 30 000,10 + 1 000 (a forecast and 2024 are not 2025 income) = 31 000,10.
		expect(f.ps).toEqual({ animation_globale: 31_000.1, animation_collective_familles: 18_500.25, centre_social: null, animation_locale: 0 });
		expect(f.psRegime).toBe('Circulaire Cnaf n°2012-013');
		expect(f.cafOtherPs).toBe(4_000);
		// Own funds: 12 000 + 6 000,30 = 18 000,30. Total: 31 000,10 + 18 500,25 + 4 000 + 18 000,30 = 71 500,65.
		expect(f.cafOwnFunds).toBe(18_000.3);
		expect(f.cafTotal).toBe(71_500.65);
	});

	it('shows the merged PS centre social beside AGC and ACF in the 2027–2030 transition', () => {
		const f = financeOfYear([line(2028, 'caf', 'PS_CS', 'prestation_service', 50_000), line(2028, 'caf', 'PS_ACF', 'prestation_service', 10_000)], params, 2028, none);
		expect(f.ps).toEqual({ animation_globale: 0, animation_collective_familles: 10_000, centre_social: 50_000, animation_locale: 0 });
		expect(f.psRegime).toBe('Circulaire Cnaf du 18 décembre 2025');
	});

	it('after the merger, an AGC line is no longer a PS of the year: it counts as another PS', () => {
		const f = financeOfYear([line(2031, 'caf', 'PS_AGC', 'prestation_service', 7_000), line(2031, 'caf', 'PS_CS', 'prestation_service', 60_000)], params, 2031, none);
		expect(f.ps).toEqual({ animation_globale: null, animation_collective_familles: null, centre_social: 60_000, animation_locale: 0 });
		expect(f.cafOtherPs).toBe(7_000);
		expect(f.cafTotal).toBe(67_000);
	});

	it('separates communes and EPCI, and the other funders by kind', () => {
		const f = financeOfYear(
			[
				line(2025, 'commune', 'COLLECTIVITE_SUBV', 'subvention', 150_000),
				line(2025, 'epci', 'COLLECTIVITE_SUBV', 'subvention', 25_000.5),
				line(2025, 'departement', 'CD_SUBV', 'subvention', 30_000),
				line(2025, 'etat', 'ADULTES_RELAIS', 'poste', 21_300),
				line(2025, 'etat', 'FONJEP', 'poste', 7_164),
				line(2025, 'region', 'AUTRE', 'autre', 3_000),
				line(2025, 'msa', 'MSA_SUBV', 'subvention', 2_000),
				line(2025, 'carsat', 'AUTRE', 'autre', 1_500),
				line(2025, 'federation', 'AUTRE', 'autre', 800)
			],
			params,
			2025,
			none
		);
		expect(f.funders).toEqual({ communes: 150_000, epci: 25_000.5, departement: 30_000, etat: 28_464, region: 3_000, msa: 2_000, carsat: 1_500, autres: 800 });
		// 150 000 + 25 000,50 + 30 000 + 28 464 + 3 000 + 2 000 + 1 500 + 800 = 240 764,50.
		expect(f.operatingFunding).toBe(240_764.5);
		expect(f.cafTotal).toBe(0);
		expect(funderColumn('federation')).toBe('autres');
	});

	it('adds to the cent whatever the order (0,1 + 0,2)', () => {
		const f = financeOfYear([line(2025, 'caf', 'PS_AL', 'prestation_service', 0.1), line(2025, 'caf', 'PS_AL', 'prestation_service', 0.2)], params, 2025, { charges: 0.3, produits: 0.3, usersIncome: null });
		expect(f.ps.animation_locale).toBe(0.3);
		expect(f.result).toBe(0);
		expect(f.otherIncome).toBe(0);
	});

	it('without a ps.instrument_codes rule, no PS column exists and Caf PS lines are « autres PS »', () => {
		const f = financeOfYear([line(2025, 'caf', 'PS_AGC', 'prestation_service', 1_000)], [], 2025, none);
		expect(f.ps).toEqual({ animation_globale: null, animation_collective_familles: null, centre_social: null, animation_locale: null });
		expect(f.psRegime).toBeNull();
		expect(f.cafOtherPs).toBe(1_000);
	});
});
