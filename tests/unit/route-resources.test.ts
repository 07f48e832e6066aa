import { describe, expect, it } from 'vitest';
import { resourceOfRoute } from '../../src/lib/server/auth/routes';
import { routeIds, samplePath } from '../helpers/routes';

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

describe('samplePath(routeId)', () => {
	it('fills parameters with samples and drops route groups', () => {
		expect(samplePath('/(app)/structures/[id]/modifier', { id: '7' })).toBe('/structures/7/modifier');
		expect(samplePath('/territoires/[code]', { code: '00001' })).toBe('/territoires/00001');
		expect(samplePath('/documents/[...path]')).toBe('/documents/x');
		expect(samplePath('/')).toBe('/');
	});
});
