import { describe, expect, it } from 'vitest';
import { isCurrentSection, mainNavigation } from './navigation';

describe('isCurrentSection(href, pathname)', () => {
	it("isCurrentSection('/', …) matches the home page only", () => {
		expect(isCurrentSection('/', '/')).toBe(true);
		expect(isCurrentSection('/', '/structures')).toBe(false);
	});
	it("isCurrentSection('/structures', …) matches the section and its sub-pages, not a longer name", () => {
		expect(isCurrentSection('/structures', '/structures')).toBe(true);
		expect(isCurrentSection('/structures', '/structures/12')).toBe(true);
		expect(isCurrentSection('/structures', '/structures-archive')).toBe(false);
	});
	it('mainNavigation has unique links starting with the overview', () => {
		expect(mainNavigation[0].href).toBe('/');
		expect(new Set(mainNavigation.map((n) => n.href)).size).toBe(mainNavigation.length);
	});
});
