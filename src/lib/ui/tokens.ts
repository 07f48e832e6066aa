/**
 * Design tokens as CSS custom properties, generated from `$lib/palette` (the single source of
 * colours) plus the spacing, type and radius scales. `tokensCss()` is served as `/theme.css`
 * by the route `src/routes/theme.css/+server.ts`, so no inline style is needed (CSP-friendly).
 * Pure: no DOM, no I/O.
 */
import { coverageCategories, sequential, series, structureTypes, territory, ui } from '$lib/palette';

type Hex = `#${string}`;

/** `#rrggbb` → [r, g, b] in 0–255; throws on other shapes. */
export function hexToRgb(hex: string): [number, number, number] {
	const match = /^#([0-9a-f]{6})$/i.exec(hex);
	if (!match) throw new Error(`invalid hex colour: ${hex}`);
	const n = parseInt(match[1], 16);
	return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function toHex(rgb: [number, number, number]): Hex {
	return `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

/** `colour` mixed with white: `amount` 0 = the colour, 1 = white (sRGB interpolation). */
export function tint(colour: string, amount: number): Hex {
	const [r, g, b] = hexToRgb(colour);
	return toHex([r + (255 - r) * amount, g + (255 - g) * amount, b + (255 - b) * amount]);
}

/** WCAG 2.1 relative luminance of an sRGB colour, 0 (black) – 1 (white). */
export function relativeLuminance(colour: string): number {
	const [r, g, b] = hexToRgb(colour).map((c) => {
		const v = c / 255;
		return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
	});
	return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2.1 contrast ratio between two colours, 1 – 21 (AA text needs ≥ 4.5). */
export function contrastRatio(a: string, b: string): number {
	const [x, y] = [relativeLuminance(a), relativeLuminance(b)];
	return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

function kebab(name: string): string {
	return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).replace(/_/g, '-');
}

/** Light backgrounds for status badges and notes, each paired with its text colour. */
export const tints = {
	brand: tint(ui.brand, 0.9),
	accent: tint(ui.accent, 0.95),
	danger: tint(ui.danger, 0.9),
	success: tint(ui.success, 0.9),
	warning: tint(ui.warning, 0.88),
	cs: tint(structureTypes[0].color, 0.9),
	evs: tint(structureTypes[1].color, 0.9)
} as const satisfies Record<string, Hex>;

/** Every colour token, by CSS variable name (without the leading `--`). */
export function colourTokens(): Record<string, string> {
	const tokens: Record<string, string> = {};
	for (const [key, value] of Object.entries(ui)) tokens[`color-${kebab(key)}`] = value;
	for (const [key, value] of Object.entries(tints)) tokens[`color-${kebab(key)}-bg`] = value;
	for (const t of structureTypes) tokens[`color-${t.key.toLowerCase()}`] = t.color;
	for (const c of coverageCategories) tokens[`color-coverage-${kebab(c.key)}`] = c.color;
	for (const [key, value] of Object.entries(territory)) tokens[`color-territory-${kebab(key)}`] = value;
	sequential.forEach((value, i) => (tokens[`color-sequential-${i + 1}`] = value));
	series.forEach((value, i) => (tokens[`color-series-${i + 1}`] = value));
	return tokens;
}

/** Spacing scale (rem), type scale (rem, 1rem = the user's font size), radii and fonts. */
export const scales = {
	'space-1': '0.25rem',
	'space-2': '0.5rem',
	'space-3': '0.75rem',
	'space-4': '1rem',
	'space-5': '1.5rem',
	'space-6': '2rem',
	'space-7': '3rem',
	'space-8': '4rem',
	'text-xs': '0.8125rem',
	'text-sm': '0.875rem',
	'text-base': '1rem',
	'text-lg': '1.125rem',
	'text-xl': '1.375rem',
	'text-2xl': '1.75rem',
	'text-3xl': '2.25rem',
	'leading-tight': '1.25',
	'leading-normal': '1.55',
	'radius-sm': '0.25rem',
	'radius-md': '0.5rem',
	'radius-lg': '0.75rem',
	'radius-pill': '999px',
	'font-sans': "'Inter Variable', Inter, system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif",
	'font-mono': "ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace",
	'content-width': '75rem',
	'shadow-card': '0 1px 2px rgb(26 37 48 / 0.08), 0 1px 1px rgb(26 37 48 / 0.04)'
} as const;

/** The `:root { --… }` stylesheet of every token. */
export function tokensCss(): string {
	const entries = { ...colourTokens(), ...scales };
	const lines = Object.entries(entries).map(([name, value]) => `\t--${name}: ${value};`);
	return `/* Généré depuis src/lib/palette.ts et src/lib/ui/tokens.ts : ne pas éditer. */\n:root {\n${lines.join('\n')}\n}\n`;
}
