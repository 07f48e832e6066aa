/**
 * Location models: the MCLP heuristic (greedy + swaps) against the exact optimum by enumeration on
 * seeded small instances (k ≤ 3, ≤ 40 candidates), the LSCP variant against the exact minimum,
 * and `recommendSites` against the engine: the sites it proposes, added to a scenario, cover
 * exactly what it announced.
 */
import { describe, expect, it } from 'vitest';
import { buildCoverageContext, type CoverageCommune, type CoverageInput, type CoverageStructure } from '../../src/lib/analysis';
import { createRandom, randomInt, shuffle, type Random } from '../../src/lib/domain/random';
import {
	addSites,
	candidateCoverage,
	communeCandidates,
	createScenarioBase,
	evaluateScenario,
	exactLscp,
	exactMclp,
	explainSite,
	meetsTarget,
	parseRecommendRequest,
	recommendSites,
	requestIssueText,
	solveLscp,
	solveMclp,
	type MaxCoverProblem
} from '../../src/lib/planning';
import { randomInput } from '../bench/coverage-random';

const DATE = '2025-06-01';

/** A small département-like instance: clustered communes, a few structures, need indicators. */
function smallInstance(random: Random, communes: number, structures: number): CoverageInput {
	const towns = Array.from({ length: 6 }, () => [0 + random() * 1.2, 46 + random() * 0.9]);
	const list: CoverageCommune[] = Array.from({ length: communes }, (_, i) => {
		const t = towns[i % towns.length];
		const spread = random() < 0.5 ? 0.08 : 0.4;
		const familles = randomInt(random, 5, 900);
		return {
			code: `T${String(i).padStart(4, '0')}`,
			name: `Commune ${i}`,
			population: random() < 0.1 ? randomInt(random, 3000, 30000) : randomInt(random, 50, 2500),
			lon: t[0] + (random() - 0.5) * spread,
			lat: t[1] + (random() - 0.5) * spread * 0.7,
			epci: `2000000${i % 3}`,
			needs: { taux_pauvrete: 5 + random() * 25, familles }
		};
	});
	const s: CoverageStructure[] = Array.from({ length: structures }, (_, j) => {
		const c = list[randomInt(random, 0, list.length - 1)];
		return { id: j + 1, type: random() < 0.5 ? 'CS' : 'EVS', lon: c.lon, lat: c.lat, communeCode: c.code, agrementStart: '2022-01-01', agrementEnd: '2026-12-31' };
	});
	return { communes: list, structures: s, poles: [], qpvs: null };
}

/** The MCLP instance `recommendSites` solves: uncovered communes, candidates = up to 40 communes. */
function planningProblem(seed: number): { problem: MaxCoverProblem; candidates: number } {
	const random = createRandom(seed);
	const input = smallInstance(random, randomInt(random, 40, 140), randomInt(random, 0, 6));
	const context = buildCoverageContext(input, { date: DATE });
	const base = createScenarioBase(context, input.structures);
	const all = communeCandidates(context, base.current.result);
	const candidates = shuffle(random, all).slice(0, randomInt(random, 10, 40));
	const covered = base.current.result.communes.map((c) => c.covered);
	const sets = candidateCoverage(context, candidates, random() < 0.5 ? 'EVS' : 'CS', (i) => !covered[i]);
	return { problem: { weights: context.population, start: sets.start, members: sets.commune }, candidates: candidates.length };
}

/** An abstract max-cover instance with overlapping random sets (harder than geography). */
function abstractProblem(seed: number): MaxCoverProblem {
	const random = createRandom(seed);
	const points = randomInt(random, 20, 120);
	const weights = Float64Array.from({ length: points }, () => (random() < 0.2 ? randomInt(random, 1000, 9000) : randomInt(random, 10, 900)));
	const c = randomInt(random, 8, 40);
	const start = new Int32Array(c + 1);
	const members: number[] = [];
	for (let j = 0; j < c; j++) {
		start[j] = members.length;
		const size = randomInt(random, 1, Math.max(2, Math.round(points / 6)));
		const set = new Set<number>();
		const centre = randomInt(random, 0, points - 1);
		for (let s = 0; s < size; s++) set.add(random() < 0.7 ? (centre + randomInt(random, -8, 8) + points) % points : randomInt(random, 0, points - 1));
		members.push(...[...set].sort((a, b) => a - b));
	}
	start[c] = members.length;
	return { weights, start, members: Int32Array.from(members) };
}

describe('solveMclp(problem, k) against the exact optimum', () => {
	it('solveMclp reaches ≥ 95 % of the optimum on every seeded instance (k ≤ 3, ≤ 40 candidates) and equals it on most', () => {
		const rows: { kind: string; instances: number; equal: number; worst: number; greedyEqual: number; greedyWorst: number }[] = [];
		for (const kind of ['planning', 'abstract'] as const) {
			let instances = 0;
			let equal = 0;
			let greedyEqual = 0;
			let worst = 1;
			let greedyWorst = 1;
			for (let seed = 1; seed <= 100; seed++) {
				const problem = kind === 'planning' ? planningProblem(seed).problem : abstractProblem(seed);
				for (const k of [1, 2, 3]) {
					const exact = exactMclp(problem, k);
					const heuristic = solveMclp(problem, k);
					instances++;
					if (exact.objective === 0) {
						expect(heuristic.objective).toBe(0);
						equal++;
						greedyEqual++;
						continue;
					}
					const ratio = heuristic.objective / exact.objective;
					const greedyRatio = heuristic.greedyObjective / exact.objective;
					expect(ratio, `${kind} seed ${seed} k ${k}`).toBeGreaterThanOrEqual(0.95);
					expect(ratio).toBeLessThanOrEqual(1 + 1e-12);
					expect(heuristic.objective).toBeGreaterThanOrEqual(heuristic.greedyObjective);
					if (ratio >= 1 - 1e-12) equal++;
					if (greedyRatio >= 1 - 1e-12) greedyEqual++;
					worst = Math.min(worst, ratio);
					greedyWorst = Math.min(greedyWorst, greedyRatio);
				}
			}
			rows.push({ kind, instances, equal, worst, greedyEqual, greedyWorst });
			expect(equal / instances, kind).toBeGreaterThanOrEqual(0.9);
		}
		console.log(
			'MCLP vs brute force (k = 1…3, ≤ 40 candidates):\n' +
				rows
					.map(
						(r) =>
							`  ${r.kind}: ${r.instances} instances, greedy + swaps optimal on ${r.equal} (worst ${(100 * r.worst).toFixed(2)} %), ` +
							`greedy alone optimal on ${r.greedyEqual} (worst ${(100 * r.greedyWorst).toFixed(2)} %)`
					)
					.join('\n')
		);
	});

	it('solveMclp(problem, k) is deterministic and never selects a candidate twice', () => {
		const problem = abstractProblem(77);
		const a = solveMclp(problem, 3);
		expect(solveMclp(problem, 3)).toEqual(a);
		expect(new Set(a.selected).size).toBe(a.selected.length);
		expect(() => solveMclp(problem, -1)).toThrow('invalid k: -1');
	});

	it('solveMclp(problem, k) covers a non-decreasing weight as k grows', () => {
		for (let seed = 1; seed <= 30; seed++) {
			const { problem } = planningProblem(seed);
			let previous = 0;
			for (let k = 1; k <= 6; k++) {
				const objective = solveMclp(problem, k).objective;
				expect(objective).toBeGreaterThanOrEqual(previous - 1e-9);
				previous = objective;
			}
		}
	});
});

describe('solveLscp(problem, required) against the exact minimum', () => {
	it('solveLscp finds the fewest sites, or at most one more, on seeded instances, and reports unreachable targets', () => {
		let instances = 0;
		let equal = 0;
		for (let seed = 1; seed <= 60; seed++) {
			const problem = abstractProblem(1000 + seed);
			let total = 0;
			for (const w of problem.weights) total += w;
			for (const share of [0.3, 0.5, 0.7]) {
				const required = share * total;
				const exact = exactLscp(problem, required, 4);
				const heuristic = solveLscp(problem, required);
				if (exact === null) {
					if (!heuristic.reached) continue;
					expect(heuristic.selected.length).toBeGreaterThan(4);
					continue;
				}
				instances++;
				expect(heuristic.reached).toBe(true);
				expect(meetsTarget(problem, heuristic.objective, required)).toBe(true);
				expect(heuristic.selected.length).toBeLessThanOrEqual(exact.selected.length + 1);
				if (heuristic.selected.length === exact.selected.length) equal++;
			}
		}
		console.log(`LSCP vs brute force: fewest sites found on ${equal} of ${instances} instances`);
		expect(equal / instances).toBeGreaterThanOrEqual(0.9);
		const impossible = solveLscp({ weights: Float64Array.of(5, 5), start: Int32Array.of(0, 1), members: Int32Array.of(0) }, 10);
		expect(impossible).toMatchObject({ reached: false, selected: [0], objective: 5 });
	});
});

describe('recommendSites(base, situation, request)', () => {
	it('recommendSites proposes sites whose scenario covers exactly the announced population, per-site figures adding up', () => {
		for (let seed = 1; seed <= 25; seed++) {
			const input = randomInput(300 + seed);
			if (input.communes.length < 5) continue;
			for (const metric of ['km', 'minutes'] as const) {
				const context = buildCoverageContext(input, { date: DATE, metric });
				const base = createScenarioBase(context, input.structures);
				const type = seed % 2 ? 'EVS' : 'CS';
				const rec = recommendSites(base, base.current, { type, k: 3 });
				const sum = rec.sites.reduce((s, site) => s + site.newlyCoveredPopulation, 0);
				expect(sum).toBe(rec.totals.newlyCoveredPopulation);
				expect(rec.sites.map((s) => s.rank)).toEqual(rec.sites.map((_, i) => i + 1));
				const codes = rec.sites.flatMap((s) => s.communes);
				expect(new Set(codes).size).toBe(codes.length);
				const scenario = evaluateScenario(base, addSites([], type, rec.sites));
				expect(scenario.figures.covered.population - base.current.figures.covered.population, `seed ${seed} ${metric}`).toBe(
					rec.totals.newlyCoveredPopulation
				);
				const newly = scenario.result.communes.filter((c, i) => c.covered && !base.current.result.communes[i].covered).map((c) => c.code);
				expect(newly.sort()).toEqual([...codes].sort());
			}
		}
	});

	it('recommendSites with a target share returns the fewest sites reaching it (checked on the scenario)', () => {
		const random = createRandom(5);
		const input = smallInstance(random, 120, 4);
		const context = buildCoverageContext(input, { date: DATE });
		const base = createScenarioBase(context, input.structures);
		const target = Math.min(1, (base.current.figures.shareCovered ?? 0) + 0.15);
		const rec = recommendSites(base, base.current, { type: 'CS', targetShare: target });
		expect(rec.parameters.mode).toBe('lscp');
		expect(rec.totals.reached).toBe(true);
		const scenario = evaluateScenario(base, addSites([], 'CS', rec.sites));
		expect(scenario.figures.shareCovered!).toBeGreaterThanOrEqual(target - 1e-12);
		// One site fewer (the last) does not reach it.
		const fewer = evaluateScenario(base, addSites([], 'CS', rec.sites.slice(0, -1)));
		expect(fewer.figures.shareCovered!).toBeLessThan(target);
	});

	it('recommendSites restricts candidates to dépourvues, isolées or one EPCI', () => {
		const random = createRandom(9);
		const input = smallInstance(random, 150, 5);
		input.poles = [{ id: 'P1', lon: input.communes[0].lon, lat: input.communes[0].lat }];
		const context = buildCoverageContext(input, { date: DATE });
		const base = createScenarioBase(context, input.structures);
		const category = new Map(base.current.result.communes.map((c) => [c.code, c.category]));
		const dep = recommendSites(base, base.current, { type: 'EVS', k: 4, only: ['depourvue'] });
		expect(dep.parameters.candidates).toBe(base.current.figures.depourvues.communes);
		for (const s of dep.sites) expect(category.get(s.code)).toMatch(/^depourvue/);
		const iso = recommendSites(base, base.current, { type: 'EVS', k: 2, only: ['isolee'] });
		for (const s of iso.sites) expect(['isolee', 'depourvue_isolee']).toContain(category.get(s.code));
		const epci = recommendSites(base, base.current, { type: 'EVS', k: 2, epci: '200000001' });
		for (const s of epci.sites) expect(s.epci).toBe('200000001');
	});

	it('recommendSites with the need weight maximises need-weighted inhabitants', () => {
		const random = createRandom(11);
		const input = smallInstance(random, 120, 3);
		const context = buildCoverageContext(input, { date: DATE });
		const base = createScenarioBase(context, input.structures);
		const byNeed = recommendSites(base, base.current, { type: 'EVS', k: 3, weight: 'need' });
		const byPopulation = recommendSites(base, base.current, { type: 'EVS', k: 3 });
		expect(byNeed.parameters.needIndicator).toBe('taux_pauvrete');
		expect(byNeed.totals.objective).toBeGreaterThan(0);
		// Each is at least as good as the other on its own objective.
		expect(byPopulation.totals.newlyCoveredPopulation).toBeGreaterThanOrEqual(byNeed.totals.newlyCoveredPopulation * 0.95);
		const needOfPopulationPick = byPopulation.sites.reduce((s, x) => s + x.newlyCoveredWeight, 0);
		expect(needOfPopulationPick).toBeLessThanOrEqual(byPopulation.totals.objective + 1e-6);
	});

	it('explainSite(site, type) says what a site covers, in French', () => {
		const random = createRandom(13);
		const input = smallInstance(random, 80, 2);
		const context = buildCoverageContext(input, { date: DATE });
		const base = createScenarioBase(context, input.structures);
		const rec = recommendSites(base, base.current, { type: 'EVS', k: 2 });
		const site = rec.sites[0];
		const lines = explainSite(site, 'EVS');
		expect(lines[0]).toContain(`Un EVS à ${site.name} couvrirait`);
		expect(lines[0]).toContain('habitants');
		expect(lines.join(' ')).toMatch(/dépourvue/);
	});
});

describe('parseRecommendRequest(raw)', () => {
	it('parseRecommendRequest accepts k or a percentage target, and refuses both or neither', () => {
		expect(parseRecommendRequest({ type: 'evs', k: '3', only: 'depourvue,isolées', weight: 'need' }).request).toEqual({
			type: 'EVS',
			k: 3,
			targetShare: null,
			only: ['depourvue', 'isolee'],
			epci: null,
			weight: 'need'
		});
		expect(parseRecommendRequest({ type: 'CS', targetShare: '95' }).request).toMatchObject({ k: null, targetShare: 0.95 });
		expect(parseRecommendRequest({ type: 'CS', targetShare: '0,9' }).request).toMatchObject({ targetShare: 0.9 });
		const both = parseRecommendRequest({ type: 'CS', k: 2, targetShare: 0.9 });
		expect(both.request).toBeNull();
		expect(both.issues.map(requestIssueText)).toEqual(['Indiquez soit un nombre de sites, soit une part de population à couvrir, pas les deux.']);
		expect(parseRecommendRequest({ type: 'MJC' }).issues.map(requestIssueText)).toEqual([
			'Type de structure inconnu « MJC » : EVS ou CS attendu.',
			'Indiquez un nombre de sites ou une part de population à couvrir.'
		]);
		expect(parseRecommendRequest({ type: 'EVS', k: '2.5' }).issues[0]).toMatchObject({ field: 'k', code: 'invalid' });
		expect(parseRecommendRequest({ type: 'EVS', k: 80 }).issues[0]).toMatchObject({ field: 'k', code: 'out_of_range' });
	});
});
