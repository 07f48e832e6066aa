/**
 * `maillage territory …`: the territory of work of a real database — the départements the Caf
 * works on and the width of the border band kept around them (issue 14 §1). `set` creates or
 * changes it (with the default funders and instruments on creation), `show` prints it and what
 * the database holds in it and in the band. Heavy modules are imported inside `run`.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { RejectedDataError } from '../../errors';
import { UsageError } from '../args';
import type { CommandContext } from '../context';
import { defineCommand, defineGroup } from '../registry';
import { cliImportActor } from './import';

const json = { type: 'boolean', description: 'Écrit le résultat en JSON sur la sortie standard' } as const;

const nf = (n: number) => n.toLocaleString('fr-FR');

async function printContent(ctx: CommandContext<unknown>, db: Kysely<Database>) {
	const territories = await import('../../db/work-territory');
	const c = await territories.counts(db);
	ctx.info(
		`En base : ${nf(c.communes.territory)} communes du territoire et ${nf(c.communes.band)} de la bande ; ` +
			`${nf(c.epci.territory)} EPCI ; ${nf(c.zones.territory)} zones (QPV, IRIS) ; ` +
			`${nf(c.structures.territory)} structures du territoire et ${nf(c.structures.band)} hors département ; ` +
			`${nf(c.poles.territory)} pôles d’activités du territoire et ${nf(c.poles.band)} hors département.`
	);
	return c;
}

const showCommand = defineCommand({
	name: 'show',
	summary: 'Affiche le territoire de travail et ce que la base contient dedans et dans la bande',
	description:
		'Départements du territoire, largeur de la bande frontalière, puis le nombre de communes, EPCI, zones, structures ' +
		'et pôles du territoire et de la bande (hors département). Lecture seule.',
	options: { json },
	examples: ['maillage territory show', 'maillage territory show --json'],
	async run(ctx) {
		const handle = await ctx.openMigratedDb();
		const territories = await import('../../db/work-territory');
		const territory = await territories.get(handle.db);
		if (!territory) {
			ctx.info(
				'Aucun territoire de travail : le premier import de communes le définit, ou « maillage territory set --departement NN ».'
			);
			if (ctx.options.json) ctx.json({ territory: null });
			return;
		}
		ctx.info(
			`Territoire de travail : ${territories.describeDepartements(territory.departements)} ; bande frontalière de ${nf(territory.bandKm)} km.`
		);
		const counts = await printContent(ctx, handle.db);
		if (ctx.options.json) ctx.json({ territory, counts });
	}
});

/** `--departement 72`, `--departement 72,53`, `--departement "72 53"`. */
function parseDepartements(raw: string): string[] {
	return raw
		.split(/[\s,;]+/)
		.map((s) => s.trim())
		.filter(Boolean);
}

const setCommand = defineCommand({
	name: 'set',
	summary: 'Définit ou change le territoire de travail (départements, largeur de la bande frontalière)',
	description:
		'Le territoire de travail limite les imports : ce qui est hors de ses départements et de la bande frontalière est ' +
		'écarté (les structures, pôles et communes de la bande sont gardés « hors département » : ils comptent pour les ' +
		'distances, jamais dans les chiffres du département). À la création, la liste des financeurs par défaut (Caf, ' +
		'Conseil départemental, MSA, État) et les dispositifs usuels sont ajoutés. Ce qui a été écarté par un import n’est ' +
		'pas conservé : après avoir élargi la bande, réimportez les fichiers. Refusé sur la base de démonstration.',
	options: {
		departement: {
			type: 'string',
			required: true,
			description: 'Code(s) du ou des départements, séparés par des virgules : 72, ou 72,53',
			valueName: 'CODES'
		},
		bandeKm: {
			type: 'number',
			description: 'Largeur de la bande frontalière en km (par défaut : la valeur en vigueur, 20 km)',
			valueName: 'KM'
		},
		json
	},
	examples: ['maillage territory set --departement 72', 'maillage territory set --departement 86 --bande-km 15'],
	async run(ctx) {
		const departements = parseDepartements(ctx.options.departement);
		const handle = await ctx.openMigratedDb();
		const territories = await import('../../db/work-territory');
		const { ConflictError } = await import('../../db/changes');
		const normalised = departements.map((d) => (/^\d$/.test(d) ? `0${d}` : d.toUpperCase()));
		await ctx.checkpoint();
		const actor = { userId: null, label: cliImportActor() };
		let result;
		try {
			result = await handle.db.transaction().execute(async (trx) => {
				const current = await territories.get(trx);
				const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
				const bandKm = ctx.options.bandeKm ?? current?.bandKm ?? (await territories.defaultBandKm(trx, today));
				return territories.set(trx, actor, { departements: normalised, bandKm });
			});
		} catch (error) {
			if (error instanceof territories.TerritoryInputError) {
				if (error.message.includes('démonstration')) throw new RejectedDataError(error.message);
				throw new UsageError(error.message);
			}
			if (error instanceof ConflictError) throw new RejectedDataError(error.message);
			throw error;
		}
		const t = result.territory;
		ctx.info(
			`Territoire de travail ${result.created ? 'défini' : 'modifié'} : ${territories.describeDepartements(t.departements)} ; ` +
				`bande frontalière de ${nf(t.bandKm)} km.`
		);
		if (result.partnersAdded.length || result.instrumentsAdded.length) {
			ctx.info(
				`Financeurs par défaut créés : ${result.partnersAdded.join(', ') || 'aucun'} ; dispositifs de financement créés : ` +
					`${result.instrumentsAdded.length} (${result.instrumentsAdded.join(', ')}).`
			);
		}
		const counts = await printContent(ctx, handle.db);
		if (!result.created) {
			ctx.info(
				'Ce que les imports précédents ont écarté n’a pas été conservé : après avoir élargi la bande ou ajouté un département, réimportez les fichiers.'
			);
		}
		if (ctx.options.json) ctx.json({ ...result, counts });
	}
});

export default defineGroup({
	name: 'territory',
	summary: 'Territoire de travail : départements et bande frontalière d’une base réelle',
	description:
		'Une base réelle a un territoire de travail : un ou plusieurs départements et une bande frontalière (20 km par ' +
		'défaut). Le premier import de communes le définit s’il n’existe pas. Codes de sortie : 0 réussi, 1 refusé, 2 usage.',
	commands: [showCommand, setCommand]
});
