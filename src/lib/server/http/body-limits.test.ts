import { describe, expect, it } from 'vitest';
import { DEFAULT_BODY_LIMIT_BYTES, UPLOAD_ROUTES, bodyLimitOf, largestBodyLimit, maxUploadBytes, refuseBody, uploadRouteOf } from './body-limits.js';
import { resourceOfRoute } from '../auth/routes';
import { GRANTS } from '../../domain/policy';

const MB = 1024 * 1024;

describe('uploadRouteOf(method, url)', () => {
	it('finds the four upload routes, POST only, with their action', () => {
		expect(uploadRouteOf('POST', '/api/import?kind=communes&fileName=a.geojson')?.label).toMatch(/import/);
		expect(uploadRouteOf('POST', '/administration/import?/importer')).not.toBeNull();
		expect(uploadRouteOf('POST', '/financements/import')).not.toBeNull();
		expect(uploadRouteOf('POST', '/agrements/12?/document')).not.toBeNull();
		expect(uploadRouteOf('GET', '/api/import')).toBeNull();
	});

	it('gives the small limit to every other action of the same pages and to look-alike paths', () => {
		for (const url of [
			'/agrements/12?/evaluation',
			'/agrements/12',
			'/administration/import?/autre',
			'/financements/import?/x',
			'/api/import/1/rapport.csv',
			'/api/importer',
			'/api/%69mport',
			'/connexion?/connexion',
			'//api/import',
			'/agrements/1234567890?/document'
		]) {
			expect([url, bodyLimitOf('POST', url, {})]).toEqual([url, DEFAULT_BODY_LIMIT_BYTES]);
		}
	});

	it('lists only routes that the access policy reserves to CAF staff', () => {
		const samples: Record<string, string> = {
			'/api/import': '/api/import',
			'/administration/import': '/administration/import',
			'/financements/import': '/financements/import',
			'/exports/observatoire/import': '/exports/observatoire/import',
			'/agrements/[id]': '/agrements/1'
		};
		for (const [routeId, path] of Object.entries(samples)) {
			const route = UPLOAD_ROUTES.find((r) => r.path.test(path));
			expect(route, routeId).toBeDefined();
			const resource = resourceOfRoute(routeId);
			expect(resource).not.toBeNull();
			expect(resource).not.toBe('public');
			expect([...GRANTS[resource as Exclude<typeof resource, 'public' | null>].write].sort()).toEqual(['admin', 'agent']);
		}
		expect(UPLOAD_ROUTES).toHaveLength(5);
	});
});

describe('limits from the environment', () => {
	it('reads MAILLAGE_MAX_UPLOAD_MB (the README setting), falls back to 100 MB', () => {
		expect(maxUploadBytes({})).toBe(100 * MB);
		expect(maxUploadBytes({ MAILLAGE_MAX_UPLOAD_MB: '5' })).toBe(5 * MB);
		expect(maxUploadBytes({ MAILLAGE_MAX_UPLOAD_MB: 'beaucoup' })).toBe(100 * MB);
		expect(maxUploadBytes({ MAILLAGE_UPLOAD_LIMIT: '5' } as NodeJS.ProcessEnv)).toBe(100 * MB);
		expect(bodyLimitOf('POST', '/api/import', { MAILLAGE_MAX_UPLOAD_MB: '5' })).toBe(5 * MB);
		expect(bodyLimitOf('POST', '/agrements/3?/document', { MAILLAGE_MAX_DOCUMENT_MB: '2' })).toBe(2 * MB + 64 * 1024);
		expect(largestBodyLimit({ MAILLAGE_MAX_UPLOAD_MB: '5', MAILLAGE_MAX_DOCUMENT_MB: '30' })).toBe(30 * MB + 64 * 1024);
	});
});

describe('refuseBody(request)', () => {
	const req = (method: string, url: string, headers: Record<string, string>) => ({ method, url, headers });

	it('accepts requests without a body and bodies within the limit', () => {
		expect(refuseBody(req('GET', '/', {}), {})).toBeNull();
		expect(refuseBody(req('POST', '/connexion?/connexion', { 'content-length': String(64 * 1024) }), {})).toBeNull();
		expect(refuseBody(req('POST', '/api/import', { 'content-length': String(100 * MB) }), {})).toBeNull();
	});

	it('refuses a body over its route limit with 413 in French, naming the setting on upload routes', () => {
		const small = refuseBody(req('POST', '/connexion?/connexion', { 'content-length': String(100 * MB) }), {});
		expect(small).toEqual({ status: 413, message: 'Envoi trop volumineux : 100 Mo pour 64 Ko au plus sur cette adresse.' });
		const upload = refuseBody(req('POST', '/api/import', { 'content-length': String(101 * MB) }), {});
		expect(upload?.status).toBe(413);
		expect(upload?.message).toBe(
			'Le fichier dépasse la taille maximale d’import de 100 Mo (réglable par MAILLAGE_MAX_UPLOAD_MB). Rien n’a été importé. Pour un fichier plus gros, utilisez la ligne de commande (npm run maillage -- import …).'
		);
		expect(refuseBody(req('POST', '/agrements/1?/document', { 'content-length': String(25 * MB) }), {})?.message).toBe(
			'Le fichier dépasse la limite de 20 Mo (réglable par MAILLAGE_MAX_DOCUMENT_MB). Rien n’a été enregistré.'
		);
	});

	it('refuses a body without a declared length (chunked) with 411', () => {
		expect(refuseBody(req('POST', '/connexion', { 'transfer-encoding': 'chunked' }), {})?.status).toBe(411);
		expect(refuseBody(req('POST', '/api/import', { 'transfer-encoding': 'chunked' }), {})?.status).toBe(411);
	});
});
