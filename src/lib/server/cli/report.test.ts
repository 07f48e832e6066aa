import { describe, expect, it } from 'vitest';
import { EnvironmentError, RejectedDataError } from '../errors';
import { UsageError } from './args';
import { redact, reportError } from './report';

function capture() {
	const out = { stdout: '', stderr: '' };
	return {
		out,
		io: { stdout: { write: (s: string) => (out.stdout += s) }, stderr: { write: (s: string) => (out.stderr += s) } }
	};
}

describe('reportError(error, io, env, helpHint)', () => {
	it('reportError maps rejected data to 1, usage to 2 (with the help hint) and environment to 3', () => {
		const cases = [
			[new RejectedDataError('données refusées'), 1],
			[new UsageError('mauvaise option'), 2],
			[new EnvironmentError('base injoignable'), 3]
		] as const;
		for (const [error, code] of cases) {
			const { io, out } = capture();
			expect(reportError(error, io, {}, 'maillage db --help')).toBe(code);
			expect(out.stderr.startsWith(`Erreur : ${error.message}\n`)).toBe(true);
			expect(out.stderr.includes('Aide : maillage db --help')).toBe(code === 2);
			expect(out.stdout).toBe('');
		}
	});

	it('reportError calls anything else « Erreur inattendue », exit 1, stack only with MAILLAGE_DEBUG=1', () => {
		const quiet = capture();
		expect(reportError(new TypeError('boom'), quiet.io, {}, '')).toBe(1);
		expect(quiet.out.stderr).toContain('Erreur inattendue : boom');
		expect(quiet.out.stderr).toContain('MAILLAGE_DEBUG=1');
		expect(quiet.out.stderr).not.toContain('at ');
		const debug = capture();
		reportError(new TypeError('boom'), debug.io, { MAILLAGE_DEBUG: '1' }, '');
		expect(debug.out.stderr).toMatch(/TypeError: boom\n\s+at /);
	});

	it('reportError never prints the DATABASE_URL password', () => {
		const env = { DATABASE_URL: 'postgres://caf:Tr%C3%A8sSecret@db.example/maillage' };
		const { io, out } = capture();
		reportError(new Error(`échec sur ${env.DATABASE_URL} (mot de passe TrèsSecret)`), io, env, '');
		expect(out.stderr).not.toMatch(/Tr(%C3%A8|è)sSecret/);
		expect(out.stderr).toContain('***');
	});
});

describe('redact(text, env)', () => {
	it('redact(text, env) blanks ":password@" even for a short password, without garbling other letters', () => {
		const env = { DATABASE_URL: 'postgres://nobody:x@127.0.0.1:1/none' };
		expect(redact('postgres://nobody:x@127.0.0.1:1/none refusée, xyz', env)).toBe('*** refusée, xyz');
		expect(redact('user nobody:x@host', env)).toBe('user nobody:***@host');
	});
	it('redact(text, {}) leaves text alone without DATABASE_URL', () => {
		expect(redact('rien à cacher', {})).toBe('rien à cacher');
	});
});
