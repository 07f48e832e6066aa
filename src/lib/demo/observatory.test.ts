import { describe, expect, it } from 'vitest';
import { generateDemoDepartement } from './index';
import { checkYearData } from '../observatory/year-checks';

const demo = generateDemoDepartement();
const THRESHOLDS = { maxHoursPerVolunteer: 1607, resultWarningShare: 0.1, etpTolerance: 0.1 };

describe('generateObservatory (demo, four years of every SENACS section)', () => {
	const { years, anomalies } = demo.observatory;
	it('covers N−3 … N for every structure agreed by then, each section filled', () => {
		expect([...new Set(years.map((y) => y.data.year))].sort()).toEqual([2023, 2024, 2025, 2026]);
		for (const s of demo.structures) {
			const own = years.filter((y) => y.structureId === s.externalId).map((y) => y.data.year);
			expect(own.length, s.externalId).toBeGreaterThan(0);
			expect(Math.min(...own)).toBe(Math.max(2023, Number(s.firstAgrementDate.slice(0, 4))));
		}
		for (const { data } of years) {
			expect(data.activities.length).toBeGreaterThan(0);
			expect(data.partners.length).toBeGreaterThan(0);
			expect(data.contracts.length).toBeGreaterThan(0);
			for (const key of ['personnes_touchees', 'heures_benevolat', 'salaries', 'charges_total', 'produits_total', 'participation_1', 'convention_collective'] as const) {
				expect(data.values[key], key).not.toBeNull();
			}
		}
	});
	it('is consistent except for its labelled anomalies (no hard error elsewhere)', () => {
		for (const { structureId, data } of years) {
			const codes = checkYearData(data, { thresholds: THRESHOLDS }).map((c) => c.code);
			const expected: string[] = [];
			if (data.year === 2025 && structureId === anomalies.implausibleHours) expected.push('heures-par-benevole');
			if (data.year === 2025 && structureId === anomalies.ageBandsOverTotal) expected.push('tranches-age-superieures');
			expect(codes, `${structureId} ${data.year}`).toEqual(expected);
		}
	});
	it('answers SENACS for the closed years but one, and leaves the current year unanswered', () => {
		const answer = (year: number) => years.filter((y) => y.data.year === year).map((y) => y.data.values.reponse_senacs);
		expect(answer(2024).every((a) => a === true)).toBe(true);
		expect(answer(2025).filter((a) => a !== true)).toEqual([false]);
		expect(years.find((y) => y.data.year === 2025 && y.data.values.reponse_senacs === false)!.structureId).toBe(anomalies.nonRespondent);
		expect(answer(2026).every((a) => a === null)).toBe(true);
	});
	it('budgets cover the funding lines: produits ≥ operating funding + users', () => {
		for (const { structureId, data } of years) {
			const funding = demo.fundingLines
				.filter((l) => l.structureId === structureId && l.year === data.year && l.status !== 'previsionnel' && l.instrumentCode !== 'CAF_INVEST')
				.reduce((s, l) => s + l.amount, 0);
			expect(Number(data.values.produits_total)).toBeGreaterThanOrEqual(funding + Number(data.values.produits_usagers));
		}
	});
	it('one manager runs two structures under one SIRET, told apart by their establishment', () => {
		const sites = demo.structures.filter((s) => s.establishment);
		expect(sites.map((s) => s.establishment)).toEqual(['01', '02']);
		expect(new Set(sites.map((s) => s.siret)).size).toBe(1);
		expect(new Set(sites.map((s) => s.type))).toEqual(new Set(['CS', 'EVS']));
	});
});
