import { beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../helpers/db';
import { suiteDatabase } from '../helpers/suite-db';
import * as territories from '../../src/lib/server/db/territories';
import { EPCI, insertFixture, TODAY } from './repositories-fixture';

for (const dialect of testDialects()) {
	describe(`territories repository on ${dialect.kind}`, () => {
		const t = suiteDatabase(dialect);
		beforeAll(async () => {
			await insertFixture(t.db);
		});

		const codes = (page: territories.CommunePage) => page.rows.map((r) => r.code);

		it('listCommunes(db, today) sorts by folded name by default and counts open structures per commune', async () => {
			const page = await territories.listCommunes(t.db, TODAY);
			expect(page.total).toBe(5);
			expect(page.pageCount).toBe(1);
			// écouen, hameau, l etang, saint eloi, ville centre
			expect(codes(page)).toEqual(['00004', '00005', '00003', '00002', '00001']);
			const ville = page.rows.find((r) => r.code === '00001')!;
			expect(ville).toMatchObject({ name: 'Ville-Centre', epciName: 'CA de la Ville', population: 20000, cs: 2, evs: 0 });
			expect(page.rows.find((r) => r.code === '00003')!.evs).toBe(0); // Espace D is closed
			expect(page.rows.find((r) => r.code === '00004')).toMatchObject({ epciSiren: null, epciName: null, cs: 1 });
		});

		it('listCommunes searches without accents, case, hyphens or apostrophes, and by code prefix', async () => {
			expect(codes(await territories.listCommunes(t.db, TODAY, { q: 'eloi' }))).toEqual(['00002']);
			expect(codes(await territories.listCommunes(t.db, TODAY, { q: 'SAINT ÉLOI' }))).toEqual(['00002']);
			expect(codes(await territories.listCommunes(t.db, TODAY, { q: "l'etang" }))).toEqual(['00003']);
			expect(codes(await territories.listCommunes(t.db, TODAY, { q: 'ecouen le' }))).toEqual(['00004']);
			expect(codes(await territories.listCommunes(t.db, TODAY, { q: '0000' })).length).toBe(5);
			expect(codes(await territories.listCommunes(t.db, TODAY, { q: '00005' }))).toEqual(['00005']);
			expect((await territories.listCommunes(t.db, TODAY, { q: '%' })).total).toBe(0); // LIKE wildcards are literal
		});

		it('listCommunes filters by EPCI, or communes outside any EPCI', async () => {
			expect(codes(await territories.listCommunes(t.db, TODAY, { epci: EPCI.val, sort: 'code' }))).toEqual(['00002', '00003']);
			expect(codes(await territories.listCommunes(t.db, TODAY, { epci: territories.NO_EPCI }))).toEqual(['00004']);
			expect((await territories.listCommunes(t.db, TODAY, { epci: EPCI.ville, q: 'hameau' })).total).toBe(1);
		});

		it('listCommunes sorts by population (unknown last when descending), structures and EPCI', async () => {
			expect(codes(await territories.listCommunes(t.db, TODAY, { sort: 'population', descending: true }))).toEqual([
				'00001', '00002', '00003', '00005', '00004'
			]);
			expect(codes(await territories.listCommunes(t.db, TODAY, { sort: 'population' }))[0]).toBe('00004');
			expect(codes(await territories.listCommunes(t.db, TODAY, { sort: 'structures', descending: true })).slice(0, 3)).toEqual([
				'00001', '00004', '00002'
			]);
			expect(codes(await territories.listCommunes(t.db, TODAY, { sort: 'epci', descending: true }))).toEqual([
				'00003', '00002', '00005', '00001', '00004' // CC du Val, CA de la Ville, then no EPCI; ties by name
			]);
		});

		it('listCommunes paginates and clamps the page number', async () => {
			const p2 = await territories.listCommunes(t.db, TODAY, { sort: 'code', pageSize: 2, page: 2 });
			expect(p2).toMatchObject({ total: 5, page: 2, pageSize: 2, pageCount: 3 });
			expect(codes(p2)).toEqual(['00003', '00004']);
			const beyond = await territories.listCommunes(t.db, TODAY, { sort: 'code', pageSize: 2, page: 99 });
			expect(beyond.page).toBe(3);
			expect(codes(beyond)).toEqual(['00005']);
			const none = await territories.listCommunes(t.db, TODAY, { q: 'introuvable' });
			expect(none).toMatchObject({ total: 0, page: 1, pageCount: 1, rows: [] });
		});

		it('epciSummary(db, today) sums communes, population and open structures per EPCI, then outside any EPCI', async () => {
			expect(await territories.epciSummary(t.db, TODAY)).toEqual([
				{ siren: EPCI.ville, name: 'CA de la Ville', nature: 'CA', communes: 2, population: 22000, cs: 2, evs: 0, interdepartemental: false },
				{ siren: EPCI.val, name: 'CC du Val', nature: 'CC', communes: 2, population: 8000, cs: 0, evs: 1, interdepartemental: false },
				{ siren: null, name: 'Communes hors EPCI', nature: null, communes: 1, population: 0, cs: 1, evs: 0, interdepartemental: false }
			]);
		});

		it('foldForSearch(text) matches the SQL folding', () => {
			expect(territories.foldForSearch("  L'Île-Saint-Œuvre ")).toBe('l ile saint oeuvre');
			expect(territories.FOLD_FROM.length).toBe(territories.FOLD_TO.length);
		});
	});
}
