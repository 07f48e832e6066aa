/**
 * Turns a command's argv into typed options and positionals, from the command's own specs, with
 * French usage errors (exit 2). Built on node:util parseArgs in non-strict token mode, so every
 * check — unknown option, missing value, bad number, missing argument — gets our wording.
 */
import { parseArgs } from 'node:util';
import { UserFacingError } from '../errors';
import { toKebab, type ArgumentSpec, type OptionSpecs } from './registry';

/** The command line was wrong: unknown command or option, missing or malformed value (exit 2). */
export class UsageError extends UserFacingError {
	constructor(message: string) {
		super(message, 2);
		this.name = 'UsageError';
	}
}

export interface ParsedArgs {
	/** Keyed by the spec's camelCase names; defaults applied; booleans always present. */
	options: Record<string, unknown>;
	positionals: string[];
}

/** True when `-h` or `--help` appears before any `--` terminator. */
export function wantsHelp(argv: readonly string[]): boolean {
	for (const arg of argv) {
		if (arg === '--') return false;
		if (arg === '-h' || arg === '--help') return true;
	}
	return false;
}

function flag(key: string): string {
	return `--${toKebab(key)}`;
}

/** Parses `argv` (after the command name) against the command's specs; throws UsageError in French. */
export function parseCommandArgs(
	argv: readonly string[],
	specs: OptionSpecs = {},
	argSpecs: readonly ArgumentSpec[] = []
): ParsedArgs {
	const byFlag = new Map<string, string>(); // kebab-case or short letter → camelCase key
	const parseOptions: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
	for (const [key, spec] of Object.entries(specs)) {
		const name = toKebab(key);
		byFlag.set(name, key);
		if (spec.short) byFlag.set(spec.short, key);
		parseOptions[name] = { type: spec.type === 'boolean' ? 'boolean' : 'string', ...(spec.short ? { short: spec.short } : {}) };
	}

	const { tokens } = parseArgs({
		args: [...argv],
		options: parseOptions,
		strict: false,
		allowPositionals: true,
		tokens: true
	});

	const options: Record<string, unknown> = {};
	const positionals: string[] = [];
	for (const token of tokens) {
		if (token.kind === 'positional') {
			positionals.push(token.value);
			continue;
		}
		if (token.kind !== 'option') continue;
		const key = byFlag.get(token.name);
		if (key === undefined) throw new UsageError(`Option inconnue : ${token.rawName}`);
		const spec = specs[key];
		if (spec.type === 'boolean') {
			if (token.value !== undefined) {
				throw new UsageError(`L'option ${flag(key)} ne prend pas de valeur (reçu « ${token.value} »).`);
			}
			options[key] = true;
			continue;
		}
		const value = token.value;
		if (value === undefined || (!token.inlineValue && value.startsWith('-') && value !== '-')) {
			throw new UsageError(
				`L'option ${flag(key)} attend une valeur` +
					(value === undefined ? '.' : ` (pour une valeur commençant par « - », écrivez ${flag(key)}=${value}).`)
			);
		}
		if (key in options) throw new UsageError(`L'option ${flag(key)} est donnée plusieurs fois.`);
		if (spec.type === 'number') {
			const n = Number(value.replace(',', '.'));
			if (value.trim() === '' || !Number.isFinite(n)) {
				throw new UsageError(`L'option ${flag(key)} attend un nombre (reçu « ${value} »).`);
			}
			options[key] = n;
		} else {
			options[key] = value;
		}
	}

	for (const [key, spec] of Object.entries(specs)) {
		if (key in options) continue;
		if (spec.required) throw new UsageError(`Option obligatoire manquante : ${flag(key)}.`);
		if (spec.default !== undefined) options[key] = spec.default;
		else if (spec.type === 'boolean') options[key] = false;
	}

	checkPositionals(positionals, argSpecs);
	return { options, positionals };
}

function checkPositionals(positionals: string[], argSpecs: readonly ArgumentSpec[]): void {
	const required = argSpecs.filter((a) => a.required !== false);
	if (positionals.length < required.length) {
		const missing = required.slice(positionals.length).map((a) => `<${a.name}>`);
		throw new UsageError(
			missing.length === 1 ? `Argument manquant : ${missing[0]}.` : `Arguments manquants : ${missing.join(' ')}.`
		);
	}
	const variadic = argSpecs.at(-1)?.variadic === true;
	if (!variadic && positionals.length > argSpecs.length) {
		const extra = positionals.slice(argSpecs.length).map((p) => `« ${p} »`);
		throw new UsageError(
			extra.length === 1 ? `Argument en trop : ${extra[0]}.` : `Arguments en trop : ${extra.join(' ')}.`
		);
	}
}
