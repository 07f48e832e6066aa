/**
 * The basemap under our own layers, chosen by the `PUBLIC_BASEMAP_STYLE` setting:
 * - `offline`: a built-in style with a single paper-coloured background (zero network request);
 * - empty or absent: IGN's Plan IGN vector style (Géoplateforme);
 * - anything else: the URL of a MapLibre style JSON.
 * Our layers (communes, EPCI, structures) are added on top of whichever basemap.
 */
import type { StyleSpecification } from 'maplibre-gl';
import { ui } from '$lib/palette';

/** IGN's Plan IGN standard vector style on the Géoplateforme. */
export const PLAN_IGN_STYLE_URL =
	'https://data.geopf.fr/annexes/ressources/vectorTiles/styles/PLAN.IGN/standard.json';

/** The setting value selecting the built-in offline style. */
export const OFFLINE_BASEMAP = 'offline';

/** Attribution of our own layers. */
export const MAILLAGE_ATTRIBUTION = 'Données : Maillage';

/** Attribution of Plan IGN. */
export const IGN_ATTRIBUTION = '© IGN';

/** Built-in style: a background layer only, no sources, glyphs or sprite, hence no request. */
export const offlineStyle = {
	version: 8,
	name: 'Maillage — fond neutre hors ligne',
	sources: {},
	layers: [{ id: 'maillage-paper', type: 'background', paint: { 'background-color': ui.surface } }]
} as const satisfies StyleSpecification;

export interface Basemap {
	kind: 'offline' | 'plan-ign' | 'custom';
	/** What to give MapLibre's `style` option: the offline style object or a style URL. */
	style: StyleSpecification | string;
	/** Extra attribution to show for the basemap, or null (custom styles carry their own). */
	attribution: string | null;
	/** Origins the browser must reach for this basemap (for the Content-Security-Policy). */
	origins: string[];
}

/** The origin (`https://host[:port]`) of an absolute http(s) URL, or null. */
function httpOrigin(url: string): string | null {
	try {
		const parsed = new URL(url);
		return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : null;
	} catch {
		return null;
	}
}

/**
 * Resolves the basemap setting (`PUBLIC_BASEMAP_STYLE`).
 * `offline` (any case, trimmed) → built-in style; empty/undefined → Plan IGN; otherwise the value as a URL.
 * A relative URL (e.g. `/styles/fond.json`) is served by the app itself: no extra origin.
 */
export function resolveBasemap(value: string | undefined | null): Basemap {
	const setting = value?.trim() ?? '';
	if (setting.toLowerCase() === OFFLINE_BASEMAP) {
		return { kind: 'offline', style: structuredClone(offlineStyle) as StyleSpecification, attribution: null, origins: [] };
	}
	if (setting === '' || setting === PLAN_IGN_STYLE_URL) {
		return {
			kind: 'plan-ign',
			style: PLAN_IGN_STYLE_URL,
			attribution: IGN_ATTRIBUTION,
			origins: [httpOrigin(PLAN_IGN_STYLE_URL) as string]
		};
	}
	const origin = httpOrigin(setting);
	return { kind: 'custom', style: setting, attribution: null, origins: origin ? [origin] : [] };
}

/** The MapLibre `style` for a basemap setting: the offline style object or a style URL. */
export function resolveBasemapStyle(value: string | undefined | null): StyleSpecification | string {
	return resolveBasemap(value).style;
}
