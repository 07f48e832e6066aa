/**
 * Coverage benchmark (`npm run bench -- coverage`): the full analysis (stages 1–3: context,
 * structure set, coverage) on all of France and on one département, real communes from
 * ../shared/data when present, always also on generated territories; medians over several runs,
 * the brute-force oracle for the speed-up, and a check that both give the same result.
 *
 * The France cases also report the **cold** run: the first analysis of a fresh Node process (one
 * process per sample, `--cold=N` samples, default 5), against the warm median of the same input —
 * what a CLI call (`maillage analyze coverage`) or the first request after a server start pays.
 * Each child reads the prepared input from a temporary JSON file, untimed, then times one
 * `analyzeCoverage`.
 *
 * Flags: `--runs=N` (default 9), `--cold=N` (default 5), `--no-brute-force` (skip the slow France
 * oracle run).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
	analyzeCoverage,
	analyzeCoverageNaive,
	buildCoverageContext,
	buildStructureSet,
	computeCoverage,
	type CoverageCommune,
	type CoverageInput
} from '../../src/lib/analysis';
import { createRandom } from '../../src/lib/domain/random';
import { generateCommunes, generatePoles, generateQpvs, generateStructures, loadSharedCommunes, withNeeds } from './coverage-data';
import { formatMs, formatTiming, markdownTable, measure, median, type Timing } from './harness';

const args = process.argv.slice(2);
const DATE = '2025-06-01';
const OPTIONS = { date: DATE };
const coldChild = args.find((a) => a.startsWith('--cold-child='))?.slice('--cold-child='.length);
if (coldChild) {
	// A cold sample: this process has never run the engine. Reading the input is not timed.
	const input = JSON.parse(fs.readFileSync(coldChild, 'utf8')) as CoverageInput;
	const cpu0 = process.threadCpuUsage();
	const t0 = performance.now();
	analyzeCoverage(input, OPTIONS);
	const ms = performance.now() - t0;
	const cpu = process.threadCpuUsage(cpu0);
	console.log(JSON.stringify({ ms, mainThreadCpuMs: (cpu.user + cpu.system) / 1000 }));
	process.exit(0);
}
const COLD = Math.max(3, Number(args.find((a) => a.startsWith('--cold='))?.slice(7) ?? 5));
const RUNS = Math.max(7, Number(args.find((a) => a.startsWith('--runs='))?.slice(7) ?? 9));
const BRUTE_FORCE = !args.includes('--no-brute-force');

interface Case {
	label: string;
	input: CoverageInput;
	target: number;
	/** Runs of the brute force (0 = skipped). */
	bruteRuns: number;
}

function makeInput(seed: number, communes: CoverageCommune[], structures: number, poles: number): CoverageInput {
	const random = createRandom(seed);
	const withIndicators = withNeeds(random, communes);
	return {
		communes: withIndicators,
		structures: generateStructures(random, withIndicators, structures),
		poles: generatePoles(withIndicators, poles),
		qpvs: generateQpvs(random, withIndicators)
	};
}

// Step 1: data, loaded and reduced to reference points before any timing.
const loadStart = performance.now();
const cases: Case[] = [];
const france = loadSharedCommunes('communes-france-entiere-comleg-2017.geojson', createRandom(1));
const nord = loadSharedCommunes('communes-2023-59-nord.geojson', createRandom(2));
if (france) cases.push({ label: 'France, real communes (COG 2017)', input: makeInput(11, france, 4000, 3000), target: 1000, bruteRuns: BRUTE_FORCE ? 1 : 0 });
else console.log('> ../shared/data/communes-france-entiere-comleg-2017.geojson absent: France runs on generated communes only.');
if (nord) cases.push({ label: 'Nord (59), real communes (COG 2023)', input: makeInput(12, nord, 80, 60), target: 50, bruteRuns: RUNS });
else console.log('> ../shared/data/communes-2023-59-nord.geojson absent: département runs on generated communes only.');
cases.push({
	label: 'France-sized, generated',
	input: makeInput(13, generateCommunes(createRandom(3), 35_456), 4000, 3000),
	target: 1000,
	bruteRuns: BRUTE_FORCE && !france ? 1 : 0
});
cases.push({
	label: 'Département-sized, generated',
	input: makeInput(14, generateCommunes(createRandom(4), 650, [-0.2, 46, 1.3, 47.2], 'D'), 80, 60),
	target: 50,
	bruteRuns: RUNS
});
console.log(`> Data ready in ${formatMs(performance.now() - loadStart)} (not timed below). ${RUNS} timed runs after 2 warm-up runs.\n`);

/** `COLD` fresh processes, each timing its first `analyzeCoverage` on `input`. */
function coldRuns(input: CoverageInput): { wall: Timing; mainThreadCpuMs: number } {
	const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'maillage-cold-')), 'input.json');
	fs.writeFileSync(file, JSON.stringify(input));
	const times: number[] = [];
	const cpu: number[] = [];
	try {
		for (let k = 0; k < COLD; k++) {
			const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), `--cold-child=${file}`], { encoding: 'utf8' });
			if (child.status !== 0) throw new Error(`cold run failed: ${child.stderr}`);
			const sample = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { ms: number; mainThreadCpuMs: number };
			times.push(sample.ms);
			cpu.push(sample.mainThreadCpuMs);
		}
	} finally {
		fs.rmSync(path.dirname(file), { recursive: true, force: true });
	}
	return { wall: { runs: COLD, median: median(times), min: Math.min(...times), max: Math.max(...times), cpuMedian: median(cpu), threadCpuMedian: median(cpu) }, mainThreadCpuMs: median(cpu) };
}

// Step 2: full analysis, indexed vs brute force.
const rows: string[][] = [];
const stageRows: string[][] = [];
const coldRows: string[][] = [];
let allOk = true;
for (const c of cases) {
	// Cold first, while this process has not yet run the engine on this input (children are fresh anyway).
	const cold = c.label.includes('France') ? coldRuns(c.input) : null;
	const { timing, result } = measure(() => analyzeCoverage(c.input, OPTIONS), c.label.includes('France') ? RUNS : RUNS * 3);
	if (cold) {
		const ratio = cold.wall.median / timing.median;
		const ok = ratio <= 2;
		if (!ok) allOk = false;
		coldRows.push([
			c.label,
			formatTiming(cold.wall),
			formatTiming(timing),
			`×${ratio.toFixed(2)}`,
			`${formatMs(cold.mainThreadCpuMs)} ÷ ${formatMs(timing.threadCpuMedian)} = ×${(cold.mainThreadCpuMs / timing.threadCpuMedian).toFixed(2)}`,
			`≤ ×2 ${ok ? '✓' : '✗'}`
		]);
	}
	let brute: Timing | null = null;
	let identical = '—';
	if (c.bruteRuns > 0) {
		const b = measure(() => analyzeCoverageNaive(c.input, OPTIONS), c.bruteRuns, c.bruteRuns > 1 ? 1 : 0);
		brute = b.timing;
		identical = JSON.stringify(b.result) === JSON.stringify(result) ? 'yes' : 'NO';
		if (identical === 'NO') allOk = false;
	}
	const ok = timing.median < c.target;
	if (!ok) allOk = false;
	rows.push([
		c.label,
		String(c.input.communes.length),
		String(c.input.structures.length),
		String(c.input.poles.length),
		formatTiming(timing),
		formatMs(timing.cpuMedian),
		brute ? formatTiming(brute) : '—',
		brute ? `×${Math.round(brute.median / timing.median)}` : '—',
		identical,
		`< ${formatMs(c.target)} ${ok ? '✓' : '✗'}`
	]);

	// Stage breakdown: what a slider (stage 3) and a scenario (stages 2–3) cost.
	const context = buildCoverageContext(c.input, OPTIONS);
	const set = buildStructureSet(context, c.input.structures);
	computeCoverage(context, set);
	const runs = c.label.includes('France') ? RUNS : RUNS * 3;
	const stage1 = measure(() => buildCoverageContext(c.input, OPTIONS), runs).timing;
	const stage2 = measure(() => buildStructureSet(context, c.input.structures), runs).timing;
	let radius = 8;
	const slider = measure(() => computeCoverage(context, set, { radiusCsKm: (radius = radius === 8 ? 10 : 8) }), runs).timing;
	let catchment = 20;
	const newCatchment = measure(() => computeCoverage(context, buildStructureSet(context, c.input.structures), { catchmentKm: (catchment += 1) }), runs).timing;
	stageRows.push([c.label, formatTiming(stage1), formatTiming(stage2), formatTiming(slider), formatTiming(newCatchment)]);
}

// Step 3: report.
console.log(
	markdownTable(
		['Case', 'Communes', 'Structures', 'Poles', 'Indexed: median (min–max)', 'CPU median', 'Brute force', 'Speed-up', 'Same result', 'Target'],
		rows
	)
);
console.log('');
console.log(
	markdownTable(
		['Case', 'Stage 1: context', 'Stage 2: structure set', 'Stage 3 only (threshold slider)', 'Stages 2–3, new catchment (scenario)'],
		stageRows
	)
);
if (coldRows.length > 0) {
	console.log('');
	console.log(
		markdownTable(
			['Case', `Cold: first run of a fresh process (${COLD} processes)`, 'Warm (same input)', 'Cold ÷ warm (wall)', 'Main-thread CPU: cold ÷ warm', 'Target (wall)'],
			coldRows
		)
	);
}
const load = os.loadavg()[0].toFixed(1);
console.log(
	`\nNode ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, load average ${load} at the end; ` +
		'times are wall-clock medians (min–max); CPU = user + system time of the process (includes GC threads).'
);
if (!allOk) {
	console.log('\nAt least one target missed or one result differs from the brute force.');
	process.exitCode = 1;
}
