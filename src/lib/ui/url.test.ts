import { describe, expect, it } from 'vitest';
import { hrefWith, intParam, oneOf } from './url';

describe('hrefWith(pathname, current, changes)', () => {
	it('hrefWith sets, replaces and removes parameters and keeps the others', () => {
		const current = new URLSearchParams('q=saint&epci=200000001&page=3');
		expect(hrefWith('/territoires', current, { page: '4' })).toBe('/territoires?q=saint&epci=200000001&page=4');
		expect(hrefWith('/territoires', current, { page: null, tri: '-population' })).toBe(
			'/territoires?q=saint&epci=200000001&tri=-population'
		);
		expect(current.get('page')).toBe('3'); // not mutated
	});
	it('hrefWith drops empty values and gives the bare path when nothing is left', () => {
		expect(hrefWith('/structures', new URLSearchParams('type=&epci='), { mode: '' })).toBe('/structures');
	});
	it('hrefWith encodes special characters', () => {
		expect(hrefWith('/territoires', new URLSearchParams(), { q: "l'Île & co" })).toBe('/territoires?q=l%27%C3%8Ele+%26+co');
	});
});

describe('intParam and oneOf', () => {
	it('intParam(params, name, fallback) accepts positive integers only', () => {
		const p = new URLSearchParams('page=3&bad=-2&x=1.5&zero=0&huge=99999999999999999999');
		expect(intParam(p, 'page', 1)).toBe(3);
		expect(intParam(p, 'bad', 1)).toBe(1);
		expect(intParam(p, 'x', 1)).toBe(1);
		expect(intParam(p, 'zero', 1)).toBe(1);
		expect(intParam(p, 'huge', 1)).toBe(1);
		expect(intParam(p, 'missing', 7)).toBe(7);
	});
	it('oneOf(params, name, allowed) rejects values outside the list', () => {
		const p = new URLSearchParams('type=CS&mode=hack');
		expect(oneOf(p, 'type', ['CS', 'EVS'] as const)).toBe('CS');
		expect(oneOf(p, 'mode', ['a', 'b'] as const)).toBeNull();
		expect(oneOf(p, 'none', ['a'] as const)).toBeNull();
	});
});
