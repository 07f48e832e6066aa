/**
 * The schéma directeur on the demo département, on both dialects: computed indicators equal the
 * coverage engine's and the funding module's own figures for the same data and dates; the staff
 * edit of an indicator is version-checked; observers see published indicators only; the
 * committee figures reproduce the engines' and survive a snapshot unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects, type TestDb } from '../helpers/db';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { runCoverageAnalysis } from '../../src/lib/server/coverage';
import * as accordCadre from '../../src/lib/server/db/accord-cadre';
import * as schemaDirecteur from '../../src/lib/server/db/schema-directeur';
import * as committee from '../../src/lib/server/db/committee';
import { ConflictError } from '../../src/lib/server/db/changes';
import { ALL_DATA_READER, computeIndicatorSeries, measureDate } from '../../src/lib/server/pilotage/computed-indicators';
import { loadSchemaProgress } from '../../src/lib/server/pilotage/schema-progress';
import { buildCommitteeFigures, buildSnapshotPayload } from '../../src/lib/server/pilotage/committee';
import { COMPUTATIONS } from '../../src/lib/pilotage/computed-indicators';

const TODAY = '2026-06-30';
const actor = { userId: null, label: 'agent@test.invalid' };

for (const dialect of testDialects()) {
	describe(`schéma directeur on ${dialect.kind}`, () => {
		let t: TestDb;
		let schema: { startYear: number; endYear: number };

		beforeAll(async () => {
			t = await dialect.open();
			await seedDemo(t.db, { referenceDate: TODAY });
			const row = await t.db.selectFrom('schema_directeur').select(['start_year', 'end_year']).executeTakeFirstOrThrow();
			schema = { startYear: row.start_year, endYear: row.end_year };
		});
		afterAll(() => t?.dispose());

		it('measureDate(year, today) is 31 December, today for the current year, nothing for a future year', () => {
			expect(measureDate(2024, TODAY)).toBe('2024-12-31');
			expect(measureDate(2026, TODAY)).toBe(TODAY);
			expect(measureDate(2027, TODAY)).toBeNull();
		});

		it('the covered share and the inhabitants of dépourvu territories equal the coverage engine’s summary at each date', async () => {
			const series = await computeIndicatorSeries(t.db, schema, Object.keys(COMPUTATIONS), TODAY);
			const covered = series.get('part_population_couverte')!;
			const depourvus = series.get('habitants_territoires_depourvus')!;
			expect(covered.map((v) => v.year)).toEqual([2023, 2024, 2025, 2026]);
			for (const [i, v] of covered.entries()) {
				const { report } = await runCoverageAnalysis(t.db, { date: v.date });
				const s = report.summary;
				expect(v.value).toBe(Math.round((s.covered.population / s.population) * 1000) / 10);
				expect(depourvus[i].value).toBe(s.categories.depourvue.population + s.categories.depourvue_isolee.population);
			}
		});

		it('the accord-cadre realisation equals paid ÷ committed of the funding module, closed years only', async () => {
			const series = (await computeIndicatorSeries(t.db, schema, ['taux_realisation_accord_cadre'], TODAY)).get('taux_realisation_accord_cadre')!;
			const [followUp] = await accordCadre.followUps(t.db, ALL_DATA_READER, 2026);
			for (const v of series) {
				const rows = followUp.balances.filter((b) => b.year === v.year);
				const committed = rows.reduce((s, b) => s + b.committed, 0);
				const paid = rows.reduce((s, b) => s + b.paid, 0);
				if (v.year === 2026) expect(v.value).toBeNull();
				else expect(v.value).toBe(Math.round((paid / committed) * 1000) / 10);
			}
			expect(series.filter((v) => v.value !== null).length).toBeGreaterThan(0);
		});

		it('the structures with a projet familles equal a direct count of granted ACF agréments in force', async () => {
			const series = (await computeIndicatorSeries(t.db, schema, ['structures_avec_projet_familles'], TODAY)).get('structures_avec_projet_familles')!;
			for (const v of series) {
				const rows = await t.db
					.selectFrom('agrement')
					.innerJoin('structure', 'structure.id', 'agrement.structure_id')
					.select('structure.id')
					.distinct()
					.where('structure.type', '=', 'CS')
					.where('agrement.kind', '=', 'animation_collective_familles')
					.where('agrement.decision', '=', 'accorde')
					.where('agrement.start_date', '<=', v.date)
					.where('agrement.end_date', '>=', v.date)
					.where((eb) => eb.or([eb('structure.closed_on', 'is', null), eb('structure.closed_on', '>', v.date)]))
					.execute();
				expect(v.value).toBe(rows.length);
			}
		});

		it('the EVS created in priority territories are cumulative and never exceed the EVS created since the start', async () => {
			const series = (await computeIndicatorSeries(t.db, schema, ['evs_crees_territoires_prioritaires'], TODAY)).get('evs_crees_territoires_prioritaires')!;
			const values = series.map((v) => v.value!);
			for (let i = 1; i < values.length; i++) expect(values[i]).toBeGreaterThanOrEqual(values[i - 1]);
			const created = await t.db
				.selectFrom('agrement')
				.innerJoin('structure', 'structure.id', 'agrement.structure_id')
				.select((eb) => ['structure.id', eb.fn.min('agrement.start_date').as('first')])
				.where('structure.type', '=', 'EVS')
				.where('agrement.decision', '=', 'accorde')
				.groupBy('structure.id')
				.execute();
			expect(values.at(-1)).toBeLessThanOrEqual(created.filter((c) => String(c.first) >= `${schema.startYear}-01-01`).length);
		});

		it('observers see published indicators only; staff unpublish one with the right version, a stale version is refused', async () => {
			const all = await loadSchemaProgress(t.db, { kind: 'all' }, TODAY);
			const indicators = all[0].orientations.flatMap((o) => o.objectives.flatMap((ob) => ob.indicators));
			const target = indicators.find((i) => i.computation === null)!;
			const observerBefore = (await schemaDirecteur.list(t.db, { kind: 'published' }))[0].orientations.flatMap((o) => o.objectives.flatMap((ob) => ob.indicators));
			expect(observerBefore.map((i) => i.id)).toEqual(indicators.filter((i) => i.published).map((i) => i.id));
			await schemaDirecteur.saveIndicator(t.db, actor, target.id, target.version, {
				baselineYear: target.baselineYear,
				baselineValue: target.baselineValue,
				source: 'Enquête SENACS 2026',
				published: false,
				targets: target.targets,
				values: [...target.values, { year: 2026, value: 300, source: 'Saisie test' }]
			});
			const observerAfter = (await schemaDirecteur.list(t.db, { kind: 'published' }))[0].orientations.flatMap((o) => o.objectives.flatMap((ob) => ob.indicators));
			expect(observerAfter.map((i) => i.id)).not.toContain(target.id);
			expect(await schemaDirecteur.getIndicator(t.db, target.id, { kind: 'published' })).toBeNull();
			const saved = (await schemaDirecteur.getIndicator(t.db, target.id, { kind: 'all' }))!;
			expect(saved).toMatchObject({ version: target.version + 1, published: false, source: 'Enquête SENACS 2026' });
			expect(saved.values.at(-1)).toEqual({ year: 2026, value: 300, source: 'Saisie test' });
			await expect(
				schemaDirecteur.saveIndicator(t.db, actor, target.id, target.version, { ...saved, published: true })
			).rejects.toBeInstanceOf(ConflictError);
			expect((await schemaDirecteur.getIndicator(t.db, target.id, { kind: 'all' }))!.published).toBe(false);
		});

		it('the committee figures reproduce the engine’s coverage summary and come back identical from a snapshot', async () => {
			const figures = await buildCommitteeFigures(t.db, TODAY, 'caf');
			const { report } = await runCoverageAnalysis(t.db, { date: TODAY });
			expect(figures.coverage).toMatchObject({
				population: report.summary.population,
				populationCovered: report.summary.covered.population,
				shareCovered: report.summary.shareCovered,
				structuresCounted: { cs: report.summary.structures.countedCs, evs: report.summary.structures.countedEvs }
			});
			expect(Object.keys(figures.coverage.communeCategories)).toHaveLength(report.summary.communes);
			expect(figures.coverage.priorities.every((p) => p.category !== 'couverte')).toBe(true);
			const observer = await buildCommitteeFigures(t.db, TODAY, 'observateur');
			expect(figures.funding!.table.total).toBeGreaterThanOrEqual(observer.funding!.table.total);
			expect(figures.schema?.indicators.length).toBeGreaterThan(0);
			expect(figures.agrements!.vacancies.length).toBeGreaterThan(0);
			expect(observer.agrements).toBeNull();
			const payload = await buildSnapshotPayload(t.db, TODAY);
			expect(payload.audiences.caf).toEqual(figures);
			const id = await committee.createSnapshot(t.db, actor, { takenOn: TODAY, body: 'comite_pilotage', title: 'Copil', payload });
			// Later changes do not move a frozen snapshot.
			await t.db.updateTable('commune').set({ population: 1 }).execute();
			expect((await committee.getSnapshot(t.db, id))!.payload).toEqual(JSON.parse(JSON.stringify(payload)));
		});
	});
}
