/**
 * `maillage import <kind> <file>` end to end, on a PGlite data folder and
 * (with TEST_DATABASE_URL) a PostgreSQL schema: progress and report in French on stderr, the
 * `--json` report on stdout, exit codes (0 accepted/partial, 1 refused, 2 usage), nothing written
 * on refusal, idempotent re-imports, the CLI as the audited actor, the demo database refused.
 * The usage errors and the first import of each database run in child processes (exit statuses
 * of the real tool); the others through its entry in this process (`callMaillage`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callMaillage, runMaillage } from '../helpers/cli';
import { tableChecksums } from '../fixtures/import/checksums';
import { cliDatabases, withDb } from './import-cli-fixtures';

const FIXTURES = path.resolve('tests/fixtures/import/in');
const SARTHE = path.resolve('../shared/data/communes-2023-72-sarthe.geojson');
const sarthePresent = fs.existsSync(SARTHE);
if (!sarthePresent) console.warn(`[tests] ${SARTHE} absent : l'import CLI de la Sarthe (354 communes) est ignoré.`);

const HEADER = 'id;siret;nom;type;code_commune;latitude;longitude;mode_gestion;zone_competence;agrement_debut;agrement_fin;projet_familles';
const GOOD_1 = 'CS-101;77567013600016;Centre social du Parc;CS;86194;46,58;0,34;association;86194|86041;2023-01-01;2026-12-31;oui';
const BAD = 'X-102;;Maison pour tous;MJC;86194;46,58;0,34;association;;;;non';
const GOOD_2 = 'EVS-103;;EVS des Halles;EVS;86041;;;commune;86041;01/01/2024;31/12/2024;non';

let scratch: string;
let structuresCsv: string;
beforeAll(() => {
	scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'maillage-import-cli-'));
	structuresCsv = path.join(scratch, 'structures.csv');
	fs.writeFileSync(structuresCsv, [HEADER, GOOD_1, BAD, GOOD_2].join('\n') + '\n');
});
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe('maillage import: usage', () => {
	it('lists one command per kind in its help', async () => {
		const r = await runMaillage(['import', '--help']);
		expect(r.code).toBe(0);
		for (const kind of ['communes', 'epci', 'qpv', 'iris', 'poles', 'structures', 'indicators']) {
			expect(r.stdout).toMatch(new RegExp(`^  ${kind} +Importe`, 'm'));
		}
	});

	it('an unknown kind, a missing file or a missing argument exit 2 in French', async () => {
		const [kind, missing, none] = await Promise.all([
			runMaillage(['import', 'commune', 'x.geojson']),
			runMaillage(['import', 'communes', path.join(scratch, 'absent.geojson')], { env: { MAILLAGE_DATA_DIR: path.join(scratch, 'unused') } }),
			runMaillage(['import', 'communes'])
		]);
		expect(kind.code).toBe(2);
		expect(kind.stderr).toContain('Vouliez-vous dire « communes » ?');
		expect(missing.code).toBe(2);
		expect(missing.stderr).toContain('fichier introuvable');
		expect(none.code).toBe(2);
		expect(fs.existsSync(path.join(scratch, 'unused'))).toBe(false);
	});

	it('a file over MAILLAGE_MAX_UPLOAD_MB is refused (exit 1) before the database is opened', async () => {
		const r = await callMaillage(['import', 'communes', path.join(FIXTURES, 'communes-wgs84.geojson')], {
			env: { MAILLAGE_MAX_UPLOAD_MB: '0.001', MAILLAGE_DATA_DIR: path.join(scratch, 'unused') }
		});
		expect(r.code).toBe(1);
		expect(r.stderr).toMatch(/Erreur : Le fichier pèse .* Mo, au-delà de la limite de 0,001 Mo .*Rien n’a été écrit/);
		expect(fs.existsSync(path.join(scratch, 'unused'))).toBe(false);
	});
});

for (const target of cliDatabases('import-cli')) {
	describe(`maillage import on ${target.kind}`, () => {
		afterAll(() => target.dispose());
		const run = (args: string[], env: Record<string, string> = {}) =>
			callMaillage(['import', ...args], { env: { ...target.env, ...env }, timeoutMs: 90_000 });

		it('imports communes with French progress and report on stderr, nothing on stdout; twice changes nothing', async () => {
			const file = path.join(FIXTURES, 'communes-wgs84.geojson');
			const first = await runMaillage(['import', 'communes', file], { env: target.env, timeoutMs: 90_000 });
			expect(first.stderr).toContain('4 communes importées : 4 ajoutées, 0 modifiée, 0 inchangée.');
			expect(first.code).toBe(0);
			expect(first.stdout).toBe('');
			expect(first.stderr).toContain('Lecture du fichier…');
			expect(first.stderr).toMatch(/Vérification : 4 \/ 4 \(100 %\)/);
			expect(first.stderr).toMatch(/Écriture en base : 4 \/ 4 \(100 %\)/);
			const before = await withDb(target, tableChecksums);
			const second = await run(['communes', file, '--json']);
			expect(second.code).toBe(0);
			expect(second.stderr).toContain('4 communes importées : 0 ajoutée, 0 modifiée, 4 inchangées.');
			expect(JSON.parse(second.stdout)).toMatchObject({ status: 'accepted', counts: { read: 4, inserted: 0, unchanged: 4 } });
			const after = await withDb(target, tableChecksums);
			for (const table of Object.keys(before).filter((t) => t !== 'audit_log')) expect(after[table], table).toBe(before[table]);
		});

		it('a structures file with one bad row: exit 1, the row and column in French, nothing written', async () => {
			const before = await withDb(target, tableChecksums);
			const r = await run(['structures', structuresCsv, '--json']);
			expect(r.code).toBe(1);
			expect(r.stderr).toContain('Erreur — Ligne 3, colonne type : type « MJC » inconnu : CS (centre social) ou EVS (espace de vie sociale) attendu.');
			expect(r.stderr).toMatch(/Import refusé : rien n’a été écrit .*--skip-invalid/);
			const report = JSON.parse(r.stdout);
			expect(report.status).toBe('rejected');
			expect(report.issues.filter((i: { severity: string }) => i.severity === 'error')).toEqual([
				{
					severity: 'error',
					line: 3,
					column: 'type',
					code: 'structure-type-unknown',
					params: { value: 'MJC' },
					message: 'Ligne 3, colonne type : type « MJC » inconnu : CS (centre social) ou EVS (espace de vie sociale) attendu.'
				}
			]);
			expect(await withDb(target, tableChecksums)).toEqual(before);
			const log = await withDb(target, (db) => db.selectFrom('import_log').select(['status', 'file_name']).orderBy('id', 'desc').executeTakeFirstOrThrow());
			expect(log).toEqual({ status: 'rejected', file_name: 'structures.csv' });
		});

		it('with --skip-invalid the valid rows are written (exit 0) and the bad one reported', async () => {
			const r = await run(['structures', structuresCsv, '--skip-invalid']);
			expect(r.code).toBe(0);
			expect(r.stderr).toContain('2 structures importées : 2 ajoutées, 0 modifiée, 0 inchangée, 1 écartée — import partiel');
			expect(r.stderr).toContain('Ligne 3, colonne type');
			const rows = await withDb(target, (db) => db.selectFrom('structure').select('external_id').orderBy('external_id').execute());
			expect(rows.map((s) => s.external_id)).toEqual(['CS-101', 'EVS-103']);
		});

		it('records the command line user as the actor of every import, in import_log and audit_log', async () => {
			const { logs, audits } = await withDb(target, async (db) => ({
				logs: await db.selectFrom('import_log').select(['actor', 'user_id', 'status']).orderBy('id').execute(),
				audits: await db.selectFrom('audit_log').select(['actor', 'action', 'entity', 'import_log_id']).where('action', '=', 'import').orderBy('id').execute()
			}));
			expect(logs.map((l) => l.status)).toEqual(['accepted', 'accepted', 'rejected', 'partial']);
			const actor = `cli:${os.userInfo().username}`;
			for (const l of logs) expect(l).toMatchObject({ actor, user_id: null });
			// One audit entry per written import (the refused one wrote only its log line).
			expect(audits.map((a) => [a.actor, a.entity])).toEqual([
				[actor, 'communes'],
				[actor, 'communes'],
				[actor, 'structures']
			]);
		});

		it.skipIf(!sarthePresent)('imports the Sarthe: 354 communes; running it twice leaves 354', async () => {
			// The database's territory of work is the Vienne of the first test: --tout keeps the Sarthe too.
			const first = await run(['communes', SARTHE, '--tout']);
			expect(first.code).toBe(0);
			expect(first.stderr).toContain('354 communes importées : 354 ajoutées');
			const second = await run(['communes', SARTHE, '--tout']);
			expect(second.code).toBe(0);
			expect(second.stderr).toContain('354 communes importées : 0 ajoutée, 0 modifiée, 354 inchangées.');
			const n = await withDb(target, (db) =>
				db.selectFrom('commune').select((eb) => eb.fn.countAll<number>().as('n')).where('departement_code', '=', '72').executeTakeFirstOrThrow()
			);
			expect(Number(n.n)).toBe(354);
		});

		it('refuses to import into the demo database, telling to run « db reset --yes »', async () => {
			expect((await callMaillage(['db', 'reset', '--yes'], { env: target.env, timeoutMs: 90_000 })).code).toBe(0);
			expect((await callMaillage(['db', 'seed-demo'], { env: target.env, timeoutMs: 120_000 })).code).toBe(0);
			const before = await withDb(target, tableChecksums);
			const r = await run(['communes', path.join(FIXTURES, 'communes-wgs84.geojson')]);
			expect(r.code).toBe(1);
			expect(r.stderr).toContain('département fictif de démonstration');
			// « npm run maillage -- db reset --yes »; the word maillage may be blanked when it is also the test password.
			expect(r.stderr).toMatch(/« npm run \S+ -- db reset --yes »/);
			expect(await withDb(target, tableChecksums)).toEqual(before);
		});
	});
}
