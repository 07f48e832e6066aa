/**
 * Issue 13 §3: the QPV view (`loadQpvView`, behind Territoires › Quartiers prioritaires, its CSV,
 * the committee screen and the PDF section) against independent computations of the same
 * definitions — for each QPV in force at the date, the nearest counted centre social and EVS
 * measured from the QPV's contour (0 inside), served when one lies within
 * `analysis.reinforce_qpv_distance_km` of it:
 * (a) a generated département (always, both databases): against turf's `pointToPolygonDistance`,
 *     and against PostGIS when it is available;
 * (b) the real QPV sample of `../shared/data` (generation 2015, Occitanie) with the Occitanie
 *     communes of the France file and seeded structures, against PostGIS (`st_distance` on
 *     `geography`, WGS84 ellipsoid); skipped with a message when the files or PostGIS are absent.
 * The engine measures great-circle distances on a sphere: they must agree within 0.5 % + 20 m.
 */
import { readFileSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pointToPolygonDistance from '@turf/point-to-polygon-distance';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { testDialects, type TestDb } from '../helpers/db';
import { postgisUnavailable } from '../helpers/postgis';
import { sharedFile } from '../bench/coverage-data';
import { createRandom, type Random } from '../../src/lib/domain/random';
import type { Database } from '../../src/lib/server/db/schema';
import { runImport } from '../../src/lib/server/import/run-import';
import { loadQpvView, type QpvView } from '../../src/lib/server/coverage/qpv-view';

const tolerance = (km: number) => 0.005 * km + 0.02;

const unavailable = await postgisUnavailable();
if (unavailable) console.warn(`[qpv-postgis] contrôle PostGIS ignoré : ${unavailable} (la vue reste contrôlée sur données générées par turf).`);
const FRANCE = 'communes-france-entiere-comleg-2017.geojson';
const QPV_SAMPLE = 'qpv-2015-occitanie-contours.geojson';
const francePath = sharedFile(FRANCE);
const qpvPath = sharedFile(QPV_SAMPLE);
if (!francePath || !qpvPath) console.warn(`[qpv-postgis] ../shared/data/${!qpvPath ? QPV_SAMPLE : FRANCE} absent : le contrôle sur l’échantillon réel de QPV est ignoré.`);
const postgres = testDialects().find((d) => d.kind === 'postgres');

/** Seeded structures around the QPV: some inside, some near, some far; every agrément in force on 2023-06-30. */
async function placeStructures(db: Kysely<Database>, random: Random, qpvs: { code: string; lon: number; lat: number; commune: string }[]): Promise<void> {
	let n = 0;
	for (const q of qpvs) {
		const draws = random() < 0.7 ? 1 + Math.floor(random() * 2) : 0;
		for (let d = 0; d < draws; d++) {
			// 0 (at the point, usually inside), up to ~0.03° (≈ 3 km) away.
			const r = random() < 0.35 ? 0 : 0.002 + random() * 0.03;
			const angle = random() * 2 * Math.PI;
			const type = random() < 0.5 ? 'CS' : 'EVS';
			const { id } = await db
				.insertInto('structure')
				.values({ name: `${type} ${++n}`, type, commune_code: q.commune, lon: q.lon + r * Math.cos(angle) * 1.4, lat: q.lat + r * Math.sin(angle), specificities: JSON.stringify([]) })
				.returning('id')
				.executeTakeFirstOrThrow();
			await db
				.insertInto('agrement')
				.values({ structure_id: id, kind: type === 'CS' ? 'animation_globale' : 'animation_locale', start_date: '2022-01-01', end_date: '2025-12-31' })
				.execute();
		}
	}
}

/** Nearest CS and EVS of every QPV by PostGIS, km. */
async function postgisNearest(db: Kysely<Database>, date: string): Promise<Map<string, { cs: number | null; evs: number | null }>> {
	const r = await sql<{ code: string; cs: number | null; evs: number | null }>`
		with q as (
			select code, geography(st_geomfromgeojson(geometry::text)) as g from zone
			where kind = 'qpv' and (valid_from is null or valid_from <= ${date}::date) and (valid_until is null or valid_until >= ${date}::date)
		),
		s as (
			select s.type, geography(st_makepoint(s.lon, s.lat)) as g from structure s
			where exists (select 1 from agrement a where a.structure_id = s.id and a.start_date <= ${date}::date and a.end_date >= ${date}::date)
		)
		select q.code,
			(select min(st_distance(q.g, s.g)) / 1000 from s where s.type = 'CS') as cs,
			(select min(st_distance(q.g, s.g)) / 1000 from s where s.type = 'EVS') as evs
		from q order by q.code`.execute(db);
	return new Map(r.rows.map((row) => [row.code, { cs: row.cs === null ? null : Number(row.cs), evs: row.evs === null ? null : Number(row.evs) }]));
}

/** Compares the view with reference distances; returns what was compared for the log. */
function compare(view: QpvView, reference: Map<string, { cs: number | null; evs: number | null }>): { distances: number; flags: number; maxAbs: number } {
	let distances = 0;
	let flags = 0;
	let maxAbs = 0;
	const check = (code: string, what: string, mine: number | null | undefined, theirs: number | null | undefined) => {
		if (theirs === null || theirs === undefined) return expect(mine ?? null, `${code} ${what}`).toBeNull();
		expect(mine, `${code} ${what}`).not.toBeNull();
		const diff = Math.abs(mine! - theirs);
		expect(diff, `${code} ${what} : vue ${mine} km, référence ${theirs} km`).toBeLessThanOrEqual(tolerance(theirs));
		maxAbs = Math.max(maxAbs, diff);
		distances++;
	};
	for (const row of view.rows) {
		const ref = reference.get(row.code);
		expect(ref, `${row.code} absent de la référence`).toBeDefined();
		check(row.code, 'centre social', row.nearestCs?.km, ref!.cs);
		check(row.code, 'EVS', row.nearestEvs?.km, ref!.evs);
		const nearest = [ref!.cs, ref!.evs].filter((v): v is number => v !== null);
		const best = nearest.length ? Math.min(...nearest) : null;
		if (best === null) expect(row.served).toBe(false);
		else if (Math.abs(best - view.threshold.km) > tolerance(best)) {
			expect(row.served, `${row.code} desservi (référence ${best} km)`).toBe(best <= view.threshold.km);
			flags++;
		}
		if (best === 0) expect(row.inside, `${row.code} structure dans le quartier`).toBe(true);
	}
	expect(view.unserved.map((r) => r.code).sort()).toEqual(view.rows.filter((r) => !r.served).map((r) => r.code).sort());
	return { distances, flags, maxAbs };
}

/** A generated département: a grid of communes, QPV star-shaped polygons in the towns. */
function generatedDepartement(random: Random): { communes: { code: string; lon: number; lat: number; population: number }[]; qpvs: Feature<Polygon, { code: string; commune: string; population: number | null }>[] } {
	const communes = [];
	for (let i = 0; i < 8; i++) for (let j = 0; j < 8; j++) communes.push({ code: `01${String(i * 8 + j + 1).padStart(3, '0')}`, lon: 4.5 + 0.08 * i, lat: 45.5 + 0.06 * j, population: 500 + Math.floor(random() * 20000) });
	const qpvs = communes
		.filter((c) => c.population > 12000)
		.map((c, k) => {
			const n = 6 + Math.floor(random() * 8);
			const ring: [number, number][] = [];
			for (let v = 0; v < n; v++) {
				const a = (2 * Math.PI * v) / n;
				const r = 0.003 + random() * 0.009;
				ring.push([c.lon + r * Math.cos(a) * 1.4, c.lat + r * Math.sin(a)]);
			}
			ring.push(ring[0]);
			return {
				type: 'Feature' as const,
				properties: { code: `QN01${String(k + 1).padStart(3, '0')}M`, commune: c.code, population: k % 4 === 3 ? null : 1000 + Math.floor(random() * 5000) },
				geometry: { type: 'Polygon' as const, coordinates: [ring] }
			};
		});
	return { communes, qpvs };
}

for (const dialect of testDialects()) {
	describe(`the QPV view on a generated département, on ${dialect.kind}`, () => {
		const DATE = '2023-06-30';
		let t: TestDb;
		let view: QpvView;
		let fc: ReturnType<typeof generatedDepartement>;
		beforeAll(async () => {
			t = await dialect.open();
			const random = createRandom(1301);
			fc = generatedDepartement(random);
			await t.db.insertInto('commune').values(fc.communes.map((c) => ({ code: c.code, name: `Commune ${c.code}`, departement_code: '01', population: c.population, ref_lon: c.lon, ref_lat: c.lat }))).execute();
			for (const q of fc.qpvs) {
				const [lon, lat] = q.geometry.coordinates[0][0];
				await t.db
					.insertInto('zone')
					.values({
						kind: 'qpv',
						code: q.properties.code,
						name: `Quartier ${q.properties.code}`,
						commune_codes: JSON.stringify([q.properties.commune]),
						population: q.properties.population,
						geometry: JSON.stringify(q.geometry),
						ref_lon: fc.communes.find((c) => c.code === q.properties.commune)!.lon,
						ref_lat: fc.communes.find((c) => c.code === q.properties.commune)!.lat,
						generation: '2024',
						valid_from: '2024-01-01'
					})
					.execute();
				void lon;
				void lat;
			}
			await placeStructures(
				t.db,
				random,
				fc.qpvs.map((q) => {
					const c = fc.communes.find((x) => x.code === q.properties.commune)!;
					return { code: q.properties.code, lon: c.lon, lat: c.lat, commune: c.code };
				})
			);
			view = await loadQpvView(t.db, '2024-06-30');
		}, 120_000);
		afterAll(() => t?.dispose());

		it('uses the generation in force: no QPV of the 2024 generation on 31 December 2023', async () => {
			expect((await loadQpvView(t.db, DATE)).rows).toEqual([]);
			expect(view.generation).toBe('génération 2024');
			expect(view.rows.length).toBe(fc.qpvs.length);
		});

		it('agrees with turf’s pointToPolygonDistance on every QPV (nearest CS and EVS from the contour, 0 inside; served flags)', async () => {
			const structures = await t.db.selectFrom('structure').select(['type', 'lon', 'lat']).execute();
			const reference = new Map(
				fc.qpvs.map((q) => {
					const of = (type: string) => {
						const d = structures.filter((s) => s.type === type).map((s) => Math.max(0, pointToPolygonDistance([s.lon, s.lat], q, { units: 'kilometers' })));
						return d.length ? Math.min(...d) : null;
					};
					return [q.properties.code, { cs: of('CS'), evs: of('EVS') }];
				})
			);
			const { distances, flags } = compare(view, reference);
			expect(distances).toBeGreaterThan(view.rows.length);
			expect(flags).toBeGreaterThan(view.rows.length / 2);
			expect(view.rows.some((r) => r.inside)).toBe(true);
			expect(view.unserved.length).toBeGreaterThan(0);
			// Unknown populations stay unknown.
			expect(view.rows.filter((r) => r.population === null).length).toBe(fc.qpvs.filter((q) => q.properties.population === null).length);
		});

		it.skipIf(unavailable !== null || dialect.kind !== 'postgres')('agrees with PostGIS on every QPV', async () => {
			const { distances, maxAbs } = compare(view, await postgisNearest(t.db, '2024-06-30'));
			console.log(`[qpv-postgis] département généré : ${view.rows.length} QPV comparés à PostGIS, ${distances} distances, écart absolu max ${(maxAbs * 1000).toFixed(1)} m.`);
		});
	});
}

describe.skipIf(unavailable !== null || !postgres || !francePath || !qpvPath)('the QPV view against PostGIS: the real QPV sample (2015 generation, Occitanie)', () => {
	const DATE = '2023-06-30';
	let t: TestDb;
	let dir: string;
	beforeAll(async () => {
		t = await postgres!.open();
		dir = mkdtempSync(path.join(os.tmpdir(), 'maillage-qpv-'));
		const sample = JSON.parse(readFileSync(qpvPath!, 'utf8')) as FeatureCollection<Polygon, { code_qp: string; code_commune: string; code_departement: string }>;
		const departements = new Set(sample.features.map((f) => f.properties.code_departement));
		// The Occitanie communes of the France file (COG 2017), imported as a user would.
		const france = JSON.parse(readFileSync(francePath!, 'utf8')) as FeatureCollection;
		const occitanie = { type: 'FeatureCollection', features: france.features.filter((f) => departements.has(String(f.properties?.insee ?? f.id ?? '').slice(0, 2))) };
		const communesFile = path.join(dir, 'communes-occitanie.geojson');
		writeFileSync(communesFile, JSON.stringify(occitanie));
		const communes = await runImport(t.db, { kind: 'communes', fileName: 'communes-occitanie.geojson', bytes: readFileSync(communesFile), actor: 'test', skipInvalid: true });
		expect(communes.status, JSON.stringify(communes.issues.slice(0, 3))).not.toBe('rejected');
		const qpvs = await runImport(t.db, { kind: 'qpv', fileName: QPV_SAMPLE, bytes: readFileSync(qpvPath!), actor: 'test', qpvGeneration: '2015', skipInvalid: true });
		expect(qpvs.status, JSON.stringify(qpvs.issues.slice(0, 3))).not.toBe('rejected');
		const stored = await t.db.selectFrom('zone').select(['code', 'commune_codes', 'ref_lon', 'ref_lat', 'generation']).where('kind', '=', 'qpv').execute();
		expect(new Set(stored.map((z) => z.generation))).toEqual(new Set(['2015']));
		const known = new Set((await t.db.selectFrom('commune').select('code').execute()).map((c) => c.code));
		await placeStructures(
			t.db,
			createRandom(2015),
			stored.filter((z) => known.has(z.commune_codes[0])).map((z) => ({ code: z.code, lon: z.ref_lon!, lat: z.ref_lat!, commune: z.commune_codes[0] }))
		);
	}, 240_000);
	afterAll(async () => {
		rmSync(dir, { recursive: true, force: true });
		await t?.dispose();
	});

	it('loadQpvView(db, 2023-06-30) agrees with PostGIS on every QPV of the sample; the 2015 generation is gone in 2024', async () => {
		const view = await loadQpvView(t.db, DATE);
		expect(view.rows.length).toBeGreaterThan(90);
		const { distances, flags, maxAbs } = compare(view, await postgisNearest(t.db, DATE));
		console.log(
			`[qpv-postgis] échantillon réel (${view.rows.length} QPV de la génération 2015) : ${distances} distances comparées à PostGIS, ` +
				`écart absolu max ${(maxAbs * 1000).toFixed(1)} m ; ${flags} QPV dont le statut est tranché ; ${view.summary.unserved} sans structure.`
		);
		expect((await loadQpvView(t.db, '2024-01-01')).rows).toEqual([]);
	}, 120_000);
});
