/**
 * Planning benchmark (`npm run bench -- plan`): on a département of ~650 communes (generated, and
 * the real Nord from ../shared/data when present),
 * - « Proposer des sites »: MCLP k = 5 EVS over every commune (greedy + swaps, target < 500 ms),
 *   greedy alone for the ratio, and the LSCP variant (share covered + 5 points);
 * - scenario recompute after one change (an EVS dragged across the map, one position per run;
 *   target < 16 ms): incremental (`evaluateScenario`) against a full recompute of stages 2–3
 *   (`evaluateScenarioFull`), with the ratio.
 *
 * A France-sized generated territory (35,456 communes, 4,000 structures) shows where the
 * incremental recompute pays; it has no target (`--no-france` skips it).
 *
 * Flags: `--runs=N` (default 15), `--no-france`.
 */
import os from 'node:os';
import { buildCoverageContext, type CoverageCommune, type CoverageInput } from '../../src/lib/analysis';
import { createRandom } from '../../src/lib/domain/random';
import { createScenarioBase, evaluateScenario, evaluateScenarioFull, recommendSites, type ScenarioChange } from '../../src/lib/planning';
import { generateCommunes, generatePoles, generateQpvs, generateStructures, loadSharedCommunes, withNeeds } from './coverage-data';
import { formatMs, formatTiming, markdownTable, measure } from './harness';

const args = process.argv.slice(2);
const RUNS = Math.max(7, Number(args.find((a) => a.startsWith('--runs='))?.slice(7) ?? 15));
const FRANCE = !args.includes('--no-france');
const DATE = '2025-06-01';
const PLAN_TARGET_MS = 500;
const RECOMPUTE_TARGET_MS = 16;

function makeInput(seed: number, communes: CoverageCommune[], structures: number, poles: number): CoverageInput {
	const random = createRandom(seed);
	const withIndicators = withNeeds(random, communes).map((c) => ({
		...c,
		needs: c.needs ? { ...c.needs, familles: c.needs.familles ?? null } : null
	}));
	return {
		communes: withIndicators,
		structures: generateStructures(random, withIndicators, structures),
		poles: generatePoles(withIndicators, poles),
		qpvs: generateQpvs(random, withIndicators)
	};
}

interface Case {
	label: string;
	input: CoverageInput;
	/** Only the scenario recompute (no recommendation, no target). */
	recomputeOnly?: boolean;
}

const cases: Case[] = [];
const nord = loadSharedCommunes('communes-2023-59-nord.geojson', createRandom(2));
if (nord) cases.push({ label: 'Nord (59), real communes (COG 2023)', input: makeInput(12, nord, 80, 60) });
else console.log('> ../shared/data/communes-2023-59-nord.geojson absent: runs on generated communes only.');
cases.push({ label: 'Département-sized, generated', input: makeInput(14, generateCommunes(createRandom(4), 650, [-0.2, 46, 1.3, 47.2], 'D'), 80, 60) });
if (FRANCE) cases.push({ label: 'France-sized, generated (no target)', input: makeInput(13, generateCommunes(createRandom(3), 35_456), 4000, 3000), recomputeOnly: true });
console.log(`> ${RUNS} timed runs after 2 warm-up runs.\n`);

const planRows: string[][] = [];
const recomputeRows: string[][] = [];
let allOk = true;
for (const c of cases) {
	const context = buildCoverageContext(c.input, { date: DATE });
	const base = createScenarioBase(context, c.input.structures);

	// « Proposer des sites »: k = 5 EVS, all communes as candidates.
	if (!c.recomputeOnly) {
		const mclp = measure(() => recommendSites(base, base.current, { type: 'EVS', k: 5 }), RUNS);
		const greedy = measure(() => recommendSites(base, base.current, { type: 'EVS', k: 5, localSearch: false }), RUNS);
		const share = Math.min(1, Math.round(((base.current.figures.shareCovered ?? 0) + 0.05) * 100) / 100);
		const lscp = measure(() => recommendSites(base, base.current, { type: 'EVS', targetShare: share }), RUNS);
		const ok = mclp.timing.median < PLAN_TARGET_MS;
		if (!ok) allOk = false;
		const r = mclp.result;
		planRows.push([
			c.label,
			String(c.input.communes.length),
			String(r.parameters.candidates),
			formatTiming(mclp.timing),
			formatTiming(greedy.timing),
			`${Math.round(r.totals.newlyCoveredPopulation).toLocaleString('en')} (greedy ${Math.round(greedy.result.totals.newlyCoveredPopulation).toLocaleString('en')})`,
			`${formatTiming(lscp.timing)}: ${lscp.result.totals.sites} sites for ${Math.round(share * 100)} %`,
			`< ${formatMs(PLAN_TARGET_MS)} ${ok ? '✓' : '✗'}`
		]);
	}

	// One change, as while dragging: an added EVS at a new position on every run.
	const random = createRandom(99);
	const communes = c.input.communes;
	let step = 0;
	const nextChanges = (): ScenarioChange[] => {
		const commune = communes[Math.floor(random() * communes.length)];
		step++;
		return [{ kind: 'add', key: 'n1', type: 'EVS', name: 'EVS glissé', lon: commune.lon + (random() - 0.5) * 0.02, lat: commune.lat, communeCode: commune.code, zoneCommunes: null }];
	};
	const runs = c.recomputeOnly ? Math.max(5, Math.round(RUNS / 2)) : RUNS * 3;
	const incremental = measure(() => evaluateScenario(base, nextChanges()), runs);
	const full = measure(() => evaluateScenarioFull(base, nextChanges()), runs);
	// And moving an existing structure.
	const counted = [...base.current.set.counted];
	const moveChanges = (): ScenarioChange[] => {
		const s = c.input.structures[counted[step++ % counted.length]];
		return [{ kind: 'move', structureId: String(s.id), lon: s.lon + (random() - 0.5) * 0.05, lat: s.lat + (random() - 0.5) * 0.03, communeCode: s.communeCode ?? null }];
	};
	const move = measure(() => evaluateScenario(base, moveChanges()), runs);
	const moveFull = measure(() => evaluateScenarioFull(base, moveChanges()), runs);
	const recomputeOk = incremental.timing.median < RECOMPUTE_TARGET_MS && move.timing.median < RECOMPUTE_TARGET_MS;
	if (!recomputeOk && !c.recomputeOnly) allOk = false;
	recomputeRows.push([
		c.label,
		`add: ${formatTiming(incremental.timing)}, CPU ${formatMs(incremental.timing.cpuMedian)}`,
		`${formatTiming(full.timing)}, CPU ${formatMs(full.timing.cpuMedian)}`,
		`×${(full.timing.median / incremental.timing.median).toFixed(2)}`,
		`move: ${formatTiming(move.timing)}, CPU ${formatMs(move.timing.cpuMedian)}`,
		`${formatTiming(moveFull.timing)}, CPU ${formatMs(moveFull.timing.cpuMedian)}`,
		`×${(moveFull.timing.median / move.timing.median).toFixed(2)}`,
		c.recomputeOnly ? '—' : `< ${formatMs(RECOMPUTE_TARGET_MS)} ${recomputeOk ? '✓' : '✗'}`
	]);
}

console.log(
	markdownTable(
		['Case', 'Communes', 'Candidates', 'MCLP k = 5 EVS (greedy + swaps)', 'Greedy only', 'Newly covered inhabitants', 'LSCP (+5 points)', 'Target'],
		planRows
	)
);
console.log('');
console.log(
	markdownTable(
		['Case', 'One change, incremental', 'Full stages 2–3', 'Ratio', 'One move, incremental', 'Full stages 2–3', 'Ratio', 'Target'],
		recomputeRows
	)
);
const load = os.loadavg()[0].toFixed(1);
console.log(
	`\nNode ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, load average ${load} at the end; ` +
		'wall-clock medians (min–max). Recommendation times include candidates, coverage sets, solve and explanations; ' +
		'scenario times include applying the change, stages 2–3 of the engine and the key figures.'
);
if (!allOk) {
	console.log('\nAt least one target missed.');
	process.exitCode = 1;
}
