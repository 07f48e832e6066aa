import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects, type TestDb } from '../helpers/db';
import * as overview from '../../src/lib/server/db/overview';
import * as meta from '../../src/lib/server/db/meta';
import { insertFixture, TODAY } from './repositories-fixture';

for (const dialect of testDialects()) {
	describe(`overview repository on ${dialect.kind}`, () => {
		let t: TestDb;
		beforeAll(async () => {
			t = await dialect.open();
		});
		afterAll(() => t?.dispose());

		it('keyFigures(db, today) on an empty database gives zeros and null rates, not an error', async () => {
			const f = await overview.keyFigures(t.db, TODAY);
			expect(f).toMatchObject({
				departements: [],
				communes: 0,
				population: 0,
				populationYears: [],
				epci: 0,
				qpv: 0,
				cs: 0,
				evs: 0,
				csPer10k: null,
				evsPer10k: null,
				agrementsToRenew: 0,
				vacantDirectors: 0,
				vacantReferentsFamilles: 0,
				partners: 0
			});
			expect(f.funding).toEqual({ year: 2026, verse: 0, notifie: 0, previsionnel: 0, total: 0, lines: 0 });
		});

		it('keyFigures(db, today) counts the fixture by hand', async () => {
			await insertFixture(t.db);
			const f = await overview.keyFigures(t.db, TODAY);
			expect(f.departements).toEqual([{ code: '00', name: null }]);
			expect(f.communes).toBe(5);
			expect(f.population).toBe(30000);
			expect(f.populationYears).toEqual([2020, 2021]);
			expect(f.communesWithoutPopulation).toBe(1);
			expect(f.epci).toBe(2);
			expect(f.qpv).toBe(1); // the IRIS zone is not a QPV
			expect(f.cs).toBe(3);
			expect(f.evs).toBe(1); // Espace D closed in 2025
			expect(f.csPer10k).toBeCloseTo(1, 10);
			expect(f.evsPer10k).toBeCloseTo(1 / 3, 10);
			expect(f.partners).toBe(3);
		});

		it('keyFigures counts agréments to renew: in the window, not renewed, open structures only', async () => {
			// By default, the renewal lead time in force (dated parameter `agrement.renewal_lead_months`, 12 months).
			expect((await overview.keyFigures(t.db, TODAY)).warningMonths).toBe(12);
			const f = await overview.keyFigures(t.db, TODAY, { warningMonths: 6 });
			expect(f.agrementsToRenew).toBe(3); // A's AGC and ACF, E's AGC (ends exactly 6 months later)
			const narrow = await overview.keyFigures(t.db, TODAY, { warningMonths: 3 });
			expect(narrow.agrementsToRenew).toBe(2); // E's falls out
		});

		it('keyFigures counts director posts vacant today (vacant_until inclusive), not closed structures or past vacancies', async () => {
			const f = await overview.keyFigures(t.db, TODAY);
			expect(f.vacantDirectors).toBe(2);
			expect(f.vacantReferentsFamilles).toBe(0);
			const tomorrow = await overview.keyFigures(t.db, '2026-03-16');
			expect(tomorrow.vacantDirectors).toBe(1);
		});

		it('keyFigures sums the funding of the current year by status', async () => {
			const f = await overview.keyFigures(t.db, TODAY);
			expect(f.funding).toEqual({ year: 2026, verse: 102000.5, notifie: 50000, previsionnel: 10000, total: 162000.5, lines: 4 });
			expect((await overview.fundingByStatus(t.db, 2025)).verse).toBe(90000);
		});

		it('listDepartements(db) names the département from app_meta, or from the COG for a real code', async () => {
			await meta.set(t.db, 'departement_name', 'Département fictif');
			expect(await overview.listDepartements(t.db)).toEqual([{ code: '00', name: 'Département fictif' }]);
			await t.db
				.insertInto('commune')
				.values({ code: '59350', name: 'Lille', departement_code: '59', ref_lon: 3.06, ref_lat: 50.63 })
				.execute();
			expect(await overview.listDepartements(t.db)).toEqual([
				{ code: '00', name: null },
				{ code: '59', name: 'Nord' }
			]);
		});

		it('per10k(count, population) is null for an empty population', () => {
			expect(overview.per10k(3, 0)).toBeNull();
			expect(overview.per10k(3, 15000)).toBe(2);
		});
	});
}
