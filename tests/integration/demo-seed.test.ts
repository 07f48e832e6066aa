import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects, type TestDb } from '../helpers/db';
import { seedDemo, type DemoSummary } from '../../src/lib/server/demo/seed';
import { RejectedDataError } from '../../src/lib/server/errors';
import * as meta from '../../src/lib/server/db/meta';
import { generateDemoDepartement } from '../../src/lib/demo/index';
import { DEMO_RENEWAL_GRACE_MONTHS, psShare } from '../../src/lib/demo/funding';
import type { Database } from '../../src/lib/server/db/schema';

const REFERENCE_DATE = '2026-06-30';
const demo = generateDemoDepartement({ referenceDate: REFERENCE_DATE });
/** Rows of the migration `2026-11-27T0210_seed_national_rules`: 6 PS rates, 2 durations, 3 thresholds. */
/** The national rule rows of the migrations: PS rates (2012, 2024, 2025 pending), durations (2012, EVS range, 2025 pending), analysis radii. */
const NATIONAL_PARAMETERS = 20;

/** Rows the generator defines, per table. */
const expected: Partial<Record<keyof Database, number>> = {
	epci: demo.epcis.length,
	commune: demo.communes.length,
	zone: demo.zones.length,
	zonage_commune: demo.zonageCommunes.length,
	territorial_indicator: demo.indicators.length,
	activity_pole: demo.activityPoles.length,
	structure: demo.structures.length,
	structure_zone_commune: demo.structures.reduce((n, s) => n + s.zoneCommuneCodes.length, 0),
	agrement: demo.agrements.length,
	agrement_criterion: demo.criteria.length,
	staff_post: demo.staffPosts.length,
	participation_count: demo.participation.length + demo.observatory.participation.length,
	// The observatory data: four years of every SENACS section (issue 15).
	structure_year: demo.observatory.years.length,
	structure_year_activity: demo.observatory.years.reduce((n, y) => n + y.data.activities.length, 0),
	structure_year_partner: demo.observatory.years.reduce((n, y) => n + y.data.partners.length, 0),
	structure_year_contract: demo.observatory.years.reduce((n, y) => n + y.data.contracts.length, 0),
	partner: demo.partners.length,
	funding_instrument: demo.instruments.length,
	funding_line: demo.fundingLines.length,
	eligible_expense: demo.eligibleExpenses.length,
	accord_cadre: 1,
	accord_cadre_signatory: demo.accordCadre.signatoryCodes.length,
	commitment: demo.accordCadre.commitments.length,
	schema_directeur: 1,
	schema_signatory: demo.schemaDirecteur.signatoryCodes.length,
	orientation: demo.schemaDirecteur.orientations.length,
	objective: demo.schemaDirecteur.orientations.reduce((n, o) => n + o.objectives.length, 0),
	committee_decision: demo.committeeDecisions.length
};

async function countAll(t: TestDb): Promise<Record<string, number>> {
	const out: Record<string, number> = {};
	for (const table of [...Object.keys(expected), 'reference_parameter'] as (keyof Database)[]) {
		const row = await t.db
			.selectFrom(table)
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		out[table] = Number(row.n);
	}
	return out;
}

for (const dialect of testDialects()) {
	describe(`seedDemo(db) on ${dialect.kind}`, () => {
		let t: TestDb;
		let summary: DemoSummary;
		let elapsedMs = 0;

		// Later migrations seed more reference data: count what the migrations left, whatever it is.
		let migratedParameters: { key: string; valid_from: string }[] = [];

		beforeAll(async () => {
			t = await dialect.open();
			migratedParameters = await t.db.selectFrom('reference_parameter').select(['key', 'valid_from']).execute();
		});
		afterAll(() => t?.dispose());

		it('starts from the national rules the migration seeds', async () => {
			const all = await t.db.selectFrom('reference_parameter').select(['key', 'regime']).execute();
			const rows = all.filter((r) => /^(ps_rate\.|agrement_duration_months\.|analysis\.(radius_cs_km|radius_evs_km|isolation_km)$)/.test(r.key));
			expect(rows).toHaveLength(NATIONAL_PARAMETERS);
			expect(rows.filter((r) => r.key.startsWith('ps_rate.')).map((r) => r.regime).sort()).toEqual([
				...Array(3).fill('Circulaire Cnaf du 18 décembre 2025'),
				...Array(3).fill('Prestations de service Cnaf (taux antérieurs à 2024)'),
				...Array(3).fill('Revalorisation 2024')
			]);
			expect(rows.filter((r) => r.key.startsWith('analysis.')).map((r) => r.key).sort()).toEqual([
				'analysis.isolation_km',
				'analysis.radius_cs_km',
				'analysis.radius_evs_km'
			]);
		});

		it('refuses a database marked as holding real data, writing nothing', async () => {
			await meta.set(t.db, 'dataset', 'real');
			await expect(seedDemo(t.db, { referenceDate: REFERENCE_DATE })).rejects.toThrow(RejectedDataError);
			expect((await countAll(t)).commune).toBe(0);
			await t.db.deleteFrom('app_meta').where('key', '=', 'dataset').execute();
		});

		it('writes every generated row in one go, with counts equal to the generator', async () => {
			const start = performance.now();
			summary = await seedDemo(t.db, { referenceDate: REFERENCE_DATE });
			elapsedMs = performance.now() - start;
			console.log(`[demo-seed] ${dialect.kind}: seedDemo en ${Math.round(elapsedMs)} ms`);
			const known = new Set(migratedParameters.map((p) => `${p.key}@${p.valid_from}`));
			const added = demo.referenceParameters.filter((p) => !known.has(`${p.key}@${p.validFrom}`)).length;
			expect(await countAll(t)).toEqual({ ...expected, reference_parameter: migratedParameters.length + added });
			expect(summary.communes).toBe(300);
			expect(summary.fundingLines).toBe(demo.fundingLines.length);
			expect(summary.referenceParameters).toBe(demo.referenceParameters.length);
			expect(elapsedMs).toBeLessThan(20000);
		});

		it('marks the dataset as demo', async () => {
			expect(await meta.datasetKind(t.db)).toBe('demo');
			expect(await meta.get(t.db, 'demo_reference_date')).toBe(REFERENCE_DATE);
			expect(await meta.isPristine(t.db)).toBe(false);
		});

		it('refuses to seed twice and changes nothing', async () => {
			const before = await countAll(t);
			await expect(seedDemo(t.db, { referenceDate: REFERENCE_DATE })).rejects.toThrow(
				/La base contient déjà des comptes utilisateurs, le jeu de démonstration, des communes, des structures/
			);
			expect(await countAll(t)).toEqual(before);
		});

		it('round-trips jsonb geometry and typed columns', async () => {
			const commune = demo.communes[41];
			const row = await t.db.selectFrom('commune').selectAll().where('code', '=', commune.code).executeTakeFirstOrThrow();
			expect(row.geometry).toStrictEqual(commune.geometry);
			expect(row.display_geometry).toStrictEqual(commune.displayGeometry);
			expect([row.ref_lon, row.ref_lat]).toEqual(commune.refPoint);
			expect(row.area_km2).toBe(commune.areaKm2);
			const epci = await t.db.selectFrom('epci').select('geometry').where('siren', '=', demo.epcis[2].siren).executeTakeFirstOrThrow();
			expect(epci.geometry).toStrictEqual(demo.epcis[2].geometry);
			const zone = await t.db.selectFrom('zone').selectAll().where('code', '=', demo.zones[0].code).executeTakeFirstOrThrow();
			expect(zone.geometry).toStrictEqual(demo.zones[0].geometry);
			expect(zone.commune_codes).toEqual(demo.zones[0].communeCodes);
			const itinerant = demo.structures.find((s) => s.specificities.length > 0)!;
			const s = await t.db.selectFrom('structure').selectAll().where('external_id', '=', itinerant.externalId).executeTakeFirstOrThrow();
			expect(s.specificities).toEqual(itinerant.specificities);
			expect(s.first_agrement_date).toBe(itinerant.firstAgrementDate);
			const total = await t.db
				.selectFrom('funding_line')
				.select((eb) => eb.fn.sum<number>('amount').as('total'))
				.executeTakeFirstOrThrow();
			const generated = demo.fundingLines.reduce((sum, l) => sum + l.amount, 0);
			expect(Number(total.total)).toBeCloseTo(generated, 2);
		});

		it('maps committee decisions to the database ids of their structures', async () => {
			const decisions = await t.db.selectFrom('committee_decision').selectAll().execute();
			const ids = new Set((await t.db.selectFrom('structure').select('id').execute()).map((r) => r.id));
			const referenced = decisions.flatMap((d) => d.structure_ids);
			expect(referenced.length).toBeGreaterThan(0);
			for (const id of referenced) expect(ids.has(id)).toBe(true);
		});

		it('stores PS lines that follow the national rates and grace period of the migrations, pro rata of the agréments, except the deliberate mismatches', async () => {
			const params = (await t.db.selectFrom('reference_parameter').selectAll().execute()).sort((a, b) => (a.valid_from < b.valid_from ? 1 : -1));
			const valueAt = (key: string, date: string) => {
				const p = params.find((r) => r.key === key && r.valid_from <= date && (r.valid_until === null || r.valid_until >= date));
				if (!p) throw new Error(`missing parameter ${key} at ${date}`);
				return p.value as number;
			};
			expect(valueAt('ps_rate.animation_globale', '2023-06-01')).toBe(0.4);
			expect(valueAt('ps_rate.animation_globale', '2024-06-01')).toBe(0.424);
			expect(valueAt('agrement_duration_months.renouvellement', REFERENCE_DATE)).toBe(48);
			expect(valueAt('agrement.renewal_grace_months', REFERENCE_DATE)).toBe(DEMO_RENEWAL_GRACE_MONTHS);
			const rows = await t.db
				.selectFrom('funding_line as l')
				.innerJoin('funding_instrument as i', 'i.id', 'l.instrument_id')
				.innerJoin('structure as s', 's.id', 'l.structure_id')
				.innerJoin('eligible_expense as e', (join) =>
					join.onRef('e.structure_id', '=', 'l.structure_id').onRef('e.instrument_id', '=', 'l.instrument_id').onRef('e.year', '=', 'l.year')
				)
				.select(['s.external_id', 'i.code', 'l.year', 'l.amount', 'e.amount as expense'])
				.where('i.family', '=', 'prestation_service')
				.execute();
			const kinds: Record<string, string> = { PS_AGC: 'animation_globale', PS_ACF: 'animation_collective_familles', PS_AL: 'animation_locale' };
			const off: string[] = [];
			for (const r of rows) {
				const date = `${r.year}-06-01`;
				const kind = kinds[r.code];
				const share = psShare(
					demo.agrements.filter((a) => a.structureId === r.external_id),
					kind as 'animation_globale',
					r.year
				);
				const formula = Math.round(Math.round(valueAt(`ps_rate.${kind}`, date) * Math.min(r.expense, valueAt(`ps_ceiling.${kind}`, date)) * 100) / 100 * share * 100) / 100;
				if (Math.abs(formula - r.amount) > 0.005) off.push(`${r.external_id}/${r.code}/${r.year}`);
			}
			expect(rows.length).toBe(demo.eligibleExpenses.length);
			expect(off.sort()).toEqual(demo.anomalies.psMismatches.map((m) => `${m.structureId}/${m.instrumentCode}/${m.year}`).sort());
		});
	});
}
