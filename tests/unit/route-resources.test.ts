import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resourceOfRoute } from '../../src/lib/server/auth/routes';

/** Every route id of the app, read from the files SvelteKit routes from. */
export function routeIds(root = path.resolve('src/routes')): string[] {
	const ids = new Set<string>();
	const walk = (dir: string) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(full);
			else if (/^\+(page|server)(\.server)?\.(svelte|ts|js)$/.test(entry.name)) {
				const id = '/' + path.relative(root, dir).split(path.sep).filter(Boolean).join('/');
				ids.add(id === '/' ? '/' : id.replace(/\/$/, ''));
			}
		}
	};
	walk(root);
	return [...ids].sort();
}

describe('resourceOfRoute(routeId)', () => {
	it('maps every route of src/routes to a resource of the access policy (fail closed otherwise)', () => {
		const unmapped = routeIds().filter((id) => resourceOfRoute(id) === null);
		expect(unmapped).toEqual([]);
	});
	it('uses the longest prefix and ignores route groups', () => {
		expect(resourceOfRoute('/administration/import')).toBe('import');
		expect(resourceOfRoute('/administration/utilisateurs')).toBe('administration');
		expect(resourceOfRoute('/(app)/structures/[id]')).toBe('structures');
		expect(resourceOfRoute('/')).toBe('pilotage');
		expect(resourceOfRoute('/carteXYZ')).toBeNull();
		expect(resourceOfRoute('/inconnue')).toBeNull();
	});
});
