import { describe, expect, it } from 'vitest';
import { resolveBasemap } from './basemap';
import { addCspSources, basemapCspAdditions } from './basemap-csp';

const policy = "default-src 'self'; script-src 'self' 'nonce-abc'; img-src 'self' data: blob:; connect-src 'self'";

describe('addCspSources', () => {
	it('addCspSources(policy, additions) appends sources to existing directives, keeping the others', () => {
		expect(addCspSources(policy, { 'connect-src': ['https://data.geopf.fr'], 'img-src': ['https://data.geopf.fr'] })).toBe(
			"default-src 'self'; script-src 'self' 'nonce-abc'; img-src 'self' data: blob: https://data.geopf.fr; connect-src 'self' https://data.geopf.fr"
		);
	});

	it('addCspSources(policy, additions) creates a missing directive from default-src', () => {
		expect(addCspSources("default-src 'self'", { 'connect-src': ['https://a.example'] })).toBe(
			"default-src 'self'; connect-src 'self' https://a.example"
		);
	});

	it("addCspSources(policy, additions) skips duplicates and replaces 'none'", () => {
		expect(addCspSources("connect-src 'self' https://a.example; img-src 'none'", {
			'connect-src': ['https://a.example'],
			'img-src': ['https://a.example']
		})).toBe("connect-src 'self' https://a.example; img-src https://a.example");
	});

	it('addCspSources(policy, {}) returns the policy normalised but unchanged', () => {
		expect(addCspSources(`${policy};`, {})).toBe(policy);
	});
});

describe('basemapCspAdditions', () => {
	it('basemapCspAdditions(Plan IGN) opens connect-src and img-src to data.geopf.fr', () => {
		expect(basemapCspAdditions(resolveBasemap(undefined))).toEqual({
			'connect-src': ['https://data.geopf.fr'],
			'img-src': ['https://data.geopf.fr']
		});
	});

	it('basemapCspAdditions(offline) adds nothing', () => {
		expect(basemapCspAdditions(resolveBasemap('offline'))).toEqual({});
	});
});
