/**
 * French help texts for the tool, a group and a command, derived from the registry's specs
 * (nothing is written twice). Plain text, two-column lists, no colours (output may be piped).
 */
import { toKebab, type Command, type CommandGroup, type OptionSpec } from './registry';

export const TOOL = 'maillage';

const TOOL_OPTIONS: readonly [string, string][] = [
	['-h, --help', 'Affiche l’aide (de l’outil, d’un groupe ou d’une commande)'],
	['-V, --version', 'Affiche la version de Maillage']
];

const ENVIRONMENT: readonly [string, string][] = [
	['DATABASE_URL', 'postgres://… : utilise ce serveur PostgreSQL au lieu de la base embarquée'],
	['MAILLAGE_DATA_DIR', 'dossier de la base embarquée PGlite (défaut : data/pglite du projet)'],
	['MAILLAGE_DB_SCHEMA', 'schéma PostgreSQL de Maillage (défaut : maillage)'],
	['MAILLAGE_DEBUG=1', 'affiche la trace complète des erreurs inattendues']
];

const EXIT_CODES: readonly [string, string][] = [
	['0', 'succès'],
	['1', 'données refusées, ou erreur inattendue'],
	['2', 'ligne de commande incorrecte'],
	['3', 'environnement : base injoignable, dossier de données verrouillé ou non inscriptible'],
	['130', 'interrompu (Ctrl-C) : la commande s’est arrêtée et la base a été fermée']
];

/** Aligned two-column list, indented by two spaces. */
function table(rows: readonly (readonly [string, string])[]): string {
	const width = Math.max(0, ...rows.map(([left]) => left.length));
	return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`.trimEnd()).join('\n');
}

function section(title: string, body: string): string {
	return `${title} :\n${body}`;
}

function optionLabel(key: string, spec: OptionSpec): string {
	const long = `--${toKebab(key)}`;
	const value = spec.type === 'boolean' ? '' : ` <${spec.valueName ?? (spec.type === 'number' ? 'NOMBRE' : 'VALEUR')}>`;
	return `${spec.short ? `-${spec.short}, ` : '    '}${long}${value}`;
}

function optionText(spec: OptionSpec): string {
	const notes: string[] = [];
	if (spec.required) notes.push('obligatoire');
	if (spec.default !== undefined && spec.type !== 'boolean') notes.push(`défaut : ${String(spec.default)}`);
	return notes.length ? `${spec.description} (${notes.join(', ')})` : spec.description;
}

/** The usage line of a command: `maillage db reset [options] <FICHIER>`. */
export function commandUsage(group: CommandGroup, command: Command): string {
	const args = (command.arguments ?? []).map((a) => {
		const name = `${a.name}${a.variadic ? '…' : ''}`;
		return a.required === false ? `[${name}]` : `<${name}>`;
	});
	return [TOOL, group.name, command.name, '[options]', ...args].join(' ');
}

/** Help of the whole tool: groups, global options, environment, exit codes. */
export function toolHelp(groups: readonly CommandGroup[], version: string): string {
	return [
		`${TOOL} ${version} — outil en ligne de commande de Maillage, l’observatoire de l’animation de la vie sociale`,
		`Usage : ${TOOL} <groupe> <commande> [options]`,
		section('Groupes', table(groups.map((g) => [g.name, g.summary]))),
		section('Options', table(TOOL_OPTIONS)),
		section('Variables d’environnement', table(ENVIRONMENT)),
		section('Codes de sortie', table(EXIT_CODES)),
		'Les résultats destinés aux programmes (--json, CSV) vont seuls sur la sortie standard ; ' +
			'messages et progression vont sur la sortie d’erreur.',
		`Aide d’un groupe : ${TOOL} <groupe> --help — d’une commande : ${TOOL} <groupe> <commande> --help`
	].join('\n\n') + '\n';
}

/** Help of one group: its commands. */
export function groupHelp(group: CommandGroup): string {
	return [
		`${TOOL} ${group.name} — ${group.summary}`,
		`Usage : ${TOOL} ${group.name} <commande> [options]`,
		...(group.description ? [group.description] : []),
		section('Commandes', table(group.commands.map((c) => [c.name, c.summary]))),
		`Aide d’une commande : ${TOOL} ${group.name} <commande> --help`
	].join('\n\n') + '\n';
}

/** Help of one command: usage, description, arguments, options with defaults, examples. */
export function commandHelp(group: CommandGroup, command: Command): string {
	const options: [string, string][] = Object.entries(command.options ?? {}).map(([key, spec]) => [
		optionLabel(key, spec),
		optionText(spec)
	]);
	options.push(['-h, --help', 'Affiche cette aide']);
	const args = command.arguments ?? [];
	return [
		`${TOOL} ${group.name} ${command.name} — ${command.summary}`,
		`Usage : ${commandUsage(group, command)}`,
		...(command.description ? [command.description] : []),
		...(args.length
			? [section('Arguments', table(args.map((a) => [`${a.name}${a.required === false ? ' (facultatif)' : ''}`, a.description])))]
			: []),
		section('Options', table(options)),
		...(command.examples?.length ? [section('Exemples', command.examples.map((e) => `  ${e}`).join('\n'))] : [])
	].join('\n\n') + '\n';
}

/** Edit distance, for « Vouliez-vous dire … ? » on a mistyped command. */
function distance(a: string, b: string): number {
	const row = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		let previous = row[0];
		row[0] = i;
		for (let j = 1; j <= b.length; j++) {
			const current = row[j];
			row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
			previous = current;
		}
	}
	return row[b.length];
}

/** The closest known name when it is plausibly a typo (or a prefix), else null. */
export function suggest(input: string, names: readonly string[]): string | null {
	const prefixed = names.filter((n) => input.length >= 2 && n.startsWith(input));
	if (prefixed.length === 1) return prefixed[0];
	let best: string | null = null;
	let bestDistance = Infinity;
	for (const name of names) {
		const d = distance(input, name);
		if (d < bestDistance) [best, bestDistance] = [name, d];
	}
	return bestDistance <= Math.max(1, Math.floor(input.length / 3)) ? best : null;
}
