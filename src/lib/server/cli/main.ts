/**
 * The `maillage` tool: finds the group and command in argv, answers `--help` at every level,
 * parses the command's options, runs it, closes what it opened and maps errors to exit codes.
 * `runCli` is the pure-ish core (injectable io, env, groups: tested in-process); `main` is the
 * process entry used by scripts/maillage.mjs (signals, process.exitCode).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as registry from './commands/index';
import { UsageError, parseCommandArgs, wantsHelp } from './args';
import { createContext, projectRoot, type CliIo } from './context';
import { TOOL, commandHelp, groupHelp, suggest, toolHelp } from './help';
import type { CommandGroup } from './registry';
import { EXIT, reportError } from './report';

export interface RunOptions {
	io: CliIo;
	env: NodeJS.ProcessEnv;
	/** Defaults to every group of `commands/index.ts`, by name. */
	groups?: readonly CommandGroup[];
	/** Aborted when the user interrupts (Ctrl-C). */
	signal?: AbortSignal;
}

/** Every registered group, sorted by name. */
export function registeredGroups(): CommandGroup[] {
	return Object.values(registry as Record<string, CommandGroup>).sort((a, b) => a.name.localeCompare(b.name));
}

function version(): string {
	try {
		return (JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version;
	} catch {
		return 'version inconnue';
	}
}

function unknown(what: string, input: string, names: readonly string[]): UsageError {
	const guess = suggest(input, names);
	return new UsageError(
		`${what} : « ${input} ».` +
			(guess ? ` Vouliez-vous dire « ${guess} » ?` : '') +
			` Possibles : ${names.join(', ')}.`
	);
}

/** Runs one command line (without `node maillage.mjs`); resolves to the exit code. */
export async function runCli(argv: readonly string[], options: RunOptions): Promise<number> {
	const { io, env } = options;
	const groups = options.groups ?? registeredGroups();
	const signal = options.signal ?? new AbortController().signal;
	let helpHint = `${TOOL} --help`;
	try {
		const [first, second, ...rest] = argv;
		if (first === undefined) {
			io.stderr.write(`${toolHelp(groups, version())}\n`);
			throw new UsageError('indiquez un groupe et une commande, par exemple « maillage db status ».');
		}
		if (first === '-h' || first === '--help') {
			io.stdout.write(toolHelp(groups, version()));
			return EXIT.ok;
		}
		if (first === '-V' || first === '--version') {
			io.stdout.write(`${version()}\n`);
			return EXIT.ok;
		}
		if (first.startsWith('-')) throw new UsageError(`Option inconnue : ${first} (placez les options après la commande).`);

		const group = groups.find((g) => g.name === first);
		if (!group) throw unknown('Groupe de commandes inconnu', first, groups.map((g) => g.name));
		helpHint = `${TOOL} ${group.name} --help`;
		const names = group.commands.map((c) => c.name);
		if (group.defaultCommand && (second === undefined || second.startsWith('-'))) {
			return runCli([group.name, group.defaultCommand, ...argv.slice(1)], options);
		}
		if (second === undefined) {
			io.stderr.write(`${groupHelp(group)}\n`);
			throw new UsageError(`indiquez une commande du groupe « ${group.name} » : ${names.join(', ')}.`);
		}
		if (second === '-h' || second === '--help') {
			io.stdout.write(groupHelp(group));
			return EXIT.ok;
		}
		if (second.startsWith('-')) throw new UsageError(`Option inconnue : ${second} (placez les options après la commande).`);

		const command = group.commands.find((c) => c.name === second);
		if (!command) throw unknown(`Commande inconnue dans le groupe « ${group.name} »`, second, names);
		helpHint = `${TOOL} ${group.name} ${command.name} --help`;
		if (wantsHelp(rest)) {
			io.stdout.write(commandHelp(group, command));
			return EXIT.ok;
		}

		const parsed = parseCommandArgs(rest, command.options, command.arguments);
		const { ctx, dispose } = createContext({ ...parsed, env, io, signal });
		let code: number;
		try {
			code = (await command.run(ctx)) ?? EXIT.ok;
		} finally {
			try {
				await dispose();
			} catch (error) {
				io.stderr.write(`Attention : la base n'a pas été fermée proprement : ${(error as Error).message}\n`);
				code = EXIT.unexpected; // only reached when run() succeeded; otherwise its error wins
			}
		}
		return signal.aborted ? EXIT.interrupted : code;
	} catch (error) {
		if (signal.aborted) {
			io.stderr.write('Commande interrompue.\n');
			return EXIT.interrupted;
		}
		return reportError(error, io, env, helpHint);
	}
}

/**
 * Process entry: runs argv and sets the exit code. Ctrl-C / SIGTERM never kill a command midway
 * (that could corrupt the PGlite folder): they abort `ctx.signal`, the command stops at its next
 * step and the database is closed; a second signal, or one arriving once the command is done,
 * exits at once. PGlite runs queries without yielding to the event loop, so there a signal is
 * only seen between steps — or after the command.
 */
export async function main(argv: readonly string[]): Promise<void> {
	const controller = new AbortController();
	let finished = false;
	const onSignal = (name: NodeJS.Signals) => {
		if (finished || controller.signal.aborted) process.exit(EXIT.interrupted);
		process.stderr.write(
			`\nInterruption (${name}) : arrêt en cours et fermeture de la base… (Ctrl-C à nouveau pour forcer)\n`
		);
		controller.abort(new Error('interrompu'));
	};
	// Kept until the process ends: removing them would drop a signal still pending in the event loop.
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);
	const io: CliIo = { stdout: process.stdout, stderr: process.stderr };
	const code = await runCli(argv, { io, env: process.env, signal: controller.signal });
	finished = true;
	process.exitCode = code;
	// Let stdout drain (pipes are asynchronous on some systems), then do not wait for stray handles.
	await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
	setTimeout(() => process.exit(code), 2_000).unref();
}
