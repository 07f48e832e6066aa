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
				// Svelte writes style attributes (style:height …) and MapLibre positions its controls inline.
				'style-src': ['self', 'unsafe-inline'],
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
