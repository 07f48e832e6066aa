/**
 * Scenarios and recommended sites with computed road times: a candidate site (a commune's reference
 * point) covers exactly the communes whose commune → commune road time is within the radius, and a
 * structure added in a commune takes that commune's times — no straight-line estimate anywhere.
 */
import { describe, expect, it } from 'vitest';
import { buildCoverageContext, type CoverageCommune, type TravelTime } from '$lib/analysis';
import { candidateCoverage, communeCandidates } from '$lib/planning/candidates';
import { createScenarioBase, evaluateScenario, recommendSites } from '$lib/planning';

// Five communes on a line, 3 km apart; road times that are not the straight line (a valley: C is 25 min from B).
const communes: CoverageCommune[] = ['A', 'B', 'C', 'D', 'E'].map((name, i) => ({ code: `9000${i + 1}`, name, population: 1000 * (i + 1), lon: i * 0.04, lat: 45 }));
const road: [string, string, number][] = [
	['90001', '90002', 6],
	['90002', '90001', 6],
	['90002', '90003', 25],
	['90003', '90002', 25],
	['90003', '90004', 8],
	['90004', '90003', 8],
	['90004', '90005', 9],
	['90005', '90004', 9]
];
const rows: TravelTime[] = [
	...communes.map((c) => ({ origin: c.code, destination: c.code, destinationKind: 'commune' as const, minutes: 1, source: 'osm:2026-11-30' })),
	...road.map(([o, d, m]) => ({ origin: o, destination: d, destinationKind: 'commune' as const, minutes: m, source: 'osm:2026-11-30' }))
];

describe('planning with complete road times', () => {
	const input = { communes, poles: [], travelTimes: rows, travelTimesComplete: { cutoffMinutes: 30 } };
	const context = buildCoverageContext(input, { metric: 'minutes', radiusEvsMinutes: 10, radiusCsMinutes: 15 });

	it('a candidate covers the communes within the radius by road, not by the straight line', () => {
		expect(context.model.complete).toBe(true);
		const candidates = communeCandidates(context, buildCoverageResult());
		const sets = candidateCoverage(context, candidates, 'EVS');
		const coveredBy = (j: number) => Array.from(sets.commune.slice(sets.start[j], sets.start[j + 1])).map((i) => communes[i].name);
		expect(coveredBy(1)).toEqual(['A', 'B']); // C is 3 km away but 25 min by road
		expect(coveredBy(2)).toEqual(['C', 'D']);
		expect(coveredBy(3)).toEqual(['C', 'D', 'E']);
	});

	it('a structure added in a commune takes its commune’s road times; the recommendation follows the roads', () => {
		const base = createScenarioBase(context, []);
		const scenario = evaluateScenario(base, [{ kind: 'add', key: 'n1', type: 'EVS', name: 'EVS proposé', lon: 0.081, lat: 45.001, communeCode: '90003', zoneCommunes: null }]);
		const byName = Object.fromEntries(scenario.result.communes.map((c) => [c.name, c]));
		expect(byName.C.nearestEvsMinutes).toBe(1);
		expect(byName.D.nearestEvsMinutes).toBe(8);
		expect(byName.B.nearestEvsMinutes).toBe(25);
		expect(byName.A.nearestEvsMinutes).toBe(Infinity); // beyond the 30-min cutoff: no estimate
		expect(scenario.result.communes.filter((c) => c.covered).map((c) => c.name)).toEqual(['C', 'D']);
		const rec = recommendSites(base, base.current, { type: 'EVS', k: 2 });
		expect(rec.sites.map((s) => s.code).sort()).toEqual(['90001', '90004']); // A or B cover A and B alike (tie: the first); D covers C, D, E
	});
});

function buildCoverageResult() {
	return evaluateScenario(createScenarioBase(buildCoverageContext({ communes, poles: [], travelTimes: rows, travelTimesComplete: { cutoffMinutes: 30 } }, { metric: 'minutes' }), []), []).result;
}
