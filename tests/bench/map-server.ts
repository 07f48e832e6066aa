/**
 * Servers for the map benchmark: the built app through the production server (`npm start`), on
 * the demo (generated) or on a real département imported with the CLI, plus raw HTTP reads that
 * count the bytes on the wire (compressed, as sent). Node-only, never imported by the app.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { ROOT, startApp, type AppInstance } from '../e2e/app-server';
import { createRandom, randomNormal } from '../../src/lib/domain/random';
import { loadSharedCommunes } from './coverage-data';
import { signInCookie } from '../e2e/http';

export { ROOT };

/** Builds the app when `build/handler.js` is missing (or when asked). */
export function ensureBuild(force: boolean): void {
	if (!force && fs.existsSync(path.join(ROOT, 'build/handler.js'))) return;
	console.log('> Construction de l’application (vite build)…');
	const build = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], {
		cwd: ROOT,
		stdio: 'inherit',
		env: { ...process.env, NODE_ENV: 'production' }
	});
	if (build.status !== 0) throw new Error(`vite build a échoué (code ${build.status})`);
}

export const BENCH_EMAIL = 'banc@carte.invalid';
export const BENCH_PASSWORD = 'mesure des contours 2026';

function cli(env: NodeJS.ProcessEnv, args: string[], input?: string): void {
	const run = spawnSync(process.execPath, ['scripts/maillage.mjs', ...args], { cwd: ROOT, env, input, encoding: 'utf8' });
	if (run.status !== 0) throw new Error(`maillage ${args.join(' ')} : ${run.stderr}`);
}

/**
 * A server on a real département: communes of `file` imported with the CLI, plus seeded
 * structures (80, 60 % CS, drawn by population) and poles (60 most populous communes).
 */
export async function startImported(file: string): Promise<AppInstance> {
	const communes = loadSharedCommunes(path.basename(file), createRandom(2));
	if (!communes) throw new Error(`${file} absent`);
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'maillage-bench-map-'));
	const random = createRandom(59);
	const byPopulation = [...communes].sort((a, b) => b.population - a.population || a.code.localeCompare(b.code));
	const structures = ['id;nom;type;code_commune;latitude;longitude;agrement_debut;agrement_fin'];
	for (let i = 0; i < 80; i++) {
		const c = byPopulation[Math.floor(Math.pow(random(), 2) * byPopulation.length)];
		const type = random() < 0.6 ? 'CS' : 'EVS';
		const lat = (c.lat + randomNormal(random, 0, 0.006)).toFixed(6);
		const lon = (c.lon + randomNormal(random, 0, 0.009)).toFixed(6);
		structures.push(`B${i + 1};${type === 'CS' ? 'Centre social' : 'Espace de vie sociale'} ${c.name} ${i + 1};${type};${c.code};${lat};${lon};2024-01-01;2027-12-31`);
	}
	const poles = ['code_commune;nom;type', ...byPopulation.slice(0, 60).map((c) => `${c.code};Pôle ${c.name};bourg-centre`)];
	fs.writeFileSync(path.join(dir, 'structures.csv'), structures.join('\n'));
	fs.writeFileSync(path.join(dir, 'poles.csv'), poles.join('\n'));
	return startApp(ROOT, {
		name: 'bench-map',
		env: { MAILLAGE_NO_DEMO: '1' },
		prepare(env) {
			cli(env, ['users', 'create', '--email', BENCH_EMAIL, '--role', 'agent'], `${BENCH_PASSWORD}\n`);
			cli(env, ['import', 'communes', file]);
			cli(env, ['import', 'poles', path.join(dir, 'poles.csv')]);
			cli(env, ['import', 'structures', path.join(dir, 'structures.csv')]);
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
}

/** A server on the demo département (generated when the app starts on an empty folder). */
export function startDemo(): Promise<AppInstance> {
	return startApp(ROOT, { name: 'bench-map-demo' });
}

/** Signs in through the form action; the session cookie (`name=value`). The e2e tests' helper. */
export const signIn = signInCookie;

export interface WireAnswer {
	status: number;
	headers: http.IncomingHttpHeaders;
	/** Body bytes as received (still compressed). */
	wireBytes: number;
	body: Buffer;
	ms: number;
}

/** GET with the given Accept-Encoding; the body is counted as it arrives, not decoded. */
export function getRaw(url: string, cookie: string, acceptEncoding: string): Promise<WireAnswer> {
	return new Promise((resolve, reject) => {
		const started = performance.now();
		const headers: Record<string, string> = { cookie, accept: 'text/html,application/json' };
		if (acceptEncoding) headers['accept-encoding'] = acceptEncoding;
		http
			.get(url, { headers }, (res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => {
					const body = Buffer.concat(chunks);
					resolve({ status: res.statusCode ?? 0, headers: res.headers, wireBytes: body.length, body, ms: performance.now() - started });
				});
				res.on('error', reject);
			})
			.on('error', reject);
	});
}
