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
			expect(await pilotage.committeeDecisions(t.db)).toEqual([]);
			ids = await insertFixture(t.db);
		});

		it('funding.years(db) lists the years with funding lines', async () => {
			expect(await funding.years(t.db)).toEqual([2025, 2026]);
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
