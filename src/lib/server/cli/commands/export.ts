/**
 * `maillage export …`: files for partners and the national observatory.
 * `export observatoire --annee 2025 --format csv|xlsx|json [--out FICHIER]` (stdout without --out;
 * the consistency checks are summed up on stderr), `export dictionnaire`, and
 * `export dossier [--epci SIREN] --out dossier.pdf` (the printed dossier, PDF).
 */
import { defineCommand, defineGroup } from '../registry';
import { UsageError } from '../args';
import type { CommandContext } from '../context';

/** Writes `body` to `--out` (made absolute against the user's folder) or to stdout. */
async function emit(ctx: CommandContext<{ out?: string }>, body: string | Uint8Array): Promise<void> {
	if (ctx.options.out) {
		const fs = await import('node:fs/promises');
		await fs.writeFile(ctx.resolvePath(ctx.options.out), body);
	} else {
		// stdout carries the file itself (text or bytes): `… > fichier` works.
		(ctx.io.stdout as { write(chunk: string | Uint8Array): unknown }).write(body);
	}
}

function yearOption(raw: number | undefined): number {
	if (raw === undefined) throw new UsageError('L’option --annee est obligatoire (exemple : --annee 2025).');
	if (!Number.isInteger(raw) || raw < 1900 || raw > 2200) throw new UsageError(`L’option --annee attend une année sur 4 chiffres (reçu ${raw}).`);
	return raw;
}

const observatoireCommand = defineCommand({
	name: 'observatoire',
	summary: 'Fiches annuelles des structures pour l’observatoire national (CSV, XLSX ou JSON)',
	description:
		'Une fiche par structure agréée dans l’année, identifiée par SIRET, établissement, nature de l’agrément et année, ' +
		'avec les champs du dictionnaire des données. CSV : séparateur point-virgule, UTF-8 avec BOM, en-têtes français, ' +
		'virgule décimale (les fiches, ou avec --partie detail le détail : activités, partenaires, contrats) ; XLSX : vrais ' +
		'nombres et vraies dates, avec le détail, la synthèse départementale, les listes de codes, le dictionnaire et les ' +
		'contrôles ; JSON : tout, valeurs typées. Le fichier se réimporte avec « maillage import activite ». Les contrôles ' +
		'de cohérence sont résumés sur la sortie d’erreur. Sans --out, le fichier est écrit sur la sortie standard.',
	options: {
		annee: { type: 'number', description: 'Année exportée', valueName: 'AAAA' },
		format: { type: 'string', description: 'csv, xlsx ou json', default: 'csv', valueName: 'FORMAT' },
		partie: { type: 'string', description: 'En CSV : fiches (une ligne par structure) ou detail (activités, partenaires, contrats)', default: 'fiches', valueName: 'PARTIE' },
		out: { type: 'string', description: 'Fichier de sortie', valueName: 'FICHIER' }
	},
	examples: [
		'maillage export observatoire --annee 2025 --format csv > observatoire-2025.csv',
		'maillage export observatoire --annee 2025 --format csv --partie detail > observatoire-2025-detail.csv',
		'maillage export observatoire --annee 2025 --format xlsx --out observatoire-2025.xlsx'
	],
	async run(ctx) {
		const year = yearOption(ctx.options.annee);
		const format = ctx.options.format;
		const { isObservatoryFormat, observatoryFile } = await import('../../observatory/index');
		if (!isObservatoryFormat(format)) throw new UsageError(`L’option --format attend csv, xlsx ou json (reçu « ${format} »).`);
		const part = ctx.options.partie;
		if (part !== 'fiches' && part !== 'detail') throw new UsageError(`L’option --partie attend fiches ou detail (reçu « ${part} »).`);
		const handle = await ctx.openMigratedDb();
		await ctx.checkpoint();
		const file = await observatoryFile(handle.db, year, format, new Date(), { part });
		const errors = file.export.issues.filter((i) => i.severity === 'erreur');
		const warnings = file.export.issues.length - errors.length;
		ctx.info(`Observatoire ${year} : ${file.export.records.length} fiche(s), ${errors.length} erreur(s), ${warnings} avertissement(s) de cohérence.`);
		for (const issue of file.export.issues) ctx.info(`  [${issue.severity}] ${issue.message} (${issue.href})`);
		await emit(ctx, file.body);
		if (ctx.options.out) ctx.info(`Fichier écrit : ${ctx.options.out}`);
	}
});

const dictionnaireCommand = defineCommand({
	name: 'dictionnaire',
	summary: 'Dictionnaire des données de l’export observatoire et de l’import activite (CSV ou JSON)',
	options: {
		format: { type: 'string', description: 'csv ou json', default: 'csv', valueName: 'FORMAT' },
		partie: { type: 'string', description: 'En CSV : fiches ou detail', default: 'fiches', valueName: 'PARTIE' },
		out: { type: 'string', description: 'Fichier de sortie', valueName: 'FICHIER' }
	},
	examples: ['maillage export dictionnaire --format csv --out dictionnaire.csv', 'maillage export dictionnaire --format csv --partie detail'],
	async run(ctx) {
		const format = ctx.options.format;
		if (format !== 'csv' && format !== 'json') throw new UsageError(`L’option --format attend csv ou json (reçu « ${format} »).`);
		const part = ctx.options.partie;
		if (part !== 'fiches' && part !== 'detail') throw new UsageError(`L’option --partie attend fiches ou detail (reçu « ${part} »).`);
		const { dictionaryFile } = await import('../../observatory/index');
		await emit(ctx, dictionaryFile(format, part).body);
	}
});

const dossierCommand = defineCommand({
	name: 'dossier',
	summary: 'Dossier imprimable (PDF) du département ou d’une intercommunalité',
	description:
		'Carte de la couverture, chiffres clés, territoires prioritaires, financements par financeur, avancement de ' +
		'l’accord-cadre et indicateurs publiés du schéma directeur, au jour de la commande. Sans --out, le PDF est écrit ' +
		'sur la sortie standard.',
	options: {
		epci: { type: 'string', description: 'SIREN de l’intercommunalité (sinon tout le département)', valueName: 'SIREN' },
		out: { type: 'string', description: 'Fichier PDF de sortie', valueName: 'FICHIER' }
	},
	examples: ['maillage export dossier --out dossier.pdf', 'maillage export dossier --epci 200000001 --out dossier-cc.pdf'],
	async run(ctx) {
		const epci = ctx.options.epci?.trim() || null;
		if (epci !== null && !/^\d{9}$/.test(epci)) throw new UsageError(`L’option --epci attend un SIREN de 9 chiffres (reçu « ${epci} »).`);
		const handle = await ctx.openMigratedDb();
		await ctx.checkpoint();
		const [{ buildDossierData }, { renderDossierPdf }, { isoDateInParis }] = await Promise.all([
			import('../../dossier/data'),
			import('../../dossier/pdf'),
			import('$lib/format')
		]);
		const data = await buildDossierData(handle.db, isoDateInParis(new Date()), epci);
		const pdf = await renderDossierPdf(data);
		await emit(ctx, pdf);
		ctx.info(`Dossier de ${data.territoryName} : ${pdf.byteLength} octets${ctx.options.out ? ` écrits dans ${ctx.options.out}` : ''}.`);
	}
});

export default defineGroup({
	name: 'export',
	summary: 'Exports : observatoire national, dictionnaire des données, dossier PDF',
	commands: [observatoireCommand, dictionnaireCommand, dossierCommand]
});
