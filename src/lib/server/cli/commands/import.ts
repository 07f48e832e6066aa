/**
 * `maillage import <kind> <file>`: one command per kind of `IMPORT_KINDS` (communes, epci, qpv,
 * iris, poles, structures, indicators), all through `runImport` — the very pipeline of the web
 * page. Progress and the report (counts, every issue in French) go to stderr; `--json` writes the
 * report on stdout. Exit 0 accepted or partial, 1 refused (nothing written but the import log),
 * 2 usage, 3 environment. `runImportCommand` is shared with `maillage fetch`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RejectedDataError } from '../../errors';
import type { ImportKind } from '../../../io/import-file';
import type { ImportIssue } from '../../../io/issues';
import type { ImportPhase, ImportReport, RunImportOptions } from '../../import/run-import';
import { UsageError } from '../args';
import type { CommandContext } from '../context';
import { defineCommand, defineGroup, type Command } from '../registry';
import { EXIT } from '../report';

/** Who imports, as written in `import_log.actor` and `audit_log.actor`: `cli:<login>`. */
export function cliImportActor(): string {
	let login = process.env.USER || process.env.LOGNAME || '';
	try {
		login = os.userInfo().username || login;
	} catch {
		// No passwd entry (some containers): keep the environment's name.
	}
	return `cli:${login || 'inconnu'}`;
}

interface KindHelp {
	/** « Importe … » in the group's help. */
	summary: string;
	noun: [one: string, many: string];
	feminine: boolean;
	description: string;
	example: string;
}

/**
 * What each kind reads, for the help and the report (the full reference is src/lib/io/README.md).
 * Typed by `ImportKind`, so a kind added to `IMPORT_KINDS` must be described here; kept local so
 * that `--help` does not load the parsers.
 */
export const KIND_HELP: Record<ImportKind, KindHelp> = {
	communes: {
		summary: 'les communes et leurs contours (GeoJSON)',
		noun: ['commune', 'communes'],
		feminine: true,
		description:
			'GeoJSON de polygones (WGS84 ou Lambert-93, reprojeté). Code INSEE : propriété code, insee, INSEE_COM, codgeo ' +
			'ou identifiant de l’objet ; nom : nom, name, NOM. Population, département et EPCI sont complétés par la liste ' +
			'officielle (@etalab/decoupage-administratif) ; une propriété centre (Point) donne le point de référence.',
		example: 'maillage import communes communes-2023-86-vienne.geojson'
	},
	epci: {
		summary: 'les EPCI : contours ou composition (GeoJSON ou CSV)',
		noun: ['EPCI', 'EPCI'],
		feminine: false,
		description:
			'GeoJSON des contours (propriétés siren, nom, nature, membres séparés par |) ou CSV d’appartenance ' +
			'(siren;nom;code_commune, une ligne par commune membre).',
		example: 'maillage import epci epci.geojson'
	},
	qpv: {
		summary: 'les quartiers prioritaires de la politique de la ville (GeoJSON)',
		noun: ['quartier prioritaire', 'quartiers prioritaires'],
		feminine: false,
		description:
			'GeoJSON des quartiers prioritaires : code_qp (ou code), nom_qp (ou nom), communes (code_commune, séparés par |), population. ' +
			'Génération des contours (2015 ou 2024, redessinés le 1er janvier 2024) : --generation, sinon une propriété generation ' +
			'ou le préfixe du code (QP… 2015, QN… 2024) ; jamais devinée ni demandée.',
		example: 'maillage import qpv qpv-2024.geojson --generation 2024'
	},
	iris: {
		summary: 'les IRIS (GeoJSON)',
		noun: ['IRIS', 'IRIS'],
		feminine: false,
		description: 'GeoJSON des IRIS : code_iris (ou code), nom_iris (ou nom), population.',
		example: 'maillage import iris iris-86.geojson'
	},
	poles: {
		summary: 'les pôles d’activités (CSV ou GeoJSON)',
		noun: ['pôle d’activités', 'pôles d’activités'],
		feminine: false,
		description:
			'CSV code_commune;nom;type;latitude;longitude (sans coordonnées : point de référence de la commune, position ' +
			'approximative) ou GeoJSON de points.',
		example: 'maillage import poles poles.csv'
	},
	poles_insee: {
		summary: 'les pôles d’activités d’un zonage INSEE : bassins de vie ou aires d’attraction des villes (CSV)',
		noun: ['pôle d’activités', 'pôles d’activités'],
		feminine: false,
		description:
			'Table d’appartenance géographique des communes de l’INSEE (CSV, UTF-8 ou Windows-1252, zéros initiaux perdus ' +
			'acceptés). --definition bassins-de-vie : le pôle de chaque bassin de vie (colonne BV2012 ou BV2022 : le code de sa ' +
			'commune pôle) ; --definition aires-attraction : les communes-centres (CATEAAV2020 = 11) et celles des pôles ' +
			'secondaires (13). Chaque pôle est placé au point de référence de sa commune (les communes doivent être importées ' +
			'avant) ; les codes disparus depuis (communes fusionnées) vont à la commune actuelle. Le fichier remplace les pôles ' +
			'de ce zonage ; les pôles importés par fichier (import poles) restent.',
		example: 'maillage import poles-insee insee-table-appartenance-geo-communes-2022.csv --definition bassins-de-vie'
	},
	structures: {
		summary: 'le répertoire des centres sociaux et EVS (CSV)',
		noun: ['structure', 'structures'],
		feminine: true,
		description:
			'CSV id;siret;etablissement;nom;type;code_commune;adresse;latitude;longitude;gestionnaire;gestionnaire_siren;mode_gestion;' +
			'zone_competence;date_premier_agrement;agrement_debut;agrement_fin;projet_familles. Obligatoires : id ou siret, ' +
			'nom, type (CS ou EVS), code_commune ; etablissement distingue les structures d’un même SIRET (multi-sites). ' +
			'Les communes doivent être importées avant.',
		example: 'maillage import structures structures.csv --skip-invalid'
	},
	indicators: {
		summary: 'des indicateurs territoriaux (CSV)',
		noun: ['valeur d’indicateur', 'valeurs d’indicateurs'],
		feminine: true,
		description:
			'CSV long code;annee;indicateur;valeur ou large code;annee;<indicateur>… Clés documentées : population, familles, ' +
			'familles_monoparentales, allocataires, allocataires_bas_revenus, taux_pauvrete ; les autres sont gardées telles quelles.',
		example: 'maillage import indicators indicateurs-2023.csv'
	},
	agrements: {
		summary: 'les agréments des structures (CSV)',
		noun: ['agrément', 'agréments'],
		feminine: false,
		description:
			'CSV id_structure;type_agrement;debut;fin;premier;decision;date_decision. id_structure : identifiant (id) ou SIRET ' +
			'd’une structure déjà importée ; type_agrement : AGC, ACF ou AL ; dates AAAA-MM-JJ ou JJ/MM/AAAA ; premier : oui ou ' +
			'non ; decision : accordé, refusé ou en instruction. Tout ou rien : une seule erreur refuse le fichier.',
		example: 'maillage import agrements agrements.csv'
	},
	travel_times: {
		summary: 'une matrice de temps de trajet (CSV)',
		noun: ['temps de trajet', 'temps de trajet'],
		feminine: false,
		description:
			'CSV origine;destination;minutes, une ligne par trajet. origine : code INSEE d’une commune de la base ; ' +
			'destination : code INSEE d’une commune de la base (le temps vaut pour ses structures et pôles) ou une structure ' +
			'(numéro dans Maillage, id du fichier des structures ou SIRET) ; minutes : nombre > 0, virgule décimale acceptée. ' +
			'Utilisée quand les seuils sont en minutes (paramètre analysis.metric) ; ailleurs le temps est estimé depuis la ' +
			'distance. Tout ou rien : une seule erreur refuse le fichier.',
		example: 'maillage import travel_times temps-de-trajet.csv'
	}
};

const PHASE_LABELS: Record<ImportPhase, string> = {
	parse: 'Lecture du fichier',
	validate: 'Vérification',
	write: 'Écriture en base'
};

function plural(n: number, [one, many]: [string, string]): string {
	return `${n.toLocaleString('fr-FR')} ${n >= 2 ? many : one}`;
}

/**
 * Progress lines on stderr: one line when a phase starts, then about every 10 % (and at the end)
 * of `validate` and `write`. On a terminal the line is rewritten in place.
 */
export function progressPrinter(ctx: CommandContext<unknown>): (phase: ImportPhase, done: number, total: number) => void {
	const tty = Boolean((ctx.io.stderr as { isTTY?: boolean }).isTTY);
	let current: ImportPhase | null = null;
	let lastTenth = -1;
	let lastDone = -1;
	let pendingLine = false;
	return (phase, done, total) => {
		// Ctrl-C: stop at the next progress report; inside the write transaction this rolls it back.
		if (ctx.signal.aborted) throw ctx.signal.reason instanceof Error ? ctx.signal.reason : new Error('interrompu');
		if (phase !== current) {
			if (pendingLine) ctx.io.stderr.write('\n');
			pendingLine = false;
			current = phase;
			lastTenth = -1;
			lastDone = -1;
			if (phase === 'parse') {
				ctx.info(`${PHASE_LABELS.parse}…`);
				return;
			}
		}
		if (phase === 'parse' || done === lastDone) return;
		lastDone = done;
		const tenth = total > 0 ? Math.floor((done / total) * 10) : 10;
		if (tenth === lastTenth && done !== total) return;
		lastTenth = tenth;
		const percent = total > 0 ? Math.floor((done / total) * 100) : 100;
		const text = `${PHASE_LABELS[phase]} : ${done.toLocaleString('fr-FR')} / ${total.toLocaleString('fr-FR')} (${percent} %)`;
		if (tty) {
			ctx.io.stderr.write(`\r${text}`);
			pendingLine = done !== total;
			if (!pendingLine) ctx.io.stderr.write('\n');
		} else ctx.info(text);
	};
}

/** An issue as `--json` writes it: the stored value plus its French sentence. */
export interface IssueJson extends ImportIssue {
	message: string;
}

/** The report in French for humans: status, counts, then every issue (location first). */
export async function printReport(ctx: CommandContext<unknown>, report: ImportReport): Promise<void> {
	const { formatIssue, severityLabel } = await import('../../../io/messages-fr');
	const { noun, feminine } = KIND_HELP[report.kind];
	const { read, inserted, updated, unchanged, skipped } = report.counts;
	const errors = report.issues.filter((i) => i.severity === 'error').length;
	const warnings = report.issues.length - errors;
	for (const issue of report.issues) ctx.info(`  ${severityLabel(issue)} — ${formatIssue(issue)}`);
	const problems =
		report.issues.length === 0
			? 'aucun problème signalé'
			: [errors ? plural(errors, ['erreur', 'erreurs']) : null, warnings ? plural(warnings, ['avertissement', 'avertissements']) : null]
					.filter(Boolean)
					.join(', ');
	ctx.info(`Fichier : ${report.fileName} (sha256 ${report.fileHash.slice(0, 12)}…), ${plural(read, ['enregistrement lu', 'enregistrements lus'])} ; ${problems}.`);
	if (report.status === 'rejected') {
		ctx.info(
			`Import refusé : rien n’a été écrit (journal d’import n° ${report.importLogId}). ` +
				(report.issues.some((i) => i.code === 'territory-required')
					? 'Le reste du fichier sera vérifié à l’import dans le territoire de travail.'
					: errors > 0
					? 'Corrigez les erreurs ci-dessus, ou relancez avec --skip-invalid pour écrire les seuls enregistrements valides.'
					: 'Aucun enregistrement valide à écrire.')
		);
		return;
	}
	const { importNotes } = await import('../../../io/scope-fr');
	for (const line of importNotes(report)) ctx.info(line);
	const written = inserted + updated + unchanged;
	const agree = (n: number, word: string) => `${word}${feminine ? 'e' : ''}${n >= 2 ? 's' : ''}`;
	const count = (n: number, word: string) => `${n.toLocaleString('fr-FR')} ${agree(n, word)}`;
	ctx.info(
		`${plural(written, noun)} ${agree(written, 'importé')} : ` +
			`${count(inserted, 'ajouté')}, ${count(updated, 'modifié')}, ${count(unchanged, 'inchangé')}` +
			(skipped ? `, ${count(skipped, 'écarté')}` : '') +
			(report.status === 'partial' ? ' — import partiel (--skip-invalid) : les enregistrements en erreur ont été écartés.' : '.')
	);
}

/** The file and the import's options, as the command line gives them (`--tout`: keepAll, `--bande-seulement`: bandOnly…). */
export interface ImportCommandInput
	extends Pick<RunImportOptions, 'kind' | 'fileName' | 'bytes' | 'qpvGeneration' | 'keepAll' | 'bandOnly' | 'poleDefinition'> {
	skipInvalid: boolean;
	json: boolean;
}

/**
 * Opens and migrates the database, runs the import with progress on stderr, prints the report;
 * returns the exit code (0 accepted or partial, 1 refused). The demo database is refused (1).
 */
export async function runImportCommand(ctx: CommandContext<unknown>, input: ImportCommandInput): Promise<number> {
	const handle = await ctx.openMigratedDb();
	const { runImport } = await import('../../import/run-import');
	await ctx.checkpoint();
	ctx.info(`Import ${input.kind} depuis ${input.fileName} (${formatSize(input.bytes.byteLength)}) dans ${handle.kind === 'pglite' ? 'PGlite' : 'PostgreSQL'} ${handle.location}…`);
	const started = performance.now();
	const { json, ...options } = input;
	const report = await runImport(handle.db, { ...options, actor: cliImportActor(), userId: null, onProgress: progressPrinter(ctx) });
	await printReport(ctx, report);
	ctx.info(`Durée : ${((performance.now() - started) / 1000).toFixed(1).replace('.', ',')} s.`);
	if (json) {
		const { formatIssue } = await import('../../../io/messages-fr');
		ctx.json({ ...report, issues: report.issues.map((i): IssueJson => ({ ...i, message: formatIssue(i) })) });
	}
	return report.status === 'rejected' ? EXIT.rejected : EXIT.ok;
}

/** « 1,2 Mo », « 830 ko ». */
export function formatSize(bytes: number): string {
	if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;
	return `${Math.max(1, Math.round(bytes / 1024)).toLocaleString('fr-FR')} ko`;
}

/** Reads the file the user named, refusing (exit 1) one over the upload limit before reading it. */
async function readUserFile(ctx: CommandContext<unknown>, typed: string): Promise<{ fileName: string; bytes: Uint8Array }> {
	const file = ctx.resolvePath(typed);
	let stat: fs.Stats;
	try {
		stat = fs.statSync(file);
	} catch {
		throw new UsageError(`fichier introuvable : ${typed}`);
	}
	if (stat.isDirectory()) throw new UsageError(`${typed} est un dossier : indiquez un fichier CSV ou GeoJSON.`);
	const { maxUploadBytes } = await import('../../import/limits');
	const max = maxUploadBytes(ctx.env);
	if (stat.size > max) {
		const { formatIssue } = await import('../../../io/messages-fr');
		const mb = (n: number) => Math.round((n / 1024 / 1024) * 1000) / 1000;
		throw new RejectedDataError(
			formatIssue({ severity: 'error', code: 'file-too-large', params: { sizeMb: mb(stat.size), maxMb: mb(max) } }) + ' Rien n’a été écrit.'
		);
	}
	try {
		return { fileName: path.basename(file), bytes: new Uint8Array(fs.readFileSync(file)) };
	} catch (error) {
		throw new UsageError(`impossible de lire ${typed} : ${(error as Error).message}`);
	}
}

const options = {
	skipInvalid: {
		type: 'boolean',
		description: 'Écrit les enregistrements valides et signale les autres, au lieu de tout refuser'
	},
	json: { type: 'boolean', description: 'Écrit le rapport d’import en JSON sur la sortie standard' },
	tout: {
		type: 'boolean',
		description: 'Garde tout le fichier, même ce qui est hors du territoire de travail et de sa bande frontalière'
	}
} as const;

const communesOptions = {
	...options,
	bandeSeulement: {
		type: 'boolean',
		description:
			'Garde seulement les communes de la bande frontalière et laisse celles du territoire telles qu’elles sont en base ' +
			'(les voisines d’un fichier national d’un autre millésime)'
	}
} as const;

const qpvOptions = {
	...options,
	generation: { type: 'string', description: 'Génération des contours du fichier : 2015 ou 2024 (sinon lue dans le fichier)' }
} as const;

/** `import qpv`: the common options plus `--generation`. */
function qpvCommand(): Command {
	const help = KIND_HELP.qpv;
	return defineCommand({
		name: 'qpv',
		summary: `Importe ${help.summary}`,
		description:
			`${help.description} Tout le fichier est vérifié avant d’écrire quoi que ce soit ; à la moindre erreur, rien n’est écrit ` +
			'(sauf avec --skip-invalid). Réimporter le même fichier ne change rien. Référence des formats : src/lib/io/README.md.',
		arguments: [{ name: 'fichier', description: 'Le fichier à importer (GeoJSON)' }],
		options: qpvOptions,
		examples: [help.example, 'maillage import qpv qpv-2015.geojson --generation 2015 --json > rapport.json'],
		async run(ctx) {
			const generation = ctx.options.generation?.trim() || null;
			if (generation !== null && !/^\d{4}$/.test(generation)) throw new UsageError(`--generation attend une année de génération (2015 ou 2024), pas « ${generation} ».`);
			const { fileName, bytes } = await readUserFile(ctx, ctx.positionals[0]);
			return runImportCommand(ctx, { kind: 'qpv', fileName, bytes, skipInvalid: ctx.options.skipInvalid, json: ctx.options.json, keepAll: ctx.options.tout, qpvGeneration: generation });
		}
	});
}

function kindCommand(kind: ImportKind): Command {
	if (kind === 'qpv') return qpvCommand();
	const help = KIND_HELP[kind];
	return defineCommand({
		name: kind,
		summary: `Importe ${help.summary}`,
		description:
			`${help.description} Tout le fichier est vérifié avant d’écrire quoi que ce soit ; à la moindre erreur, rien n’est écrit ` +
			'(sauf avec --skip-invalid). Réimporter le même fichier ne change rien. Avec un territoire de travail (« maillage territory ' +
			'show »), ce qui est hors du territoire et de sa bande frontalière est écarté et compté dans le rapport (--tout garde tout). ' +
			'Référence des formats : src/lib/io/README.md.',
		arguments: [{ name: 'fichier', description: 'Le fichier à importer (CSV ou GeoJSON)' }],
		options: kind === 'communes' ? communesOptions : options,
		examples: [help.example, `${help.example.replace(/ --skip-invalid$/, '')} --json > rapport.json`],
		async run(ctx) {
			const bandOnly = 'bandeSeulement' in ctx.options && ctx.options.bandeSeulement === true;
			const { fileName, bytes } = await readUserFile(ctx, ctx.positionals[0]);
			return runImportCommand(ctx, {
				kind,
				fileName,
				bytes,
				skipInvalid: ctx.options.skipInvalid,
				json: ctx.options.json,
				keepAll: ctx.options.tout,
				bandOnly
			});
		}
	});
}

/**
 * `import activite <fichier>`: the structure-year data of the observatory (CSV or XLSX), all or
 * nothing, through `runActivityImport` (its own pipeline: two shapes, wide and long).
 */
const activiteCommand = defineCommand({
	name: 'activite',
	summary: 'Importe les données annuelles des structures pour l’observatoire (CSV ou XLSX)',
	description:
		'Une ligne par structure et par année (format large : les colonnes « saisie » du dictionnaire des données, ' +
		'par leur nom ou leur en-tête français), et/ou une ligne par structure, année et élément de détail (format long, ' +
		'colonne section : activites, partenaires ou contrats). La structure est reconnue par son SIRET et son ' +
		'établissement (ou identifiant_maillage sans SIRET). Un classeur XLSX est lu par sa première feuille (fiches) et sa ' +
		'feuille « Détail … » : le classeur de « maillage export observatoire » se réimporte tel quel ; ses colonnes ' +
		'calculées sont ignorées avec une note. Une colonne absente laisse la valeur enregistrée ; une cellule vide l’efface ; ' +
		'le détail d’une structure-année présente dans le fichier remplace le détail enregistré. Tout ou rien : à la ' +
		'moindre erreur, rien n’est écrit. Réimporter le même fichier ne change rien. Dictionnaire : maillage export dictionnaire.',
	arguments: [{ name: 'fichier', description: 'Le fichier à importer (CSV ou XLSX)' }],
	options: { json: { type: 'boolean', description: 'Écrit le rapport d’import en JSON sur la sortie standard' } },
	examples: ['maillage import activite observatoire-2025.xlsx', 'maillage import activite activite-2025.csv --json > rapport.json'],
	async run(ctx) {
		const { fileName, bytes } = await readUserFile(ctx, ctx.positionals[0]);
		const handle = await ctx.openMigratedDb();
		await ctx.checkpoint();
		const { runActivityImport, summariseActivityImport } = await import('../../import/activity');
		ctx.info(`Import activite depuis ${fileName} (${formatSize(bytes.byteLength)})…`);
		const report = await runActivityImport(handle.db, { fileName, bytes, actor: cliImportActor(), userId: null });
		const label = { erreur: 'Erreur', avertissement: 'Avertissement', note: 'Note' } as const;
		for (const issue of report.issues) ctx.info(`  ${label[issue.severity]} — ${issue.message}`);
		ctx.info(`${summariseActivityImport(report)} (journal d’import n° ${report.importLogId})`);
		if (ctx.options.json) ctx.json(report);
		return report.status === 'rejected' ? EXIT.rejected : EXIT.ok;
	}
});

/** `import zonage-communes`: a dated list of the communes of a zoning (ZFRR). */
const zonageCommand = defineCommand({
	name: 'zonage-communes',
	summary: 'Importe la liste datée des communes d’un zonage : zones France ruralités revitalisation (CSV)',
	description:
		'CSV d’une colonne code_commune (aussi code, code_insee, insee, codgeo), une commune par ligne. La liste est en vigueur à ' +
		'partir de --depuis : les communes listées entrent dans le zonage (ou y restent), celles qui n’y sont plus en sortent la ' +
		'veille. Seules les communes de la base sont gardées ; les autres sont écartées et signalées. Tout ou rien ; réimporter la ' +
		'même liste ne change rien. Utilisée par les priorités (orientation des nouveaux centres vers les QPV et ZFRR) et par ' +
		'les sites recommandés (pondération de la population des QPV et ZFRR).',
	arguments: [{ name: 'fichier', description: 'La liste des communes (CSV)' }],
	options: {
		zonage: { type: 'string', required: true, description: 'Le zonage : zfrr', valueName: 'ZONAGE' },
		depuis: { type: 'string', required: true, description: 'Premier jour de la liste', valueName: 'AAAA-MM-JJ' },
		source: { type: 'string', description: 'Texte qui établit la liste (arrêté, décret), gardé avec chaque commune', valueName: 'TEXTE' },
		json: { type: 'boolean', description: 'Écrit le rapport en JSON sur la sortie standard' }
	},
	examples: ['maillage import zonage-communes zfrr.csv --zonage zfrr --depuis 2024-07-01 --source "Arrêté du 19 juin 2024"'],
	async run(ctx) {
		const { ZONAGES, runZonageImport } = await import('../../import/zonage-communes');
		const zonage = ctx.options.zonage.trim().toLowerCase();
		if (!(zonage in ZONAGES)) throw new UsageError(`--zonage attend ${Object.keys(ZONAGES).join(', ')}, pas « ${ctx.options.zonage} ».`);
		const since = ctx.options.depuis.trim();
		if (!/^\d{4}-\d{2}-\d{2}$/.test(since)) throw new UsageError(`--depuis attend une date AAAA-MM-JJ, pas « ${ctx.options.depuis} ».`);
		const { fileName, bytes } = await readUserFile(ctx, ctx.positionals[0]);
		const handle = await ctx.openMigratedDb();
		await ctx.checkpoint();
		const report = await runZonageImport(handle.db, {
			zonage: zonage as keyof typeof ZONAGES,
			since,
			fileName,
			bytes,
			source: ctx.options.source?.trim() || null,
			actor: cliImportActor(),
			userId: null
		});
		const { formatIssue, severityLabel } = await import('../../../io/messages-fr');
		for (const issue of report.issues) ctx.info(`  ${severityLabel(issue)} — ${formatIssue(issue)}`);
		const c = report.counts;
		if (report.status === 'rejected') ctx.info(`Import refusé : rien n’a été écrit (journal d’import n° ${report.importLogId}).`);
		else {
			ctx.info(
				`${ZONAGES[report.zonage]} au ${since} : ${c.kept} communes du territoire (${c.added} entrées, ${c.closed} sorties, ` +
					`${c.unchanged} inchangées) ; ${c.outside} communes hors du territoire écartées, sur ${c.read} lignes lues.`
			);
		}
		if (ctx.options.json) ctx.json({ ...report, issues: report.issues.map((i): IssueJson => ({ ...i, message: formatIssue(i) })) });
		return report.status === 'rejected' ? EXIT.rejected : EXIT.ok;
	}
});

const polesInseeCommand = defineCommand({
	name: 'poles-insee',
	summary: `Importe ${KIND_HELP.poles_insee.summary}`,
	description:
		`${KIND_HELP.poles_insee.description} Tout le fichier est vérifié avant d’écrire ; un fichier qui n’est pas une table ` +
		'de l’INSEE, ou sans la colonne de la définition demandée, est refusé sans rien écrire. Réimporter le même fichier ne ' +
		'change rien. Les pôles hors du territoire de travail et de sa bande frontalière sont écartés.',
	arguments: [{ name: 'fichier', description: 'La table d’appartenance géographique des communes (CSV)' }],
	options: {
		definition: {
			type: 'string',
			required: true,
			description: 'bassins-de-vie ou aires-attraction',
			valueName: 'DÉFINITION'
		},
		...options
	},
	examples: [KIND_HELP.poles_insee.example, 'maillage import poles-insee table-appartenance.csv --definition aires-attraction --json > rapport.json'],
	async run(ctx) {
		const { isInseePoleDefinition } = await import('../../../io/to-poles-insee');
		const definition = ctx.options.definition;
		if (!isInseePoleDefinition(definition)) {
			throw new UsageError(`définition inconnue : « ${definition} » (bassins-de-vie ou aires-attraction).`);
		}
		const { fileName, bytes } = await readUserFile(ctx, ctx.positionals[0]);
		return runImportCommand(ctx, {
			kind: 'poles_insee',
			fileName,
			bytes,
			skipInvalid: ctx.options.skipInvalid,
			json: ctx.options.json,
			keepAll: ctx.options.tout,
			poleDefinition: definition
		});
	}
});

export default defineGroup({
	name: 'import',
	summary: 'Importe des données réelles : communes, EPCI, QPV, IRIS, pôles, structures, indicateurs, activité',
	description:
		'Même chaîne que la page Administration › Import : lecture, vérification complète, puis écriture en une seule ' +
		'transaction (tout ou rien). Chaque import est consigné dans le journal des imports. La base ne doit pas contenir ' +
		'le département fictif de démonstration (« maillage db reset --yes » d’abord). Ordre conseillé : communes, epci, ' +
		'qpv, iris, poles, structures, indicators. Codes de sortie : 0 importé (ou partiel), 1 refusé, 2 usage, 3 environnement.',
	commands: [...(Object.keys(KIND_HELP) as ImportKind[]).filter((k) => k !== 'poles_insee').map(kindCommand), polesInseeCommand, activiteCommand, zonageCommand]
});
