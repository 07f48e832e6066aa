import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects, type TestDb } from '../helpers/db';
import * as funding from '../../src/lib/server/db/funding';
import * as pilotage from '../../src/lib/server/db/pilotage';
import * as admin from '../../src/lib/server/db/admin';
import { TABLES_IN_DEPENDENCY_ORDER } from '../../src/lib/server/db/schema';
import { migrations as allMigrations } from '../../db/migrations/index';
import { EPCI, insertFixture, type FixtureIds } from './repositories-fixture';

for (const dialect of testDialects()) {
	describe(`funding, pilotage and admin repositories on ${dialect.kind}`, () => {
		let t: TestDb;
		let ids: FixtureIds;
		beforeAll(async () => {
			t = await dialect.open();
		});
		afterAll(() => t?.dispose());

		it('on an empty database every list is empty', async () => {
			expect(await funding.years(t.db)).toEqual([]);
			expect(await funding.byPartnerYear(t.db)).toEqual([]);
			expect(await pilotage.accordsCadres(t.db)).toEqual([]);
			expect(await pilotage.schemasDirecteurs(t.db)).toEqual([]);
			expect(await pilotage.committeeDecisions(t.db)).toEqual([]);
			ids = await insertFixture(t.db);
		});

		it('funding.years(db) lists the years with funding lines', async () => {
			expect(await funding.years(t.db)).toEqual([2025, 2026]);
		});

		it('funding.byPartnerYear(db, filters) sums amounts per partner and year, filtered by year and status', async () => {
			const all = await funding.byPartnerYear(t.db);
			expect(all.map((r) => [r.partnerName, r.year, r.amount, r.lines])).toEqual([
				['CAF du département', 2025, 90000, 1],
				['CAF du département', 2026, 150000, 2],
				['Conseil départemental', 2026, 12000.5, 2]
			]);
			const paid = await funding.byPartnerYear(t.db, { statuses: ['verse'] });
			expect(paid.map((r) => r.amount)).toEqual([90000, 100000, 2000.5]);
			const pending = await funding.byPartnerYear(t.db, { year: 2026, statuses: ['notifie', 'previsionnel'] });
			expect(pending.map((r) => [r.partnerKind, r.amount])).toEqual([
				['caf', 50000],
				['departement', 10000]
			]);
			// invariant: the sum over partners equals the sum over instruments
			const byInstrument = await funding.byInstrumentYear(t.db);
			const sum = (rows: { amount: number }[]) => rows.reduce((s, r) => s + r.amount, 0);
			expect(sum(byInstrument)).toBeCloseTo(sum(all), 6);
		});

		it('funding.byInstrumentYear(db) and byStatusYear(db) group by instrument and by status', async () => {
			const rows = await funding.byInstrumentYear(t.db, { year: 2026 });
			expect(rows.map((r) => [r.instrumentCode, r.family, r.amount])).toEqual([
				['PS_AGC', 'prestation_service', 150000],
				['SUB_CD', 'subvention', 12000.5]
			]);
			const statuses = await funding.byStatusYear(t.db, { year: 2026 });
			expect(Object.fromEntries(statuses.map((s) => [s.status, s.amount]))).toEqual({ verse: 102000.5, notifie: 50000, previsionnel: 10000 });
		});

		it('pilotage.accordsCadres(db) compares each commitment with the funding in its scope', async () => {
			const [accord] = await pilotage.accordsCadres(t.db);
			expect(accord).toMatchObject({ id: ids.accordCadre, name: 'Accord-cadre 2025-2026', startYear: 2025, endYear: 2026, signedOn: '2024-12-10' });
			expect(accord.signatories.map((s) => s.name)).toEqual(['CAF du département', 'Conseil départemental']);
			expect(accord.commitments.map((c) => [c.partnerName, c.year, c.kind, c.value, c.realisedAll, c.realisedPaid])).toEqual([
				['CAF du département', 2025, 'montant', 100000, 90000, 90000],
				['CAF du département', 2026, 'montant', 160000, 150000, 100000],
				['Conseil départemental', 2026, 'creations_prioritaires', 1, null, null],
				// scoped to the CC du Val: only Espace C's 10 000 € (forecast)
				['Conseil départemental', 2026, 'montant', 8000, 10000, 0],
				// distinct structures funded by the Département in 2026: A and C; paid: A
				['Conseil départemental', 2026, 'structures_financees', 3, 2, 1]
			]);
			expect(accord.commitments[3].epciSiren).toBe(EPCI.val);
			expect(accord.commitments[3].epciName).toBe('CC du Val');
		});

		it('pilotage.accordsCadres(db) balances each partner and year of the period: committed amounts vs all its funding', async () => {
			const [accord] = await pilotage.accordsCadres(t.db);
			expect(accord.balances.map((b) => [b.partnerName, b.year, b.committed, b.realisedAll, b.realisedPaid])).toEqual([
				['CAF du département', 2025, 100000, 90000, 90000],
				['CAF du département', 2026, 160000, 150000, 100000],
				['Conseil départemental', 2025, 0, 0, 0],
				['Conseil départemental', 2026, 8000, 12000.5, 2000.5]
			]);
			expect(accord.balances[1].rateAll).toBeCloseTo(0.9375, 10);
			expect(accord.balances[1].ratePaid).toBeCloseTo(0.625, 10);
			expect(accord.balances[2].rateAll).toBeNull();
		});

		it('pilotage.schemasDirecteurs(db) nests orientations (by position) → objectives → indicators with targets and values', async () => {
			const [schema] = await pilotage.schemasDirecteurs(t.db);
			expect(schema).toMatchObject({ id: ids.schema, startYear: 2025, endYear: 2028, adoptedOn: '2025-02-01' });
			expect(schema.signatories.map((s) => s.name)).toEqual(['CAF du département']);
			expect(schema.orientations.map((o) => o.title)).toEqual(['Couvrir le territoire', 'Soutenir les structures']);
			const indicator = schema.orientations[0].objectives[0].indicators[0];
			expect(indicator).toMatchObject({ label: 'EVS créés', unit: 'structures', baselineYear: 2024, baselineValue: 0, higherIsBetter: true, computation: null });
			expect(indicator.targets).toEqual([
				{ year: 2025, target: 1 },
				{ year: 2026, target: 2 }
			]);
			expect(indicator.values).toEqual([{ year: 2025, value: 1, source: 'CAF' }]);
			expect(schema.orientations[1].objectives).toEqual([]);
		});

		it('pilotage.committeeDecisions(db) lists decisions, most recent first, with their communes and structures', async () => {
			const decisions = await pilotage.committeeDecisions(t.db);
			expect(decisions.map((d) => [d.decidedOn, d.body, d.communeCodes, d.structureIds])).toEqual([
				['2025-10-01', 'comite_technique', ['00003'], [ids.structures.C]],
				['2025-03-01', 'comite_pilotage', [], []]
			]);
			expect(decisions[0].communes).toEqual([{ code: '00003', name: "L'Étang" }]);
			expect(decisions[0].structures).toEqual([{ id: ids.structures.C, name: 'Espace C' }]);
		});

		it('admin.appliedMigrations(db) lists the migrations with their date', async () => {
			const migrations = await admin.appliedMigrations(t.db);
			expect(migrations.map((m) => m.name)).toEqual(Object.keys(allMigrations).sort());
			expect(migrations[0].name).toBe('2026-11-27T0200_create_domain');
			expect(migrations[0].appliedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
		});

		it('admin.tableCounts(db) counts the rows of every table in dependency order', async () => {
			const counts = await admin.tableCounts(t.db);
			expect(counts.map((c) => c.table)).toEqual([...TABLES_IN_DEPENDENCY_ORDER]);
			const n = Object.fromEntries(counts.map((c) => [c.table, c.rows]));
			expect(n).toMatchObject({ commune: 5, epci: 2, zone: 2, structure: 5, agrement: 9, staff_post: 7, funding_line: 5, commitment: 5, app_user: 0 });
		});
	});
}
