#!/usr/bin/env node
// Runs the benchmarks of tests/bench: `npm run bench` runs every `*.bench.ts`, `npm run bench --
// coverage` only `coverage.bench.ts` (several names allowed). Each runs in its own Node process
// (the project's Node, through npm) with tsx; extra `--flags` are passed to every benchmark.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = resolve(root, 'tests/bench');
const available = readdirSync(benchDir)
	.filter((f) => f.endsWith('.bench.ts'))
	.map((f) => f.slice(0, -'.bench.ts'.length))
	.sort();

const args = process.argv.slice(2);
const names = args.filter((a) => !a.startsWith('-'));
const flags = args.filter((a) => a.startsWith('-'));
const unknown = names.filter((n) => !available.includes(n));
if (unknown.length > 0) {
	console.error(`Benchmark inconnu : ${unknown.join(', ')}. Disponibles : ${available.join(', ') || 'aucun'}.`);
	process.exit(2);
}
const selected = names.length > 0 ? names : available;
if (selected.length === 0) {
	console.error('Aucun benchmark dans tests/bench.');
	process.exit(2);
}

let failed = 0;
for (const name of selected) {
	console.log(`\n## Benchmark ${name} (Node ${process.version})\n`);
	const run = spawnSync(process.execPath, ['--import', 'tsx', resolve(benchDir, `${name}.bench.ts`), ...flags], {
		cwd: root,
		stdio: 'inherit'
	});
	if (run.status !== 0) {
		console.error(`Benchmark ${name} : échec (code ${run.status ?? run.signal}).`);
		failed++;
	}
}
process.exit(failed > 0 ? 1 : 0);
