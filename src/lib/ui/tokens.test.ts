import { describe, expect, it } from 'vitest';
import { structureTypes, ui } from '$lib/palette';
import { colourTokens, contrastRatio, hexToRgb, tint, tints, tokensCss } from './tokens';

describe('colour maths', () => {
	it('contrastRatio(black, white) is 21 and is symmetric', () => {
		expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
		expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5);
		expect(contrastRatio('#777777', '#777777')).toBe(1);
	});
	it("contrastRatio('#767676', white) is the well-known 4.54", () => {
		expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
	});
	it("tint('#000000', 0.5) mixes halfway to white", () => {
		expect(tint('#000000', 0.5)).toBe('#808080');
		expect(tint('#1d4f73', 0)).toBe('#1d4f73');
		expect(tint('#1d4f73', 1)).toBe('#ffffff');
	});
	it('hexToRgb rejects short or named colours', () => {
		expect(() => hexToRgb('#fff')).toThrow('invalid hex colour: #fff');
		expect(hexToRgb('#0a0b0c')).toEqual([10, 11, 12]);
	});
});

describe('palette contrast (WCAG 2.1 AA)', () => {
	const textColours = { ink: ui.ink, inkMuted: ui.inkMuted, brand: ui.brand, brandStrong: ui.brandStrong, accent: ui.accent, danger: ui.danger, success: ui.success, warning: ui.warning };
	for (const [name, colour] of Object.entries(textColours)) {
		it(`text colour ${name} reaches 4.5:1 on paper and on surface`, () => {
			expect(contrastRatio(colour, ui.paper)).toBeGreaterThanOrEqual(4.5);
			expect(contrastRatio(colour, ui.surface)).toBeGreaterThanOrEqual(4.5);
		});
	}
	for (const [name, bg] of Object.entries(tints)) {
		it(`badge background ${name}-bg keeps its text colour at 4.5:1`, () => {
			const text = name === 'cs' ? structureTypes[0].color : name === 'evs' ? structureTypes[1].color : ui[name as keyof typeof ui];
			expect(contrastRatio(text, bg)).toBeGreaterThanOrEqual(4.5);
		});
	}
	it('white text on the brand colour (buttons, banner) reaches 4.5:1', () => {
		expect(contrastRatio(ui.paper, ui.brand)).toBeGreaterThanOrEqual(4.5);
		expect(contrastRatio(ui.paper, ui.brandStrong)).toBeGreaterThanOrEqual(4.5);
	});
	it('the focus colour is a visible non-text indicator (≥ 3:1) on paper', () => {
		expect(contrastRatio(ui.focus, ui.paper)).toBeGreaterThanOrEqual(3);
	});
});

describe('tokensCss()', () => {
	it('tokensCss() declares every palette colour as a custom property', () => {
		const css = tokensCss();
		expect(css).toMatch(/^\/\*.*\*\/\n:root \{\n/);
		expect(css).toContain(`--color-ink: ${ui.ink};`);
		expect(css).toContain(`--color-ink-muted: ${ui.inkMuted};`);
		expect(css).toContain(`--color-cs: ${structureTypes[0].color};`);
		expect(css).toContain('--color-coverage-a-renforcer: #cc79a7;');
		expect(css).toContain('--space-4: 1rem;');
		expect(css).toContain("--font-sans: 'Inter Variable'");
		expect(Object.keys(colourTokens()).length).toBeGreaterThan(30);
	});
});
