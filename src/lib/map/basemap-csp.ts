/**
 * Content-Security-Policy additions a basemap needs. SvelteKit writes the static policy (with the
 * nonces of its inline scripts, see `kit.csp` in svelte.config.js); the server hook then widens
 * `connect-src` and `img-src` with the basemap origins, which depend on the run-time setting.
 */
import type { Basemap } from './basemap';

/** Directive name → sources to add, e.g. `{ 'connect-src': ['https://data.geopf.fr'] }`. */
export type CspAdditions = Partial<Record<string, readonly string[]>>;

/** Sources the basemap adds: style, tiles, glyphs and sprites are fetched (connect-src) and drawn as images. */
export function basemapCspAdditions(basemap: Pick<Basemap, 'origins'>): CspAdditions {
	if (basemap.origins.length === 0) return {};
	return { 'connect-src': basemap.origins, 'img-src': basemap.origins };
}

/**
 * Adds sources to the directives of a serialised policy (`"default-src 'self'; img-src 'self'"`),
 * keeping order and skipping duplicates. A directive that is absent is created from `default-src`'s
 * sources plus the additions, since an absent directive falls back to `default-src`.
 */
export function addCspSources(policy: string, additions: CspAdditions): string {
	const directives = policy
		.split(';')
		.map((part) => part.trim().split(/\s+/).filter(Boolean))
		.filter((tokens) => tokens.length > 0)
		.map(([name, ...sources]) => ({ name: name.toLowerCase(), sources }));
	const fallback = directives.find((d) => d.name === 'default-src')?.sources ?? [];
	for (const [name, extra] of Object.entries(additions)) {
		if (!extra || extra.length === 0) continue;
		let directive = directives.find((d) => d.name === name);
		if (!directive) {
			directive = { name, sources: [...fallback] };
			directives.push(directive);
		}
		// 'none' cannot be combined with other sources.
		directive.sources = directive.sources.filter((s) => s !== "'none'");
		for (const source of extra) if (!directive.sources.includes(source)) directive.sources.push(source);
	}
	return directives.map((d) => [d.name, ...d.sources].join(' ')).join('; ');
}
