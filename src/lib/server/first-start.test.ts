import { describe, expect, it } from 'vitest';
import { STARTUP_PHASES, startupPage, startupResponse, type StartupStatus } from './first-start';

const status = (over: Partial<StartupStatus> = {}): StartupStatus => ({ phase: 'territoire', seeding: true, startedAt: 0, error: null, ...over });

describe('first-start page', () => {
	it('says what is happening, which step of how many, for how long, and reloads itself', () => {
		const html = startupPage(status(), 7_400);
		expect(html).toContain('<html lang="fr">');
		expect(html).toContain('Premier démarrage de Maillage');
		expect(html).toContain('<meta http-equiv="refresh" content="2">');
		const index = STARTUP_PHASES.indexOf('territoire');
		expect(html).toContain(`Étape ${index + 1} sur ${STARTUP_PHASES.length}`);
		expect(html).toContain(`<progress id="avancement" max="${STARTUP_PHASES.length}" value="${index}">`);
		expect(html).toContain('aria-current="step"');
		expect(html).toContain('Depuis 7 s.');
	});

	it('on a failure, shows the French reason and stops reloading', () => {
		const html = startupPage(status({ error: 'Le dossier data/pglite est verrouillé par un autre processus <maillage>.' }), 0);
		expect(html).toContain('role="alert"');
		expect(html).toContain('&#60;maillage&#62;');
		expect(html).not.toContain('http-equiv="refresh"');
	});

	it('answers 503 with Retry-After, HTML to browsers and JSON to the rest', async () => {
		const page = startupResponse(new Request('http://x/', { headers: { accept: 'text/html' } }), status(), 0);
		expect(page.status).toBe(503);
		expect(page.headers.get('retry-after')).toBe('2');
		expect(page.headers.get('cache-control')).toBe('no-store');
		expect(page.headers.get('content-type')).toMatch(/text\/html/);
		const api = startupResponse(new Request('http://x/api/coverage'), status({ seeding: false, phase: 'migrations' }), 0);
		expect(api.headers.get('content-type')).toMatch(/json/);
		expect((await api.json()).message).toMatch(/^Maillage démarre \(mise à jour du schéma/);
		expect(startupResponse(new Request('http://x/'), status({ error: 'x' }), 0).status).toBe(500);
	});
});
