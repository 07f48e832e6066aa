/**
 * Acceptance of issue 4: the coverage analysis (`runCoverageAnalysis`, the function behind
 * `maillage analyze coverage --json`) agrees with an independent PostGIS computation of the same
 * definitions, on PostgreSQL with PostGIS (skipped with a message when TEST_DATABASE_URL is unset
 * or `postgis_version()` fails):
 * (a) the demo département (`seedDemo`), and the CLI's JSON on that schema equal to the report;
 * (b) the real Vienne communes (`../shared/data/communes-2023-86-vienne.geojson`, skipped with a
 *     message when absent) imported with `runImport`, plus seeded generated structures and poles.
 *
 * PostGIS measures geodesic distances on the WGS84 ellipsoid (`st_distance` on `geography`), the
 * engine great-circle distances on a sphere (haversine): they must agree within 1 % + 0.2 km. For
 * every commune, with the structures the engine counted as input set: nearest structure, CS, EVS
 * and pole distances; `covered` = in the zone de compétence of a counted structure, or a counted
 * CS within the CS radius, or a counted EVS within the EVS radius (`st_dwithin`); `isolated` =
 * nearest pole farther than the isolation distance. Flags must be identical wherever the distances
 * they rest on are farther than 1 % + 0.2 km from their threshold.
 */
import { readFileSync } from 'node:fs';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl, testDialects, type TestDb } from '../helpers/db';
import { postgisUnavailable } from '../helpers/postgis';
import { runMaillage } from '../helpers/cli';
import { generatePoles, generateStructures, sharedFile } from '../bench/coverage-data';
import { createRandom } from '../../src/lib/domain/random';
import type { CoverageCommune } from '../../src/lib/analysis';
import type { Database } from '../../src/lib/server/db/schema';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { runImport } from '../../src/lib/server/import/run-import';
import { runCoverageAnalysis, type CoverageReport, type CoverageRun } from '../../src/lib/server/coverage/report';

const VIENNE = 'communes-2023-86-vienne.geojson';

const unavailable = await postgisUnavailable();
if (unavailable) console.warn(`[coverage-postgis] contrôle PostGIS ignoré : ${unavailable}.`);
const viennePath = sharedFile(VIENNE);
if (!unavailable && !viennePath) console.warn(`[coverage-postgis] ../shared/data/${VIENNE} absent : le contrôle sur la Vienne est ignoré (la démo reste contrôlée).`);
const postgres = testDialects().find((d) => d.kind === 'postgres');

/** One commune as PostGIS computes it. Distances in km, null where there is none. */
interface PostgisCommune {
	code: string;
	nearest_structure_km: number | null;
	nearest_structure_id: number | null;
	second_structure_km: number | null;
	nearest_cs_km: number | null;
	nearest_evs_km: number | null;
	nearest_pole_km: number | null;
	in_zone: boolean;
	cs_within: boolean;
	evs_within: boolean;
}

/**
 * The definitions in SQL, from the tables (reference points, structure and pole locations, zones)
 * and the ids of the structures the engine counted; thresholds in km.
 */
async function postgisCoverage(db: Kysely<Database>, counted: number[], radiusCsKm: number, radiusEvsKm: number): Promise<PostgisCommune[]> {
	const ids = sql`${`{${counted.join(',')}}`}::int[]`;
	const r = await sql<PostgisCommune>`
		with k as (
			select s.id, s.type, geography(st_makepoint(s.lon, s.lat)) as g from structure s where s.id = any(${ids})
		),
		c as (select code, geography(st_makepoint(ref_lon, ref_lat)) as g from commune),
		p as (select geography(st_makepoint(lon, lat)) as g from activity_pole)
		select
			c.code,
			(select st_distance(c.g, k.g) / 1000 from k order by st_distance(c.g, k.g), k.id limit 1) as nearest_structure_km,
			(select k.id from k order by st_distance(c.g, k.g), k.id limit 1) as nearest_structure_id,
			(select st_distance(c.g, k.g) / 1000 from k order by st_distance(c.g, k.g), k.id offset 1 limit 1) as second_structure_km,
			(select min(st_distance(c.g, k.g)) / 1000 from k where k.type = 'CS') as nearest_cs_km,
			(select min(st_distance(c.g, k.g)) / 1000 from k where k.type = 'EVS') as nearest_evs_km,
			(select min(st_distance(c.g, p.g)) / 1000 from p) as nearest_pole_km,
			exists (select 1 from structure_zone_commune z where z.commune_code = c.code and z.structure_id = any(${ids})) as in_zone,
			exists (select 1 from k where k.type = 'CS' and st_dwithin(c.g, k.g, ${radiusCsKm * 1000})) as cs_within,
			exists (select 1 from k where k.type = 'EVS' and st_dwithin(c.g, k.g, ${radiusEvsKm * 1000})) as evs_within
		from c
		order by c.code`.execute(db);
	return r.rows.map((row) => ({
		...row,
		nearest_structure_km: row.nearest_structure_km === null ? null : Number(row.nearest_structure_km),
		nearest_structure_id: row.nearest_structure_id === null ? null : Number(row.nearest_structure_id),
		second_structure_km: row.second_structure_km === null ? null : Number(row.second_structure_km),
		nearest_cs_km: row.nearest_cs_km === null ? null : Number(row.nearest_cs_km),
		nearest_evs_km: row.nearest_evs_km === null ? null : Number(row.nearest_evs_km),
		nearest_pole_km: row.nearest_pole_km === null ? null : Number(row.nearest_pole_km)
	}));
}

/** The tolerance of the acceptance criterion around a distance, km: 1 % + 0.2 km. */
const tolerance = (km: number) => 0.01 * km + 0.2;
/** True when `km` is clearly on one side of `threshold` (farther than the tolerance). */
const awayFrom = (km: number | null, threshold: number) => km === null || Math.abs(km - threshold) > tolerance(Math.max(km, threshold));

/** Compares the run with PostGIS for every commune; returns what was compared, for the log. */
async function compareWithPostgis(db: Kysely<Database>, run: CoverageRun, label: string): Promise<void> {
	const { radiusCsKm, radiusEvsKm, isolationKm, metric } = run.report.parameters;
	expect(metric).toBe('km');
	const counted = run.result.structures.filter((s) => s.counted).map((s) => Number(s.id));
	expect(counted.length).toBeGreaterThan(0);
	const postgis = await postgisCoverage(db, counted, radiusCsKm, radiusEvsKm);
	const engine = new Map(run.report.communes.map((c) => [c.code, c]));
	const full = new Map(run.result.communes.map((c) => [c.code, c]));
	expect(postgis.map((p) => p.code).sort()).toEqual([...engine.keys()].sort());

	let maxRelative = 0;
	let maxAbsolute = 0;
	let distances = 0;
	let flags = 0;
	let nearThreshold = 0;
	let idsCompared = 0;
	const distance = (code: string, what: string, mine: number | null, theirs: number | null) => {
		if (theirs === null) {
			expect(mine, `${code} ${what}`).toBeNull();
			return;
		}
		expect(mine, `${code} ${what}`).not.toBeNull();
		const diff = Math.abs(mine! - theirs);
		expect(diff, `${code} ${what}: moteur ${mine} km, PostGIS ${theirs} km`).toBeLessThanOrEqual(tolerance(theirs));
		maxAbsolute = Math.max(maxAbsolute, diff);
		if (theirs >= 1) maxRelative = Math.max(maxRelative, diff / theirs);
		distances++;
	};
	for (const p of postgis) {
		const c = engine.get(p.code)!;
		distance(p.code, 'structure la plus proche', c.nearestStructureKm, p.nearest_structure_km);
		distance(p.code, 'CS le plus proche', c.nearestCsKm, p.nearest_cs_km);
		distance(p.code, 'EVS le plus proche', c.nearestEvsKm, p.nearest_evs_km);
		distance(p.code, 'pôle le plus proche', c.nearestPoleKm, p.nearest_pole_km);
		// The nearest structure itself, when the runner-up is clearly farther.
		if (p.nearest_structure_km !== null && (p.second_structure_km === null || p.second_structure_km - p.nearest_structure_km > 2 * tolerance(p.second_structure_km))) {
			expect(Number(c.nearestStructureId), `${p.code} structure la plus proche`).toBe(p.nearest_structure_id);
			idsCompared++;
		}
		// covered: zone membership is exact; each radius test only away from its threshold.
		expect(full.get(p.code)!.zoneStructureIds.length > 0, `${p.code} zone de compétence`).toBe(p.in_zone);
		const covered = p.in_zone || p.cs_within || p.evs_within;
		const decided = p.in_zone || (awayFrom(p.nearest_cs_km, radiusCsKm) && awayFrom(p.nearest_evs_km, radiusEvsKm)) ||
			(p.cs_within && awayFrom(p.nearest_cs_km, radiusCsKm)) || (p.evs_within && awayFrom(p.nearest_evs_km, radiusEvsKm));
		if (decided) {
			expect(c.covered, `${p.code} couverte (PostGIS : ${covered})`).toBe(covered);
			flags++;
		} else nearThreshold++;
		if (p.nearest_pole_km === null) expect(c.isolated).toBeNull();
		else if (awayFrom(p.nearest_pole_km, isolationKm)) {
			expect(c.isolated, `${p.code} isolée (pôle à ${p.nearest_pole_km} km)`).toBe(p.nearest_pole_km > isolationKm);
			flags++;
		} else nearThreshold++;
	}
	expect(distances).toBeGreaterThan(postgis.length * 3);
	expect(flags).toBeGreaterThan(postgis.length);
	console.log(
		`[coverage-postgis] ${label} : ${postgis.length} communes comparées à PostGIS (${counted.length} structures prises en compte), ` +
			`${distances} distances, écart relatif max ${(maxRelative * 100).toFixed(3)} % (absolu max ${maxAbsolute.toFixed(3)} km), ` +
			`${flags} drapeaux identiques, ${nearThreshold} laissés de côté près d’un seuil, ${idsCompared} structures les plus proches identiques.`
	);
}

/** The report without its timings, as plain JSON. */
function withoutTimings(report: CoverageReport): unknown {
	const { timings, ...rest } = report;
	expect(timings.analysisMs).toBeGreaterThanOrEqual(0);
	return JSON.parse(JSON.stringify(rest));
}

describe.skipIf(unavailable !== null || !postgres)('coverage analysis against PostGIS: the demo département', () => {
	const DATE = '2026-06-30';
	let t: TestDb;
	let run: CoverageRun;
	beforeAll(async () => {
		t = await postgres!.open();
		await seedDemo(t.db, { referenceDate: DATE });
		run = await runCoverageAnalysis(t.db, { date: DATE });
	}, 120_000);
	afterAll(() => t?.dispose());

	it('runCoverageAnalysis(db) agrees with PostGIS on every commune (distances within 1 % + 0.2 km, flags away from thresholds)', async () => {
		expect(run.report.communes).toHaveLength(300);
		await compareWithPostgis(t.db, run, 'démo (300 communes)');
	});

	it('runCoverageAnalysis(db) with other radii still agrees with PostGIS', async () => {
		await compareWithPostgis(t.db, await runCoverageAnalysis(t.db, { date: DATE, radiusCsKm: 4, radiusEvsKm: 2.5, isolationKm: 9 }), 'démo, seuils 4 / 2,5 / 9 km');
	});

	it('maillage analyze coverage --json on the same schema prints the function’s report (timings aside)', async () => {
		const r = await runMaillage(['analyze', 'coverage', '--json', '--date', DATE], {
			env: { DATABASE_URL: testDatabaseUrl!, MAILLAGE_DB_SCHEMA: t.schema },
			timeoutMs: 90_000
		});
		expect(r.code, r.stderr).toBe(0);
		expect(withoutTimings(JSON.parse(r.stdout) as CoverageReport)).toEqual(withoutTimings(run.report));
	}, 120_000);
});

describe.skipIf(unavailable !== null || !postgres || !viennePath)('coverage analysis against PostGIS: the Vienne (COG 2023) with generated structures', () => {
	const DATE = '2025-06-01';
	let t: TestDb;
	beforeAll(async () => {
		t = await postgres!.open();
		const report = await runImport(t.db, { kind: 'communes', fileName: VIENNE, bytes: readFileSync(viennePath!), actor: 'test' });
		expect(report.status, JSON.stringify(report.issues.slice(0, 3))).not.toBe('rejected');
		// Seeded structures and poles, placed from the reference points the import computed.
		const rows = await t.db.selectFrom('commune').select(['code', 'name', 'population', 'ref_lon', 'ref_lat']).orderBy('code').execute();
		const communes: CoverageCommune[] = rows.map((r) => ({ code: r.code, name: r.name, population: r.population ?? 0, lon: r.ref_lon, lat: r.ref_lat }));
		const structures = generateStructures(createRandom(8604), communes, 45);
		for (const s of structures) {
			const { id } = await t.db
				.insertInto('structure')
				.values({ name: `Structure ${s.id}`, type: s.type, commune_code: s.communeCode!, lon: s.lon, lat: s.lat, specificities: JSON.stringify([]) })
				.returning('id')
				.executeTakeFirstOrThrow();
			if (s.agrementStart && s.agrementEnd) {
				await t.db
					.insertInto('agrement')
					.values({ structure_id: id, kind: s.type === 'CS' ? 'animation_globale' : 'animation_locale', start_date: s.agrementStart, end_date: s.agrementEnd })
					.execute();
			}
			const zone = [...new Set(s.zoneCommunes ?? [])];
			if (zone.length) await t.db.insertInto('structure_zone_commune').values(zone.map((code) => ({ structure_id: id, commune_code: code }))).execute();
		}
		await t.db
			.insertInto('activity_pole')
			.values(generatePoles(communes, 25).map((p) => ({ commune_code: p.communeCode!, name: `Pôle ${p.id}`, type: 'pôle de services', lon: p.lon, lat: p.lat })))
			.execute();
	}, 120_000);
	afterAll(() => t?.dispose());

	it('runCoverageAnalysis(db) on the imported Vienne agrees with PostGIS on every commune', async () => {
		const run = await runCoverageAnalysis(t.db, { date: DATE });
		expect(run.report.communes.length).toBeGreaterThan(250);
		expect(run.result.structures.some((s) => !s.counted)).toBe(true); // expired or future agréments are left out
		await compareWithPostgis(t.db, run, 'Vienne (communes réelles importées)');
		await compareWithPostgis(t.db, await runCoverageAnalysis(t.db, { date: DATE, radiusCsKm: 12, radiusEvsKm: 7, isolationKm: 20 }), 'Vienne, seuils 12 / 7 / 20 km');
	}, 60_000);
});
