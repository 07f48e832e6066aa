import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RejectedDataError } from '../errors';
import { cliDbConfig, projectRoot, userCwd } from './context';
import { registeredGroups, runCli } from './main';
import { defineCommand, defineGroup, type CommandGroup } from './registry';

function capture() {
	const out = { stdout: '', stderr: '' };
	return {
		out,
		io: { stdout: { write: (s: string) => (out.stdout += s) }, stderr: { write: (s: string) => (out.stderr += s) } }
	};
}

const seen: unknown[] = [];
const group: CommandGroup = defineGroup({
	name: 'essai',
	summary: 'Commandes d’essai',
	commands: [
		defineCommand({
			name: 'echo',
			summary: 'Écrit ses options en JSON',
			arguments: [{ name: 'MOT', description: 'un mot' }],
			options: { fois: { type: 'number', description: 'répétitions', default: 1 }, json: { type: 'boolean', description: 'JSON' } },
			async run(ctx) {
				seen.push(ctx.options);
				ctx.info('message pour un humain');
				if (ctx.options.json) ctx.json({ mot: ctx.positionals[0], fois: ctx.options.fois });
			}
		}),
		defineCommand({ name: 'refuse', summary: 'Refuse', async run() { throw new RejectedDataError('ligne 3 : code INSEE invalide'); } }),
		defineCommand({ name: 'plante', summary: 'Plante', async run() { throw new Error('bogue'); } }),
		defineCommand({ name: 'code', summary: 'Rend 4', async run() { return 4; } }),
		defineCommand({
			name: 'long',
			summary: 'Interrompu',
			async run(ctx) {
				await ctx.checkpoint();
				throw new Error('jamais atteint');
			}
		})
	]
});

async function run(argv: string[], signal?: AbortSignal) {
	const { io, out } = capture();
	const code = await runCli(argv, { io, env: {}, groups: [group], signal });
	return { code, ...out };
}

describe('runCli(argv, { io, env, groups })', () => {
	it('runCli runs the command with typed options: JSON on stdout, human text on stderr', async () => {
		const r = await run(['essai', 'echo', 'bonjour', '--fois', '3', '--json']);
		expect(r.code).toBe(0);
		expect(JSON.parse(r.stdout)).toEqual({ mot: 'bonjour', fois: 3 });
		expect(r.stderr).toBe('message pour un humain\n');
		expect(seen.at(-1)).toEqual({ fois: 3, json: true });
	});

	it('runCli answers --help at every level on stdout without running anything', async () => {
		const before = seen.length;
		for (const argv of [['--help'], ['essai', '--help'], ['essai', 'echo', 'x', '--help']]) {
			const r = await run(argv);
			expect(r.code).toBe(0);
			expect(r.stdout).toContain('Usage : maillage');
			expect(r.stderr).toBe('');
		}
		expect(seen.length).toBe(before);
	});

	it('runCli maps a missing argument to exit 2 with the command help hint', async () => {
		const r = await run(['essai', 'echo']);
		expect(r.code).toBe(2);
		expect(r.stderr).toBe('Erreur : Argument manquant : <MOT>.\nAide : maillage essai echo --help\n');
	});

	it('runCli maps RejectedDataError to 1, other errors to 1 « Erreur inattendue », and keeps returned codes', async () => {
		const refused = await run(['essai', 'refuse']);
		expect(refused).toMatchObject({ code: 1, stdout: '', stderr: 'Erreur : ligne 3 : code INSEE invalide\n' });
		const crash = await run(['essai', 'plante']);
		expect(crash.code).toBe(1);
		expect(crash.stderr).toContain('Erreur inattendue : bogue');
		expect((await run(['essai', 'code'])).code).toBe(4);
	});

	it('runCli ends an interrupted command with 130 at its next checkpoint', async () => {
		const controller = new AbortController();
		controller.abort();
		const r = await run(['essai', 'long'], controller.signal);
		expect(r).toMatchObject({ code: 130, stderr: 'Commande interrompue.\n' });
	});

	it('registeredGroups() holds the db group with its four commands', () => {
		const db = registeredGroups().find((g) => g.name === 'db');
		expect(db?.commands.map((c) => c.name)).toEqual(['migrate', 'seed-demo', 'reset', 'status']);
	});
});

describe('cliDbConfig(env) and userCwd(env)', () => {
	it('cliDbConfig({}) puts the embedded base in the project’s data/pglite, schema maillage, no URL', () => {
		expect(cliDbConfig({})).toEqual({ databaseUrl: null, dataDir: path.join(projectRoot, 'data', 'pglite'), schema: 'maillage' });
	});

	it('cliDbConfig(env) resolves a relative MAILLAGE_DATA_DIR from the folder where `npm run maillage` was typed', () => {
		const env = { MAILLAGE_DATA_DIR: 'base', npm_lifecycle_event: 'maillage', INIT_CWD: '/home/caf/dossier' };
		expect(cliDbConfig(env).dataDir).toBe('/home/caf/dossier/base');
		expect(userCwd({ INIT_CWD: '/ailleurs', npm_lifecycle_event: 'test' })).toBe(process.cwd());
		expect(cliDbConfig({ MAILLAGE_DATA_DIR: 'memory://' }).dataDir).toBe('memory://');
	});
});
