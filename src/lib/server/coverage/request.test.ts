import { describe, expect, it } from 'vitest';
import { API_NAMES, CLI_NAMES, CoverageRequestError, parseCoverageRequest, rawRequestFromQuery } from './request';

const TODAY = '2026-06-30';

describe('parseCoverageRequest', () => {
	it('parseCoverageRequest({}) defaults the date to today and sets no threshold', () => {
		expect(parseCoverageRequest({}, TODAY, CLI_NAMES)).toEqual({ date: TODAY });
	});

	it('parseCoverageRequest(raw) reads numbers and text with a decimal comma', () => {
		expect(parseCoverageRequest({ date: '2025-01-31', radiusCsKm: '10,5', radiusEvsKm: 4, isolationKm: ' 20 ' }, TODAY, API_NAMES)).toEqual({
			date: '2025-01-31',
			radiusCsKm: 10.5,
			radiusEvsKm: 4,
			isolationKm: 20
		});
	});

	it('parseCoverageRequest(bad date) names the option and the expected format in French', () => {
		expect(() => parseCoverageRequest({ date: '2025-02-30' }, TODAY, CLI_NAMES)).toThrow(
			'L’option --date attend une date réelle au format AAAA-MM-JJ (reçu « 2025-02-30 »).'
		);
		expect(() => parseCoverageRequest({ date: '30/06/2025' }, TODAY, API_NAMES)).toThrow(CoverageRequestError);
	});

	it('parseCoverageRequest(out-of-range or non-numeric threshold) fails with exit code 2', () => {
		expect(() => parseCoverageRequest({ radiusCsKm: 250 }, TODAY, CLI_NAMES)).toThrow(
			'L’option --radius-cs doit être compris entre 0 et 200 km (reçu 250).'
		);
		expect(() => parseCoverageRequest({ isolationKm: 'loin' }, TODAY, API_NAMES)).toThrow(
			'Le paramètre isolation attend une distance en km (reçu « loin »).'
		);
		try {
			parseCoverageRequest({ radiusEvsKm: -1 }, TODAY, CLI_NAMES);
		} catch (error) {
			expect((error as CoverageRequestError).exitCode).toBe(2);
		}
	});
});

describe('rawRequestFromQuery', () => {
	it('rawRequestFromQuery(query) maps the API names', () => {
		expect(rawRequestFromQuery(new URLSearchParams('radiusCs=9&radiusEvs=4&isolation=18&date=2025-05-05'))).toEqual({
			date: '2025-05-05',
			radiusCsKm: '9',
			radiusEvsKm: '4',
			isolationKm: '18'
		});
	});

	it('rawRequestFromQuery(unknown or repeated parameter) is refused in French', () => {
		expect(() => rawRequestFromQuery(new URLSearchParams('rayon=9'))).toThrow('Paramètre inconnu : « rayon ».');
		expect(() => rawRequestFromQuery(new URLSearchParams('radiusCs=9&radiusCs=10'))).toThrow('Le paramètre « radiusCs » est donné plusieurs fois.');
	});
});
