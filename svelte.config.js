import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		// CSRF origin check stays on (default); CSP is set in hooks.server.ts so it can follow PUBLIC_BASEMAP_STYLE.
	}
};

export default config;
