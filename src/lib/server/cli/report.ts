/**
 * How a failed command ends: a French message on stderr and the exit code of the error's kind.
 * Expected failures are UserFacingErrors (1 data, 2 usage, 3 environment); anything else is a bug
 * or an unforeseen failure: « Erreur inattendue », exit 1, stack trace only with MAILLAGE_DEBUG=1.
 * The DATABASE_URL password never reaches the terminal, whatever the error text contains.
 */
import type { CliIo } from './context';

/** Exit codes of the `maillage` tool (also listed in its help and README). */
export const EXIT = { ok: 0, rejected: 1, unexpected: 1, usage: 2, environment: 3, interrupted: 130 } as const;

/** Duck-typed so an error from another copy of `errors.ts` (Vite vs tsx) is still recognised. */
export function isUserFacing(error: unknown): error is Error & { exitCode: 1 | 2 | 3 } {
	const code = (error as { exitCode?: unknown } | null)?.exitCode;
	return error instanceof Error && (code === 1 || code === 2 || code === 3);
}

/** Secrets to blank out of any text we print: the full DATABASE_URL and its password. */
function secrets(env: NodeJS.ProcessEnv): string[] {
	const url = env.DATABASE_URL?.trim();
	if (!url) return [];
	const list = [url];
	try {
		const password = new URL(url).password;
		if (password) {
			list.push(`:${password}@`);
			const decoded = decodeURIComponent(password);
			if (decoded !== password) list.push(`:${decoded}@`);
			// A bare short password (`maillage`) would blank ordinary words out of the message:
			// only long ones, which cannot collide with French text, are masked on their own.
			if (decoded.length >= 10) list.push(password, decoded);
		}
	} catch {
		// Not a URL: only the raw string is blanked.
	}
	return list.sort((a, b) => b.length - a.length);
}

/** `text` with every secret of `env` replaced by `***`. */
export function redact(text: string, env: NodeJS.ProcessEnv): string {
	let out = text;
	for (const secret of secrets(env)) {
		const replacement = secret.startsWith(':') && secret.endsWith('@') ? ':***@' : '***';
		out = out.split(secret).join(replacement);
	}
	return out;
}

/**
 * Writes the French message of `error` on stderr and returns the exit code.
 * @param helpHint the help command suggested after a usage error, e.g. `maillage db reset --help`.
 */
export function reportError(error: unknown, io: CliIo, env: NodeJS.ProcessEnv, helpHint: string): number {
	if (isUserFacing(error)) {
		io.stderr.write(`Erreur : ${redact(error.message, env)}\n`);
		if (error.exitCode === EXIT.usage) io.stderr.write(`Aide : ${helpHint}\n`);
		return error.exitCode;
	}
	const message = error instanceof Error ? error.message : String(error);
	io.stderr.write(`Erreur inattendue : ${redact(message, env)}\n`);
	if (env.MAILLAGE_DEBUG === '1' && error instanceof Error && error.stack) {
		io.stderr.write(`${redact(error.stack, env)}\n`);
	} else {
		io.stderr.write('Pour afficher la trace complète, relancez avec MAILLAGE_DEBUG=1.\n');
	}
	return EXIT.unexpected;
}
