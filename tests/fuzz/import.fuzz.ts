/**
 * `npm run fuzz`: feeds random and mutated CSV/GeoJSON/bytes to every importer (at least 10,000
 * cases, `FUZZ_RUNS` to change; `FUZZ_SEED` to replay) and checks each always gives a structured
 * result — items or issues with a French message — and never an uncaught exception.
 */
import fc from 'fast-check';
import { officialGeography } from '../../src/lib/server/import/official';
import { importNeverThrows } from '../unit/import-arbitraries';

const runs = Math.max(1, Number(process.env.FUZZ_RUNS) || 10_000);
const seed = Number(process.env.FUZZ_SEED) || Date.now() % 2 ** 31;
const ctx = {
	official: officialGeography(),
	communes: new Map([['86194', { name: 'Poitiers', refLon: 0.305, refLat: 46.57 }]]),
	epciSirens: new Set<string>()
};

const started = performance.now();
const result = await fc.check(importNeverThrows(ctx), { numRuns: runs, seed });
const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (result.failed) {
	console.error(`Échec après ${result.numRuns} cas (graine ${seed}, chemin ${result.counterexamplePath}) :`);
	console.error(fc.defaultReportMessage(result));
	process.exit(1);
}
console.log(`${result.numRuns} cas de fuzzing des imports, 0 exception (graine ${seed}, ${seconds} s).`);
console.log(`${result.numRuns} passed, 0 failed`);
