/**
 * The command registry's vocabulary: a tool has groups (`db`, `import`…), a group has commands
 * (`db migrate`…), a command declares its French summary, arguments and options — from which the
 * parser (`args.ts`) and the help (`help.ts`) are derived — and a `run(ctx)` that does the work.
 * Command files import nothing heavy at module level: they `await import()` inside `run`, so
 * `--help` and usage errors answer in a fraction of a second.
 */
import type { CommandContext } from './context';

/** `number` is parsed and checked by us (node:util parseArgs only knows string and boolean). */
export type OptionType = 'string' | 'boolean' | 'number';

export interface OptionSpec {
	type: OptionType;
	/** French one-liner shown in the help. */
	description: string;
	/** One letter: `-y` for `--yes`. */
	short?: string;
	/** Used when the option is absent (booleans default to false). Shown in the help. */
	default?: string | number | boolean;
	/** Placeholder in the help: `--schema <NOM>`. Defaults to `VALEUR` / `NOMBRE`. */
	valueName?: string;
	/** Absent → usage error (exit 2). Prefer a positional argument for the main input. */
	required?: boolean;
}

export interface ArgumentSpec {
	/** Shown upper-case in the usage line: `<FICHIER>`. */
	name: string;
	description: string;
	/** Defaults to true. Optional arguments must come after required ones. */
	required?: boolean;
	/** Takes every remaining positional (last argument only). */
	variadic?: boolean;
}

/** Option keys are camelCase in code and kebab-case on the command line (`dryRun` → `--dry-run`). */
export type OptionSpecs = Record<string, OptionSpec>;

type ValueOf<S extends OptionSpec> = S['type'] extends 'boolean'
	? boolean
	: S['type'] extends 'number'
		? number
		: string;

/** The parsed options of a command, typed from its specs: optional unless required, defaulted or boolean. */
export type OptionValues<O extends OptionSpecs> = {
	[K in keyof O as O[K] extends { required: true } | { default: unknown } | { type: 'boolean' }
		? K
		: never]: ValueOf<O[K]>;
} & {
	[K in keyof O as O[K] extends { required: true } | { default: unknown } | { type: 'boolean' }
		? never
		: K]?: ValueOf<O[K]>;
};

export interface CommandSpec<O extends OptionSpecs = OptionSpecs> {
	/** kebab-case: `seed-demo`. */
	name: string;
	/** French one-liner for the group's help. */
	summary: string;
	/** French paragraph(s) for the command's own help. */
	description?: string;
	arguments?: readonly ArgumentSpec[];
	options?: O;
	/** Complete command lines shown under « Exemples ». */
	examples?: readonly string[];
	/**
	 * Does the work. Throw a UserFacingError (RejectedDataError, EnvironmentError, UsageError) to end
	 * with its exit code; return a number to choose another exit code; databases opened through
	 * `ctx.openDb()` are closed by the runner whatever happens.
	 */
	run(ctx: CommandContext<OptionValues<O>>): Promise<number | void>;
}

/** A command with its option types erased, as stored in a group. */
export interface Command extends Omit<CommandSpec, 'run'> {
	run(ctx: CommandContext<Record<string, unknown>>): Promise<number | void>;
}

export interface CommandGroup {
	/** The first word on the command line: `db`. */
	name: string;
	/** French one-liner for the tool's help. */
	summary: string;
	description?: string;
	commands: readonly Command[];
	/**
	 * A group that is a single action (`maillage backup --out f`) names the command run when no
	 * command name follows the group; `maillage backup create --out f` works too.
	 */
	defaultCommand?: string;
}

/** Declares a command; `const` inference types `ctx.options` from the option specs. */
export function defineCommand<const O extends OptionSpecs = Record<never, OptionSpec>>(spec: CommandSpec<O>): Command {
	return spec as unknown as Command;
}

/** Declares a group of commands (one file per group under `commands/`). */
export function defineGroup(group: CommandGroup): CommandGroup {
	return group;
}

/** `dryRun` → `dry-run`. */
export function toKebab(key: string): string {
	return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
