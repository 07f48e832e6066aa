/**
 * Runs the `maillage` tool two ways:
 * - `runMaillage`: the real tool in a child process, as a user would: `node scripts/maillage.mjs …`
 *   with the project's node_modules/.bin first on PATH (its Node 24). For what only a process
 *   shows: its exit status, signals and kills, stdin, the working folder, raw stdout streams.
 * - `callMaillage`: the same command line through the tool's own entry (`runCli`, which
 *   `scripts/maillage.mjs` → `main` hands argv to) in the test process, with stdout, stderr and the
 *   exit code captured. Same parsing, commands, messages and codes, without starting Node and
 *   loading the server code again for each call (1–3 s on the 2-core CI machines).
 * Both give the command the test's environment minus every variable that designates a database,
 * plus `env`.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const script = path.join(repoRoot, 'scripts', 'maillage.mjs');

export interface CliResult {
	code: number | null;
	stdout: string;
	stderr: string;
	/** Wall-clock time of the run. */
	ms: number;
}

export interface CliRunOptions {
	/** Added to (or, with `undefined`, removed from) the child's environment. */
	env?: Record<string, string | undefined>;
	cwd?: string;
	/** Killed (SIGKILL) after this long, so a hung command fails its test; defaults to 45 s. */
	timeoutMs?: number;
	/** Written to the child's standard input (then closed); otherwise stdin is ignored. */
	input?: string;
}

const DB_VARIABLES = ['DATABASE_URL', 'MAILLAGE_DATA_DIR', 'MAILLAGE_DB_SCHEMA', 'MAILLAGE_DEBUG'];

/** The command's environment: the test's minus the database variables, plus `extra`. */
function commandEnv(extra: CliRunOptions['env']): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = { ...process.env };
	for (const name of DB_VARIABLES) delete env[name];
	env.PATH = [path.join(repoRoot, 'node_modules', '.bin'), process.env.PATH].filter(Boolean).join(path.delimiter);
	for (const [name, value] of Object.entries(extra ?? {})) {
		if (value === undefined) delete env[name];
		else env[name] = value;
	}
	return env;
}

/**
 * Runs `maillage <args…>` in this process (see the top of the file) and resolves with its exit
 * code and both outputs. A command still running after `timeoutMs` is interrupted as by Ctrl-C
 * (exit 130), so a hung command fails its test. Only for commands run from the repository root
 * without stdin; those that need either go through `runMaillage`.
 */
export async function callMaillage(args: readonly string[], options: Omit<CliRunOptions, 'cwd' | 'input'> = {}): Promise<CliResult> {
	const { runCli } = await import('../../src/lib/server/cli/main');
	let stdout = '';
	let stderr = '';
	const controller = new AbortController();
	const timer = setTimeout(() => controller.abort(new Error('délai dépassé')), options.timeoutMs ?? 45_000);
	const started = performance.now();
	try {
		const code = await runCli(args, {
			io: { stdout: { write: (chunk: string) => (stdout += chunk) }, stderr: { write: (chunk: string) => (stderr += chunk) } },
			env: commandEnv(options.env),
			signal: controller.signal
		});
		return { code, stdout, stderr, ms: Math.round(performance.now() - started) };
	} finally {
		clearTimeout(timer);
	}
}

/** Runs `maillage <args…>` in a child process and resolves with its exit code and both outputs. */
export function runMaillage(args: readonly string[], options: CliRunOptions = {}): Promise<CliResult> {
	const env = commandEnv(options.env);
	const started = performance.now();
	return new Promise((resolve, reject) => {
		const stdin = options.input === undefined ? 'ignore' : 'pipe';
		const child = spawn('node', [script, ...args], { cwd: options.cwd ?? repoRoot, env, stdio: [stdin, 'pipe', 'pipe'] });
		if (options.input !== undefined) child.stdin?.end(options.input);
		let stdout = '';
		let stderr = '';
		child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
		child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
		const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 45_000);
		child.on('error', reject);
		child.on('close', (code) => {
			clearTimeout(timer);
			resolve({ code, stdout, stderr, ms: Math.round(performance.now() - started) });
		});
	});
}
