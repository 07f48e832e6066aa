import { describe, expect, it } from 'vitest';
import { indicatorProgress } from '../../src/lib/pilotage/indicator-progress';
import { layoutSparkline } from '../../src/lib/pilotage/sparkline';
import {
	accordCadreRealisation,
	coveredPercent,
	evsCreatedInPriority,
	inhabitantsDepourvus,
	roundTo,
	structuresWithProjetFamilles
} from '../../src/lib/pilotage/computed-indicators';
import { parseFrenchNumber, parseIndicatorForm } from '../../src/lib/pilotage/indicator-form';

const base = { baselineYear: 2022, baselineValue: 60, higherIsBetter: true, targets: [{ year: 2024, target: 64 }, { year: 2025, target: 68 }] };

describe('indicatorProgress(indicator, reportingYear)', () => {
	it('is green when the target of the last measured year is reached', () => {
		expect(indicatorProgress({ ...base, values: [{ year: 2024, value: 64 }] }, 2025)).toMatchObject({ year: 2024, light: 'vert', target: 64, value: 64 });
	});
	it('is orange from 75 % of the way from the baseline, red below', () => {
		expect(indicatorProgress({ ...base, values: [{ year: 2025, value: 66 }] }, 2025)).toMatchObject({ light: 'orange', progressShare: 0.75 });
		expect(indicatorProgress({ ...base, values: [{ year: 2025, value: 65.9 }] }, 2025).light).toBe('rouge');
	});
	it('follows the direction of an indicator where lower is better', () => {
		const delay = { baselineYear: 2022, baselineValue: 95, higherIsBetter: false, targets: [{ year: 2025, target: 75 }], values: [] };
		expect(indicatorProgress({ ...delay, values: [{ year: 2025, value: 74 }] }, 2025).light).toBe('vert');
		expect(indicatorProgress({ ...delay, values: [{ year: 2025, value: 80 }] }, 2025).light).toBe('orange');
		expect(indicatorProgress({ ...delay, values: [{ year: 2025, value: 90 }] }, 2025).light).toBe('rouge');
	});
	it('without a baseline, is orange within 10 % of the target', () => {
		const ind = { ...base, baselineValue: null };
		expect(indicatorProgress({ ...ind, values: [{ year: 2025, value: 61.2 }] }, 2025).light).toBe('orange');
		expect(indicatorProgress({ ...ind, values: [{ year: 2025, value: 61.1 }] }, 2025).light).toBe('rouge');
	});
	it('is grey without value or without target, and ignores values after the reporting year', () => {
		expect(indicatorProgress({ ...base, values: [] }, 2025)).toMatchObject({ light: 'gris', label: 'Non mesuré' });
		expect(indicatorProgress({ ...base, values: [{ year: 2023, value: 70 }] }, 2025)).toMatchObject({ light: 'gris', label: 'Pas de cible pour cette année' });
		expect(indicatorProgress({ ...base, values: [{ year: 2024, value: 64 }, { year: 2026, value: 1 }] }, 2025).year).toBe(2024);
	});
});

describe('layoutSparkline(input, width, height)', () => {
	it('puts the first year at the left padding, the last at the right, and the highest value at the top', () => {
		const s = layoutSparkline({ years: [2023, 2024, 2025], values: [{ year: 2023, value: 1 }, { year: 2025, value: 3 }], targets: [{ year: 2024, target: 2 }] }, 100, 20, 2);
		expect(s.points).toEqual([
			{ x: 2, y: 18, year: 2023, value: 1 },
			{ x: 98, y: 2, year: 2025, value: 3 }
		]);
		expect(s.valuePath).toBe('M2,18L98,2');
		expect(s.targetPath).toBe('M50,10Z');
	});
	it('gives empty paths without data and a non-degenerate domain for a constant series', () => {
		const s = layoutSparkline({ years: [2024], values: [{ year: 2024, value: 5 }], targets: [] });
		expect(s.yDomain).toEqual([4, 6]);
		expect(layoutSparkline({ years: [2024], values: [], targets: [] }).valuePath).toBe('');
	});
});

describe('computed indicator formulas', () => {
	const summary = {
		population: 1000,
		shareCovered: 0.7405,
		categories: {
			depourvue_isolee: { communes: 1, population: 50 },
			depourvue: { communes: 2, population: 120 },
			isolee: { communes: 1, population: 30 },
			a_renforcer: { communes: 0, population: 0 },
			couverte: { communes: 5, population: 800 }
		}
	};
	it('coveredPercent(summary) is the engine’s share in % with one decimal, rounded half away from zero', () => {
		expect(coveredPercent(summary)).toBe(74.1);
		expect(coveredPercent({ ...summary, shareCovered: null })).toBeNull();
		expect(roundTo(-0.25, 1)).toBe(-0.3);
	});
	it('inhabitantsDepourvus(summary) adds the two « dépourvue » categories', () => {
		expect(inhabitantsDepourvus(summary)).toBe(170);
	});
	it('evsCreatedInPriority(evs, communes, since, until) counts first agréments in the period, in or serving a priority commune', () => {
		const evs = [
			{ structureId: 1, communeCode: 'A', zoneCommunes: [], firstStart: '2023-03-01' },
			{ structureId: 2, communeCode: 'B', zoneCommunes: ['P'], firstStart: '2024-01-01' },
			{ structureId: 3, communeCode: 'P', zoneCommunes: [], firstStart: '2022-12-31' },
			{ structureId: 4, communeCode: 'P', zoneCommunes: [], firstStart: '2025-07-01' }
		];
		expect(evsCreatedInPriority(evs, new Set(['P', 'A']), '2023-01-01', '2024-12-31')).toBe(2);
		expect(evsCreatedInPriority(evs, new Set(['P', 'A']), '2023-01-01', '2025-12-31')).toBe(3);
	});
	it('structuresWithProjetFamilles(agrements, date) counts open CS with a granted ACF in force', () => {
		const a = (structureId: number, over: Partial<Parameters<typeof structuresWithProjetFamilles>[0][number]> = {}) => ({
			structureId,
			structureType: 'CS' as const,
			kind: 'animation_collective_familles',
			decision: 'accorde',
			startDate: '2024-01-01',
			endDate: '2027-12-31',
			closedOn: null,
			...over
		});
		const list = [a(1), a(1, { startDate: '2020-01-01', endDate: '2023-12-31' }), a(2, { decision: 'refuse' }), a(3, { closedOn: '2025-01-01' }), a(4, { kind: 'animation_globale' }), a(5, { startDate: '2025-07-01' })];
		expect(structuresWithProjetFamilles(list, '2025-06-30')).toBe(1);
		expect(structuresWithProjetFamilles(list, '2024-06-30')).toBe(2);
	});
	it('accordCadreRealisation(balances, year) is paid ÷ committed over the partners, in %', () => {
		const balances = [
			{ year: 2025, committed: 1000, paid: 900 },
			{ year: 2025, committed: 3000, paid: 3100 },
			{ year: 2024, committed: 10, paid: 0 }
		];
		expect(accordCadreRealisation(balances, 2025)).toBe(100);
		expect(accordCadreRealisation(balances, 2024)).toBe(0);
		expect(accordCadreRealisation(balances, 2023)).toBeNull();
	});
});

describe('parseIndicatorForm(fields, period, computed)', () => {
	it('reads French numbers, targets and sourced values', () => {
		expect(parseFrenchNumber('1 234,5')).toBe(1234.5);
		expect(parseFrenchNumber('')).toBeNull();
		expect(parseFrenchNumber('12,3,4')).toBeNaN();
		const r = parseIndicatorForm({ baseline_year: '2022', baseline_value: '61,5', 'cible-2023': '63', 'valeur-2023': '62,4', 'source-2023': 'SENACS', published: 'on' }, { startYear: 2023, endYear: 2024 }, false);
		expect(r).toEqual({
			ok: true,
			value: { baselineYear: 2022, baselineValue: 61.5, source: null, published: true, targets: [{ year: 2023, target: 63 }], values: [{ year: 2023, value: 62.4, source: 'SENACS' }] }
		});
	});
	it('refuses a value without source, a baseline without year and unreadable numbers, in French', () => {
		const r = parseIndicatorForm({ baseline_value: '3', 'cible-2023': 'beaucoup', 'valeur-2024': '4' }, { startYear: 2023, endYear: 2024 }, false);
		expect(r.ok).toBe(false);
		if (!r.ok) {
			expect(r.errors.baseline_year).toBe('Indiquez l’année de la valeur de référence.');
			expect(r.errors['cible-2023']).toMatch(/« beaucoup » n’est pas un nombre/);
			expect(r.errors['source-2024']).toMatch(/indiquez sa source/);
		}
	});
	it('ignores values of a computed indicator', () => {
		const r = parseIndicatorForm({ 'valeur-2023': '4' }, { startYear: 2023, endYear: 2023 }, true);
		expect(r.ok && r.value.values).toEqual([]);
	});
});
