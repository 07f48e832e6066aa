/**
 * The structure forms' writes on every dialect: create with its zone de compétence, edit with
 * optimistic locking (two edits from the same version: one wins, the other gets the French
 * conflict message and writes nothing), natural-key checks, close instead of delete, the audit
 * trail, the agrément filter of the list, and the commune page's data.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects, type TestDb } from '../helpers/db';
import { runImport } from '../../src/lib/server/import/run-import';
import * as structures from '../../src/lib/server/db/structures';
import * as territories from '../../src/lib/server/db/territories';
import { ConflictError } from '../../src/lib/server/db/changes';
import type { AuditActor } from '../../src/lib/server/db/audit';
import { referencedCodes, validateStructureForm, EMPTY_FORM, type StructureFormValues } from '../../src/routes/structures/structure-form';

const ALICE: AuditActor = { userId: null, label: 'alice@caf.test' };
const BOB: AuditActor = { userId: null, label: 'bob@caf.test' };
const TODAY = '2026-03-01';

const FORM: StructureFormValues = {
	...EMPTY_FORM,
	nom: 'Centre social du Parc',
	type: 'CS',
	identifiant: 'CS-101',
	siret: '77567013600016',
	code_commune: '86194',
	zone_competence: '86194 | 86041',
	mode_gestion: 'association'
};

for (const dialect of testDialects()) {
	describe(`structure forms on ${dialect.kind}`, () => {
		let t: TestDb;
		let id: number;

		/** The form validated against the database, as the actions do. */
		async function validInput(values: StructureFormValues) {
			const result = validateStructureForm(values, await structures.knownCommunes(t.db, referencedCodes(values)));
			if (!result.ok) throw new Error(JSON.stringify(result.errors));
			return result.input;
		}

		beforeAll(async () => {
			t = await dialect.open();
			const bytes = new Uint8Array(fs.readFileSync(path.resolve('tests/fixtures/import/in/communes-wgs84.geojson')));
			const r = await runImport(t.db, { kind: 'communes', fileName: 'communes.geojson', bytes, actor: 'test' });
			expect(r.status).toBe('accepted');
		});
		afterAll(() => t?.dispose());

		it('create(db, actor, input) stores the structure at version 1 with its zone, audited', async () => {
			id = await structures.create(t.db, ALICE, await validInput(FORM));
			const stored = await structures.getEditable(t.db, id);
			expect(stored).toMatchObject({
				version: 1,
				name: 'Centre social du Parc',
				communeCode: '86194',
				locationApproximate: true,
				zoneCommuneCodes: ['86041', '86194'],
				closedOn: null
			});
			const audit = await t.db.selectFrom('audit_log').select(['actor', 'action', 'entity', 'entity_id']).where('actor', '=', ALICE.label).orderBy('id').execute();
			expect(audit).toEqual([
				{ actor: ALICE.label, action: 'create', entity: 'structure', entity_id: String(id) },
				{ actor: ALICE.label, action: 'update', entity: 'structure_zone_commune', entity_id: String(id) }
			]);
		});

		it('two edits from version 1: the first wins, the second gets the conflict and writes nothing', async () => {
			const alice = await validInput({ ...FORM, adresse: '1 rue du Parc', zone_competence: '86194' });
			const bob = await validInput({ ...FORM, nom: 'Centre social Bob', zone_competence: '86194 | 86041 | 86062' });
			await structures.update(t.db, ALICE, id, 1, alice);
			const error = await structures.update(t.db, BOB, id, 1, bob).catch((e: unknown) => e);
			expect(error).toBeInstanceOf(ConflictError);
			expect((error as Error).message).toMatch(/^Cet élément a été modifié entre-temps par un autre utilisateur \(version 2\)/);
			const stored = await structures.getEditable(t.db, id);
			expect(stored).toMatchObject({ version: 2, name: 'Centre social du Parc', address: '1 rue du Parc', zoneCommuneCodes: ['86194'] });
			const bobAudit = await t.db.selectFrom('audit_log').select('id').where('actor', '=', BOB.label).execute();
			expect(bobAudit).toEqual([]);
		});

		it('two concurrent saves from the same version never both succeed', async () => {
			const current = (await structures.getEditable(t.db, id))!;
			const results = await Promise.allSettled([
				structures.update(t.db, ALICE, id, current.version, await validInput({ ...FORM, adresse: 'A' })),
				structures.update(t.db, BOB, id, current.version, await validInput({ ...FORM, adresse: 'B' }))
			]);
			expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
			const rejected = results.filter((r) => r.status === 'rejected');
			expect(rejected).toHaveLength(1);
			expect((rejected[0] as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
			expect((await structures.getEditable(t.db, id))!.version).toBe(current.version + 1);
		});

		it('keyConflicts(db, keys, exceptId) finds another structure holding the identifier or SIRET', async () => {
			const other = await structures.create(t.db, ALICE, await validInput({ ...FORM, identifiant: 'EVS-2', siret: '', type: 'EVS', nom: 'EVS 2' }));
			expect(await structures.keyConflicts(t.db, { externalId: 'CS-101', siret: '77567013600016', establishment: null }, id)).toEqual({ sameSiret: [] });
			expect(await structures.keyConflicts(t.db, { externalId: 'CS-101', siret: '77567013600016', establishment: null }, other)).toEqual({
				externalId: { id, name: expect.any(String) },
				siret: { id, name: expect.any(String) },
				sameSiret: []
			});
			// Multi-site: the same SIRET with another establishment is allowed, and reported as such.
			expect(await structures.keyConflicts(t.db, { externalId: null, siret: '77567013600016', establishment: 'B' }, other)).toEqual({
				sameSiret: [{ id, name: expect.any(String), establishment: null }]
			});
		});

		it('setClosedOn closes instead of deleting: the structure leaves the list, its record stays; reopening brings it back', async () => {
			const before = (await structures.getEditable(t.db, id))!;
			await structures.setClosedOn(t.db, ALICE, id, before.version, '2026-01-31');
			expect((await structures.list(t.db, TODAY)).map((s) => s.id)).not.toContain(id);
			expect(await structures.get(t.db, id, TODAY)).toMatchObject({ closedOn: '2026-01-31' });
			await expect(structures.setClosedOn(t.db, BOB, id, before.version, null)).rejects.toBeInstanceOf(ConflictError);
			await structures.setClosedOn(t.db, ALICE, id, before.version + 1, null);
			expect((await structures.list(t.db, TODAY)).map((s) => s.id)).toContain(id);
		});

		it('list(db, today, { agrement }) filters on the current agrément’s status', async () => {
			await t.db
				.insertInto('agrement')
				.values([{ structure_id: id, kind: 'animation_globale', start_date: '2023-01-01', end_date: '2026-06-30', decision: 'accorde' }])
				.execute();
			const soon = await structures.list(t.db, TODAY, { agrement: 'expire_bientot' });
			expect(soon.map((s) => s.id)).toEqual([id]);
			const none = await structures.list(t.db, TODAY, { agrement: 'aucun' });
			expect(none.map((s) => s.id)).not.toContain(id);
			expect(none.length).toBeGreaterThan(0);
			expect(await structures.list(t.db, TODAY, { agrement: 'en_cours' })).toEqual([]);
		});

		it('getCommune(db, code, today) lists the structures located there and those serving it', async () => {
			const poitiers = await territories.getCommune(t.db, '86194', TODAY);
			expect(poitiers).toMatchObject({ code: '86194', name: 'Poitiers', epciSiren: '200069854' });
			expect(poitiers!.structures.find((s) => s.id === id)).toMatchObject({ located: true, serving: true });
			const buxerolles = await territories.getCommune(t.db, '86041', TODAY);
			// Both are in Poitiers with Poitiers and Buxerolles in their zone (the last save restored the form's zone).
			expect(buxerolles!.structures.map((s) => [s.name, s.located, s.serving])).toEqual([
				['Centre social du Parc', false, true],
				['EVS 2', false, true]
			]);
			expect((await territories.getCommune(t.db, '86062', TODAY))!.structures).toEqual([]);
			expect(await territories.getCommune(t.db, '99999', TODAY)).toBeNull();
		});

		it('getCommune shows indicators by year and the QPV of the commune', async () => {
			await t.db
				.insertInto('territorial_indicator')
				.values([
					{ territory_kind: 'commune', territory_code: '86194', year: 2022, key: 'familles', value: 100, source: 'CAF' },
					{ territory_kind: 'commune', territory_code: '86194', year: 2023, key: 'familles', value: 110, source: 'CAF' },
					{ territory_kind: 'commune', territory_code: '86194', year: 2023, key: 'population', value: 88000, source: null },
					{ territory_kind: 'commune', territory_code: '86041', year: 2023, key: 'familles', value: 5, source: null }
				])
				.execute();
			await t.db
				.insertInto('zone')
				.values({ kind: 'qpv', code: 'QP086001', name: 'Les Couronneries', commune_codes: JSON.stringify(['86194']), population: 5000, geometry: null, display_geometry: null, ref_lon: null, ref_lat: null })
				.execute();
			const c = (await territories.getCommune(t.db, '86194', TODAY))!;
			expect(c.indicators).toEqual({
				years: [2022, 2023],
				rows: [
					{ key: 'population', values: { 2023: 88000 }, sources: [] },
					{ key: 'familles', values: { 2022: 100, 2023: 110 }, sources: ['CAF'] }
				]
			});
			expect(c.zones).toEqual([{ kind: 'qpv', code: 'QP086001', name: 'Les Couronneries', population: 5000 }]);
			expect((await territories.getCommune(t.db, '86041', TODAY))!.zones).toEqual([]);
		});
	});
}
