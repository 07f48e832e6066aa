import { describe, expect, it } from 'vitest';
import {
	communeOfIris,
	departementOfCommune,
	normalizeCommuneCode,
	normalizeDepartementCode,
	normalizeIrisCode,
	normalizeQpvCode
} from './insee';
import { itMaps } from '../../../tests/helpers/cases';

describe('INSEE codes', () => {
	// normalizeCommuneCode(raw) keeps codes as text and restores a lost leading zero.
	itMaps(normalizeCommuneCode, [
		['01001', { code: '01001', restored: false }],
		['1001', { code: '01001', restored: true }],
		['1001.0', { code: '01001', restored: true }],
		[' 2a004 ', { code: '2A004', restored: false }],
		['2B033', { code: '2B033', restored: false }],
		['97411', { code: '97411', restored: false }]
	]);
	it('normalizeCommuneCode(raw) refuses what is not a commune code', () => {
		for (const bad of ['', '101', '00123', '2C004', 'ABCDE', '123456', '0123']) expect(normalizeCommuneCode(bad), bad).toBeNull();
	});

	// normalizeDepartementCode(raw) accepts 01…95, 2A, 2B and 971…976.
	itMaps(normalizeDepartementCode, [
		['1', { code: '01', restored: true }],
		['2a', { code: '2A', restored: false }],
		['974', { code: '974', restored: false }],
		['20', null],
		['00', null]
	]);

	// normalizeIrisCode(raw) drops the `iris` prefix and restores a zero.
	itMaps(normalizeIrisCode, [
		['iris590080101', { code: '590080101', restored: false }],
		['10010000', { code: '010010000', restored: true }],
		['2A0040101', { code: '2A0040101', restored: false }],
		['5900801', null],
		['IRIS59008', null]
	]);
	it('communeOfIris(code) is the commune of an IRIS code', () => {
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
