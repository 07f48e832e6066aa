/**
 * `maillage db …`: migrations, the fictional demo dataset, reset and status of the database the
 * environment designates (embedded PGlite by default, PostgreSQL with DATABASE_URL).
 * Heavy modules (kysely, PGlite, pg, the demo generator) are imported inside `run`.
 */
import { existsSync } from 'node:fs';
import { RejectedDataError } from '../../errors';
import type { DbConfig } from '../../config';
import { UsageError } from '../args';
import type { CommandContext } from '../context';
import type { DbStatus, TableName } from '../inspect';
import { defineCommand, defineGroup } from '../registry';

const json = { type: 'boolean', description: 'Écrit le résultat en JSON sur la sortie standard' } as const;

/** French labels of the tables summarised for humans; other non-empty tables are listed by name. */
const LABELS: Partial<Record<TableName, string>> = {
	epci: 'EPCI',
	commune: 'communes',
	zone: 'zones',
	structure: 'structures',
	agrement: 'agréments',
	funding_line: 'lignes de financement',
	indicator: 'indicateurs',
	app_user: 'utilisateurs'
};

/** Tables of settings, said apart (dataset, territory of work) or seeded by migrations. */
const UNLISTED: ReadonlySet<TableName> = new Set(['app_meta', 'work_territory', 'pole_definition']);

const DATASET_LABELS = { demo: 'démonstration (département fictif)', real: 'données réelles' } as const;

function plural(n: number, one: string, many: string): string {
	return `${n} ${n >= 2 ? many : one}`;
}

/** Where the configured database lives, for messages (never the password). */
function describe(config: DbConfig): string {
	if (!config.databaseUrl) return `base embarquée PGlite ${config.dataDir}`;
	try {
		const url = new URL(config.databaseUrl);
		if (url.password) url.password = '***';
		return `serveur PostgreSQL ${url.toString()}`;
	} catch {
		return 'serveur PostgreSQL (DATABASE_URL)';
	}
}

function header(ctx: CommandContext<unknown>, kind: string, location: string, schema: string): void {
	ctx.info(`Base : ${kind === 'pglite' ? 'PGlite (embarquée)' : 'PostgreSQL'} — ${location} — schéma « ${schema} »`);
}

/** `12 communes, 3 structures…`: the labelled tables, then other non-empty ones. */
export function summariseCounts(counts: DbStatus['counts']): string {
	const parts: string[] = [];
	for (const [table, label] of Object.entries(LABELS) as [TableName, string][]) {
		if (counts[table] !== undefined) parts.push(`${counts[table]} ${label}`);
	}
	const others = (Object.entries(counts) as [TableName, number][])
		.filter(([table, n]) => !(table in LABELS) && !UNLISTED.has(table) && n > 0)
		.map(([table, n]) => `${table} ${n}`);
	return parts.join(', ') + (others.length ? ` ; autres tables : ${others.join(', ')}` : '');
}

function listMigrations(ctx: CommandContext<unknown>, applied: string[]): void {
	if (applied.length === 0) {
		ctx.info('Aucune migration en attente : la base est à jour.');
		return;
	}
	ctx.info(`${plural(applied.length, 'migration appliquée', 'migrations appliquées')} :`);
	for (const name of applied) ctx.info(`  ${name}`);
}

const migrateCommand = defineCommand({
	name: 'migrate',
	summary: 'Applique les migrations en attente',
	description:
		'Crée ou met à jour les tables de Maillage dans la base désignée par l’environnement. ' +
		'Sans effet si la base est déjà à jour. Le serveur de l’application le fait aussi au démarrage.',
	options: { json },
	examples: ['maillage db migrate', 'DATABASE_URL=postgres://maillage@db/maillage maillage db migrate'],
	async run(ctx) {
		const handle = await ctx.openDb();
		header(ctx, handle.kind, handle.location, handle.schema);
		const { migrate } = await import('../../db/migrate');
		const applied = await migrate(handle.db, handle.schema);
		listMigrations(ctx, applied);
		if (ctx.options.json) ctx.json({ kind: handle.kind, location: handle.location, schema: handle.schema, applied });
	}
});

const seedDemoCommand = defineCommand({
	name: 'seed-demo',
	summary: 'Charge le département fictif de démonstration dans une base vide',
	description:
		'Applique les migrations puis charge le jeu de démonstration (un département fictif complet). ' +
		'Refuse (code 1) si la base contient déjà des données, de démonstration ou réelles : ' +
		'pour repartir de zéro, lancez d’abord « maillage db reset --yes ».',
	options: { json },
	examples: ['maillage db seed-demo', 'maillage db reset --yes && maillage db seed-demo'],
	async run(ctx) {
		const handle = await ctx.openDb();
		header(ctx, handle.kind, handle.location, handle.schema);
		const [{ migrate }, meta, { countRows }] = await Promise.all([
			import('../../db/migrate'),
			import('../../db/meta'),
			import('../inspect')
		]);
		const applied = await migrate(handle.db, handle.schema);
		if (applied.length) listMigrations(ctx, applied);
		const inUse = await meta.inUseReasons(handle.db);
		if (inUse.length > 0) {
			throw new RejectedDataError(
				`la base contient déjà ${inUse.join(', ')} : « db seed-demo » ne charge le département fictif que dans une base vierge. ` +
					'Pour repartir de zéro : « maillage db reset --yes » puis « maillage db seed-demo ». ' +
					(applied.length ? 'Seules les migrations en attente ont été appliquées.' : 'Rien n’a été modifié.')
			);
		}
		await ctx.checkpoint();
		ctx.info('Chargement du département fictif de démonstration…');
		const started = performance.now();
		const { seedDemo } = await import('../../demo/seed');
		await seedDemo(handle.db);
		const counts = await countRows(handle.db, handle.schema);
		ctx.info(
			`Jeu de démonstration chargé en ${((performance.now() - started) / 1000).toFixed(1).replace('.', ',')} s : ${summariseCounts(counts)}.`
		);
		ctx.info('Les comptes de démonstration sont listés sur la page de connexion de l’application.');
		if (ctx.options.json) ctx.json({ dataset: 'demo', counts });
	}
});

const resetCommand = defineCommand({
	name: 'reset',
	summary: 'Efface toutes les données de Maillage puis recrée des tables vides (--yes obligatoire)',
	description:
		'Supprime le schéma de Maillage (MAILLAGE_DB_SCHEMA, « maillage » par défaut) et tout ce qu’il contient, ' +
		'puis réapplique les migrations : la base est ensuite vide. Sur un serveur PostgreSQL partagé, ' +
		'les autres schémas ne sont pas touchés. Irréversible : faites une sauvegarde avant.',
	options: {
		yes: { type: 'boolean', short: 'y', description: 'Confirme l’effacement (obligatoire)' },
		json
	},
	examples: ['maillage db reset --yes', 'maillage db reset --yes && maillage db seed-demo'],
	async run(ctx) {
		if (!ctx.options.yes) {
			const config = ctx.dbConfig();
			throw new UsageError(
				`« db reset » efface définitivement toutes les données du schéma « ${config.schema} » ` +
					`de la ${describe(config)}. Pour confirmer, relancez avec --yes : maillage db reset --yes`
			);
		}
		const handle = await ctx.openDb();
		header(ctx, handle.kind, handle.location, handle.schema);
		const { migrate, resetSchema } = await import('../../db/migrate');
		await ctx.checkpoint(); // last chance to back out
		await resetSchema(handle.db, handle.schema);
		ctx.info(`Schéma « ${handle.schema} » effacé.`);
		const applied = await migrate(handle.db, handle.schema);
		ctx.info(`${plural(applied.length, 'migration appliquée', 'migrations appliquées')} : la base est vide.`);
		if (ctx.options.json) ctx.json({ kind: handle.kind, location: handle.location, schema: handle.schema, applied });
	}
});

function printStatus(ctx: CommandContext<unknown>, status: DbStatus): void {
	header(ctx, status.kind, status.location, status.schema);
	if (!status.exists) {
		ctx.info('La base embarquée n’existe pas encore : « maillage db migrate » ou le démarrage de l’application la crée.');
		return;
	}
	const { applied, pending } = status.migrations;
	ctx.info(
		`Migrations : ${plural(applied.length, 'appliquée', 'appliquées')}, ${pending.length} en attente` +
			(applied.length ? ` (dernière : ${applied[applied.length - 1].name})` : '')
	);
	if (pending.length) ctx.info(`  En attente : ${pending.join(', ')} — lancez « maillage db migrate ».`);
	ctx.info(`Jeu de données : ${status.dataset ? DATASET_LABELS[status.dataset] : 'aucun (base vide)'}`);
	if (status.territory) {
		const deps = status.territory.departements.join(', ');
		ctx.info(`Territoire de travail : ${deps}, bande frontalière de ${status.territory.bandKm.toLocaleString('fr-FR')} km`);
	} else if (status.dataset !== 'demo') ctx.info('Territoire de travail : aucun (le premier import de communes le définit)');
	if (Object.keys(status.counts).length) ctx.info(`Contenu : ${summariseCounts(status.counts)}`);
}

const statusCommand = defineCommand({
	name: 'status',
	summary: 'Décrit la base : emplacement, migrations, jeu de données, nombre de lignes',
	description:
		'Lecture seule : n’applique aucune migration et ne crée pas la base embarquée si elle n’existe pas. ' +
		'Avec --json, l’état complet (nombre de lignes de chaque table) est écrit sur la sortie standard.',
	options: { json },
	examples: ['maillage db status', 'maillage db status --json'],
	async run(ctx) {
		const config = ctx.dbConfig();
		let status: DbStatus;
		if (!config.databaseUrl && !config.dataDir.startsWith('memory://') && !existsSync(config.dataDir)) {
			status = {
				kind: 'pglite',
				location: config.dataDir,
				schema: config.schema,
				exists: false,
				migrations: { applied: [], pending: Object.keys((await import('../../../../../db/migrations/index')).migrations) },
				dataset: null,
				counts: {},
				territory: null
			};
		} else {
			const handle = await ctx.openDb();
			status = await (await import('../inspect')).inspectDatabase(handle);
		}
		printStatus(ctx, status);
		if (ctx.options.json) ctx.json(status);
	}
});

export default defineGroup({
	name: 'db',
	summary: 'Base de données : migrations, démonstration, remise à zéro, état',
	description:
		'La base est la base embarquée PGlite du projet (data/pglite, ou MAILLAGE_DATA_DIR), ou le serveur ' +
		'PostgreSQL de DATABASE_URL (schéma MAILLAGE_DB_SCHEMA). Une base embarquée ne sert qu’un processus à la fois : ' +
		'arrêtez le serveur de l’application (« npm run dev ») avant ces commandes.',
	commands: [migrateCommand, seedDemoCommand, resetCommand, statusCommand]
});
