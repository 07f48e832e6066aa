/**
 * Import benchmark (`npm run bench -- import`):
 * 1. the France-wide communes file of ../shared/data (COG 2017, 35,456 features) through
 *    `runImport` into an empty database, on PGlite in memory, PGlite in a data folder, and
 *    PostgreSQL when TEST_DATABASE_URL is set; always also a generated France-sized file (real
 *    codes, invented squares). Target (issue 3): under 60 s and 1.5 GB.
 * 2. national files into a one-département territory of work (issue 14): the Sarthe's communes
 *    imported first (not timed), then the national EPCI file (1,357 features), France services
 *    (2,845 rows) and INSEE's table d'appartenance (34,955 rows, bassins de vie) — generated
 *    files of the same sizes when ../shared/data is absent. Target: under 10 s and 1 GB each. Each is
 *    compared with the same file kept whole (`--tout --skip-invalid`, the import before issue 14).
 * Each run is its own child process, so its peak RSS (`process.resourceUsage().maxRSS`) is the
 * import's alone.
 *
 * Flags: `--runs=N` (default 1: the median of N runs is reported), `--only=territory` (part 2 only).
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

/**
 * What one child process imports: `file` as `kind`. `existing` reuses a database prepared by an
 * earlier child (`setupOnly`: it only imports `setup`, a communes file): the timed import then
 * runs as a user's next command would, on a database opened, not created, by its process.
 */
interface ChildJob {
	target: Target;
	kind: 'communes' | 'epci' | 'poles' | 'poles_insee';
	file: string;
	setup?: string;
	setupOnly?: boolean;
	existing?: { dataDir: string | null; schema: string };
	definition?: 'bassins-de-vie';
	/** `--tout --skip-invalid`: the whole national file kept (the reference the scoped import is compared with). */
	keepAll?: boolean;
}

/** One import in this process; prints its RunResult as JSON on the last line of stdout. */
async function runChild(job: ChildJob): Promise<void> {
	const { target, file } = job;
	const { createDb } = await import('../../src/lib/server/db/index');
	const { migrate } = await import('../../src/lib/server/db/migrate');
	const { runImport } = await import('../../src/lib/server/import/run-import');
	const { sql } = await import('kysely');
	const t0 = performance.now();
	const folder = job.existing ? null : target === 'pglite-folder' ? fs.mkdtempSync(path.join(os.tmpdir(), 'maillage-bench-')) : null;
	const schema = job.existing?.schema ?? (target === 'postgres' ? `bench_${randomBytes(4).toString('hex')}` : 'maillage');
	const handle = await createDb({
		databaseUrl: target === 'postgres' ? process.env.TEST_DATABASE_URL!.trim() : null,
		dataDir: job.existing?.dataDir ?? (folder ? path.join(folder, 'pglite') : 'memory://'),
		schema
	});
	try {
		await migrate(handle.db, schema);
		if (job.setupOnly && job.setup) {
			const setup = await runImport(handle.db, { kind: 'communes', fileName: path.basename(job.setup), bytes: new Uint8Array(fs.readFileSync(job.setup)), actor: 'bench' });
			if (setup.status !== 'accepted') throw new Error(`setup import ${setup.status}`);
			console.log(JSON.stringify({ setup: true }));
			return;
		}
		const openMs = performance.now() - t0;
		const baselineRssKb = Math.round(process.memoryUsage().rss / 1024);
		const bytes = new Uint8Array(fs.readFileSync(file));
		const starts: Partial<Record<'parse' | 'validate' | 'write', number>> = {};
		const started = performance.now();
		const report = await runImport(handle.db, {
			kind: job.kind,
			poleDefinition: job.definition,
			keepAll: job.keepAll,
			skipInvalid: job.keepAll,
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
		if (target === 'postgres' && !job.existing && !job.setupOnly) await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(handle.db);
		await handle.close();
		if (folder) fs.rmSync(folder, { recursive: true, force: true });
	}
}

/** Runs `job` `runs` times, each in its own process; the results, or [] after a failure (reported). */
function runJobs(job: ChildJob, runs: number, label: string): RunResult[] {
	const results: RunResult[] = [];
	const spawnChild = (j: ChildJob) => {
		const encoded = Buffer.from(JSON.stringify(j)).toString('base64url');
		const run = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), `--child=${encoded}`], {
			cwd: path.resolve(here, '../..'),
			encoding: 'utf8',
			maxBuffer: 64 * 1024 * 1024,
			env: process.env
		});
		const last = run.stdout.trim().split('\n').at(-1) ?? '';
		if (run.status !== 0 || !last.startsWith('{')) {
			console.error(`${j.target} on ${label}: failed (exit ${run.status})\n${run.stderr}`);
			return null;
		}
		return JSON.parse(last) as RunResult;
	};
	for (let k = 0; k < runs; k++) {
		let existing: ChildJob['existing'];
		let scratch: string | null = null;
		if (job.setup) {
			// The territory's communes in a database of their own process (PGlite: a data folder).
			scratch = job.target === 'postgres' ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'maillage-bench-setup-'));
			existing = { dataDir: scratch ? path.join(scratch, 'pglite') : null, schema: job.target === 'postgres' ? `bench_${randomBytes(4).toString('hex')}` : 'maillage' };
			if (!spawnChild({ ...job, setupOnly: true, existing })) return [];
		}
		try {
			const result = spawnChild({ ...job, existing });
			if (!result) return [];
			results.push(result);
		} finally {
			if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
			if (existing && job.target === 'postgres') dropSchema(existing.schema);
		}
	}
	return results;
}

/** Drops a benchmark schema of TEST_DATABASE_URL (in a child: this process has no pool open). */
function dropSchema(schema: string): void {
	spawnSync(process.execPath, ['-e', `const pg=require('pg');const c=new pg.Client({connectionString:process.env.TEST_DATABASE_URL});c.connect().then(()=>c.query('drop schema if exists "${schema}" cascade')).then(()=>c.end())`], {
		cwd: path.resolve(here, '../..'),
		env: process.env
	});
}

if (child) {
	await runChild(JSON.parse(Buffer.from(child.slice('--child='.length), 'base64url').toString('utf8')) as ChildJob);
} else if (args.includes('--only=territory')) {
	await territoryBench();
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
			const results = runJobs({ target, kind: 'communes', file }, runs, label);
			if (results.length === 0) {
				allOk = false;
				continue;
			}
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
	await territoryBench();
}

/** Part 2: national files into a one-département territory (the Sarthe), each under 10 s and 1 GB. */
async function territoryBench(): Promise<void> {
	const runs = Math.max(1, Number(args.find((a) => a.startsWith('--runs='))?.slice(7) ?? 1));
	// PGlite in a data folder: the timed import opens the database the setup process filled, as a CLI command would.
	const targets: Target[] = ['pglite-folder'];
	if (process.env.TEST_DATABASE_URL?.trim()) targets.push('postgres');
	const data = path.resolve(here, '../../../shared/data');
	const real = (name: string) => (fs.existsSync(path.join(data, name)) ? path.join(data, name) : null);
	const { generatedNationalFiles } = await import('./territory-files');
	const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'maillage-bench-territory-'));
	const generated = generatedNationalFiles(scratch);
	const setup = real('communes-2023-72-sarthe.geojson') ?? generated.communes;
	const cases: { label: string; job: Omit<ChildJob, 'target'> }[] = [
		{ label: 'EPCI, national file', job: { kind: 'epci', file: real('epci-france-anct-2022.geojson') ?? generated.epci, setup } },
		{ label: 'France services (poles)', job: { kind: 'poles', file: real('france-services-20240801.csv') ?? generated.franceServices, setup } },
		{
			label: 'INSEE table, bassins de vie',
			job: { kind: 'poles_insee', file: real('insee-table-appartenance-geo-communes-2022.csv') ?? generated.insee, setup, definition: 'bassins-de-vie' }
		}
	];
	const rows: string[][] = [];
	let allOk = true;
	const spread = (results: RunResult[]) => {
		const times = results.map((r) => r.importMs);
		return `${formatMs(median(times))} (${formatMs(Math.min(...times))}–${formatMs(Math.max(...times))})`;
	};
	const written = (r: RunResult) => (r.counts.inserted ?? 0) + (r.counts.unchanged ?? 0) + (r.counts.updated ?? 0);
	for (const { label, job } of cases) {
		for (const target of targets) {
			const results = runJobs({ ...job, target }, runs, label);
			if (results.length === 0) {
				allOk = false;
				continue;
			}
			// The reference: the same file kept whole (`--tout --skip-invalid`), as before issue 14.
			const whole = runJobs({ ...job, target, keepAll: true }, runs, `${label} (--tout)`);
			const m = (f: (r: RunResult) => number) => median(results.map(f));
			const wall = m((r) => r.importMs);
			const rssGb = m((r) => r.maxRssKb) / 1024 / 1024;
			const ok = wall < 10_000 && rssGb < 1 && results.every((r) => r.status === 'accepted');
			if (!ok) allOk = false;
			const wholeMs = whole.length ? median(whole.map((r) => r.importMs)) : NaN;
			rows.push([
				label,
				`${path.basename(job.file)} (${results[0].features.toLocaleString('en')} records)`,
				target,
				spread(results),
				`${written(results[0])} kept, ${results[0].counts.setAside ?? 0} set aside`,
				`${rssGb.toFixed(2)} GB`,
				whole.length ? `${spread(whole)}, ${written(whole[0])} written, ${(median(whole.map((r) => r.maxRssKb)) / 1024 / 1024).toFixed(2)} GB` : 'failed',
				Number.isFinite(wholeMs) ? `×${(wholeMs / wall).toFixed(2)}` : '—',
				`${ok ? '✓' : '✗'}`
			]);
		}
	}
	fs.rmSync(scratch, { recursive: true, force: true });
	console.log('\n### National files into a one-département territory (Sarthe, band 20 km)\n');
	console.log(
		markdownTable(
			['File', 'Records', 'Database', 'Scoped import, median (min–max)', 'Result', 'Peak RSS', 'Whole file (--tout), median (min–max)', 'Speed-up', '< 10 s, < 1 GB'],
			rows
		)
	);
	console.log(`\nLoad average ${os.loadavg()[0].toFixed(1)} at the end; ${runs} run(s) per line, each in its own process.`);
	if (!allOk) process.exitCode = 1;
}
