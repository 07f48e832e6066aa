import { describe, expect, it } from 'vitest';
import { checkSiren, checkSiret, luhnValid, sirenOfSiret } from './siret';

describe('SIREN / SIRET', () => {
	it('luhnValid(digits) is the Luhn checksum', () => {
		expect(luhnValid('79927398713')).toBe(true);
		expect(luhnValid('79927398710')).toBe(false);
	});

	it('checkSiren(raw) removes spaces and checks length and key', () => {
		expect(checkSiren('200 069 854')).toEqual({ status: 'ok', value: '200069854' });
		expect(checkSiren('200069855')).toEqual({ status: 'bad-checksum', value: '200069855' });
		expect(checkSiren('20006985')).toEqual({ status: 'bad-format', value: '20006985' });
	});

	it('checkSiret(raw) checks 14 digits, with the La Poste exception', () => {
		expect(checkSiret('775 670 136 00016')).toEqual({ status: 'ok', value: '77567013600016' });
		expect(checkSiret('77567013600017').status).toBe('bad-checksum');
		expect(checkSiret('7756701360001').status).toBe('bad-format');
		// La Poste establishments: digit sum a multiple of 5 (3+5+6+4+7 = 25), not a Luhn key
		expect(checkSiret('35600000000047').status).toBe('ok');
		expect(checkSiret('35600000000048').status).toBe('bad-checksum');
		expect(sirenOfSiret('77567013600016')).toBe('775670136');
	});
});
