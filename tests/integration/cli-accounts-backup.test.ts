import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callMaillage, runMaillage } from '../helpers/cli';

/**
 * `maillage users`, `backup` and `restore` on an embedded database. Commands reading a password
 * on standard input run in child processes, as a user types them; the others through the tool's
 * entry in this process (`callMaillage`), the last backup again in a child process.
 */
describe('maillage users / backup / restore on an embedded database', () => {
	let dir: string;
	let env: Record<string, string>;
	beforeAll(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'maillage-cli-accounts-'));
		env = { MAILLAGE_DATA_DIR: path.join(dir, 'pglite') };
	});
	afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

	it('creates the first admin with the password read from standard input, and lists it', async () => {
		const created = await runMaillage(['users', 'create', '--email', 'Premier.Admin@caf.fr', '--role', 'admin', '--json'], {
			env,
			input: 'un mot de passe robuste\n',
			timeoutMs: 60_000
		});
		expect(created.stderr).toContain('Compte créé : premier.admin@caf.fr (admin)');
		expect(created.code).toBe(0);
		expect(JSON.parse(created.stdout)).toMatchObject({ email: 'premier.admin@caf.fr', role: 'admin' });
		const listed = await callMaillage(['users', 'list', '--json'], { env });
		expect(listed.code).toBe(0);
		expect(JSON.parse(listed.stdout).map((u: { email: string }) => u.email)).toEqual(['premier.admin@caf.fr']);
	});

	it('refuses a short password and an unknown role in French (exit 1 / 2)', async () => {
		const short = await runMaillage(['users', 'create', '--email', 'a@caf.fr', '--role', 'agent'], { env, input: 'court\n' });
		expect(short.code).toBe(1);
		expect(short.stderr).toMatch(/12 caractères/);
		const missing = await runMaillage(['users', 'create', '--email', 'a@caf.fr'], { env });
		expect(missing.code).toBe(2);
	});

	it('issues a reset code on standard output only', async () => {
		const result = await callMaillage(['users', 'reset-code', '--email', 'premier.admin@caf.fr'], { env });
		expect(result.code).toBe(0);
		expect(result.stdout.trim()).toMatch(/^[A-Za-z0-9_-]{12}$/);
		expect(result.stderr).toMatch(/valable 24 h/);
	});

	it('backup → reset → restore → backup gives identical files (sessions excluded)', async () => {
		const first = path.join(dir, 'a.ndjson');
		const second = path.join(dir, 'b.ndjson');
		// Issue 11: the demo (and its public password) never goes beside real accounts.
		const refusedSeed = await callMaillage(['db', 'seed-demo'], { env, timeoutMs: 90_000 });
		expect(refusedSeed.code).toBe(1);
		expect(refusedSeed.stderr).toContain('la base contient déjà des comptes utilisateurs');
		expect((await callMaillage(['db', 'reset', '--yes'], { env })).code).toBe(0);
		expect((await callMaillage(['db', 'seed-demo'], { env, timeoutMs: 90_000 })).code).toBe(0);
		const saved = await callMaillage(['backup', '--out', first], { env, timeoutMs: 90_000 });
		expect(saved.code).toBe(0);
		expect((await callMaillage(['db', 'reset', '--yes'], { env })).code).toBe(0);
		const refused = await callMaillage(['restore', '--in', first], { env });
		expect(refused.code).toBe(2);
		const restored = await callMaillage(['restore', '--in', first, '--yes'], { env, timeoutMs: 90_000 });
		expect(restored.stderr).toMatch(/Restauration terminée/);
		expect(restored.code).toBe(0);
		expect((await runMaillage(['backup', 'create', '--out', second], { env, timeoutMs: 90_000 })).code).toBe(0);
		const a = fs.readFileSync(first, 'utf8').split('\n');
		const b = fs.readFileSync(second, 'utf8').split('\n');
		// The header carries the backup time; every data line must match.
		expect(b.slice(1)).toEqual(a.slice(1));
		expect(a.length).toBeGreaterThan(1000);
	});
});
