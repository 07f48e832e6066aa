/**
 * What a command receives: its parsed options, where to write (stdout for machine-readable output
 * only, stderr for everything a human reads), the environment, and `openDb()` — a database the
 * runner closes (releasing the PGlite folder lock) whatever happens.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readDbConfig, type DbConfig } from '../config';
import type { DbHandle } from '../db/index';

/** Anything with `write(text)`: process.stdout, a test buffer. */
export interface Writer {
	write(chunk: string): unknown;
}

export interface CliIo {
	stdout: Writer;
	stderr: Writer;
}

export interface CommandContext<O = Record<string, unknown>> {
	options: O;
	positionals: readonly string[];
	env: NodeJS.ProcessEnv;
	io: CliIo;
	/** Aborted on Ctrl-C / SIGTERM: long commands stop between steps, the runner then closes the base. */
	signal: AbortSignal;
	/**
	 * Call between the steps or batches of a long command: lets the event loop see a pending
	 * Ctrl-C (PGlite queries never yield to it) and throws if the user interrupted, so the
	 * current transaction rolls back and the runner closes the base (exit 130).
	 */
	checkpoint(): Promise<void>;
	/** A line for humans, on stderr (progress, summaries, warnings). */
	info(message: string): void;
	/** A line of machine-readable output, on stdout. */
	print(line: string): void;
	/** `value` as indented JSON on stdout (for `--json`). */
	json(value: unknown): void;
	/** The database the environment designates (DATABASE_URL, MAILLAGE_DATA_DIR, MAILLAGE_DB_SCHEMA). */
	dbConfig(): DbConfig;
	/** Opens that database once (not migrated); closed by the runner after the command. */
	openDb(): Promise<DbHandle>;
	/** `openDb()`, then brings the schema up to date: what every command reading or writing data needs. */
	openMigratedDb(): Promise<DbHandle>;
	/** A path typed by the user, made absolute against the user's folder (see `userCwd`). */
	resolvePath(p: string): string;
}

/** The repository root (the folder holding package.json), from this file's location. */
export const projectRoot: string = fileURLToPath(new URL('../../../../', import.meta.url));

/**
 * The folder the user typed the command in: `npm run maillage` runs scripts from the package root
 * but records the caller's folder in INIT_CWD; `npx maillage` and direct calls keep the cwd.
 */
export function userCwd(env: NodeJS.ProcessEnv = process.env): string {
	return env.npm_lifecycle_event === 'maillage' && env.INIT_CWD ? env.INIT_CWD : process.cwd();
}

/**
 * The CLI's database config: as the app's (`readDbConfig`), except that the default PGlite folder
 * is the project's `data/pglite` wherever the command is typed, and a relative MAILLAGE_DATA_DIR
 * is taken from the user's folder.
 */
export function cliDbConfig(env: NodeJS.ProcessEnv): DbConfig {
	const config = readDbConfig(env);
	const dir = env.MAILLAGE_DATA_DIR?.trim();
	const dataDir = !dir
		? path.join(projectRoot, 'data', 'pglite')
		: dir.startsWith('memory://')
			? dir
			: path.resolve(userCwd(env), dir);
	return { ...config, dataDir };
}

export interface ContextParts<O> {
	options: O;
	positionals: readonly string[];
	env: NodeJS.ProcessEnv;
	io: CliIo;
	signal: AbortSignal;
}

/** Builds a command's context; `dispose()` closes what the command opened. */
export function createContext<O>(parts: ContextParts<O>): { ctx: CommandContext<O>; dispose(): Promise<void> } {
	const { io, env } = parts;
	let handle: Promise<DbHandle> | null = null;
	const ctx: CommandContext<O> = {
		...parts,
		async checkpoint() {
			await new Promise<void>((resolve) => setImmediate(resolve));
			parts.signal.throwIfAborted();
		},
		info: (message) => void io.stderr.write(`${message}\n`),
		print: (line) => void io.stdout.write(`${line}\n`),
		json: (value) => void io.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
		dbConfig: () => cliDbConfig(env),
		resolvePath: (p) => path.resolve(userCwd(env), p),
		openDb() {
			handle ??= import('../db/index').then(({ createDb }) => createDb(cliDbConfig(env)));
			return handle;
		},
		async openMigratedDb() {
			const opened = await ctx.openDb();
			const { migrate } = await import('../db/migrate');
			await migrate(opened.db, opened.schema);
			return opened;
		}
	};
	return {
		ctx,
		async dispose() {
			const opened = handle;
			handle = null;
			if (!opened) return;
			// A failed open has already released everything.
			const h = await opened.catch(() => null);
			await h?.close();
		}
	};
}
