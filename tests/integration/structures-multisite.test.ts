/**
 * Multi-site managers (issue 15) on every dialect: one SIRET, several structures told apart by an
 * establishment suffix — in the structures import (`etablissement` column), in the database (SIRET
 * + establishment unique, the SIRET alone no longer) and in the structure form's key check.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects, type TestDb } from '../helpers/db';
import { runImport } from '../../src/lib/server/import/run-import';
import { formatIssue } from '../../src/lib/io/messages-fr';
import * as structures from '../../src/lib/server/db/structures';

const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.resolve('tests/fixtures/import/in', name)));
const text = (s: string) => new TextEncoder().encode(s);
const HEADER = 'siret;etablissement;nom;type;code_commune;latitude;longitude';
const SIRET = '77567013600016';

for (const dialect of testDialects()) {
	describe(`multi-site structures on ${dialect.kind}`, () => {
		let t: TestDb;
		const run = (csv: string) => runImport(t.db, { actor: 'cli:test', fileName: 'structures.csv', kind: 'structures', bytes: text(csv) });

		beforeAll(async () => {
			t = await dialect.open();
			expect((await runImport(t.db, { actor: 'cli:test', fileName: 'c.geojson', kind: 'communes', bytes: fixture('communes-wgs84.geojson') })).status).toBe('accepted');
		});
		afterAll(() => t?.dispose());

		it('imports two structures of one SIRET with their establishments, and again unchanged', async () => {
			const csv = `${HEADER}\n${SIRET};a;Centre social du Parc;CS;86194;46,58;0,34\n${SIRET};B;Espace des Halles;EVS;86041;46,6;0,37\n`;
			expect((await run(csv)).counts).toMatchObject({ inserted: 2, updated: 0 });
			expect((await run(csv)).counts).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
			const rows = await t.db.selectFrom('structure').select(['name', 'siret', 'establishment']).orderBy('establishment').execute();
			expect(rows).toEqual([
				{ name: 'Centre social du Parc', siret: SIRET, establishment: 'A' },
				{ name: 'Espace des Halles', siret: SIRET, establishment: 'B' }
			]);
		});

		it('refuses a file naming the SIRET without its establishment, an invalid suffix, and a pair written twice', async () => {
			const ambiguous = await run(`siret;nom;type;code_commune;latitude;longitude\n${SIRET};Qui ?;CS;86194;46,58;0,34\n`);
			expect(ambiguous.status).toBe('rejected');
			expect(ambiguous.issues.map(formatIssue)).toEqual([expect.stringContaining(`le SIRET « ${SIRET} » désigne 2 structures enregistrées (gestionnaire multi-sites) : ajoutez la colonne etablissement`)]);
			const invalid = await run(`${HEADER}\n${SIRET};B-2;X;CS;86194;46,58;0,34\n`);
			expect(invalid.issues.map(formatIssue)).toEqual(['Ligne 2, colonne etablissement : établissement « B-2 » : 1 à 12 lettres (sans accent) ou chiffres attendus, par exemple « 02 » ou « B ».']);
			const twice = await run(`${HEADER}\n${SIRET};C;X;CS;86194;46,58;0,34\n${SIRET};c;Y;EVS;86194;46,58;0,34\n`);
			expect(twice.issues.map((i) => [i.code, i.line, i.column])).toEqual([['duplicate-key', 3, 'etablissement']]);
		});

		it('the database holds SIRET + establishment unique, and the form check names the clash or the sites', async () => {
			const [parc] = await t.db.selectFrom('structure').select('id').where('establishment', '=', 'A').execute();
			await expect(t.db.updateTable('structure').set({ establishment: 'B' }).where('id', '=', parc.id).execute()).rejects.toThrow();
			const clash = await structures.keyConflicts(t.db, { externalId: null, siret: SIRET, establishment: 'B' }, null);
			expect(clash.siret?.name).toBe('Espace des Halles');
			const free = await structures.keyConflicts(t.db, { externalId: null, siret: SIRET, establishment: 'C' }, null);
			expect(free.siret).toBeUndefined();
			expect(free.sameSiret.map((s) => s.establishment).sort()).toEqual(['A', 'B']);
		});
	});
}
