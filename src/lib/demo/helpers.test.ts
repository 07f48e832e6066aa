import { describe, expect, it } from 'vitest';
import { createRandom } from '../domain/random';
import { addDays, assertIsoDate, endOfMonth, firstOfMonth, monthsBetween, overlapsYear } from './dates';
import { fictionalSiren, isLuhnValid, siretOf, withLuhnKey } from './identifiers';
import { deName, inventUniqueNames, sortKey } from './names';
import { itMaps } from '../../../tests/helpers/cases';

describe('isLuhnValid(digits)', () => {
	it('accepts a published valid SIRET and rejects it with one digit changed', () => {
		expect(isLuhnValid('73282932000074')).toBe(true);
		expect(isLuhnValid('73282932000075')).toBe(false);
		expect(isLuhnValid('7328293200007a')).toBe(false);
	});

	it('withLuhnKey(payload) appends the only valid key', () => {
		const siren = withLuhnKey('20000001');
		expect(siren).toHaveLength(9);
		expect(isLuhnValid(siren)).toBe(true);
		expect(isLuhnValid(siren.slice(0, 8) + ((Number(siren[8]) + 1) % 10))).toBe(false);
	});

	it('fictionalSiren(random, prefix, taken) never repeats; siretOf extends it validly', () => {
		const random = createRandom(1);
		const taken = new Set<string>();
		const sirens = Array.from({ length: 200 }, () => fictionalSiren(random, '99', taken));
		expect(new Set(sirens).size).toBe(200);
		for (const s of sirens) {
			expect(s).toMatch(/^99\d{7}$/);
			expect(isLuhnValid(siretOf(s, 2))).toBe(true);
		}
	});
});

describe('dates', () => {
	it('assertIsoDate rejects impossible dates', () => {
		expect(() => assertIsoDate('2025-02-29')).toThrow('invalid ISO date: 2025-02-29');
		expect(() => assertIsoDate('2024-02-29')).not.toThrow();
	});

	it('month arithmetic crosses years and leap days', () => {
		expect(firstOfMonth('2026-06-30', -7)).toBe('2025-11-01');
		expect(endOfMonth('2024-01-15', 1)).toBe('2024-02-29');
		expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
		expect(monthsBetween('2022-05-01', '2026-04-30')).toBe(47);
		expect(overlapsYear('2022-05-01', '2023-01-01', 2023)).toBe(true);
		expect(overlapsYear('2022-05-01', '2022-12-31', 2023)).toBe(false);
	});
});

describe('names', () => {
	it('inventUniqueNames(random, n, k) gives n distinct names, the first k without prefix', () => {
		const names = inventUniqueNames(createRandom(3), 300, 11);
		expect(new Set(names.map(sortKey)).size).toBe(300);
		for (const n of names.slice(0, 11)) expect(n).toMatch(/^[A-Z][a-zéèëêïîôûüç]+$/);
	});

	// deName(name) applies French elision and contraction.
	itMaps(deName, [
		['Kervern', 'de Kervern'],
		['Albiac', 'd’Albiac'],
		['Le Morvan', 'du Morvan'],
		['Les Salines', 'des Salines'],
		['La Roche', 'de La Roche']
	]);

	it('sortKey ignores accents and case', () => {
		expect(sortKey('Étel-sur-Mer')).toBe('ETEL SUR MER');
		expect(sortKey('étel') < sortKey('Ezy')).toBe(true);
	});
});
