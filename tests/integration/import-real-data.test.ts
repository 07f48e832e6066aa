/**
 * Real open data from ../shared/data (see its SOURCES.md) through runImport, on every dialect.
 * Skipped, with a message, where that folder is absent; every behaviour checked here is also
 * tested on the generated fixtures of tests/fixtures/import.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects, type TestDb } from '../helpers/db';
import { runImport } from '../../src/lib/server/import/run-import';
import { pointInPolygonal } from '../../src/lib/analysis/reference-point';
import { vertexCount } from '../../src/lib/analysis/simplify';
import type { ImportKind } from '../../src/lib/io/import-file';

const DATA = path.resolve('../shared/data');
const present = fs.existsSync(path.join(DATA, 'communes-2023-86-vienne.geojson'));
if (!present) console.warn(`[tests] ${DATA} absent : les tests d'import sur données réelles sont ignorés.`);

const timings: string[] = [];

for (const dialect of testDialects()) {
	describe.skipIf(!present)(`runImport(db, real open data) on ${dialect.kind}`, () => {
		let t: TestDb;
		beforeAll(async () => {
			t = await dialect.open();
		});
		afterAll(async () => {
			await t?.dispose();
			const mine = timings.filter((line) => line.startsWith(dialect.kind));
			if (mine.length) console.log(`[import timings]\n${mine.join('\n')}`);
		});

		async function importFile(kind: ImportKind, file: string, skipInvalid = false) {
			const bytes = new Uint8Array(fs.readFileSync(path.join(DATA, file)));
			const t0 = performance.now();
			// Several départements in one database: --tout keeps them all (the first communes file sets the territory).
			const report = await runImport(t.db, { kind, fileName: file, bytes, actor: 'test', skipInvalid, keepAll: true });
			const seconds = (performance.now() - t0) / 1000;
			timings.push(`${dialect.kind.padEnd(8)} ${kind.padEnd(8)} ${file.padEnd(46)} ${seconds.toFixed(2)} s  ${JSON.stringify(report.counts)}`);
			return report;
		}

		it('imports Vienne: 266 communes, one merged since 2023 reported with its absorber; ref points inside', async () => {
			const r = await importFile('communes', 'communes-2023-86-vienne.geojson');
			expect(r.status).toBe('accepted');
			expect(r.counts).toEqual({ read: 266, inserted: 266, updated: 0, unchanged: 0, skipped: 0 });
			expect(r.issues).toContainEqual(expect.objectContaining({ code: 'commune-merged', params: expect.objectContaining({ code: '86231', absorbedBy: '86247' }) }));
			const rows = await t.db.selectFrom('commune').select(['code', 'geometry', 'display_geometry', 'ref_lon', 'ref_lat', 'population', 'epci_siren']).where('departement_code', '=', '86').execute();
			expect(rows).toHaveLength(266);
			let full = 0;
			let display = 0;
			for (const c of rows) {
				expect(pointInPolygonal(c.ref_lon, c.ref_lat, c.geometry!), c.code).toBe(true);
				full += vertexCount(c.geometry!);
				display += vertexCount(c.display_geometry!);
			}
			expect(display).toBeLessThan(full * 0.8);
			expect(rows.filter((c) => c.epci_siren === null)).toEqual([]);
			expect(rows.find((c) => c.code === '86194')?.population).toBeGreaterThan(80_000);
		});

		it('imports Sarthe: 354 communes, and 354 still after a second import, all unchanged', async () => {
			const first = await importFile('communes', 'communes-2023-72-sarthe.geojson');
			expect(first.counts).toMatchObject({ read: 354, inserted: 354 });
			const second = await importFile('communes', 'communes-2023-72-sarthe.geojson');
			expect(second.counts).toEqual({ read: 354, inserted: 0, updated: 0, unchanged: 354, skipped: 0 });
			const n = await t.db.selectFrom('commune').select((eb) => eb.fn.countAll<number>().as('n')).where('departement_code', '=', '72').executeTakeFirstOrThrow();
			expect(Number(n.n)).toBe(354);
		});

		it('imports Nord: 648 communes (its one self-intersecting contour repaired)', async () => {
			const r = await importFile('communes', 'communes-2023-59-nord.geojson');
			expect(r.counts).toMatchObject({ read: 648, inserted: 648, skipped: 0 });
			expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
			expect(r.issues).toContainEqual(expect.objectContaining({ code: 'geometry-self-intersection-repaired' }));
		});

		it('imports the IRIS of Nord (code_territoire / libelle_territoire)', async () => {
			const r = await importFile('iris', 'iris-59-nord.geojson');
			expect(r.status).toBe('accepted');
			expect(r.counts).toMatchObject({ read: 1346, inserted: 1346 });
			const lille = await t.db.selectFrom('zone').select('code').where('kind', '=', 'iris').where('code', 'like', '59350%').execute();
			expect(lille).toHaveLength(110);
		});

		it('imports the QPV sample (code_qp / nom_qp, CRS84 declared)', async () => {
			const r = await importFile('qpv', 'qpv-2015-occitanie-contours.geojson');
			expect(r.counts).toMatchObject({ read: 105, inserted: 105 });
			const z = await t.db.selectFrom('zone').selectAll().where('code', '=', 'QP066007').executeTakeFirstOrThrow();
			expect(z).toMatchObject({ kind: 'qpv', name: 'Bas-Vernet Nouveau QPV', commune_codes: ['66136'] });
		});

		it('imports the France services list as poles: refused for its one duplicate, accepted with skipInvalid', async () => {
			const refused = await importFile('poles', 'france-services-20240801.csv');
			expect(refused.status).toBe('rejected');
			const duplicate = refused.issues.filter((i) => i.severity === 'error');
			expect(duplicate).toEqual([expect.objectContaining({ code: 'duplicate-key', column: 'lib_fs' })]);
			const partial = await importFile('poles', 'france-services-20240801.csv', true);
			expect(partial.status).toBe('partial');
			expect(partial.counts).toMatchObject({ read: 2845, inserted: 2844, skipped: 1 });
		});

		it('imports the ANCT EPCI outlines (siren_epci / lib_epci), merging EPCI drawn once per département', async () => {
			const r = await importFile('epci', 'epci-france-anct-2022.geojson');
			expect(r.status).toBe('accepted');
			// 3 features without SIREN (communes outside any EPCI) are skipped with a warning
			expect(r.counts).toMatchObject({ read: 1357, skipped: 3 });
			expect(r.counts.inserted + r.counts.updated + r.counts.unchanged).toBe(1255);
			expect(r.issues.filter((i) => i.code === 'epci-parts-merged').length).toBeGreaterThan(50);
			const cu = await t.db.selectFrom('epci').selectAll().where('siren', '=', '200069854').executeTakeFirstOrThrow();
			expect(cu.name).toMatch(/Grand Poitiers/);
			expect(cu.geometry).not.toBeNull();
		});
	});
}
