/**
 * Killing the CLI in the middle of an import's write phase leaves the database exactly as it was:
 * a generated France-sized file (real codes, invented squares) is imported into a PGlite data
 * folder and a PostgreSQL schema; SIGKILL arrives once stderr shows rows being written; after
 * the lock is found stale, every table's row count and checksum equal the ones before, and the
 * database takes the next import normally. The imports around the killed one go through the
 * tool's entry in this process (`callMaillage`); the killed one is a real child process.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callMaillage, repoRoot } from '../helpers/cli';
import { tableChecksums } from '../fixtures/import/checksums';
import { cliDatabases, generatedCommunesGeoJson, officialCommunes, withDb } from './import-cli-fixtures';

const SMALL = path.resolve('tests/fixtures/import/in/communes-wgs84.geojson');
let scratch: string;
let bigFile: string;
let bigCount: number;

beforeAll(() => {
	scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'maillage-kill-'));
	bigFile = path.join(scratch, 'communes-generees.geojson');
	// Every metropolitan commune but the four of the small file (so its rows are not touched by the big one).
	const communes = officialCommunes().filter((c) => !c.code.startsWith('97') && !['86194', '86041', '86062', '86214'].includes(c.code));
	bigCount = Math.min(communes.length, 15_000);
	fs.writeFileSync(bigFile, generatedCommunesGeoJson({ communes, count: bigCount, bbox: [-4.5, 42.5, 7.5, 50.5], verticesPerSide: 4 }));
});
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/**
 * Runs `maillage import communes <file> --tout` (every commune written, beyond the territory set by
 * the first import: a long write) and SIGKILLs it once stderr shows written rows.
 */
function importAndKillDuringWrite(env: Record<string, string>, file: string): Promise<{ killedAt: string; stderr: string; signal: string | null }> {
	const childEnv: NodeJS.ProcessEnv = { ...process.env };
	for (const name of ['DATABASE_URL', 'MAILLAGE_DATA_DIR', 'MAILLAGE_DB_SCHEMA']) delete childEnv[name];
	Object.assign(childEnv, env);
	// The project's Node directly, so the pid we kill is the one holding the database.
	const node = path.join(repoRoot, 'node_modules', '.bin', 'node');
	const child = spawn(fs.existsSync(node) ? node : process.execPath, [path.join(repoRoot, 'scripts', 'maillage.mjs'), 'import', 'communes', file, '--tout'], {
		cwd: repoRoot,
		env: childEnv,
		stdio: ['ignore', 'ignore', 'pipe']
	});
	let stderr = '';
	let killedAt = '';
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`no write progress seen within 120 s:\n${stderr}`));
		}, 120_000);
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
			stderr += chunk;
			const match = /Écriture en base : ([\d\s\u202f]+) \/ ([\d\s\u202f]+)/g;
			for (const m of stderr.matchAll(match)) {
				const done = Number(m[1].replace(/\D/g, ''));
				const total = Number(m[2].replace(/\D/g, ''));
				if (!killedAt && done > 0 && done < total) {
					killedAt = m[0];
					child.kill('SIGKILL');
				}
			}
		});
		child.on('error', reject);
		child.on('close', (_code, signal) => {
			clearTimeout(timer);
			resolve({ killedAt, stderr, signal });
		});
	});
}

for (const target of cliDatabases('kill')) {
	describe(`SIGKILL during an import on ${target.kind}`, () => {
		afterAll(() => target.dispose());

		it('leaves every table exactly as before, then takes the next import normally', async () => {
			const seeded = await callMaillage(['import', 'communes', SMALL], { env: target.env, timeoutMs: 90_000 });
			expect(seeded.code, seeded.stderr).toBe(0);
			const before = await withDb(target, async (db) => ({
				checksums: await tableChecksums(db),
				logs: (await db.selectFrom('import_log').select('id').execute()).length
			}));

			const killed = await importAndKillDuringWrite(target.env, bigFile);
			expect(killed.signal, killed.stderr).toBe('SIGKILL');
			expect(killed.killedAt).toMatch(/Écriture en base/);
			expect(killed.stderr).not.toMatch(/communes importées/);

			if (target.kind === 'pglite') {
				// The dead process's lock is still there: stale, it is taken over by the next opener.
				const lock = JSON.parse(fs.readFileSync(`${target.env.MAILLAGE_DATA_DIR}.lock`, 'utf8')) as { pid: number };
				expect(() => process.kill(lock.pid, 0)).toThrow();
			}
			const after = await withDb(target, async (db) => ({
				checksums: await tableChecksums(db),
				logs: (await db.selectFrom('import_log').select('id').execute()).length
			}));
			expect(after).toEqual(before);

			const again = await callMaillage(['import', 'communes', SMALL], { env: target.env, timeoutMs: 90_000 });
			expect(again.code, again.stderr).toBe(0);
			expect(again.stderr).toContain('4 communes importées : 0 ajoutée, 0 modifiée, 4 inchangées.');
		}, 300_000);
	});
}

describe('the generated file of this test', () => {
	it('holds more than 10,000 communes with real codes, one feature each', () => {
		const text = fs.readFileSync(bigFile, 'utf8');
		const parsed = JSON.parse(text) as { features: { id: string }[] };
		expect(parsed.features).toHaveLength(bigCount);
		expect(bigCount).toBeGreaterThan(10_000);
	});
});
