/**
 * Travel times, end to end, on every test dialect: the `travel_times` import (destinations
 * resolved to communes or structures, every refusal with its line and column, nothing written on
 * error, idempotent upsert, one audit entry) and the coverage analysis with `analysis.metric =
 * minutes`, where a matrix value overrides the straight-line estimate.
 *
 * A small hand-made département (lat 45°, distances in km east/north of A):
 *   A 90001 (0, 0)   pole « Bourg de A » here; CS « CS 1 » 6 km east (external id CS-1)
 *   B 90002 (11, 0)  5 km from CS 1, no matrix row: estimated times only
 *   C 90003 (0, 30)  EVS « EVS 2 » here (SIRET 99838912600017)
 * Matrix: A → CS-1 40 min (6 km away, within 8 km, but 40 minutes), A → commune C 25 min (every
 * structure and pole of C), C → EVS 2 by SIRET 4,5 min. CS 1 and the pole both have id 1: the
 * structure's row must not reach the pole.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { testDialects, type TestDb } from '../helpers/db';
import { at, insertGridCommunes } from '../helpers/km-grid';
import { runMaillage } from '../helpers/cli';
import { tableChecksums } from '../fixtures/import/checksums';
import type { Database } from '../../src/lib/server/db/schema';
import { createDb } from '../../src/lib/server/db/index';
import { migrate } from '../../src/lib/server/db/migrate';
import { runImport, type ImportReport } from '../../src/lib/server/import/run-import';
import { formatIssue } from '../../src/lib/io/messages-fr';
import { estimateMinutes } from '../../src/lib/analysis';
import { loadCoverageInputs } from '../../src/lib/server/coverage/inputs';
import { runCoverageAnalysis } from '../../src/lib/server/coverage/report';
import { coverageForQuery } from '../../src/lib/server/coverage/api';
import { prioritiesForQuery } from '../../src/lib/server/coverage/priorities-query';
import { CLI_NAMES, CoverageRequestError } from '../../src/lib/server/coverage/request';
import { load as carteLoad } from '../../src/routes/carte/+page.server';

/** The coverage page's data for `query`, as its server load gives it. */
async function cartePage(db: Kysely<Database>, query = '') {
	const event = { locals: { db }, url: new URL(`http://localhost/carte${query}`) } as unknown as Parameters<typeof carteLoad>[0];
	return (await carteLoad(event)) as Exclude<Awaited<ReturnType<typeof carteLoad>>, void>;
}

const DATE = '2026-06-30';
const COMMUNES = [
	{ code: '90001', name: 'A', population: 1000, ...at(0, 0) },
	{ code: '90002', name: 'B', population: 500, ...at(11, 0) },
	{ code: '90003', name: 'C', population: 300, ...at(0, 30) }
];

async function seed(db: Kysely<Database>): Promise<{ cs1: number; evs2: number; pole: number }> {
	await insertGridCommunes(db, COMMUNES);
	const structure = async (name: string, type: 'CS' | 'EVS', commune: string, point: { lon: number; lat: number }, key: { external_id?: string; siret?: string }) =>
		(
			await db
				.insertInto('structure')
				.values({ name, type, commune_code: commune, ...point, ...key, specificities: JSON.stringify([]) })
				.returning('id')
				.executeTakeFirstOrThrow()
		).id;
	const cs1 = await structure('CS 1', 'CS', '90001', at(6, 0), { external_id: 'CS-1' });
	const evs2 = await structure('EVS 2', 'EVS', '90003', at(0, 30), { siret: '99838912600017' });
	const { id: pole } = await db
		.insertInto('activity_pole')
		.values({ commune_code: '90001', name: 'Bourg de A', type: 'bourg-centre', ...at(0, 0) })
		.returning('id')
		.executeTakeFirstOrThrow();
	return { cs1, evs2, pole };
}

const GOOD = ['origine;destination;minutes', '90001;CS-1;40', '90001;90003;25', '90003;998 389 126 00017;4,5'].join('\r\n');

function importCsv(db: Kysely<Database>, text: string, fileName: string, skipInvalid = false): Promise<ImportReport> {
	return runImport(db, { kind: 'travel_times', fileName, bytes: new TextEncoder().encode(text), actor: 'test', skipInvalid });
}

async function storedRows(db: Kysely<Database>) {
	return db.selectFrom('travel_time').select(['origin_commune', 'destination_kind', 'destination', 'minutes']).orderBy('origin_commune').orderBy('destination_kind').orderBy('destination').execute();
}

async function useMinutes(db: Kysely<Database>): Promise<void> {
	await db
		.insertInto('reference_parameter')
		.values({
			key: 'analysis.metric',
			valid_from: '2026-01-01',
			valid_until: null,
			value: JSON.stringify('minutes'),
			unit: null,
			regime: 'Décision du comité (test)',
			source: null,
			comment: null
		})
		.execute();
}

for (const dialect of testDialects()) {
	describe(`maillage import travel_times on ${dialect.kind}`, () => {
		let t: TestDb;
		let ids: { cs1: number; evs2: number; pole: number };
		beforeAll(async () => {
			t = await dialect.open();
			ids = await seed(t.db);
		});
		afterAll(() => t?.dispose());

		it('runImport(travel_times) refuses rows with pure errors, each with its line and column, and writes nothing but the import log', async () => {
			const before = await tableChecksums(t.db);
			const report = await importCsv(
				t.db,
				['origine;destination;minutes', '90001;CS-1;40', '90009;CS-1;10', '90002;CS-1;0', '90002;90003;vite', '90001;CS-1;41'].join('\n'),
				'erreurs.csv'
			);
			expect(report.status).toBe('rejected');
			expect(report.issues.map(formatIssue)).toEqual([
				'Ligne 3, colonne origine : la commune d’origine 90009 n’est pas dans la base : importez d’abord le référentiel territorial (contours des communes).',
				'Ligne 4, colonne minutes : temps de trajet « 0 » : un nombre de minutes strictement positif est attendu.',
				'Ligne 5, colonne minutes : « vite » n’est pas un nombre.',
				'Ligne 6, colonne destination : « 90001 → CS-1 » figure déjà plus haut dans le fichier (ligne 2) : chaque code ne doit apparaître qu’une fois.'
			]);
			expect(report.counts).toEqual({ read: 5, inserted: 0, updated: 0, unchanged: 0, skipped: 5 });
			expect(await tableChecksums(t.db)).toEqual(before);
			const log = await t.db.selectFrom('import_log').select(['kind', 'status']).where('id', '=', report.importLogId).executeTakeFirstOrThrow();
			expect(log).toEqual({ kind: 'travel_times', status: 'rejected' });
		});

		it('runImport(travel_times) refuses unknown destinations and one structure named by two keys, found before writing', async () => {
			const before = await tableChecksums(t.db);
			const text = ['origine;destination;minutes', '90001;CS-1;40', `90001;${ids.cs1};41`, '90002;CS-404;12', '90002;75056;12'].join('\n');
			const report = await importCsv(t.db, text, 'destinations.csv');
			expect(report.status).toBe('rejected');
			expect(report.issues.map(formatIssue)).toEqual([
				`Ligne 3, colonne destination : « 90001 → structure n° ${ids.cs1} » figure déjà plus haut dans le fichier (ligne 2) : chaque code ne doit apparaître qu’une fois.`,
				'Ligne 4, colonne destination : « CS-404 » ne désigne ni une commune de la base (code INSEE) ni une structure enregistrée (numéro de la structure dans Maillage, id du fichier des structures ou SIRET).',
				'Ligne 5, colonne destination : « 75056 » ne désigne ni une commune de la base (code INSEE) ni une structure enregistrée (numéro de la structure dans Maillage, id du fichier des structures ou SIRET).'
			]);
			expect(await tableChecksums(t.db)).toEqual(before);

			// With --skip-invalid, the valid row is written and the three others reported.
			const partial = await importCsv(t.db, text, 'destinations.csv', true);
			expect(partial.status).toBe('partial');
			expect(partial.counts).toEqual({ read: 4, inserted: 1, updated: 0, unchanged: 0, skipped: 3 });
			expect(await storedRows(t.db)).toEqual([{ origin_commune: '90001', destination_kind: 'structure', destination: String(ids.cs1), minutes: 40 }]);
			await t.db.deleteFrom('travel_time').execute();
		});

		it('runImport(travel_times) resolves communes, external ids, SIRET and Maillage numbers, upserts idempotently and audits once', async () => {
			const first = await importCsv(t.db, GOOD, 'temps.csv');
			expect(first.status, first.issues.map(formatIssue).join('\n')).toBe('accepted');
			expect(first.counts).toEqual({ read: 3, inserted: 3, updated: 0, unchanged: 0, skipped: 0 });
			expect(await storedRows(t.db)).toEqual([
				{ origin_commune: '90001', destination_kind: 'commune', destination: '90003', minutes: 25 },
				{ origin_commune: '90001', destination_kind: 'structure', destination: String(ids.cs1), minutes: 40 },
				{ origin_commune: '90003', destination_kind: 'structure', destination: String(ids.evs2), minutes: 4.5 }
			]);
			// Each row names its file; the file is listed among the sources, incomplete.
			const sources = await t.db.selectFrom('travel_time').select(['source', 'computed']).distinct().execute();
			expect(sources).toEqual([{ source: 'import:temps.csv', computed: false }]);
			const listed = await t.db.selectFrom('travel_time_source').select(['source', 'kind', 'complete', 'pairs']).execute();
			expect(listed.map((l) => ({ ...l, pairs: Number(l.pairs) }))).toEqual([{ source: 'import:temps.csv', kind: 'import', complete: false, pairs: 3 }]);
			const audits = await t.db.selectFrom('audit_log').select(['action', 'entity', 'actor']).where('import_log_id', '=', first.importLogId).execute();
			expect(audits).toEqual([{ action: 'import', entity: 'travel_times', actor: 'test' }]);

			const again = await importCsv(t.db, GOOD, 'temps.csv');
			expect(again.counts).toEqual({ read: 3, inserted: 0, updated: 0, unchanged: 3, skipped: 0 });

			// The same pair named by the structure's number in Maillage updates the row.
			const changed = await importCsv(t.db, `origine;destination;minutes\n90001;${ids.cs1};42\n`, 'temps-v2.csv');
			expect(changed.counts).toEqual({ read: 1, inserted: 0, updated: 1, unchanged: 0, skipped: 0 });
			await importCsv(t.db, GOOD, 'temps.csv');
			expect((await storedRows(t.db)).map((r) => r.minutes)).toEqual([25, 40, 4.5]);
		});

		it('loadCoverageInputs(db, date) passes the matrix with each destination kind', async () => {
			const inputs = await loadCoverageInputs(t.db, DATE);
			expect(inputs.travelTimes).toEqual([
				{ origin: '90001', destination: '90003', destinationKind: 'commune', minutes: 25, source: 'import:temps.csv' },
				{ origin: '90001', destination: String(ids.cs1), destinationKind: 'structure', minutes: 40, source: 'import:temps.csv' },
				{ origin: '90003', destination: String(ids.evs2), destinationKind: 'structure', minutes: 4.5, source: 'import:temps.csv' }
			]);
		});

		it('with km thresholds the matrix is stored but not used, and the report says so', async () => {
			const run = await runCoverageAnalysis(t.db, { date: DATE });
			const a = run.report.communes.find((c) => c.code === '90001')!;
			expect(a.covered).toBe(true); // CS 1 at 6 km ≤ 8 km
			expect(a.timeSources).toBeUndefined();
			expect(a.nearestCsKm).toBeCloseTo(6, 2);
			expect(run.report.travelTimes).toMatchObject({ metric: 'km', matrixUsed: false, rows: 3, structurePairs: 0, polePairs: 0 });
			expect(run.report.travelTimes!.text).toBe(
				'Seuils en km : la matrice de temps de trajet enregistrée (3 lignes) n’est pas utilisée (paramètre analysis.metric = km).'
			);
			// The coverage page ships the times to structures and poles anyway (its switch goes to
			// minutes), with the sources of the minutes view; the analysis in force stays in km.
			const page = await cartePage(t.db, `?date=${DATE}`);
			expect(page.metric).toBe('km');
			expect(page.inputs.travelTimes).toHaveLength(3);
			expect(page.travel!.text).toMatch(/^Seuils en minutes : matrice importée \(3 lignes\)/);
			await expect(runCoverageAnalysis(t.db, { date: DATE, radiusCsMinutes: 45 }, CLI_NAMES)).rejects.toThrow(
				'L’option --radius-cs-minutes donne un temps de trajet en minutes, mais les seuils de l’analyse au 2026-06-30 sont des distances en km (paramètre de référence « analysis.metric » = km) : utilisez l’option --radius-cs.'
			);
		});

		describe('with analysis.metric = minutes', () => {
			beforeAll(() => useMinutes(t.db));

			it('a commune 6 km from a CS but 40 minutes away by the matrix is not covered; one without matrix values uses the estimate', async () => {
				expect(ids.pole).toBe(ids.cs1); // both serials: the structure's row must not reach the pole
				const run = await runCoverageAnalysis(t.db, { date: DATE });
				const p = run.report.parameters;
				expect([p.metric, p.radiusCsMinutes, p.radiusEvsMinutes, p.isolationMinutes]).toEqual(['minutes', 15, 10, 20]);
				const byCode = Object.fromEntries(run.report.communes.map((c) => [c.code, c]));
				const a = byCode['90001'];
				expect(a.nearestCsKm).toBeCloseTo(6, 2);
				expect([a.nearestCsMinutes, a.nearestEvsMinutes, a.nearestStructureMinutes, a.nearestPoleMinutes]).toEqual([40, 25, 25, 0]);
				expect([a.covered, a.isolated, a.category]).toEqual([false, false, 'depourvue']);
				expect(a.timeSources).toEqual({ structure: 'matrix', cs: 'matrix', evs: 'matrix', pole: 'estimate' });
				expect(a.reasons.map((r) => r.text)).toEqual([
					'Centre social le plus proche (CS 1) à 40 min (6 km) > seuil de 15 min — temps importé (matrice)',
					'Espace de vie sociale le plus proche (EVS 2) à 25 min (30 km) > seuil de 10 min — temps importé (matrice)',
					'Pôle d’activités le plus proche (Bourg de A) à 0 min (0 km) ≤ seuil de 20 min — temps estimé (distance × 1,3 à 50 km/h)'
				]);

				const b = byCode['90002'];
				expect(b.nearestCsMinutes).toBeCloseTo(estimateMinutes(b.nearestCsKm!, 1.3, 50), 9);
				expect(b.nearestCsMinutes).toBeCloseTo(7.8, 2);
				expect([b.covered, b.isolated, b.category]).toEqual([true, false, 'couverte']);
				expect(b.timeSources).toEqual({ structure: 'estimate', cs: 'estimate', evs: 'estimate', pole: 'estimate' });
				expect(b.reasons[0].text).toMatch(/^Centre social le plus proche \(CS 1\) à 8 min \(5 km\) ≤ seuil de 15 min — temps estimé/);

				const c = byCode['90003'];
				expect([c.nearestEvsMinutes, c.covered, c.isolated, c.category]).toEqual([4.5, true, true, 'isolee']); // pole 30 km ≈ 47 min
				expect(c.timeSources!.evs).toBe('matrix');
				// The commune row A → C reaches the structures of C, not the pole of A.
				expect(run.report.travelTimes).toMatchObject({ metric: 'minutes', matrixUsed: true, rows: 3, structurePairs: 3, polePairs: 0, communesWithMatrix: 2, communesEstimated: 1 });
				expect(run.report.travelTimes!.text).toBe(
					'Seuils en minutes : matrice importée (3 lignes) utilisée pour 2 communes ; ailleurs, temps estimés depuis la distance à vol d’oiseau × 1,3 (détour) à 50 km/h (1 commune).'
				);
			});

			it('the coverage page ships the matrix and, per commune, where each compared time comes from', async () => {
				const page = await cartePage(t.db, `?date=${DATE}`);
				expect(page.inputs.travelTimes).toHaveLength(3);
				expect(page.travel!.sources['90001']).toEqual({ structure: 'matrix', cs: 'matrix', evs: 'matrix', pole: 'estimate' });
				expect(page.travel!.sources['90002']).toEqual({ structure: 'estimate', cs: 'estimate', evs: 'estimate', pole: 'estimate' });
				expect(page.travel!.labels).toEqual({
					matrix: 'temps importé (matrice)',
					road: 'temps par la route',
					estimate: 'temps estimé (distance × 1,3 à 50 km/h)',
					beyond: 'au-delà de la limite du calcul des temps par la route'
				});
				expect(page.travel!.text).toMatch(/^Seuils en minutes : matrice importée \(3 lignes\) utilisée pour 2 communes/);
			});

			it('thresholds are given in minutes (CLI, API, Priorités), and km thresholds are refused in French', async () => {
				const wider = await runCoverageAnalysis(t.db, { date: DATE, radiusCsMinutes: 45 }, CLI_NAMES);
				expect(wider.report.communes.find((c) => c.code === '90001')!.covered).toBe(true);
				expect(wider.report.parameters.sources.find((s) => s.option === 'radiusCsMinutes')).toMatchObject({ value: 45, origin: 'override' });

				const error = await runCoverageAnalysis(t.db, { date: DATE, radiusCsKm: 10 }, CLI_NAMES).catch((e: unknown) => e);
				expect(error).toBeInstanceOf(CoverageRequestError);
				expect((error as CoverageRequestError).exitCode).toBe(2);
				expect((error as Error).message).toBe(
					'L’option --radius-cs donne une distance en km, mais les seuils de l’analyse au 2026-06-30 sont des temps de trajet en minutes (paramètre de référence « analysis.metric » = minutes) : utilisez l’option --radius-cs-minutes.'
				);

				const api = await coverageForQuery(t.db, new URLSearchParams({ date: DATE, radiusCsMinutes: '45' }), DATE);
				expect(api.communes.find((c) => c.code === '90001')!.covered).toBe(true);
				await expect(coverageForQuery(t.db, new URLSearchParams({ date: DATE, isolation: '30' }), DATE)).rejects.toThrow(
					'Le paramètre isolation donne une distance en km, mais les seuils de l’analyse au 2026-06-30 sont des temps de trajet en minutes (paramètre de référence « analysis.metric » = minutes) : utilisez le paramètre isolationMinutes.'
				);
				await expect(coverageForQuery(t.db, new URLSearchParams({ radiusEvsMinutes: '300' }), DATE)).rejects.toThrow(
					'Le paramètre radiusEvsMinutes doit être compris entre 0 et 240 min (reçu 300).'
				);

				// Priorités reads its thresholds in the unit of the analysis (the coverage page's links).
				const priorities = await prioritiesForQuery(t.db, new URLSearchParams({ date: DATE, rayonCs: '45' }), DATE);
				expect(priorities.request).toEqual({ date: DATE, radiusCsMinutes: 45 });
				expect(priorities.all.map((r) => [r.code, r.category])).toEqual([['90003', 'isolee']]);
				const strict = await prioritiesForQuery(t.db, new URLSearchParams({ date: DATE }), DATE);
				expect(strict.all.map((r) => [r.code, r.category])).toEqual([
					['90001', 'depourvue'],
					['90003', 'isolee']
				]);
			});
		});
	});
}

describe('maillage import travel_times (CLI, PGlite folder)', () => {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'maillage-travel-times-'));
	const dataDir = path.join(dir, 'pglite');
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('maillage import travel_times <file> imports the matrix and prints the French report', async () => {
		const handle = await createDb({ databaseUrl: null, dataDir, schema: 'maillage' });
		try {
			await migrate(handle.db, handle.schema);
			await seed(handle.db);
		} finally {
			await handle.close();
		}
		const file = path.join(dir, 'temps.csv');
		writeFileSync(file, GOOD);
		const r = await runMaillage(['import', 'travel_times', file], { env: { MAILLAGE_DATA_DIR: dataDir }, timeoutMs: 60_000 });
		expect(r.code, r.stderr).toBe(0);
		expect(r.stderr).toContain('3 temps de trajet importés : 3 ajoutés, 0 modifié, 0 inchangé.');
		const help = await runMaillage(['import', '--help']);
		expect(help.stdout).toContain('travel_times');
	}, 90_000);
});
