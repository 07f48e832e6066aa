/**
 * `npm run fuzz` (second part): random query strings on every route of the built app, as every
 * role — names the app reads and random ones, hostile and random values (`FUZZ_RUNS`, default
 * 5 000; `FUZZ_SEED` to replay). Every answer must be below 500 and carry no technical detail.
 * Starts the built app (`npm run build` first) on a fresh demo database, or uses `FUZZ_BASE_URL`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, startApp } from '../e2e/app-server';
import { signInCookie } from '../e2e/http';
import { fuzzQueries } from '../security/attacks';

const runs = Math.max(1, Number(process.env.FUZZ_RUNS) || 5_000);
const seed = Number(process.env.FUZZ_SEED) || Date.now() % 2 ** 31;

if (!process.env.FUZZ_BASE_URL && !fs.existsSync(path.join(ROOT, 'build', 'handler.js'))) {
	console.error('Application non construite : lancez « npm run build » avant le fuzzing des routes.');
	process.exit(3);
}
const app = process.env.FUZZ_BASE_URL ? null : await startApp(ROOT, { name: 'fuzz' });
const baseUrl = process.env.FUZZ_BASE_URL ?? app!.baseUrl;
try {
	const cookies = {
		admin: await signInCookie(baseUrl, 'admin@demo.invalid'),
		agent: await signInCookie(baseUrl, 'agent@demo.invalid'),
		partenaire: await signInCookie(baseUrl, 'departement@demo.invalid'),
		observateur: await signInCookie(baseUrl, 'observateur@demo.invalid')
	};
	const started = performance.now();
	const row = await fuzzQueries({ baseUrl, cookies, full: true, seed }, runs);
	const seconds = ((performance.now() - started) / 1000).toFixed(1);
	if (row.failures.length) {
		console.error(`${row.failures.length} échec(s) sur ${runs} requêtes (graine ${seed}) :\n${row.failures.slice(0, 50).join('\n')}`);
		process.exitCode = 1;
	} else {
		console.log(`${runs} requêtes de fuzzing des paramètres de route, 0 réponse 5xx (graine ${seed}, ${seconds} s).`);
	}
} finally {
	await app?.stop();
}
