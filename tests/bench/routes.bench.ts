/**
 * `npm run bench -- routes` (`--runs=N`, `--no-region`, `--case=1|2|3`): the routing engine on generated road
 * networks the size of a real département, and the whole pipeline from an `.osm.pbf` on the
 * largest network generated here (a région). Each case runs in its own Node process, so its peak
 * memory (`maxRSS`) is its own; the generator's memory is not counted (the networks are written to
 * a temporary folder first).
 *
 * Targets (issue 16): graph build from the parsed ways < 5 s; nearest times of all communes for
 * four facility sets < 1 s; commune → commune matrix up to 30 min < 15 s; peak memory < 1 GB.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateRoadNetwork, type GeneratedNetwork } from '../../src/lib/routing/network-generator';
import { buildRoadGraph } from '../../src/lib/routing/graph';
import { Dijkstra } from '../../src/lib/routing/dijkstra';
import { legsOf, snapIndex, snapPoints, type Snap } from '../../src/lib/routing/snap';
import { nearestTimes, travelTimePairs } from '../../src/lib/routing/times';
import { collectNetwork } from '../../src/lib/routing/ways';
import { createRandom } from '../../src/lib/domain/random';
import { readRoadNetwork } from '../../src/lib/server/routing/read-osm';
import { writeNetworkPbf } from '../../src/lib/server/routing/write-network';
import { TEST_PROFILE } from '../unit/routing-fixtures';
import { formatMs, formatTiming, markdownTable, measure, type Timing } from './harness';

const CUTOFF = 30 * 600; // tenths of a second
const ACCESS_KMH = 20;
const SNAP_KM = 2;

interface CaseSpec {
	name: string;
	bbox: { west: number; south: number; east: number; north: number };
	communes: number;
	latticeKm: number;
	shapeSpacingM: number;
	/** From the parsed ways in memory (département) or from the PBF file through both passes (région). */
	fromFile: boolean;
	runs: number;
}

const CASES: CaseSpec[] = [
	{ name: 'Département, 300 000 nœuds OSM (≈ 17 000 carrefours)', bbox: { west: 0, south: 46, east: 1.3, north: 46.8 }, communes: 650, latticeKm: 1.2, shapeSpacingM: 60, fromFile: false, runs: 7 },
	{ name: 'Département dense, ≈ 300 000 carrefours (1,3 M nœuds OSM)', bbox: { west: 0, south: 46, east: 1.3, north: 46.8 }, communes: 650, latticeKm: 0.18, shapeSpacingM: 70, fromFile: false, runs: 3 },
	{ name: 'Région (4 × la surface), depuis le .osm.pbf', bbox: { west: 0, south: 46, east: 2.6, north: 47.6 }, communes: 2600, latticeKm: 0.18, shapeSpacingM: 70, fromFile: true, runs: 1 }
];

function generate(spec: CaseSpec): GeneratedNetwork {
	return generateRoadNetwork({ bbox: spec.bbox, villageCount: spec.communes, latticeKm: spec.latticeKm, shapeSpacingM: spec.shapeSpacingM, seed: 16 });
}

/** 40 structures (25 CS, 15 EVS) and 30 poles, seeded, near villages (where they are in a real département). */
function facilities(villages: { lon: number; lat: number }[], count: number, seed: number) {
	const random = createRandom(seed);
	return Array.from({ length: count }, () => {
		const v = villages[Math.floor(random() * villages.length)];
		return { lon: v.lon + (random() - 0.5) * 0.004, lat: v.lat + (random() - 0.5) * 0.004 };
	});
}

interface CaseResult {
	name: string;
	osmNodes: number;
	vertices: number;
	edges: number;
	components: number;
	fileMb: number | null;
	read: Timing | null;
	build: Timing;
	snap: Timing;
	nearest: Timing;
	nearestNaive: Timing;
	matrix: Timing;
	matrixPairs: number;
	matrixNaiveMs: number;
	settledPerRun: number;
	maxRssMb: number;
}

/** Runs one case (in its own process). */
async function runCase(spec: CaseSpec, file: string | null): Promise<CaseResult> {
	let read: Timing | null = null;
	let ways;
	let coords;
	let villages: { lon: number; lat: number }[];
	if (spec.fromFile) {
		const t0 = performance.now();
		const cpu0 = process.cpuUsage();
		const r = await readRoadNetwork(file!, TEST_PROFILE, null);
		const ms = performance.now() - t0;
		const cpu = process.cpuUsage(cpu0);
		read = { runs: 1, median: ms, min: ms, max: ms, cpuMedian: (cpu.user + cpu.system) / 1000, threadCpuMedian: (cpu.user + cpu.system) / 1000 };
		({ ways, coords } = r);
		villages = villagesFromParent(file!);
	} else {
		const network = generate(spec);
		({ ways, coords } = collectNetwork(network, TEST_PROFILE));
		villages = network.villages;
	}
	const built = measure(() => buildRoadGraph(ways, coords), spec.runs, spec.fromFile ? 0 : 1);
	const graph = built.result;
	const structures = facilities(villages, 40, 1);
	const poles = facilities(villages, 30, 2);
	const index = snapIndex(graph);
	const snap = measure(() => snapPoints(graph, index, [...villages, ...structures, ...poles], SNAP_KM, ACCESS_KMH), spec.runs, 1);
	const snaps = snap.result;
	const communeSnaps = snaps.slice(0, villages.length);
	const structureSnaps = snaps.slice(villages.length, villages.length + 40);
	const poleSnaps = snaps.slice(villages.length + 40);
	const sets: (Snap | null)[][] = [structureSnaps.slice(0, 25), structureSnaps.slice(25), structureSnaps, poleSnaps];
	const dijkstra = new Dijkstra(graph);
	const nearest = measure(() => sets.map((set) => nearestTimes(graph, communeSnaps, set, CUTOFF, dijkstra)), spec.runs * 3, 2);
	// Naive nearest: one bounded run per commune, then the minimum over the set (the matrix way), for the four sets.
	const nearestNaive = measure(() => travelTimePairs(graph, communeSnaps, sets, CUTOFF), 1, 0);
	const matrix = measure(() => travelTimePairs(graph, communeSnaps, [communeSnaps, structureSnaps, poleSnaps], CUTOFF), spec.runs, spec.fromFile ? 0 : 1);
	const pairs = matrix.result.reduce((a, p) => a + p.count, 0);
	// Naive matrix: unbounded Dijkstra from each commune (every vertex settled), timed on 20 origins, scaled.
	const sample = communeSnaps.filter((s): s is Snap => s !== null).slice(0, 20);
	const legs: number[] = [];
	const t0 = performance.now();
	let settled = 0;
	for (const s of sample) {
		legsOf(graph, s.point, 'leave', legs);
		const seeds: number[] = [];
		for (let k = 0; k < legs.length; k += 2) seeds.push(legs[k], legs[k + 1], 0);
		dijkstra.run(seeds, 0x7ffffffe);
		settled += dijkstra.settled;
	}
	const naivePerOrigin = (performance.now() - t0) / sample.length;
	// Work of a bounded run, for the record.
	let bounded = 0;
	for (const s of sample) {
		legsOf(graph, s.point, 'leave', legs);
		const seeds: number[] = [];
		for (let k = 0; k < legs.length; k += 2) seeds.push(legs[k], s.access + legs[k + 1], 0);
		dijkstra.run(seeds, CUTOFF);
		bounded += dijkstra.settled;
	}
	void settled;
	return {
		name: spec.name,
		osmNodes: graph.stats.nodes,
		vertices: graph.stats.verticesKept,
		edges: graph.stats.edges,
		components: graph.stats.components,
		fileMb: file ? statSync(file).size / 1e6 : null,
		read,
		build: built.timing,
		snap: snap.timing,
		nearest: nearest.timing,
		nearestNaive: nearestNaive.timing,
		matrix: matrix.timing,
		matrixPairs: pairs,
		matrixNaiveMs: naivePerOrigin * communeSnaps.length,
		settledPerRun: Math.round(bounded / sample.length),
		maxRssMb: process.resourceUsage().maxRSS / 1024
	};
}

/** The villages of a network read from a file: written beside it by the parent process, which generated it. */
function villagesFromParent(file: string): { lon: number; lat: number }[] {
	return JSON.parse(readFileSync(`${file}.villages.json`, 'utf8'));
}

const args = process.argv.slice(2);
const worker = args.find((a) => a.startsWith('--worker='));
if (worker) {
	const spec = CASES[Number(worker.slice('--worker='.length))];
	const runs = args.find((a) => a.startsWith('--runs='));
	if (runs) spec.runs = Math.max(1, Number(runs.slice('--runs='.length)));
	const file = args.find((a) => a.startsWith('--file='))?.slice('--file='.length) ?? null;
	const result = await runCase(spec, file);
	process.stdout.write(`${JSON.stringify(result)}\n`);
	process.exit(0);
}

const self = fileURLToPath(import.meta.url);
const results: CaseResult[] = [];
for (const [k, spec] of CASES.entries()) {
	if (spec.fromFile && args.includes('--no-region')) continue;
	const only = args.find((a) => a.startsWith('--case='));
	if (only && Number(only.slice('--case='.length)) !== k + 1) continue;
	const extra: string[] = [];
	const env = { ...process.env };
	if (spec.fromFile) {
		const folder = path.join(os.tmpdir(), 'maillage-routes-bench');
		mkdirSync(folder, { recursive: true });
		const file = path.join(folder, `region-${spec.latticeKm}-${spec.shapeSpacingM}-${spec.communes}.osm.pbf`);
		const network = generate(spec);
		if (!existsSync(file)) {
			console.error(`Écriture du réseau généré : ${file}…`);
			await writeNetworkPbf(network, file, Date.UTC(2026, 10, 30) / 1000);
		}
		writeFileSync(`${file}.villages.json`, JSON.stringify(network.villages));
		extra.push(`--file=${file}`);
	}
	console.error(`Cas : ${spec.name}…`);
	const run = spawnSync(process.execPath, ['--import', 'tsx', self, `--worker=${k}`, ...extra, ...args.filter((a) => a.startsWith('--runs='))], {
		env,
		encoding: 'utf8',
		maxBuffer: 1 << 26,
		stdio: ['ignore', 'pipe', 'inherit']
	});
	if (run.status !== 0) {
		console.error(`Cas « ${spec.name} » : échec (code ${run.status ?? run.signal ?? run.error?.message}).`);
		process.exitCode = 1;
		continue;
	}
	results.push(JSON.parse(run.stdout.trim().split('\n').at(-1)!));
}

const ok = (ms: number, target: number) => (ms < target ? '✓' : '✗');
const n = (v: number) => v.toLocaleString('en-US');
console.log(
	markdownTable(
		['Case', 'OSM nodes', 'Junctions kept', 'Edges', 'SCCs', 'PBF', 'Read (2 passes)', 'Graph build', 'Snap (720 pts)', 'Peak memory'],
		results.map((r) => [
			r.name,
			n(r.osmNodes),
			n(r.vertices),
			n(r.edges),
			n(r.components),
			r.fileMb === null ? '—' : `${r.fileMb.toFixed(0)} MB`,
			r.read ? formatTiming(r.read) : '— (in memory)',
			`${formatTiming(r.build)} ${ok(r.build.median, 5000)}`,
			formatTiming(r.snap),
			`${n(Math.round(r.maxRssMb))} MB ${ok(r.maxRssMb, 1024)}`
		])
	)
);
console.log();
console.log(
	markdownTable(
		['Case', 'Nearest, 4 sets (multi-source)', 'Naive (per commune, then min)', 'Ratio', 'Matrix ≤ 30 min (communes → communes, structures, poles)', 'Pairs', 'Unbounded Dijkstra (est.)', 'Ratio', 'Vertices settled per run'],
		results.map((r) => [
			r.name,
			`${formatTiming(r.nearest)} ${ok(r.nearest.median, 1000)}`,
			formatMs(r.nearestNaive.median),
			`×${(r.nearestNaive.median / r.nearest.median).toFixed(0)}`,
			`${formatTiming(r.matrix)} ${ok(r.matrix.median, 15000)}`,
			n(r.matrixPairs),
			formatMs(r.matrixNaiveMs),
			`×${(r.matrixNaiveMs / r.matrix.median).toFixed(1)}`,
			n(r.settledPerRun)
		])
	)
);
console.log(`\nNode ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}; median (min–max) of the timed runs.`);
