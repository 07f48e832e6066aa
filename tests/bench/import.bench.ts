/**
 * Import benchmark (`npm run bench -- import`): the France-wide communes file of ../shared/data
 * (COG 2017, 35,456 features) through `runImport`, on PGlite in memory, PGlite in a data folder,
 * and PostgreSQL when TEST_DATABASE_URL is set; always also a generated France-sized file (real
 * codes, invented squares). Each run is its own child process, so its peak RSS
 * (`process.resourceUsage().maxRSS`) is the import's alone. Target (issue 3): under 60 s and 1.5 GB.
 *
 * Flags: `--runs=N` (default 1: the median of N runs is reported).
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatMs, markdownTable, median } from './harness';

type Target = 'pglite-memory' | 'pglite-folder' | 'postgres';

interface RunResult {
	target: Target;
	features: number;
	counts: Record<string, number>;
	status: string;
	/** Opening and migrating the database, ms (not part of the import). */
	openMs: number;
	importMs: number;
	phasesMs: { parse: number; validate: number; write: number };
	/** Peak resident set of the whole child process, kilobytes. */
	maxRssKb: number;
	/** RSS once the database is open, before reading the file, kilobytes. */
	baselineRssKb: number;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const child = args.find((a) => a.startsWith('--child='));

/** One import in this process; prints its RunResult as JSON on the last line of stdout. */
async function runChild(target: Target, file: string): Promise<void> {
	const { createDb } = await import('../../src/lib/server/db/index');
	const { migrate } = await import('../../src/lib/server/db/migrate');
	const { runImport } = await import('../../src/lib/server/import/run-import');
	const { sql } = await import('kysely');
	const t0 = performance.now();
	const folder = target === 'pglite-folder' ? fs.mkdtempSync(path.join(os.tmpdir(), 'maillage-bench-')) : null;
	const schema = target === 'postgres' ? `bench_${randomBytes(4).toString('hex')}` : 'maillage';
	const handle = await createDb({
		databaseUrl: target === 'postgres' ? process.env.TEST_DATABASE_URL!.trim() : null,
		dataDir: folder ? path.join(folder, 'pglite') : 'memory://',
		schema
	});
	try {
		await migrate(handle.db, schema);
		const openMs = performance.now() - t0;
		const baselineRssKb = Math.round(process.memoryUsage().rss / 1024);
		const bytes = new Uint8Array(fs.readFileSync(file));
		const starts: Partial<Record<'parse' | 'validate' | 'write', number>> = {};
		const started = performance.now();
		const report = await runImport(handle.db, {
			kind: 'communes',
			fileName: path.basename(file),
			bytes,
			actor: 'bench',
			maxBytes: 1024 * 1024 * 1024,
			onProgress: (phase) => (starts[phase] ??= performance.now())
		});
		const ended = performance.now();
		const result: RunResult = {
			target,
			features: report.counts.read,
			counts: { ...report.counts },
			status: report.status,
			openMs,
			importMs: ended - started,
			phasesMs: {
				parse: (starts.validate ?? ended) - started,
				validate: (starts.write ?? ended) - (starts.validate ?? ended),
				write: starts.write ? ended - starts.write : 0
			},
			maxRssKb: process.resourceUsage().maxRSS,
			baselineRssKb
		};
		console.log(JSON.stringify(result));
	} finally {
		if (target === 'postgres') await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(handle.db);
		await handle.close();
		if (folder) fs.rmSync(folder, { recursive: true, force: true });
	}
}

if (child) {
	const [target, file] = child.slice('--child='.length).split(',') as [Target, string];
	await runChild(target, file);
} else {
	const runs = Math.max(1, Number(args.find((a) => a.startsWith('--runs='))?.slice(7) ?? 1));
	const targets: Target[] = ['pglite-memory', 'pglite-folder'];
	if (process.env.TEST_DATABASE_URL?.trim()) targets.push('postgres');
	else console.log('> TEST_DATABASE_URL absent: PostgreSQL is not measured.');

	// Step 1: the files.
	const files: { label: string; file: string }[] = [];
	const france = path.resolve(here, '../../../shared/data/communes-france-entiere-comleg-2017.geojson');
	if (fs.existsSync(france)) files.push({ label: 'communes-france-entiere-comleg-2017 (real, COG 2017)', file: france });
	else console.log(`> ${france} absent: only the generated France-sized file is measured.`);
	const { generatedCommunesGeoJson, officialCommunes } = await import('../integration/import-cli-fixtures');
	const generated = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'maillage-bench-file-')), 'communes-generees-france.geojson');
	const communes = officialCommunes().filter((c) => !c.code.startsWith('97'));
	fs.writeFileSync(generated, generatedCommunesGeoJson({ communes, bbox: [-4.5, 42.5, 7.5, 50.5], verticesPerSide: 8 }));
	files.push({ label: `generated, ${communes.length.toLocaleString('en')} squares of 32 vertices (real codes)`, file: generated });
	const mb = (file: string) => `${(fs.statSync(file).size / 1024 / 1024).toFixed(1)} MB`;

	// Step 2: one child process per run.
	const rows: string[][] = [];
	let allOk = true;
	for (const { label, file } of files) {
		for (const target of targets) {
			const results: RunResult[] = [];
			for (let k = 0; k < runs; k++) {
				const run = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), `--child=${target},${file}`], {
					cwd: path.resolve(here, '../..'),
					encoding: 'utf8',
					maxBuffer: 64 * 1024 * 1024,
					env: process.env
				});
				const last = run.stdout.trim().split('\n').at(-1) ?? '';
				if (run.status !== 0 || !last.startsWith('{')) {
					console.error(`${target} on ${label}: failed (exit ${run.status})\n${run.stderr}`);
					allOk = false;
					break;
				}
				results.push(JSON.parse(last) as RunResult);
			}
			if (results.length === 0) continue;
			const m = (f: (r: RunResult) => number) => median(results.map(f));
			const wall = m((r) => r.importMs);
			const rssGb = m((r) => r.maxRssKb) / 1024 / 1024;
			const ok = wall < 60_000 && rssGb < 1.5 && results.every((r) => r.status === 'accepted');
			if (!ok) allOk = false;
			rows.push([
				label,
				`${mb(file)}, ${results[0].features.toLocaleString('en')} features`,
				target,
				formatMs(wall),
				`${formatMs(m((r) => r.phasesMs.parse))} / ${formatMs(m((r) => r.phasesMs.validate))} / ${formatMs(m((r) => r.phasesMs.write))}`,
				`${rssGb.toFixed(2)} GB`,
				`${(m((r) => r.baselineRssKb) / 1024 / 1024).toFixed(2)} GB`,
				formatMs(m((r) => r.openMs)),
				`${ok ? '✓' : '✗'}`
			]);
		}
	}
	fs.rmSync(path.dirname(generated), { recursive: true, force: true });

	// Step 3: report.
	console.log(
		markdownTable(
			['File', 'Size', 'Database', 'Import (wall)', 'Parse / validate / write', 'Peak RSS', 'RSS before import', 'Open + migrate', '< 60 s, < 1.5 GB'],
			rows
		)
	);
	console.log(
		`\nNode ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, load average ${os.loadavg()[0].toFixed(1)} at the end; ` +
			`${runs} run(s) per line, each in its own process (median shown); peak RSS = process.resourceUsage().maxRSS of that process.`
	);
	if (!allOk) process.exitCode = 1;
}
