import { describe, expect, it } from 'vitest';
import {
	formatBytes,
	formatCoordinates,
	formatDate,
	formatDateTime,
	formatDensity,
	formatEurosPerInhabitant,
	formatEurosShort,
	formatKm,
	formatKm2,
	formatMinutes,
	formatPer10k,
	formatDurationDays,
	formatEuros,
	formatNumber,
	formatPercent,
	isoDateInParis,
	MISSING,
	parseIsoDate,
	plural
} from './format';
import { itMaps } from '../../tests/helpers/cases';

const F = '\u202f'; // narrow no-break space
const N = '\u00a0'; // no-break space

describe('formatNumber', () => {
	it('formatNumber(1234567) groups thousands with narrow no-break spaces', () => {
		expect(formatNumber(1234567)).toBe(`1${F}234${F}567`);
	});
	it('formatNumber(1234.56, { maximumFractionDigits: 1 }) rounds with a decimal comma', () => {
		expect(formatNumber(1234.56, { maximumFractionDigits: 1 })).toBe(`1${F}234,6`);
	});
	it('formatNumber(2.5) rounds to a whole number by default', () => {
		expect(formatNumber(2.4)).toBe('2');
		expect(formatNumber(999)).toBe('999');
	});
	it('formatNumber(0.5, { minimumFractionDigits: 2, maximumFractionDigits: 2 }) keeps trailing zeros', () => {
		expect(formatNumber(0.5, { minimumFractionDigits: 2, maximumFractionDigits: 2 })).toBe('0,50');
	});
	it('formatNumber(null) prints a dash', () => {
		expect(formatNumber(null)).toBe(MISSING);
		expect(formatNumber(undefined)).toBe(MISSING);
		expect(formatNumber(Number.NaN)).toBe(MISSING);
	});
	it('formatNumber(-12345) keeps the sign', () => {
		expect(formatNumber(-12345).replace('\u2212', '-')).toBe(`-12${F}345`);
	});
});

describe('formatPercent', () => {
	it('formatPercent(0.425) prints 42,5 % with a narrow no-break space', () => {
		expect(formatPercent(0.425)).toBe(`42,5${F}%`);
	});
	it('formatPercent(1.2, 0) prints whole percents above 100', () => {
		expect(formatPercent(1.2, 0)).toBe(`120${F}%`);
	});
	it('formatPercent(0.5) keeps its decimal, so shares line up in a column', () => {
		expect(formatPercent(0.5)).toBe(`50,0${F}%`);
		expect(formatPercent(0.6, 0)).toBe(`60${F}%`);
	});
	it('formatPercent(null) prints a dash', () => {
		expect(formatPercent(null)).toBe(MISSING);
	});
});

describe('formatEuros', () => {
	it('formatEuros(1234567.4) prints whole euros with the sign after', () => {
		expect(formatEuros(1234567.4)).toBe(`1${F}234${F}567${F}€`);
	});
	it('formatEuros(1234.5, { cents: true }) prints cents', () => {
		expect(formatEuros(1234.5, { cents: true })).toBe(`1${F}234,50${F}€`);
	});
	it('formatEuros(0) prints 0 €', () => {
		expect(formatEuros(0)).toBe(`0${F}€`);
	});
	it('formatEuros(null) prints a dash', () => {
		expect(formatEuros(null)).toBe(MISSING);
	});
});

describe('formatDate', () => {
	it("formatDate('2026-03-01') prints the long French date, whatever the time zone", () => {
		expect(formatDate('2026-03-01')).toBe(`1${F}mars${F}2026`);
	});
	it("formatDate('2026-12-31', 'short') prints dd/mm/yyyy", () => {
		expect(formatDate('2026-12-31', 'short')).toBe('31/12/2026');
	});
	it("formatDate('2026-01-15', 'month') prints the month and year", () => {
		expect(formatDate('2026-01-15', 'month')).toBe(`janvier${F}2026`);
	});
	it('formatDate(null) prints a dash', () => {
		expect(formatDate(null)).toBe(MISSING);
	});
	it("formatDate('2026-02-30') throws on an impossible date", () => {
		expect(() => formatDate('2026-02-30')).toThrow('invalid ISO date: 2026-02-30');
		expect(() => parseIsoDate('01/03/2026')).toThrow('invalid ISO date');
	});
});

describe('formatDurationDays', () => {
	it('formatDurationDays(1) and (45) count days', () => {
		expect(formatDurationDays(1)).toBe(`1${N}jour`);
		expect(formatDurationDays(45)).toBe(`45${N}jours`);
		expect(formatDurationDays(0)).toBe(`0${N}jour`);
	});
	it('formatDurationDays(61) switches to months from two months', () => {
		expect(formatDurationDays(61)).toBe(`2${N}mois`);
		expect(formatDurationDays(200)).toBe(`6${N}mois`);
	});
	it('formatDurationDays(400) prints years and months', () => {
		expect(formatDurationDays(366)).toBe(`1${N}an`);
		expect(formatDurationDays(430)).toBe(`1${N}an et 2${N}mois`);
		expect(formatDurationDays(800)).toBe(`2${N}ans et 2${N}mois`);
	});
	it('formatDurationDays(-1) throws', () => {
		expect(() => formatDurationDays(-1)).toThrow('invalid duration in days: -1');
	});
});

describe('plural and isoDateInParis', () => {
	it("plural(n, 'commune') agrees in number (French: 0 and 1 are singular)", () => {
		expect(plural(0, 'commune')).toBe(`0${N}commune`);
		expect(plural(1, 'commune')).toBe(`1${N}commune`);
		expect(plural(2, 'commune')).toBe(`2${N}communes`);
		expect(plural(1200, 'poste vacant', 'postes vacants')).toBe(`1${F}200${N}postes vacants`);
	});
	it('isoDateInParis(now) uses the French calendar day, not UTC', () => {
		// 23:30 UTC on 31 December is already 1 January in Paris (UTC+1 in winter).
		expect(isoDateInParis(new Date('2025-12-31T23:30:00Z'))).toBe('2026-01-01');
		// 21:59 UTC on 30 June is 23:59 in Paris (UTC+2 in summer).
		expect(isoDateInParis(new Date('2026-06-30T21:59:00Z'))).toBe('2026-06-30');
	});
});

describe('one rule per unit', () => {
	it('formatKm always prints one decimal, so 10 and 10,4 km line up', () => {
		expect(formatKm(10)).toBe(`10,0${F}km`);
		expect(formatKm(10.44)).toBe(`10,4${F}km`);
		expect(formatKm(1234.56)).toBe(`1${F}234,6${F}km`);
		expect(formatKm(null)).toBe('—');
	});
	it('formatMinutes, formatKm2, formatDensity, formatPer10k, formatEurosPerInhabitant keep their decimals', () => {
		expect(formatMinutes(12.6)).toBe(`13${F}min`);
		expect(formatKm2(12)).toBe(`12,0${F}km²`);
		expect(formatDensity(85.3)).toBe(`85${F}hab./km²`);
		expect(formatPer10k(1.5)).toBe('1,50');
		expect(formatEurosPerInhabitant(3.2)).toBe(`3,20${F}€/hab.`);
	});
	it('formatEurosShort rounds amounts for chart labels', () => {
		expect(formatEurosShort(1_234_567)).toBe(`1,2${F}M€`);
		expect(formatEurosShort(350_400)).toBe(`350${F}k€`);
		expect(formatEurosShort(900)).toBe(`900${F}€`);
	});
	it("formatDate(iso, 'abbr') abbreviates the month for narrow cells", () => {
		expect(formatDate('2026-12-06', 'abbr')).toBe(`6${F}déc.${F}2026`);
		expect(formatDate('2026-12-06')).toBe(`6${F}décembre${F}2026`);
	});
	it('formatCoordinates names the hemispheres', () => {
		expect(formatCoordinates(45.954081, -5.247034)).toBe('45,95408° N, 5,24703° O');
	});
});

describe('formatDateTime', () => {
	it('prints an instant in Paris time, the date in words', () => {
		expect(formatDateTime('2026-12-06T13:05:09Z')).toBe(`6${F}décembre${F}2026 à 14:05`);
		expect(formatDateTime('2026-06-30T22:30:00Z', { seconds: true })).toBe(`1${F}juillet${F}2026 à 00:30:00`);
		expect(formatDateTime(null)).toBe('—');
	});
});

describe('formatBytes', () => {
	// Never says 0 Mo: the unit follows the size.
	itMaps(formatBytes, [
		[0, '0\u202foctet'],
		[900, '900\u202foctets'],
		[30_000, '29\u202fKo'],
		[5_000, '4,9\u202fKo'],
		[3_400_000, '3,2\u202fMo'],
		[120 * 1024 ** 2, '120\u202fMo'],
		[null, '—']
	]);
});
