/**
 * `maillage funding …`: funding lines from files and to files, through the same code as the web
 * pages — `import <fichier>` (CSV or XLSX, all-or-nothing unless --skip-invalid), `export
 * <fichier|->` (CSV or XLSX, every line: the CLI acts as CAF staff) and `postes <fichier>` (the
 * State's adultes-relais and FONJEP posts of the ANCT open data, with the FONJEP name matches
 * listed for review). Heavy modules are imported inside `run`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../args';
import { EXIT } from '../report';
import { defineCommand, defineGroup, type OptionValues } from '../registry';
import { cliImportActor } from './import';
import type { CommandContext } from '../context';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { FundingIssue } from '../../../funding/import';
import type { FundingFileReport } from '../../import/funding';
import type { LenientImportOptions } from '../../import/import-log';

function readFile(resolved: string, typed: string): Uint8Array {
	let stat: fs.Stats;
	try {
		stat = fs.statSync(resolved);
	} catch {
		throw new UsageError(`fichier introuvable : ${typed}`);
	}
	if (stat.isDirectory()) throw new UsageError(`${typed} est un dossier : indiquez un fichier.`);
	return new Uint8Array(fs.readFileSync(resolved));
}

const json = { type: 'boolean', description: 'Écrit le rapport en JSON sur la sortie standard' } as const;

/** The options of the file imports of this group (lines, funders, instruments). */
const fileImportOptions = {
	skipInvalid: { type: 'boolean', description: 'Écrit les lignes valides et signale les autres, au lieu de tout refuser' },
	json
} as const;

/** What a file import of this group needs from its (lazily imported) module. */
interface FileImporter<R extends FundingFileReport> {
	run(db: Kysely<Database>, options: LenientImportOptions): Promise<R>;
	formatIssue(issue: FundingIssue): string;
	summarise(report: R): string;
}

/**
 * The run of every file import of this group: read the file, import it, then print each issue,
 * the summary and the journal line (and the report with its French messages for --json).
 */
async function importFile<R extends FundingFileReport>(
	ctx: CommandContext<OptionValues<typeof fileImportOptions>>,
	load: () => Promise<FileImporter<R>>
): Promise<number> {
	const typed = ctx.positionals[0];
	const bytes = readFile(ctx.resolvePath(typed), typed);
	const handle = await ctx.openMigratedDb();
	const importer = await load();
	await ctx.checkpoint();
	const report = await importer.run(handle.db, { fileName: path.basename(typed), bytes, skipInvalid: ctx.options.skipInvalid, actor: cliImportActor(), userId: null });
	for (const issue of report.issues) ctx.info(`  ${issue.severity === 'error' ? 'Erreur' : 'Avertissement'} — ${importer.formatIssue(issue)}`);
	ctx.info(importer.summarise(report));
	ctx.info(`Journal d’import n° ${report.importLogId}.`);
	if (ctx.options.json) ctx.json({ ...report, issues: report.issues.map((i) => ({ ...i, message: importer.formatIssue(i) })) });
	return report.status === 'rejected' ? EXIT.rejected : EXIT.ok;
}

const importCommand = defineCommand({
	name: 'import',
	summary: 'Importe des lignes de financement (CSV ou XLSX)',
	description:
		'Colonnes : annee;structure;financeur;dispositif;montant;statut;commentaire. structure = identifiant (colonne id de ' +
		'l’import des structures), numéro Maillage ou SIRET ; financeur et dispositif = code ou libellé des listes de ' +
		'référence ; montant en euros (virgule décimale acceptée) ; statut = prévisionnel, notifié ou versé. Une ligne par ' +
		'structure × financeur × dispositif × année : une ligne existante est mise à jour. Tout le fichier est vérifié avant ' +
		'd’écrire ; à la moindre erreur rien n’est écrit (sauf avec --skip-invalid). Codes de sortie : 0 importé, 1 refusé.',
	arguments: [{ name: 'fichier', description: 'Le fichier CSV (séparateur ; ou ,) ou XLSX (première feuille)' }],
	options: fileImportOptions,
	examples: ['maillage funding import financements-2025.csv', 'maillage funding import financements.xlsx --skip-invalid'],
	run: (ctx) =>
		importFile(ctx, async () => {
			const { runFundingImport, formatFundingIssue, summariseFundingImport } = await import('../../import/funding');
			return { run: runFundingImport, formatIssue: formatFundingIssue, summarise: summariseFundingImport };
		})
});

const exportCommand = defineCommand({
	name: 'export',
	summary: 'Exporte les lignes de financement (CSV ou XLSX)',
	description:
		'CSV pour tableur français (séparateur ;, UTF-8 avec BOM, virgule décimale) ou XLSX (montants numériques). Les ' +
		'colonnes de l’import viennent en premier : le fichier se réimporte tel quel. « - » écrit sur la sortie standard (CSV).',
	arguments: [{ name: 'fichier', description: 'Le fichier à écrire (.csv ou .xlsx), ou - pour la sortie standard' }],
	options: {
		format: { type: 'string', description: 'csv ou xlsx (par défaut : selon l’extension, sinon csv)', valueName: 'FORMAT' },
		annee: { type: 'number', description: 'N’exporte que cette année', valueName: 'ANNÉE' }
	},
	examples: ['maillage funding export financements.xlsx', 'maillage funding export - --annee 2025 > financements-2025.csv'],
	async run(ctx) {
		const target = ctx.positionals[0];
		const format = ctx.options.format ?? (target.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv');
		if (format !== 'csv' && format !== 'xlsx') throw new UsageError(`format inconnu : ${format} (csv ou xlsx)`);
		if (target === '-' && format === 'xlsx') throw new UsageError('un classeur XLSX ne s’écrit pas sur la sortie standard : indiquez un fichier.');
		const year = ctx.options.annee;
		if (year !== undefined && (!Number.isInteger(year) || year < 2000 || year > 2100)) throw new UsageError(`année invalide : ${year}`);
		const handle = await ctx.openMigratedDb();
		const [{ exportFunding }, { EMPTY_FILTERS }] = await Promise.all([import('../../import/funding'), import('../../../funding/filters')]);
		const file = await exportFunding(handle.db, { kind: 'all' }, format, { ...EMPTY_FILTERS, year: year ?? null });
		if (target === '-') ctx.io.stdout.write(new TextDecoder('utf-8', { ignoreBOM: true }).decode(file.bytes));
		else fs.writeFileSync(ctx.resolvePath(target), file.bytes);
		ctx.info(`${file.lines} ligne${file.lines > 1 ? 's' : ''} de financement exportée${file.lines > 1 ? 's' : ''}${target === '-' ? '' : ` dans ${target}`}.`);
	}
});

const postsCommand = defineCommand({
	name: 'postes',
	summary: 'Importe les postes adultes-relais ou FONJEP de l’État (données ANCT politique de la ville)',
	description:
		'Fichier JSON de l’ANCT (un poste par enregistrement). Seuls les postes des départements des structures sont lus. ' +
		'Adultes-relais : rapprochés par SIRET de l’employeur (code_tiers) = SIRET de la structure. FONJEP : rapprochés par ' +
		'le nom de l’employeur (similarité des noms, sans les mots communs « centre social », « association »…), seulement ' +
		'quand le rapprochement est net ; les autres noms sont listés pour revue. Les postes d’une structure et d’une année ' +
		'sont additionnés en une ligne versée (dispositif ADULTES_RELAIS ou FONJEP). Relancez avec --dry-run pour relire ' +
		'les rapprochements avant d’écrire.',
	arguments: [{ name: 'fichier', description: 'politique-ville-adultes-relais-AAAA.json ou politique-ville-postes-fonjep-AAAA.json' }],
	options: {
		type: { type: 'string', required: true, description: 'adultes-relais ou fonjep', valueName: 'TYPE' },
		financeur: { type: 'string', description: 'Code du financeur État (par défaut ETAT-PV)', valueName: 'CODE' },
		seuil: { type: 'number', description: 'Similarité minimale des noms FONJEP, de 0 à 1 (par défaut 0,85)', valueName: 'SEUIL' },
		dryRun: { type: 'boolean', description: 'Calcule et affiche les rapprochements sans rien écrire' },
		json
	},
	examples: ['maillage funding postes politique-ville-postes-fonjep-2023.json --type fonjep --dry-run', 'maillage funding postes politique-ville-adultes-relais-2023.json --type adultes-relais'],
	async run(ctx) {
		const kind = ctx.options.type === 'adultes-relais' ? 'adultes_relais' : ctx.options.type === 'fonjep' ? 'fonjep' : null;
		if (!kind) throw new UsageError(`type inconnu : ${ctx.options.type} (adultes-relais ou fonjep)`);
		const threshold = ctx.options.seuil;
		if (threshold !== undefined && !(threshold > 0 && threshold <= 1)) throw new UsageError('le seuil est un nombre entre 0 (exclu) et 1.');
		const typed = ctx.positionals[0];
		const bytes = readFile(ctx.resolvePath(typed), typed);
		const handle = await ctx.openMigratedDb();
		const { importPostFunding } = await import('../../import/funding-posts');
		const report = await importPostFunding(handle.db, {
			kind,
			fileName: path.basename(typed),
			bytes,
			partnerCode: ctx.options.financeur,
			match: threshold === undefined ? undefined : { threshold },
			dryRun: ctx.options.dryRun,
			actor: cliImportActor(),
			userId: null
		});
		for (const r of report.reviews) {
			const best = r.match.best ? `${r.match.best.candidate.name} (${r.match.best.score.toFixed(2).replace('.', ',')})` : 'aucune structure proche';
			const label = { matched: 'rapproché', ambiguous: 'ambigu, à revoir', unmatched: 'non rapproché' }[r.match.status];
			ctx.info(`  ${r.employerName} [${r.departement}] → ${best} : ${label}`);
		}
		if (report.unmatched.length > 0) ctx.info(`  ${report.unmatched.length} poste(s) adultes-relais sans structure de même SIRET dans ces départements.`);
		const posts = report.lines.reduce((s, l) => s + l.postIds.length, 0);
		ctx.info(`${report.records} postes lus (${report.invalid} illisibles) ; ${posts} rapprochés en ${report.lines.length} ligne(s) de financement.`);
		ctx.info(report.written ? `Écrit : ${report.written.inserted} créée(s), ${report.written.updated} modifiée(s), ${report.written.unchanged} inchangée(s).` : 'Rien n’a été écrit.');
		if (ctx.options.json) ctx.json(report);
	}
});

/** `partenaires-import` / `dispositifs-import`: the same command for both lists. */
function referenceImportCommand(kind: 'partenaires' | 'dispositifs') {
	const partners = kind === 'partenaires';
	return defineCommand({
		name: `${kind}-import`,
		summary: partners ? 'Importe la liste des financeurs (CSV ou XLSX)' : 'Importe la liste des dispositifs de financement (CSV ou XLSX)',
		description:
			(partners
				? 'Colonnes : code;nom;nature;territoire (celles de la page Financements › Financeurs). nature : caf, departement, ' +
					'commune, epci, msa, etat, region, carsat, federation, autre, ou leur libellé (« Conseil départemental ») ; ' +
					'territoire : code INSEE d’une commune, SIREN d’un EPCI, ou département.'
				: 'Colonnes : code;libelle;famille;nature_financeur;debut;fin (celles de la page Financements › Dispositifs). famille : ' +
					'prestation_service, subvention, poste, investissement, autre, ou leur libellé ; dates AAAA-MM-JJ ou JJ/MM/AAAA.') +
			' Un code existant est mis à jour, un nouveau est créé (chaque changement est consigné au journal d’audit) ; réimporter ' +
			'le même fichier ne change rien. Tout le fichier est vérifié avant d’écrire ; à la moindre erreur, rien n’est écrit ' +
			'(sauf avec --skip-invalid). Codes de sortie : 0 importé, 1 refusé, 2 usage.',
		arguments: [{ name: 'fichier', description: 'Le fichier CSV (; ou ,) ou XLSX (première feuille)' }],
		options: fileImportOptions,
		examples: [`maillage funding ${kind}-import ${kind}.csv`, `maillage funding ${kind}-import ${kind}.xlsx --json > rapport.json`],
		run: (ctx) =>
			importFile(ctx, async () => {
				const { runReferenceImport, formatReferenceIssue, summariseReferenceImport } = await import('../../import/reference-files');
				return { run: (db, options) => runReferenceImport(db, { ...options, kind }), formatIssue: formatReferenceIssue, summarise: summariseReferenceImport };
			})
	});
}

/** `partenaires-export` / `dispositifs-export`. */
function referenceExportCommand(kind: 'partenaires' | 'dispositifs') {
	const partners = kind === 'partenaires';
	return defineCommand({
		name: `${kind}-export`,
		summary: partners ? 'Exporte la liste des financeurs (CSV ou XLSX)' : 'Exporte la liste des dispositifs de financement (CSV ou XLSX)',
		description:
			'Les colonnes de l’import (le fichier se réimporte tel quel), natures et familles en toutes lettres. CSV pour tableur ' +
			'français (séparateur ;, UTF-8 avec BOM) ou XLSX. « - » écrit le CSV sur la sortie standard.',
		arguments: [{ name: 'fichier', description: 'Le fichier à écrire (.csv ou .xlsx), ou - pour la sortie standard' }],
		options: { format: { type: 'string', description: 'csv ou xlsx (par défaut : selon l’extension, sinon csv)', valueName: 'FORMAT' } },
		examples: [`maillage funding ${kind}-export ${kind}.csv`, `maillage funding ${kind}-export - > ${kind}.csv`],
		async run(ctx) {
			const target = ctx.positionals[0];
			const format = ctx.options.format ?? (target.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv');
			if (format !== 'csv' && format !== 'xlsx') throw new UsageError(`format inconnu : ${format} (csv ou xlsx)`);
			if (target === '-' && format === 'xlsx') throw new UsageError('un classeur XLSX ne s’écrit pas sur la sortie standard : indiquez un fichier.');
			const handle = await ctx.openMigratedDb();
			const { exportReferences, REFERENCE_NOUNS } = await import('../../import/reference-files');
			const file = await exportReferences(handle.db, kind, format);
			if (target === '-') ctx.io.stdout.write(new TextDecoder('utf-8', { ignoreBOM: true }).decode(file.bytes));
			else fs.writeFileSync(ctx.resolvePath(target), file.bytes);
			const noun = REFERENCE_NOUNS[kind];
			ctx.info(`${file.rows} ${file.rows > 1 ? noun.many : noun.one} exporté${file.rows > 1 ? 's' : ''}${target === '-' ? '' : ` dans ${target}`}.`);
		}
	});
}

export default defineGroup({
	name: 'funding',
	summary: 'Financements : lignes, financeurs et dispositifs en fichiers (CSV, XLSX), postes de l’État',
	description:
		'Même code que les pages Financements. L’import est refusé sur la base de démonstration (les données réelles ne ' +
		's’y mélangent pas). Codes de sortie : 0 réussi, 1 refusé, 2 usage, 3 environnement.',
	commands: [
		importCommand,
		exportCommand,
		postsCommand,
		referenceImportCommand('partenaires'),
		referenceExportCommand('partenaires'),
		referenceImportCommand('dispositifs'),
		referenceExportCommand('dispositifs')
	]
});
