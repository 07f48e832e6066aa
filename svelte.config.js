import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		// CSRF origin check stays on (default).
		// Content-Security-Policy: SvelteKit adds the nonces (or hashes) of its inline scripts; the
		// server hook (hooks.server.ts) then adds the basemap origins, which depend on PUBLIC_BASEMAP_STYLE.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				// MapLibre's worker is a same-origin module; blob: for its cross-origin fallback.
				'worker-src': ['self', 'blob:'],
				'child-src': ['blob:'],
				'img-src': ['self', 'data:', 'blob:'],
				'connect-src': ['self'],
				// Style *elements*: only the stylesheets of the build and the design tokens (hooks.server.ts
				// adds the hash of their <style>). Style *attributes* stay allowed: measured in Chromium on
				// every page, server-rendered Svelte writes 199 of them on 39 pages (data colours of legends
				// and swatches, map heights, SvelteKit's own route announcer); their values depend on the
				// data, so 'unsafe-hashes' cannot list them. An attribute cannot load anything (img-src and
				// font-src stay 'self') nor select other elements, unlike an injected <style>.
				'style-src': ['self'],
				'style-src-attr': ['unsafe-inline'],
				'font-src': ['self'],
				'object-src': ['none'],
				'frame-ancestors': ['none'],
				'base-uri': ['self'],
				'form-action': ['self']
			}
		}
	}
};

export default config;
