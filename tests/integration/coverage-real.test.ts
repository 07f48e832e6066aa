/**
 * The database-backed analysis on real commune contours (Vienne, ../shared/data, skipped with a
 * message when absent) and, for the same checks, on a generated département: communes inserted
 * with their reference points (`reference-point.ts`), generated structures with agréments and
 * zones de compétence, poles at the largest towns. Checks that no commune is covered while farther
 * than every radius without a zone de compétence, and that the database round trip gives the same
 * answer as the engine fed directly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { analyzeCoverage, type CoverageCommune, type CoverageStructure } from '../../src/lib/analysis';
import { createRandom } from '../../src/lib/domain/random';
import type { Database } from '../../src/lib/server/db/schema';
import { runCoverageAnalysis, type CoverageRun } from '../../src/lib/server/coverage/report';
import { testDialects, type TestDb } from '../helpers/db';
import { generateCommunes, generatePoles, generateStructures, loadSharedCommunes } from '../bench/coverage-data';

const DATE = '2025-06-01';
const VIENNE = 'communes-2023-86-vienne.geojson';
const vienne = loadSharedCommunes(VIENNE, createRandom(86));
if (!vienne) console.warn(`[coverage-real] ../shared/data/${VIENNE} absent : le contrôle sur la Vienne est ignoré (le département généré reste testé).`);

interface Scenario {
	communes: CoverageCommune[];
	structures: CoverageStructure[];
}

function scenario(seed: number, communes: CoverageCommune[], structures: number): Scenario {
	return { communes, structures: generateStructures(createRandom(seed), communes, structures) };
}

/** Writes communes, structures (agréments, zones) and poles; returns database id → generated id. */
async function write(db: Kysely<Database>, s: Scenario, departement: string): Promise<Map<number, CoverageStructure['id']>> {
	for (let i = 0; i < s.communes.length; i += 300) {
		await db
			.insertInto('commune')
			.values(
				s.communes.slice(i, i + 300).map((c) => ({
					code: c.code,
					name: c.name,
					departement_code: departement,
					population: c.population,
					ref_lon: c.lon,
					ref_lat: c.lat
				}))
			)
			.execute();
	}
	const idMap = new Map<number, CoverageStructure['id']>();
	for (const st of s.structures) {
		const { id } = await db
			.insertInto('structure')
			.values({
				name: `Structure ${st.id}`,
				type: st.type,
				commune_code: st.communeCode!,
				lon: st.lon,
				lat: st.lat,
				specificities: JSON.stringify([])
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		idMap.set(id, st.id);
		if (st.agrementStart && st.agrementEnd) {
			await db
				.insertInto('agrement')
				.values({
					structure_id: id,
					kind: st.type === 'CS' ? 'animation_globale' : 'animation_locale',
					start_date: st.agrementStart,
					end_date: st.agrementEnd
				})
				.execute();
		}
		const zone = [...new Set(st.zoneCommunes ?? [])];
		if (zone.length) await db.insertInto('structure_zone_commune').values(zone.map((code) => ({ structure_id: id, commune_code: code }))).execute();
	}
	const poles = generatePoles(s.communes, 20);
	await db
		.insertInto('activity_pole')
		.values(poles.map((p) => ({ commune_code: p.communeCode!, name: `Pôle ${p.id}`, type: 'pôle de services', lon: p.lon, lat: p.lat })))
		.execute();
	return idMap;
}

/** The checks shared by the real and the generated département. */
function check(run: CoverageRun, s: Scenario, idMap: Map<number, CoverageStructure['id']>): void {
	const { radiusCsKm, radiusEvsKm } = run.report.parameters;
	const counted = new Set(run.result.structures.filter((x) => x.counted).map((x) => x.id));
	const inZone = new Set(run.inputs.structures.filter((x) => counted.has(x.id)).flatMap((x) => x.zoneCommunes ?? []));
	let covered = 0;
	for (const c of run.report.communes) {
		const farther = (c.nearestCsKm === null || c.nearestCsKm > radiusCsKm) && (c.nearestEvsKm === null || c.nearestEvsKm > radiusEvsKm);
		// No commune is both covered and farther than every radius without a zone de compétence.
		if (c.covered && farther) expect(inZone.has(c.code), c.code).toBe(true);
		if (!c.covered) expect(farther && !inZone.has(c.code), c.code).toBe(true);
		if (c.covered) covered++;
	}
	expect(covered).toBeGreaterThan(0);
	expect(covered).toBeLessThan(run.report.communes.length);

	// The database round trip answers as the engine fed directly with the generated data.
	const poles = generatePoles(s.communes, 20);
	const direct = analyzeCoverage({ communes: s.communes, structures: s.structures, poles }, { ...run.parameters.options, date: DATE });
	const directByCode = new Map(direct.communes.map((c) => [c.code, c]));
	expect(run.report.communes).toHaveLength(s.communes.length);
	for (const c of run.report.communes) {
		const d = directByCode.get(c.code)!;
		expect([c.category, c.covered, c.isolated], c.code).toEqual([d.category, d.covered, d.isolated]);
		expect(c.nearestStructureKm).toBe(d.nearestStructureKm);
		expect(c.nearestPoleKm).toBe(d.nearestPoleKm);
		expect(c.nearestStructureId === null ? null : idMap.get(Number(c.nearestStructureId))).toBe(d.nearestStructureId);
	}
	expect(run.report.summary.covered).toEqual(direct.summary.covered);
	expect(run.report.summary.categories).toEqual(direct.summary.categories);
}

for (const dialect of testDialects()) {
	describe(`runCoverageAnalysis(db) on a generated département (${dialect.kind})`, () => {
		let t: TestDb;
		let s: Scenario;
		let idMap: Map<number, CoverageStructure['id']>;
		beforeAll(async () => {
			t = await dialect.open();
			s = scenario(7, generateCommunes(createRandom(5), 300, [-0.2, 46, 1.3, 47.2], '79'), 40);
			idMap = await write(t.db, s, '79');
		});
		afterAll(() => t?.dispose());

		it('covers no commune farther than every radius outside a zone de compétence, and equals the engine fed directly', async () => {
			check(await runCoverageAnalysis(t.db, { date: DATE }), s, idMap);
			check(await runCoverageAnalysis(t.db, { date: DATE, radiusCsKm: 4, radiusEvsKm: 2, isolationKm: 10 }), s, idMap);
		});
	});
}

describe.skipIf(!vienne)('runCoverageAnalysis(db) on the Vienne communes (COG 2023) with generated structures', () => {
	let t: TestDb;
	let s: Scenario;
	let idMap: Map<number, CoverageStructure['id']>;
	beforeAll(async () => {
		t = await testDialects()[0].open();
		s = scenario(86, vienne!.map((c) => ({ ...c, epci: null })), 45);
		idMap = await write(t.db, s, '86');
	});
	afterAll(() => t?.dispose());

	it('covers no commune farther than every radius outside a zone de compétence, and equals the engine fed directly', async () => {
		const run = await runCoverageAnalysis(t.db, { date: DATE });
		expect(run.report.communes).toHaveLength(266);
		check(run, s, idMap);
		// Vienne spans about 100 km × 125 km: every nearest distance is well below that.
		for (const c of run.report.communes) expect(c.nearestPoleKm!).toBeLessThan(130);
	});
});
