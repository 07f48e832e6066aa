/** Every route id of the app, read from the files SvelteKit routes from (for access tests). */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const defaultRoot = fileURLToPath(new URL('../../src/routes', import.meta.url));

export interface RouteInfo {
	id: string;
	/** Has a page (+page.svelte) — reads redirect to sign-in when signed out. */
	page: boolean;
	/** Has an endpoint (+server.ts). */
	endpoint: boolean;
}

export function listRoutes(root = defaultRoot): RouteInfo[] {
	const routes = new Map<string, RouteInfo>();
	const walk = (dir: string) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(full);
			else {
				const match = /^\+(page|server)(\.server)?\.(svelte|ts|js)$/.exec(entry.name);
				if (!match) continue;
				const id = '/' + path.relative(root, dir).split(path.sep).filter(Boolean).join('/');
				const info = routes.get(id) ?? { id, page: false, endpoint: false };
				if (match[1] === 'page') info.page = true;
				else info.endpoint = true;
				routes.set(id, info);
			}
		}
	};
	walk(root);
	return [...routes.values()].sort((a, b) => a.id.localeCompare(b.id));
}

export function routeIds(root = defaultRoot): string[] {
	return listRoutes(root).map((r) => r.id);
}

/** A concrete URL for a route id, with sample values for its parameters (groups dropped). */
export function samplePath(id: string, samples: Record<string, string> = {}): string {
	return (
		id
			.replace(/\/\([^)]+\)/g, '')
			.replace(/\[\.\.\.(\w+)\]/g, (_, name: string) => samples[name] ?? 'x')
			.replace(/\[\[?(\w+)(?:=\w+)?\]?\]/g, (_, name: string) => samples[name] ?? '1') || '/'
	);
}
