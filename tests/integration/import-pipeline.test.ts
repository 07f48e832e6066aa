/**
 * runImport end to end on every dialect: refusal leaves data untouched, --skip-invalid writes
 * the valid rows, re-imports are idempotent, real changes bump `version`, one audit row per
 * import, the dataset becomes « real », the demo database is refused.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects, type TestDb } from '../helpers/db';
import * as meta from '../../src/lib/server/db/meta';
import { RejectedDataError } from '../../src/lib/server/errors';
import { runImport, type RunImportOptions } from '../../src/lib/server/import/run-import';
import { formatIssue } from '../../src/lib/io/messages-fr';
import { tableChecksums } from '../fixtures/import/checksums';

const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.resolve('tests/fixtures/import/in', name)));
const text = (s: string) => new TextEncoder().encode(s);

const HEADER = 'id;siret;nom;type;code_commune;latitude;longitude;mode_gestion;zone_competence;agrement_debut;agrement_fin;projet_familles';
const GOOD_1 = 'CS-101;77567013600016;Centre social du Parc;CS;86194;46,58;0,34;association;86194|86041;2023-01-01;2026-12-31;oui';
const BAD = 'X-102;;Maison pour tous;MJC;86194;46,58;0,34;association;;;;non';
const GOOD_2 = 'EVS-103;;EVS des Halles;EVS;86041;;;commune;86041;01/01/2024;31/12/2024;non';
const STRUCTURES = [HEADER, GOOD_1, BAD, GOOD_2].join('\n') + '\n';

async function count(t: TestDb, table: 'structure' | 'commune' | 'epci' | 'agrement' | 'structure_zone_commune' | 'audit_log' | 'import_log'): Promise<number> {
	const r = await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
	return Number(r.n);
}

for (const dialect of testDialects()) {
	describe(`runImport(db, options) on ${dialect.kind}`, () => {
		let t: TestDb;
		const run = (o: Omit<RunImportOptions, 'actor' | 'fileName'> & { fileName?: string }) =>
			runImport(t.db, { actor: 'cli:test', fileName: o.fileName ?? `${o.kind}.txt`, ...o });

		beforeAll(async () => {
			t = await dialect.open();
		});
		afterAll(() => t?.dispose());

		it('imports communes, creating their EPCI from the official list, and marks the dataset real', async () => {
			const phases = new Set<string>();
			let lastWrite: [number, number] = [0, 0];
			const r = await run({
				kind: 'communes',
				bytes: fixture('communes-wgs84.geojson'),
				onProgress: (phase, done, total) => {
					phases.add(phase);
					if (phase === 'write') lastWrite = [done, total];
				}
			});
			expect(r).toMatchObject({ status: 'accepted', counts: { read: 4, inserted: 4, updated: 0, unchanged: 0, skipped: 0 }, issues: [] });
			expect([...phases]).toEqual(['parse', 'validate', 'write']);
			expect(lastWrite).toEqual([4, 4]);
			expect(await meta.datasetKind(t.db)).toBe('real');
			const epci = await t.db.selectFrom('epci').selectAll().execute();
			expect(epci.map((e) => [e.siren, e.name, e.nature])).toEqual([['200069854', 'CU du Grand Poitiers', 'CU']]);
			const poitiers = await t.db.selectFrom('commune').selectAll().where('code', '=', '86194').executeTakeFirstOrThrow();
			expect(poitiers).toMatchObject({ name: 'Poitiers', departement_code: '86', epci_siren: '200069854', ref_point_source: 'point_on_surface', version: 1 });
			expect(poitiers.geometry?.type).toBe('Polygon');
			expect(poitiers.display_geometry?.type).toBe('Polygon');
			const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'import').execute();
			expect(audit).toHaveLength(1);
			expect(audit[0]).toMatchObject({ action: 'import', entity: 'communes', actor: 'cli:test', import_log_id: r.importLogId });
			// The first communes import set the territory of work (audited) with the default funders and instruments.
			expect(r.territorySet).toMatchObject({ departements: ['86'], bandKm: 20, partnersAdded: ['CAF', 'CD', 'MSA', 'ETAT-PV'] });
			const created = await t.db.selectFrom('audit_log').select('entity').where('action', '=', 'create').execute();
			expect(created.map((a) => a.entity)).toEqual(['work_territory', ...Array(4).fill('partner'), ...Array(12).fill('funding_instrument')]);
		});

		it('re-importing the same file changes nothing: all unchanged, versions kept', async () => {
			const before = await tableChecksums(t.db);
			const r = await run({ kind: 'communes', bytes: fixture('communes-wgs84.geojson') });
			expect(r.counts).toEqual({ read: 4, inserted: 0, updated: 0, unchanged: 4, skipped: 0 });
			const after = await tableChecksums(t.db);
			// Only the logs grew (one more audit row); the data tables are identical.
			for (const table of Object.keys(before).filter((k) => k !== 'audit_log')) expect(after[table], table).toBe(before[table]);
		});

		it('a real change bumps version and updated_at of that row only', async () => {
			const old = await t.db.selectFrom('commune').select(['code', 'version', 'updated_at']).orderBy('code').execute();
			const r = await run({ kind: 'communes', bytes: fixture('communes-geoapi.geojson') });
			expect(r.counts).toEqual({ read: 2, inserted: 0, updated: 2, unchanged: 0, skipped: 0 });
			const now = await t.db.selectFrom('commune').select(['code', 'version', 'updated_at', 'ref_point_source', 'population']).orderBy('code').execute();
			const byCode = new Map(now.map((c) => [c.code, c]));
			expect(byCode.get('86194')).toMatchObject({ version: 2, ref_point_source: 'supplied', population: 88665 });
			expect(byCode.get('86062')!.version).toBe(1);
			expect(new Date(byCode.get('86194')!.updated_at).getTime()).toBeGreaterThan(new Date(old.find((c) => c.code === '86194')!.updated_at).getTime());
		});

		it('a structures file with one bad row is refused: nothing written, the row and column named in French', async () => {
			const before = await tableChecksums(t.db);
			const r = await run({ kind: 'structures', bytes: text(STRUCTURES) });
			expect(r.status).toBe('rejected');
			const errors = r.issues.filter((i) => i.severity === 'error');
			expect(errors).toEqual([{ severity: 'error', line: 3, column: 'type', code: 'structure-type-unknown', params: { value: 'MJC' } }]);
			expect(formatIssue(errors[0])).toBe('Ligne 3, colonne type : type « MJC » inconnu : CS (centre social) ou EVS (espace de vie sociale) attendu.');
			expect(await tableChecksums(t.db)).toEqual(before);
			expect(await count(t, 'structure')).toBe(0);
		});

		it('with skipInvalid, the valid rows are written and the bad one reported', async () => {
			const r = await run({ kind: 'structures', bytes: text(STRUCTURES), skipInvalid: true });
			expect(r.status).toBe('partial');
			expect(r.counts).toEqual({ read: 3, inserted: 2, updated: 0, unchanged: 0, skipped: 1 });
			const rows = await t.db.selectFrom('structure').select(['external_id', 'type', 'lon', 'lat', 'location_approximate', 'projet_familles']).orderBy('external_id').execute();
			expect(rows).toEqual([
				{ external_id: 'CS-101', type: 'CS', lon: 0.34, lat: 46.58, location_approximate: false, projet_familles: true },
				// no coordinates: the commune's reference point (Buxerolles' `centre` of the geo.api file), flagged approximate
				{ external_id: 'EVS-103', type: 'EVS', lon: 0.3733, lat: 46.6, location_approximate: true, projet_familles: false }
			]);
			expect(await count(t, 'structure_zone_commune')).toBe(3);
			const agrements = await t.db.selectFrom('agrement').select(['kind', 'start_date', 'end_date']).orderBy('kind').execute();
			expect(agrements).toEqual([
				{ kind: 'animation_collective_familles', start_date: '2023-01-01', end_date: '2026-12-31' },
				{ kind: 'animation_globale', start_date: '2023-01-01', end_date: '2026-12-31' },
				{ kind: 'animation_locale', start_date: '2024-01-01', end_date: '2024-12-31' }
			]);
			const log = await t.db.selectFrom('import_log').selectAll().where('id', '=', r.importLogId).executeTakeFirstOrThrow();
			expect(log).toMatchObject({ status: 'partial', counts: r.counts });
		});

		it('importing the structures twice leaves the same rows, the second report all unchanged', async () => {
			const before = await tableChecksums(t.db);
			const r = await run({ kind: 'structures', bytes: text(STRUCTURES), skipInvalid: true });
			expect(r.counts).toEqual({ read: 3, inserted: 0, updated: 0, unchanged: 2, skipped: 1 });
			const after = await tableChecksums(t.db);
			for (const table of ['structure', 'agrement', 'structure_zone_commune']) expect(after[table]).toBe(before[table]);
		});

		it('updates a structure found by SIRET, keeps columns the file lacks, and replaces its zone', async () => {
			const csv = 'siret;nom;type;code_commune;latitude;longitude;zone_competence\n77567013600016;Centre social du Parc (nouveau nom);CS;86194;46,58;0,34;86194\n';
			const r = await run({ kind: 'structures', bytes: text(csv) });
			expect(r.counts).toEqual({ read: 1, inserted: 0, updated: 1, unchanged: 0, skipped: 0 });
			const row = await t.db.selectFrom('structure').selectAll().where('siret', '=', '77567013600016').executeTakeFirstOrThrow();
			expect(row).toMatchObject({ external_id: 'CS-101', name: 'Centre social du Parc (nouveau nom)', management_mode: 'association', projet_familles: true, version: 2 });
			const zone = await t.db.selectFrom('structure_zone_commune').select('commune_code').where('structure_id', '=', row.id).execute();
			expect(zone.map((z) => z.commune_code)).toEqual(['86194']);
		});

		it('refuses an id and a SIRET that designate two different stored structures', async () => {
			await run({ kind: 'structures', bytes: text('id;siret;nom;type;code_commune;latitude;longitude\nCS-200;77567013600024;Autre centre;CS;86194;46,58;0,34\n') });
			const before = await tableChecksums(t.db);
			const r = await run({ kind: 'structures', bytes: text('id;siret;nom;type;code_commune;latitude;longitude\nCS-101;77567013600024;Conflit;CS;86194;46,58;0,34\n') });
			expect(r.status).toBe('rejected');
			expect(r.issues).toEqual([expect.objectContaining({ code: 'structure-key-conflict', params: { externalId: 'CS-101', siret: '77567013600024' } })]);
			expect(await tableChecksums(t.db)).toEqual(before);
		});

		it('imports EPCI membership, zones, poles and indicators idempotently', async () => {
			for (const [kind, file, read] of [
				['epci', 'epci.geojson', 3],
				['qpv', 'qpv.geojson', 2],
				['iris', 'iris.geojson', 2],
				['poles', 'poles.csv', 3],
				['indicators', 'indicators-long.csv', 9]
			] as const) {
				const first = await run({ kind, bytes: fixture(file), fileName: file });
				expect(first.status, file).toBe('accepted');
				expect(first.counts.read, file).toBe(read);
				const second = await run({ kind, bytes: fixture(file), fileName: file });
				expect(second.counts.inserted + second.counts.updated, file).toBe(0);
				expect(second.counts.unchanged, file).toBe(first.counts.inserted + first.counts.updated);
			}
			const epci = await t.db.selectFrom('epci').selectAll().where('siren', '=', '200069854').executeTakeFirstOrThrow();
			expect(epci.geometry?.type).toBe('Polygon');
			const zones = await t.db.selectFrom('zone').select(['kind', 'code', 'commune_codes']).orderBy('code').execute();
			expect(zones).toContainEqual({ kind: 'qpv', code: 'QN08602M', commune_codes: ['86194', '86041'] });
			const pole = await t.db.selectFrom('activity_pole').selectAll().where('commune_code', '=', '86041').executeTakeFirstOrThrow();
			expect(pole).toMatchObject({ location_approximate: true, lon: 0.3733, lat: 46.6 });
			const ind = await t.db.selectFrom('territorial_indicator').select(['territory_kind', 'territory_code', 'key', 'value']).where('key', '=', 'familles').execute();
			expect(ind).toEqual([{ territory_kind: 'commune', territory_code: '86194', key: 'familles', value: 12345 }]);
		});

		it('EPCI membership from a CSV moves communes to the EPCI', async () => {
			await t.db.updateTable('commune').set({ epci_siren: null }).where('code', '=', '86062').execute();
			const r = await run({ kind: 'epci', bytes: fixture('epci-membership.csv') });
			expect(r.counts).toMatchObject({ read: 3, updated: 1 });
			const c = await t.db.selectFrom('commune').select('epci_siren').where('code', '=', '86062').executeTakeFirstOrThrow();
			expect(c.epci_siren).toBe('200069854');
		});

		it('writes one audit row per accepted import, none for a refused one', async () => {
			const audits = Number(
				(await t.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', 'import').executeTakeFirstOrThrow()).n
			);
			const logs = await t.db.selectFrom('import_log').select(['id', 'status']).execute();
			expect(audits).toBe(logs.filter((l) => l.status !== 'rejected').length);
		});

		it('refuses to import into the demo database, writing nothing', async () => {
			const demo = await dialect.open();
			try {
				await meta.set(demo.db, 'dataset', 'demo');
				const before = await tableChecksums(demo.db);
				await expect(runImport(demo.db, { kind: 'communes', fileName: 'x', bytes: fixture('communes-wgs84.geojson'), actor: 'test' })).rejects.toThrow(RejectedDataError);
				await expect(runImport(demo.db, { kind: 'communes', fileName: 'x', bytes: fixture('communes-wgs84.geojson'), actor: 'test' })).rejects.toThrow(/db reset --yes/);
				expect(await tableChecksums(demo.db)).toEqual(before);
				expect(await count(demo, 'import_log')).toBe(0);
			} finally {
				await demo.dispose();
			}
		});
	});
}
