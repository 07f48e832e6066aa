/** `maillage backup` and `maillage restore`: exact copy of every table but sessions. */
import fs from 'node:fs';
import readline from 'node:readline';
import { once } from 'node:events';
import { UsageError } from '../args';
import { defineCommand, defineGroup } from '../registry';

const backupCommand = defineCommand({
	name: 'create',
	summary: 'Sauvegarde toute la base (sauf les sessions) dans un fichier NDJSON',
	description:
		'Une ligne JSON par ligne de table, avec les valeurs exactes de PostgreSQL et l’état des séquences. ' +
		'Sans --out, la sauvegarde est écrite sur la sortie standard.',
	options: { out: { type: 'string', description: 'Fichier de sortie', valueName: 'FICHIER' } },
	examples: ['maillage backup --out sauvegarde.ndjson'],
	async run(ctx) {
		const handle = await ctx.openMigratedDb();
		const { backupLines } = await import('../../backup');
		// The backup holds password hashes, documents and unpublished funding: readable by its owner only.
		const { createPrivateWriteStream } = await import('../../db/private-files');
		const target = ctx.options.out ? createPrivateWriteStream(ctx.resolvePath(ctx.options.out)) : process.stdout;
		let count = 0;
		for await (const line of backupLines(handle.db, handle.schema, new Date())) {
			if (!target.write(line + '\n')) await once(target, 'drain');
			count++;
		}
		if (target !== process.stdout) {
			(target as fs.WriteStream).end();
			await once(target, 'finish');
		}
		ctx.info(`Sauvegarde terminée : ${count - 1} lignes${ctx.options.out ? ` dans ${ctx.options.out}` : ''}.`);
	}
});

const restoreCommand = defineCommand({
	name: 'restore',
	summary: 'Remplace tout le contenu de la base par une sauvegarde (--yes obligatoire)',
	description:
		'En une transaction : en cas de problème, rien n’est modifié. Garde les identifiants et les séquences, ' +
		'n’écrit rien dans le journal d’audit ; les sessions sont fermées (tout le monde se reconnecte).',
	options: {
		in: { type: 'string', required: true, description: 'Fichier de sauvegarde', valueName: 'FICHIER' },
		yes: { type: 'boolean', short: 'y', description: 'Confirme le remplacement (obligatoire)' }
	},
	examples: ['maillage restore --in sauvegarde.ndjson --yes'],
	async run(ctx) {
		if (!ctx.options.yes)
			throw new UsageError('« restore » remplace toutes les données de la base. Pour confirmer, relancez avec --yes.');
		const file = ctx.resolvePath(ctx.options.in);
		if (!fs.existsSync(file)) throw new UsageError(`Fichier introuvable : ${ctx.options.in}`);
		const handle = await ctx.openMigratedDb();
		const { restoreFromLines } = await import('../../backup');
		const lines = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
		const summary = await restoreFromLines(handle.db, handle.schema, lines);
		const total = Object.values(summary.rows).reduce((a, b) => a + b, 0);
		ctx.info(`Restauration terminée : ${total} lignes dans ${Object.keys(summary.rows).length} tables, ${summary.sequences} séquences.`);
	}
});

/** `maillage backup --out f` runs `backup create` (the group's default command). */
export const backup = defineGroup({
	name: 'backup',
	summary: 'Sauvegarde exacte de la base (maillage backup --out FICHIER)',
	commands: [backupCommand],
	defaultCommand: 'create'
});

export const restore = defineGroup({
	name: 'restore',
	summary: 'Restaure une sauvegarde (maillage restore --in FICHIER --yes)',
	commands: [restoreCommand],
	defaultCommand: 'restore'
});
