/** `maillage users …`: accounts of the app (create, list, deactivate, one-time reset code). */
import { RejectedDataError } from '../../errors';
import type { CommandContext } from '../context';
import { defineCommand, defineGroup } from '../registry';

/** Reads a password: hidden prompt on a terminal, else the first line of standard input. */
async function readPassword(ctx: CommandContext<unknown>, prompt: string): Promise<string> {
	const stdin = process.stdin;
	if (!stdin.isTTY) {
		let text = '';
		for await (const chunk of stdin) text += chunk;
		return text.split(/\r?\n/)[0] ?? '';
	}
	ctx.info(prompt);
	return new Promise((resolve) => {
		let value = '';
		stdin.setRawMode(true);
		stdin.resume();
		stdin.setEncoding('utf8');
		const onData = (key: string) => {
			for (const char of key) {
				if (char === '\r' || char === '\n') {
					stdin.setRawMode(false);
					stdin.pause();
					stdin.off('data', onData);
					ctx.info('');
					resolve(value);
					return;
				}
				if (char === '\u0003') process.exit(130); // Ctrl-C
				if (char === '\u007f') value = value.slice(0, -1);
				else value += char;
			}
		};
		stdin.on('data', onData);
	});
}

const createCommand = defineCommand({
	name: 'create',
	summary: 'Crée un compte (le mot de passe est demandé, ou lu sur l’entrée standard)',
	description:
		'Rôles : admin (pilotage Caf), agent (Caf), partenaire (rattaché à un partenaire : --partner CODE), ' +
		'observateur. Le mot de passe (12 caractères au moins) est demandé sans écho dans un terminal, ' +
		'ou lu sur la première ligne de l’entrée standard.',
	options: {
		email: { type: 'string', required: true, description: 'Adresse électronique (identifiant)', valueName: 'COURRIEL' },
		role: { type: 'string', required: true, description: 'admin, agent, partenaire ou observateur', valueName: 'RÔLE' },
		partner: { type: 'string', description: 'Code du partenaire (rôle partenaire)', valueName: 'CODE' },
		name: { type: 'string', description: 'Nom affiché', valueName: 'NOM' },
		json: { type: 'boolean', description: 'Écrit le compte créé en JSON sur la sortie standard' }
	},
	examples: [
		'maillage users create --email prenom.nom@caf.fr --role admin',
		'echo "un mot de passe long" | maillage users create --email cd@departement.fr --role partenaire --partner CD'
	],
	async run(ctx) {
		const handle = await ctx.openMigratedDb();
		let partnerId: number | null = null;
		if (ctx.options.partner) {
			const partner = await handle.db.selectFrom('partner').select('id').where('code', '=', ctx.options.partner).executeTakeFirst();
			if (!partner) throw new RejectedDataError(`Partenaire inconnu : « ${ctx.options.partner} » (voir la page Financements › Partenaires).`);
			partnerId = partner.id;
		}
		const password = await readPassword(ctx, `Mot de passe pour ${ctx.options.email} :`);
		const users = await import('../../db/users');
		const { CLI_ACTOR } = await import('../../db/audit');
		const user = await users.create(handle.db, CLI_ACTOR, {
			email: ctx.options.email,
			role: ctx.options.role,
			partnerId,
			displayName: ctx.options.name,
			password
		});
		ctx.info(`Compte créé : ${user.email} (${user.role}${user.partnerName ? `, ${user.partnerName}` : ''}).`);
		if (ctx.options.json) ctx.json({ id: user.id, email: user.email, role: user.role, partnerId: user.partnerId });
	}
});

const listCommand = defineCommand({
	name: 'list',
	summary: 'Liste les comptes',
	options: { json: { type: 'boolean', description: 'En JSON sur la sortie standard' } },
	async run(ctx) {
		const handle = await ctx.openMigratedDb();
		const users = await (await import('../../db/users')).list(handle.db);
		if (ctx.options.json) {
			ctx.json(users);
			return;
		}
		if (users.length === 0) ctx.info('Aucun compte. Créez le premier : maillage users create --email … --role admin');
		for (const u of users)
			ctx.info(`${u.email}\t${u.role}${u.partnerName ? ` (${u.partnerName})` : ''}\t${u.active ? 'actif' : 'désactivé'}`);
	}
});

const email = { type: 'string', required: true, description: 'Adresse électronique du compte', valueName: 'COURRIEL' } as const;

async function findUser(ctx: CommandContext<unknown>, address: string) {
	const handle = await ctx.openMigratedDb();
	const users = await import('../../db/users');
	const user = (await users.list(handle.db)).find((u) => u.email === users.normaliseEmail(address));
	if (!user) throw new RejectedDataError(`Aucun compte pour ${address}.`);
	return { handle, users, user };
}

/** `activate` / `deactivate`: the same command both ways (deactivating also closes the sessions). */
function activationCommand(active: boolean) {
	return defineCommand({
		name: active ? 'activate' : 'deactivate',
		summary: active ? 'Réactive un compte désactivé' : 'Désactive un compte et ferme ses sessions',
		options: { email },
		async run(ctx) {
			const { handle, users, user } = await findUser(ctx, ctx.options.email);
			const { CLI_ACTOR } = await import('../../db/audit');
			await users.setActive(handle.db, CLI_ACTOR, user.id, user.version, active);
			ctx.info(`Compte ${active ? 'réactivé' : 'désactivé'} : ${user.email}.`);
		}
	});
}

const deactivateCommand = activationCommand(false);
const activateCommand = activationCommand(true);

const resetCodeCommand = defineCommand({
	name: 'reset-code',
	summary: 'Émet un code de réinitialisation à usage unique (valable 24 h)',
	description:
		'Le code est écrit sur la sortie standard : transmettez-le à la personne, qui choisit un nouveau ' +
		'mot de passe sur la page de connexion (« Mot de passe oublié »). Toutes ses sessions seront fermées.',
	options: { email },
	async run(ctx) {
		const { handle, users, user } = await findUser(ctx, ctx.options.email);
		const { CLI_ACTOR } = await import('../../db/audit');
		const code = await users.issueResetCode(handle.db, CLI_ACTOR, user.id, new Date());
		ctx.info(`Code de réinitialisation pour ${user.email} (valable 24 h) :`);
		ctx.print(code);
	}
});

export default defineGroup({
	name: 'users',
	summary: 'Comptes de l’application : création, liste, désactivation, code de réinitialisation',
	commands: [createCommand, listCommand, deactivateCommand, activateCommand, resetCodeCommand]
});
