import { describe, expect, it } from 'vitest';
import {
	communeOfIris,
	departementOfCommune,
	normalizeCommuneCode,
	normalizeDepartementCode,
	normalizeIrisCode,
	normalizeQpvCode
} from './insee';

describe('INSEE codes', () => {
	it('normalizeCommuneCode(raw) keeps codes as text and restores a lost leading zero', () => {
		expect(normalizeCommuneCode('01001')).toEqual({ code: '01001', restored: false });
		expect(normalizeCommuneCode('1001')).toEqual({ code: '01001', restored: true });
		expect(normalizeCommuneCode('1001.0')).toEqual({ code: '01001', restored: true });
		expect(normalizeCommuneCode(' 2a004 ')).toEqual({ code: '2A004', restored: false });
		expect(normalizeCommuneCode('2B033')).toEqual({ code: '2B033', restored: false });
		expect(normalizeCommuneCode('97411')).toEqual({ code: '97411', restored: false });
		for (const bad of ['', '101', '00123', '2C004', 'ABCDE', '123456', '0123']) expect(normalizeCommuneCode(bad), bad).toBeNull();
	});

	it('normalizeDepartementCode(raw) accepts 01…95, 2A, 2B and 971…976', () => {
		expect(normalizeDepartementCode('1')).toEqual({ code: '01', restored: true });
		expect(normalizeDepartementCode('2a')).toEqual({ code: '2A', restored: false });
		expect(normalizeDepartementCode('974')).toEqual({ code: '974', restored: false });
		expect(normalizeDepartementCode('20')).toBeNull();
		expect(normalizeDepartementCode('00')).toBeNull();
	});

	it('normalizeIrisCode(raw) drops the `iris` prefix and restores a zero', () => {
		expect(normalizeIrisCode('iris590080101')).toEqual({ code: '590080101', restored: false });
		expect(normalizeIrisCode('10010000')).toEqual({ code: '010010000', restored: true });
		expect(normalizeIrisCode('2A0040101')).toEqual({ code: '2A0040101', restored: false });
		expect(normalizeIrisCode('5900801')).toBeNull();
		expect(normalizeIrisCode('IRIS59008')).toBeNull();
		expect(communeOfIris('590080101')).toBe('59008');
	});

	it('normalizeQpvCode(raw) accepts 2015 (QP) and 2024 (QN) codes', () => {
		expect(normalizeQpvCode('qp066007')).toBe('QP066007');
		expect(normalizeQpvCode('QN08602M')).toBe('QN08602M');
		expect(normalizeQpvCode('QP1')).toBeNull();
	});

	it('departementOfCommune(code) takes 3 characters overseas', () => {
		expect(departementOfCommune('86194')).toBe('86');
		expect(departementOfCommune('2A004')).toBe('2A');
		expect(departementOfCommune('97411')).toBe('974');
	});
});
