/**
 * Scenario evaluation: the incremental path equals a full recompute, bit for bit, on seeded random
 * instances (km and minutes with a travel-time matrix); deltas agree with the two situations;
 * properties: adding a structure never reduces coverage, closing one uncovers its communes unless
 * another structure covers them.
 */
import { describe, expect, it } from 'vitest';
import { buildCoverageContext, haversineKm, type CoverageInput, type CoverageStructure } from '../../src/lib/analysis';
import { createRandom, pick, randomInt, type Random } from '../../src/lib/domain/random';
import {
	createScenarioBase,
	evaluateScenario,
	evaluateScenarioFull,
	scenarioDelta,
	type ScenarioChange
} from '../../src/lib/planning';
import { randomInput } from '../bench/coverage-random';

const DATE = '2025-06-01';
const SEEDS = Array.from({ length: 40 }, (_, k) => 7000 + k);

/** A few random changes over an instance's structures and communes. */
function randomChanges(random: Random, input: CoverageInput): ScenarioChange[] {
	const changes: ScenarioChange[] = [];
	const count = randomInt(random, 1, 6);
	let key = 0;
	for (let c = 0; c < count; c++) {
		const roll = random();
		const commune = input.communes.length > 0 ? pick(random, input.communes) : null;
		const structure = input.structures.length > 0 ? pick(random, input.structures) : null;
		const point = commune ? { lon: commune.lon + (random() - 0.5) * 0.05, lat: commune.lat + (random() - 0.5) * 0.05 } : { lon: 0.5, lat: 46.5 };
		if (roll < 0.35 || !structure) {
			changes.push({
				kind: 'add',
				key: `n${++key}`,
				type: random() < 0.5 ? 'CS' : 'EVS',
				name: `Envisagé ${key}`,
				...point,
				communeCode: commune && random() < 0.8 ? commune.code : null,
				zoneCommunes: commune && random() < 0.2 ? [commune.code] : null
			});
		} else if (roll < 0.55) changes.push({ kind: 'move', structureId: String(structure.id), ...point, communeCode: commune?.code ?? null });
		else if (roll < 0.7) changes.push({ kind: 'close', structureId: String(structure.id) });
		else if (roll < 0.85) changes.push({ kind: 'retype', structureId: String(structure.id), type: structure.type === 'CS' ? 'EVS' : 'CS' });
		else changes.push({ kind: 'zone', structureId: String(structure.id), zoneCommunes: commune ? [commune.code] : [] });
	}
	return changes;
}

describe('evaluateScenario(base, changes)', () => {
	it('evaluateScenario(base, changes) equals a full recompute on 40 seeded instances, km and minutes', () => {
		let compared = 0;
		for (const seed of SEEDS) {
			const input = randomInput(seed);
			for (const metric of ['km', 'minutes'] as const) {
				const context = buildCoverageContext(input, { date: DATE, metric });
				const base = createScenarioBase(context, input.structures);
				const random = createRandom(seed * 7 + (metric === 'km' ? 1 : 2));
				for (let s = 0; s < 3; s++) {
					const changes = randomChanges(random, input);
					const incremental = evaluateScenario(base, changes);
					const full = evaluateScenarioFull(base, changes);
					expect(JSON.stringify(incremental.result), `seed ${seed} ${metric} #${s}`).toBe(JSON.stringify(full.result));
					expect(incremental.figures).toEqual(full.figures);
					compared++;
				}
			}
		}
		expect(compared).toBe(SEEDS.length * 6);
	});

	it('evaluateScenario(base, []) reproduces the current situation', () => {
		const input = randomInput(4242);
		const context = buildCoverageContext(input, { date: DATE });
		const base = createScenarioBase(context, input.structures);
		const same = evaluateScenario(base, []);
		expect(JSON.stringify(same.result)).toBe(JSON.stringify(base.current.result));
		const delta = scenarioDelta(base.current, same, base.families);
		expect(delta.newlyCovered.codes).toEqual([]);
		expect(delta.figures.coveredPopulation).toBe(0);
		expect(delta.accessibility.gained.communes + delta.accessibility.lost.communes).toBe(0);
	});

	it('scenarioDelta(current, scenario) lists exactly the communes whose coverage or category changed', () => {
		for (const seed of SEEDS.slice(0, 15)) {
			const input = randomInput(seed);
			const context = buildCoverageContext(input, { date: DATE });
			const base = createScenarioBase(context, input.structures);
			const scenario = evaluateScenario(base, randomChanges(createRandom(seed), input));
			const delta = scenarioDelta(base.current, scenario, base.families);
			const before = base.current.result.communes;
			const after = scenario.result.communes;
			const newly = after.filter((c, i) => c.covered && !before[i].covered);
			expect(delta.newlyCovered.codes).toEqual(newly.map((c) => c.code).sort());
			expect(delta.newlyCovered.population).toBe(newly.reduce((s, c) => s + c.population, 0));
			expect(delta.figures.coveredPopulation).toBe(delta.newlyCovered.population - delta.noLongerCovered.population);
			const dep = (c: { category: string }) => c.category.startsWith('depourvue');
			expect(delta.figures.depourvuesCommunes).toBe(delta.enteringDepourvue.codes.length - delta.leavingDepourvue.codes.length);
			expect(delta.leavingDepourvue.codes).toEqual(after.filter((c, i) => dep(before[i]) && !dep(c)).map((c) => c.code).sort());
		}
	});
});

describe('scenario properties', () => {
	it('adding a structure never reduces the covered population, nor removes a covered commune', () => {
		for (const seed of SEEDS) {
			const input = randomInput(seed);
			if (input.communes.length === 0) continue;
			const context = buildCoverageContext(input, { date: DATE });
			const base = createScenarioBase(context, input.structures);
			const random = createRandom(seed + 1);
			for (let t = 0; t < 4; t++) {
				const c = pick(random, input.communes);
				const added = evaluateScenario(base, [
					{ kind: 'add', key: 'n1', type: random() < 0.5 ? 'CS' : 'EVS', name: 'x', lon: c.lon + (random() - 0.5) * 0.1, lat: c.lat, communeCode: c.code, zoneCommunes: null }
				]);
				expect(added.figures.covered.population).toBeGreaterThanOrEqual(base.current.figures.covered.population);
				base.current.result.communes.forEach((before, i) => {
					if (before.covered) expect(added.result.communes[i].covered, `seed ${seed} ${before.code}`).toBe(true);
				});
			}
		}
	});

	it('closing a structure uncovers the communes it alone covered, and only those', () => {
		let checked = 0;
		for (const seed of SEEDS) {
			const input = randomInput(seed);
			const context = buildCoverageContext(input, { date: DATE });
			const base = createScenarioBase(context, input.structures);
			const counted = base.current.set.counted;
			if (counted.length === 0) continue;
			const j = counted[seed % counted.length];
			const closedStructure = input.structures[j];
			const closed = evaluateScenario(base, [{ kind: 'close', structureId: String(closedStructure.id) }]);
			const { radiusCsKm, radiusEvsKm } = context.options;
			const covers = (s: CoverageStructure, k: number) => {
				const c = input.communes[k];
				if (s.zoneCommunes?.includes(c.code)) return true;
				return haversineKm(c.lon, c.lat, s.lon, s.lat) <= (s.type === 'CS' ? radiusCsKm : radiusEvsKm);
			};
			const others = [...counted].filter((x) => x !== j).map((x) => input.structures[x]);
			input.communes.forEach((c, k) => {
				const before = base.current.result.communes[k].covered;
				const after = closed.result.communes[k].covered;
				if (!before) expect(after).toBe(false);
				else if (covers(closedStructure, k) && !others.some((s) => covers(s, k))) expect(after, `seed ${seed} ${c.code}`).toBe(false);
				else expect(after, `seed ${seed} ${c.code}`).toBe(true);
			});
			checked++;
		}
		expect(checked).toBeGreaterThan(20);
	});
});
