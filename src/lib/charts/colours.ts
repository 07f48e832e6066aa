/**
 * Colours of chart series from the shared palette: each partner keeps the same colour in every
 * chart (Sankey, stacked bars, legends) because the colour follows its rank among all partner ids,
 * not among those a filter leaves. Pure.
 */
import { series, ui } from '../palette';

/** Neutral colour of the nodes and links that are not a partner's. */
export const NEUTRAL = ui.brand;
export const NEUTRAL_LINK = ui.border;

/** Partner id → colour, by ascending id over `allPartnerIds`, cycling through the series palette. */
export function partnerColours(allPartnerIds: readonly number[]): Record<number, string> {
	const ids = [...new Set(allPartnerIds)].sort((a, b) => a - b);
	const out: Record<number, string> = {};
	ids.forEach((id, i) => (out[id] = series[i % series.length]));
	return out;
}

/** Dark or light text over a fill (relative luminance), for labels drawn inside bars. */
export function textOn(fill: string): string {
	const hex = fill.replace('#', '');
	const [r, g, b] = [0, 2, 4].map((i) => {
		const c = parseInt(hex.slice(i, i + 2), 16) / 255;
		return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	});
	const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
	return luminance > 0.35 ? ui.ink : ui.paper;
}
