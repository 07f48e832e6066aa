/**
 * Runs the real `maillage` tool in a child process, as a user would: `node scripts/maillage.mjs …`
 * with the project's node_modules/.bin first on PATH (its Node 24). The child's environment is the
 * test's minus every variable that designates a database, plus `env`.
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

/** Runs `maillage <args…>` and resolves with its exit code and both outputs. */
export function runMaillage(args: readonly string[], options: CliRunOptions = {}): Promise<CliResult> {
	const env: NodeJS.ProcessEnv = { ...process.env };
	for (const name of DB_VARIABLES) delete env[name];
	env.PATH = [path.join(repoRoot, 'node_modules', '.bin'), process.env.PATH].filter(Boolean).join(path.delimiter);
	for (const [name, value] of Object.entries(options.env ?? {})) {
		if (value === undefined) delete env[name];
		else env[name] = value;
	}
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
