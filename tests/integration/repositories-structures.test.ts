import { beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../helpers/db';
import { suiteDatabase } from '../helpers/suite-db';
import * as structures from '../../src/lib/server/db/structures';
import * as agrements from '../../src/lib/server/db/agrements';
import { EPCI, insertFixture, TODAY, type FixtureIds } from './repositories-fixture';

for (const dialect of testDialects()) {
	describe(`structures and agrements repositories on ${dialect.kind}`, () => {
		const t = suiteDatabase(dialect);
		let ids: FixtureIds;
		beforeAll(async () => {
			ids = await insertFixture(t.db);
		});

		const names = (items: { name: string }[]) => items.map((i) => i.name);

		it('list(db, today) gives open structures by name with their commune, EPCI and current founding agrément', async () => {
			const items = await structures.list(t.db, TODAY);
			expect(names(items)).toEqual(['Centre A', 'Centre B', 'Centre E', 'Espace C']);
			const a = items[0];
			expect(a).toMatchObject({
				type: 'CS',
				communeName: 'Ville-Centre',
				epciName: 'CA de la Ville',
				managementMode: 'association',
				managerName: 'Gestionnaire Centre A',
				vacantPosts: ['directeur']
			});
			// the running AGC, not the older one nor the ACF
			expect(a.currentAgrement).toMatchObject({ kind: 'animation_globale', startDate: '2022-06-01', endDate: '2026-05-31' });
			// B's renewal is only under instruction: the running one governs
			expect(items[1].currentAgrement?.endDate).toBe('2026-06-30');
			// E: the refused one is ignored
			expect(items[2].currentAgrement?.startDate).toBe('2025-09-16');
			expect(items[2].vacantPosts).toEqual(['directeur']); // the « autre » vacancy is not listed
			expect(items[3].currentAgrement?.kind).toBe('animation_locale');
			expect(items[1].vacantPosts).toEqual([]); // B's vacancy ended in 2025
		});

		it('list filters by type, management mode (or none recorded) and EPCI', async () => {
			expect(names(await structures.list(t.db, TODAY, { type: 'EVS' }))).toEqual(['Espace C']);
			expect(names(await structures.list(t.db, TODAY, { managementMode: 'association' }))).toEqual(['Centre A', 'Espace C']);
			expect(names(await structures.list(t.db, TODAY, { managementMode: structures.MANAGEMENT_MODE_UNSET }))).toEqual(['Centre E']);
			expect(names(await structures.list(t.db, TODAY, { epci: EPCI.ville, type: 'CS' }))).toEqual(['Centre A', 'Centre B']);
			expect(await structures.list(t.db, TODAY, { epci: EPCI.val, type: 'CS' })).toEqual([]);
			expect(names(await structures.list(t.db, TODAY, { epci: 'aucun' }))).toEqual(['Centre E']);
			expect(names(await structures.list(t.db, TODAY, { commune: '00001' }))).toEqual(['Centre A', 'Centre B']);
		});

		it('list(db, day before closing) still shows a structure that closed later', async () => {
			expect(names(await structures.list(t.db, '2024-12-31', { type: 'EVS' }))).toEqual(['Espace C', 'Espace D']);
		});

		it('filterOptions(db) lists the management modes found and the EPCIs', async () => {
			expect(await structures.filterOptions(t.db)).toEqual({
				managementModes: ['association', 'commune'],
				hasUnsetManagementMode: true,
				epcis: [
					{ siren: EPCI.ville, name: 'CA de la Ville' },
					{ siren: EPCI.val, name: 'CC du Val' }
				]
			});
		});

		it('get(db, id, today) returns the full record: zone, ordered agréments, posts with vacancy (funding is read through the row scope elsewhere)', async () => {
			const a = (await structures.get(t.db, ids.structures.A, TODAY))!;
			expect(a).toMatchObject({ name: 'Centre A', type: 'CS', communeName: 'Ville-Centre', epciSiren: EPCI.ville, specificities: ['itinerant'] });
			expect(a.zoneCommunes).toEqual([
				{ code: '00005', name: 'Hameau', population: 2000 },
				{ code: '00001', name: 'Ville-Centre', population: 20000 }
			]);
			expect(a.agrements!.map((x) => [x.startDate, x.kind])).toEqual([
				['2018-06-01', 'animation_globale'],
				['2022-06-01', 'animation_collective_familles'],
				['2022-06-01', 'animation_globale']
			]);
			expect(a.agrements![0].isFirst).toBe(true);
			expect(a.currentAgrement?.startDate).toBe('2022-06-01');
			expect(a.staffPosts!.map((p) => [p.kind, p.vacant])).toEqual([
				['directeur', true],
				['referent_familles', false]
			]);
		});

		it('get(db, id, today, include) leaves out the agrément records and the posts a reader may not see', async () => {
			const a = (await structures.get(t.db, ids.structures.A, TODAY, { agrements: false, posts: false }))!;
			expect(a.agrements).toBeNull();
			expect(a.staffPosts).toBeNull();
			// The current agrément stays: it is why the structure counts on the map.
			expect(a.currentAgrement?.startDate).toBe('2022-06-01');
			const listed = await structures.list(t.db, TODAY, {}, { posts: false });
			expect(listed.every((s) => s.vacantPosts === null)).toBe(true);
		});

		it('get(db, unknown id) is null', async () => {
			expect(await structures.get(t.db, 999_999, TODAY)).toBeNull();
		});

		it('exportRows(db, today) adds the export columns to every open structure', async () => {
			const rows = await structures.exportRows(t.db, TODAY);
			expect(rows.map((r) => [r.name, r.zoneCommuneCount])).toEqual([
				['Centre A', 2],
				['Centre B', 0],
				['Centre E', 0],
				['Espace C', 1]
			]);
			expect(rows[0]).toMatchObject({ lon: 2.35, lat: 48.85, projetFamilles: false, locationApproximate: false, address: null });
		});

		it('agrements.list(db) orders every agrément by end date, closed structures included', async () => {
			const list = await agrements.list(t.db);
			expect(list).toHaveLength(9);
			expect(list[0]).toMatchObject({ structureName: 'Centre A', endDate: '2022-05-31', isFirst: true });
			expect(list.map((a) => a.endDate)).toEqual([...list.map((a) => a.endDate)].sort());
			expect(list.find((a) => a.structureName === 'Espace D')?.structureClosedOn).toBe('2025-01-01');
			expect((await agrements.list(t.db, { kind: 'animation_locale' })).map((a) => a.structureName)).toEqual(['Espace D', 'Espace C']);
			expect((await agrements.list(t.db, { structureType: 'EVS' })).length).toBe(2);
		});

		it('agrements.vacantPosts(db, today) lists director and RF posts vacant today, longest first', async () => {
			const posts = await agrements.vacantPosts(t.db, TODAY);
			expect(posts.map((p) => [p.structureName, p.kind, p.vacantFrom])).toEqual([
				['Centre A', 'directeur', '2026-01-01'],
				['Centre E', 'directeur', '2026-03-01']
			]);
			// Espace D closed on 2025-01-01: its vacancy is no longer listed
			expect(await agrements.vacantPosts(t.db, '2025-03-01')).toMatchObject([
				{ structureName: 'Centre B', kind: 'referent_familles', vacantUntil: '2025-06-30' }
			]);
			expect(await agrements.vacantPosts(t.db, '2024-12-31')).toMatchObject([{ structureName: 'Espace D', kind: 'directeur' }]);
		});
	});
}
