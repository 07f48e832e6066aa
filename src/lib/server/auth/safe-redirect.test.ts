import { describe, expect, it } from 'vitest';
import { safeRedirectTarget } from './safe-redirect';

const ORIGIN = 'http://127.0.0.1:3000';

describe('safeRedirectTarget(target, origin)', () => {
	it('keeps a path of the site, with its query and fragment', () => {
		expect(safeRedirectTarget('/structures/12', ORIGIN)).toBe('/structures/12');
		expect(safeRedirectTarget('/financements?annee=2025&partenaire=2#carte', ORIGIN)).toBe('/financements?annee=2025&partenaire=2#carte');
		expect(safeRedirectTarget('/territoires?q=Saint%20Jean', ORIGIN)).toBe('/territoires?q=Saint%20Jean');
		expect(safeRedirectTarget('/a/../b', ORIGIN)).toBe('/b');
	});

	it.each([
		['absent', null],
		['empty', ''],
		['absolute URL', 'https://evil.example/phish'],
		['scheme-relative', '//evil.example/phish'],
		['javascript:', 'javascript:alert(1)'],
		['relative without slash', 'evil.example'],
		['backslash after slash', '/\\evil.example/phish'],
		['backslashes', '/\\\\evil.example'],
		['backslash later', '/ok\\..\\..\\evil'],
		['tab (the reported attack, %09 decoded)', '/\t/evil.example/phish'],
		['line feed (%0a decoded: a 500 before)', '/\nLocation: https://evil.example'],
		['carriage return', '/\r/evil.example'],
		['NUL', '/\u0000/evil.example'],
		['C1 control', '/\u0085/evil.example'],
		['space', '/ /evil.example'],
		['data URL', 'data:text/html,<script>alert(1)</script>'],
		['sign-in page itself', '/connexion?redirectTo=/x'],
		['too long', '/' + 'a'.repeat(3000)]
	])('refuses %s', (_, target) => {
		expect(safeRedirectTarget(target, ORIGIN)).toBe('/');
	});

	it('never returns anything that resolves off the site (property over odd inputs)', () => {
		const pieces = ['/', '//', '\\', '\t', '\n', '%09', '%0a', '%2f', 'evil.example', '@', ':', '.', '..', '?', '#', 'http:', ' '];
		let checked = 0;
		for (const a of pieces)
			for (const b of pieces)
				for (const c of pieces) {
					const result = safeRedirectTarget(a + b + c, ORIGIN);
					expect(new URL(result, ORIGIN).origin).toBe(ORIGIN);
					expect(result.startsWith('/') && !result.startsWith('//') && !/[\\\s]/.test(result)).toBe(true);
					checked++;
				}
		expect(checked).toBe(pieces.length ** 3);
	});
});
