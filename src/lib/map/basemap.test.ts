import { describe, expect, it } from 'vitest';
import { ui } from '$lib/palette';
import { IGN_ATTRIBUTION, PLAN_IGN_STYLE_URL, offlineStyle, resolveBasemap, resolveBasemapStyle } from './basemap';

describe('resolveBasemapStyle', () => {
	it("resolveBasemapStyle('offline') returns a background-only style that requests nothing", () => {
		const style = resolveBasemapStyle('offline');
		expect(typeof style).toBe('object');
		if (typeof style === 'string') return;
		expect(style.version).toBe(8);
		expect(style.sources).toEqual({});
		expect(style.glyphs).toBeUndefined();
		expect(style.sprite).toBeUndefined();
		expect(style.layers).toHaveLength(1);
		expect(style.layers[0]).toMatchObject({ type: 'background', paint: { 'background-color': ui.surface } });
		expect(JSON.stringify(style)).not.toMatch(/https?:/);
	});

	it("resolveBasemapStyle(' OFFLINE ') is case- and space-insensitive", () => {
		expect(resolveBasemapStyle(' OFFLINE ')).toEqual(offlineStyle);
	});

	it('resolveBasemapStyle(undefined | "") falls back to Plan IGN', () => {
		expect(resolveBasemapStyle(undefined)).toBe(PLAN_IGN_STYLE_URL);
		expect(resolveBasemapStyle('')).toBe(PLAN_IGN_STYLE_URL);
		expect(resolveBasemapStyle('   ')).toBe(PLAN_IGN_STYLE_URL);
		expect(PLAN_IGN_STYLE_URL).toBe(
			'https://data.geopf.fr/annexes/ressources/vectorTiles/styles/PLAN.IGN/standard.json'
		);
	});

	it('resolveBasemapStyle(url) returns any other value as the style URL', () => {
		expect(resolveBasemapStyle('https://tiles.example.org/style.json')).toBe('https://tiles.example.org/style.json');
		expect(resolveBasemapStyle('/styles/fond.json')).toBe('/styles/fond.json');
	});

	it('resolveBasemapStyle(offline) returns a copy: mutating it leaves the built-in style intact', () => {
		const style = resolveBasemapStyle('offline');
		if (typeof style !== 'string') style.layers.length = 0;
		expect(offlineStyle.layers).toHaveLength(1);
	});
});

describe('resolveBasemap', () => {
	it('resolveBasemap("") credits IGN and needs data.geopf.fr', () => {
		expect(resolveBasemap('')).toMatchObject({
			kind: 'plan-ign',
			attribution: IGN_ATTRIBUTION,
			origins: ['https://data.geopf.fr']
		});
		expect(IGN_ATTRIBUTION).toBe('© IGN');
	});

	it('resolveBasemap("offline") needs no origin and adds no attribution', () => {
		expect(resolveBasemap('offline')).toMatchObject({ kind: 'offline', attribution: null, origins: [] });
	});

	it('resolveBasemap(custom URL) needs the origin of that URL, port included', () => {
		expect(resolveBasemap('https://tuiles.caf.example:8443/styles/a.json?key=1').origins).toEqual([
			'https://tuiles.caf.example:8443'
		]);
	});

	it('resolveBasemap(relative URL) needs no extra origin (served by the app)', () => {
		expect(resolveBasemap('/styles/fond.json')).toMatchObject({ kind: 'custom', origins: [] });
	});
});
