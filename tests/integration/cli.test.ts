/**
 * The `maillage` tool end to end: help and usage errors, the `db` commands on a throw-away PGlite
 * folder (one folder for the whole sequence), the data folder lock, an unreachable server, and —
 * when TEST_DATABASE_URL is set — the same sequence on PostgreSQL in a schema of its own, checking
 * that a reset leaves other schemas alone. What only a process shows runs in child processes (the
 * exit status of help, usage, data and environment errors; the lock another process holds); the
 * rest through the tool's entry in this process (`callMaillage`: same commands and outputs, without
 * a Node start and PGlite load per call).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callMaillage, runMaillage, repoRoot, type CliResult } from '../helpers/cli';
import { testDatabaseUrl } from '../helpers/db';
import { lockDataFolder } from '../../src/lib/server/db/lock';
import { createDb, type DbHandle } from '../../src/lib/server/db/index';
import { migrations } from '../../db/migrations/index';

const MIGRATIONS = Object.keys(migrations);

interface StatusJson {
	kind: string;
	location: string;
	schema: string;
	exists: boolean;
	migrations: { applied: { name: string; appliedAt: string }[]; pending: string[] };
	dataset: string | null;
	counts: Record<string, number>;
}

/** stdout parsed as JSON — it must hold nothing else. */
function json<T>(result: CliResult): T {
	expect(result.code, result.stderr).toBe(0);
	return JSON.parse(result.stdout) as T;
}

describe.concurrent('maillage: help and usage errors', () => {
	it('maillage --help prints the French help of the tool on stdout, exit 0', async () => {
		const r = await runMaillage(['--help']);
		expect(r.code).toBe(0);
		expect(r.stdout).toContain('Usage : maillage <groupe> <commande> [options]');
		expect(r.stdout).toContain('Codes de sortie');
		expect(r.stdout).toMatch(/^\s+db\s+Base de données/m);
		expect(r.stderr).toBe('');
	});

	it('maillage db --help lists the db commands, exit 0', async () => {
		const r = await callMaillage(['db', '-h']);
		expect(r.code).toBe(0);
		for (const name of ['migrate', 'seed-demo', 'reset', 'status']) expect(r.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
	});

	it('maillage db <command> --help prints the usage and options of each command, exit 0', async () => {
		const results = await Promise.all(['migrate', 'seed-demo', 'reset', 'status'].map((c) => callMaillage(['db', c, '--help'])));
		for (const [i, name] of ['migrate', 'seed-demo', 'reset', 'status'].entries()) {
			expect(results[i].code).toBe(0);
			expect(results[i].stdout).toContain(`Usage : maillage db ${name} [options]`);
			expect(results[i].stdout).toContain('Options :');
		}
		expect(results[2].stdout).toContain('-y, --yes');
		expect(results[3].stdout).toContain('--json');
	});

	it('maillage --version prints the package version on stdout', async () => {
		const r = await callMaillage(['--version']);
		const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
		expect(r).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
	});

	it('maillage without arguments shows the help on stderr and exits 2', async () => {
		const r = await runMaillage([]);
		expect(r.code).toBe(2);
		expect(r.stdout).toBe('');
		expect(r.stderr).toContain('Usage : maillage');
		expect(r.stderr).toContain('indiquez un groupe et une commande');
	});

	it('an unknown group or command exits 2 with a French message, a suggestion and the help hint', async () => {
		const [group, command] = await Promise.all([runMaillage(['bd', 'status']), callMaillage(['db', 'stat'])]);
		expect(group.code).toBe(2);
		expect(group.stderr).toContain('Groupe de commandes inconnu : « bd »');
		expect(group.stderr).toContain('Aide : maillage --help');
		expect(command.code).toBe(2);
		expect(command.stderr).toContain('Vouliez-vous dire « status » ?');
		expect(command.stderr).toContain('Aide : maillage db --help');
		expect(group.stdout + command.stdout).toBe('');
	});

	it('an unknown option exits 2 and points to the command help', async () => {
		const r = await callMaillage(['db', 'status', '--verbose']);
		expect(r.code).toBe(2);
		expect(r.stderr).toContain('Option inconnue : --verbose');
		expect(r.stderr).toContain('Aide : maillage db status --help');
	});

	it('db reset without --yes exits 2, explains, and does not even open the base', async () => {
		const dir = path.join(os.tmpdir(), `maillage-cli-noreset-${randomBytes(4).toString('hex')}`);
		const r = await callMaillage(['db', 'reset'], { env: { MAILLAGE_DATA_DIR: path.join(dir, 'pglite') } });
		expect(r.code).toBe(2);
		expect(r.stderr).toContain('efface définitivement');
		expect(r.stderr).toContain('--yes');
		expect(existsSync(dir)).toBe(false);
	});
});

describe('maillage db on a PGlite folder', () => {
	const tmp = mkdtempSync(path.join(os.tmpdir(), 'maillage-cli-'));
	const dataDir = path.join(tmp, 'pglite');
	const env = { MAILLAGE_DATA_DIR: dataDir };
	const run = (...args: string[]) => callMaillage(args, { env });
	let seededCounts: Record<string, number> = {};
	afterAll(() => rmSync(tmp, { recursive: true, force: true }));

	it('db status on a folder not created yet reports it without creating it', async () => {
		const status = json<StatusJson>(await run('db', 'status', '--json'));
		expect(status).toMatchObject({ kind: 'pglite', location: dataDir, exists: false, dataset: null });
		expect(status.migrations.pending).toEqual(MIGRATIONS);
		expect(existsSync(dataDir)).toBe(false);
	});

	it('db migrate creates the base and lists the migrations applied on stderr', async () => {
		const r = await run('db', 'migrate');
		expect(r.code, r.stderr).toBe(0);
		expect(r.stdout).toBe('');
		for (const name of MIGRATIONS) expect(r.stderr).toContain(name);
		expect(existsSync(dataDir)).toBe(true);
		expect(existsSync(`${dataDir}.lock`)).toBe(false);
	});

	it('db status --json writes only JSON on stdout: applied migrations, no dataset, row counts', async () => {
		const r = await run('db', 'status', '--json');
		const status = json<StatusJson>(r);
		expect(status).toMatchObject({ kind: 'pglite', location: dataDir, schema: 'maillage', exists: true, dataset: null });
		expect(status.migrations.applied.map((m) => m.name)).toEqual(MIGRATIONS);
		expect(status.migrations.pending).toEqual([]);
		expect(status.counts).toMatchObject({ commune: 0, structure: 0 });
		expect(r.stderr).toContain('Migrations : ');
	});

	it('db seed-demo loads the demo dataset, then refuses a second time with exit 1', async () => {
		const first = json<{ dataset: string; counts: Record<string, number> }>(await run('db', 'seed-demo', '--json'));
		expect(first.dataset).toBe('demo');
		seededCounts = first.counts;
		expect(seededCounts.commune).toBeGreaterThan(0);
		expect(seededCounts.structure).toBeGreaterThan(0);
		expect(first.counts.app_meta).toBeGreaterThan(0);
		// A refused command: exit status 1 of the real process.
		const second = await runMaillage(['db', 'seed-demo'], { env });
		expect(second.code).toBe(1);
		expect(second.stderr).toContain('la base contient déjà des comptes utilisateurs, le jeu de démonstration');
		expect(second.stderr).toContain('db reset --yes');
	});

	it('while another process holds the folder, commands exit 3 « déjà utilisée » and change nothing', async () => {
		const lock = lockDataFolder(dataDir, 'vitest (simule « npm run dev »)');
		try {
			// Child processes: the lock belongs to this one.
			const [status, reset] = await Promise.all([runMaillage(['db', 'status'], { env }), runMaillage(['db', 'reset', '--yes'], { env })]);
			for (const r of [status, reset]) {
				expect(r.code).toBe(3);
				expect(r.stderr).toContain('déjà utilisée');
				expect(r.stderr).toContain(`pid ${process.pid}`);
				expect(r.stdout).toBe('');
			}
			expect(JSON.parse(readFileSync(lock.path, 'utf8')).pid).toBe(process.pid);
		} finally {
			lock.release();
		}
		const after = json<StatusJson>(await run('db', 'status', '--json'));
		expect(after.dataset).toBe('demo');
		expect(after.counts).toEqual(seededCounts);
	});

	it('db reset --yes takes over a stale lock (dead pid), empties the base and re-migrates it', async () => {
		const dead = spawnSync(process.execPath, ['-e', '0']).pid;
		writeFileSync(`${dataDir}.lock`, JSON.stringify({ pid: dead, command: 'ancien processus', since: '2020-01-01' }));
		const reset = await run('db', 'reset', '--yes');
		expect(reset.code, reset.stderr).toBe(0);
		expect(reset.stderr).toContain('effacé');
		expect(existsSync(`${dataDir}.lock`)).toBe(false);
		const status = json<StatusJson>(await run('db', 'status', '--json'));
		expect(status.dataset).toBeNull();
		expect(status.migrations).toMatchObject({ pending: [] });
		expect(status.counts).toMatchObject({ commune: 0, structure: 0, app_meta: 0 });
	});
});

describe.concurrent('maillage db: environment errors exit 3', () => {
	it('an unreachable DATABASE_URL gives a French message without the password', async () => {
		const r = await runMaillage(['db', 'status'], { env: { DATABASE_URL: 'postgres://nobody:x@127.0.0.1:1/none' } });
		expect(r.code).toBe(3);
		expect(r.stderr).toContain('Impossible de joindre la base PostgreSQL postgres://nobody:***@127.0.0.1:1/none');
		expect(r.stderr).not.toContain('nobody:x@');
		expect(r.stdout).toBe('');
	});

	it('a data folder that cannot be created (its parent is a file) gives a French message', async () => {
		const tmp = mkdtempSync(path.join(os.tmpdir(), 'maillage-cli-file-'));
		try {
			writeFileSync(path.join(tmp, 'fichier'), '');
			const r = await callMaillage(['db', 'migrate'], { env: { MAILLAGE_DATA_DIR: path.join(tmp, 'fichier', 'pglite') } });
			expect(r.code).toBe(3);
			expect(r.stderr).toMatch(/^Erreur : Impossible de créer le dossier de données/m);
		} finally {
			rmSync(tmp, { recursive: true, force: true });
		}
	});
});

if (!testDatabaseUrl) console.warn('[tests] TEST_DATABASE_URL absent : la partie PostgreSQL de cli.test.ts est ignorée.');

describe.runIf(testDatabaseUrl)('maillage db on PostgreSQL (TEST_DATABASE_URL)', () => {
	const suffix = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
	const schema = `cli_${suffix}`;
	const sentinel = `cli_sentinel_${suffix}`;
	const env = { DATABASE_URL: testDatabaseUrl ?? '', MAILLAGE_DB_SCHEMA: schema };
	const run = (...args: string[]) => callMaillage(args, { env });
	let admin: DbHandle;

	beforeAll(async () => {
		admin = await createDb({ databaseUrl: testDatabaseUrl, dataDir: 'memory://', schema: sentinel });
		await sql`create table ${sql.id(sentinel, 'keep')} (id int primary key)`.execute(admin.db);
		await sql`insert into ${sql.id(sentinel, 'keep')} values (1)`.execute(admin.db);
	});
	afterAll(async () => {
		for (const name of [schema, sentinel]) await sql`drop schema if exists ${sql.id(name)} cascade`.execute(admin.db);
		await admin.close();
	});

	it('migrate, status, seed-demo twice, reset: same behaviour as on PGlite', async () => {
		expect((await run('db', 'migrate')).code).toBe(0);
		const status = json<StatusJson>(await run('db', 'status', '--json'));
		expect(status).toMatchObject({ kind: 'postgres', schema, exists: true, dataset: null });
		const password = new URL(testDatabaseUrl ?? '').password;
		if (password) expect(status.location).not.toContain(`:${password}@`);
		expect(status.migrations.applied.map((m) => m.name)).toEqual(MIGRATIONS);

		expect(json<{ dataset: string }>(await run('db', 'seed-demo', '--json')).dataset).toBe('demo');
		const again = await run('db', 'seed-demo');
		expect(again.code).toBe(1);
		expect(again.stderr).toContain('la base contient déjà des comptes utilisateurs, le jeu de démonstration');

		expect((await run('db', 'reset')).code).toBe(2);
		const reset = await run('db', 'reset', '--yes');
		expect(reset.code, reset.stderr).toBe(0);
		const empty = json<StatusJson>(await run('db', 'status', '--json'));
		expect(empty.dataset).toBeNull();
		expect(empty.counts).toMatchObject({ commune: 0, structure: 0, app_meta: 0 });
		expect(empty.migrations.pending).toEqual([]);
	});

	it('db reset --yes leaves the other schemas of the server intact', async () => {
		const rows = await sql<{ id: number }>`select id from ${sql.id(sentinel, 'keep')}`.execute(admin.db);
		expect(rows.rows).toEqual([{ id: 1 }]);
	});
});
