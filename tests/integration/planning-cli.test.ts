/**
 * `maillage plan sites` through the tool's entry (`callMaillage`, in this process), on the seeded demo département: PGlite always,
 * PostgreSQL when TEST_DATABASE_URL is set. The JSON is checked against the same computation done
 * in-process on the same base, and against the engine (the sites added as a scenario cover exactly
 * the announced inhabitants); `--scenario` plans on top of a saved scenario.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCoverageContext } from '../../src/lib/analysis';
import { isoDateInParis } from '../../src/lib/format';
import { addSites, createScenarioBase, evaluateScenario, recommendSites } from '../../src/lib/planning';
import { createDb, type DbHandle } from '../../src/lib/server/db/index';
import * as scenarios from '../../src/lib/server/db/scenarios';
import { callMaillage } from '../helpers/cli';
import { testDatabaseUrl } from '../helpers/db';

interface PlanJson {
	parameters: { mode: string; type: string; k: number | null; targetShare: number | null; candidates: number; scenario: number | null; radius: number; unit: string };
	baseline: { population: number; coveredPopulation: number; shareCovered: number };
	sites: { code: string; name: string; lon: number; lat: number; communeCode: string; newlyCoveredPopulation: number; communes: string[]; explanation: string[] }[];
	totals: { sites: number; newlyCoveredPopulation: number; coveredPopulation: number; shareCovered: number; reached: boolean | null };
	timings: Record<string, number>;
}

function parse(r: { code: number | null; stdout: string; stderr: string }): PlanJson {
	expect(r.code, r.stderr).toBe(0);
	return JSON.parse(r.stdout) as PlanJson;
}

interface Target {
	label: string;
	env: Record<string, string>;
	open: () => Promise<DbHandle>;
	cleanup: () => Promise<void>;
}

const targets: Target[] = [];
{
	const tmp = mkdtempSync(path.join(os.tmpdir(), 'maillage-plan-'));
	const dataDir = path.join(tmp, 'pglite');
	targets.push({
		label: 'PGlite',
		env: { MAILLAGE_DATA_DIR: dataDir },
		open: () => createDb({ databaseUrl: null, dataDir, schema: 'maillage' }),
		cleanup: async () => rmSync(tmp, { recursive: true, force: true })
	});
}
if (testDatabaseUrl) {
	const schema = `plan_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
	targets.push({
		label: 'PostgreSQL',
		env: { DATABASE_URL: testDatabaseUrl, MAILLAGE_DB_SCHEMA: schema },
		open: () => createDb({ databaseUrl: testDatabaseUrl, dataDir: 'memory://', schema }),
		cleanup: async () => {
			const admin = await createDb({ databaseUrl: testDatabaseUrl, dataDir: 'memory://', schema });
			await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(admin.db);
			await admin.close();
		}
	});
} else console.warn('[tests] TEST_DATABASE_URL absent : la partie PostgreSQL de planning-cli.test.ts est ignorée.');

for (const target of targets) {
	describe(`maillage plan sites on ${target.label}`, () => {
		const run = (...args: string[]) => callMaillage(args, { env: target.env, timeoutMs: 90_000 });
		beforeAll(async () => {
			const migrate = await run('db', 'migrate');
			expect(migrate.code, migrate.stderr).toBe(0);
			const seed = await run('db', 'seed-demo');
			expect(seed.code, seed.stderr).toBe(0);
		}, 120_000);
		afterAll(() => target.cleanup());

		it('plan sites --k 3 --type EVS --json prints { parameters, baseline, sites, totals, timings }, equal to the in-process computation', async () => {
			const r = await run('plan', 'sites', '--k', '3', '--type', 'EVS', '--json');
			const out = parse(r);
			expect(Object.keys(out)).toEqual(['parameters', 'baseline', 'sites', 'totals', 'timings']);
			expect(out.parameters).toMatchObject({ mode: 'mclp', type: 'EVS', k: 3, candidates: 300, scenario: null, unit: 'km' });
			expect(out.sites).toHaveLength(3);
			for (const site of out.sites) {
				expect(site).toMatchObject({ code: expect.any(String), name: expect.any(String), lon: expect.any(Number), lat: expect.any(Number) });
				expect(site.communes.length).toBeGreaterThan(0);
				expect(site.explanation[0]).toContain('couvrirait');
			}
			expect(out.sites.reduce((s, x) => s + x.newlyCoveredPopulation, 0)).toBe(out.totals.newlyCoveredPopulation);
			expect(out.totals.coveredPopulation).toBe(out.baseline.coveredPopulation + out.totals.newlyCoveredPopulation);
			expect(out.timings.totalMs).toBeGreaterThan(0);
			// Human summary on stderr, in French.
			expect(r.stderr).toContain('Proposition : 3 sites pour de nouveaux EVS');
			expect(r.stderr).toMatch(/Total : \+[\d\u202f]+ habitants/);

			// The same computation in-process, on the same base (the CLI has released it).
			const handle = await target.open();
			try {
				const data = await scenarios.loadPlanningData(handle.db, isoDateInParis(new Date()));
				const context = buildCoverageContext(data.inputs, data.options);
				const base = createScenarioBase(context, data.inputs.structures);
				const rec = recommendSites(base, base.current, { type: 'EVS', k: 3 });
				expect(out.sites.map((s) => s.code)).toEqual(rec.sites.map((s) => s.code));
				expect(out.baseline.coveredPopulation).toBe(base.current.figures.covered.population);
				// The engine agrees: those sites, as a scenario, cover exactly what was announced.
				const scenario = evaluateScenario(base, addSites([], 'EVS', out.sites));
				expect(scenario.figures.covered.population).toBe(out.totals.coveredPopulation);
				// Saved as a scenario, then planned on top of.
				const saved = await scenarios.create(handle.db, { userId: null, label: 'test' }, { name: 'Trois EVS', changes: addSites([], 'EVS', out.sites) });
				await handle.close();
				const next = parse(await run('plan', 'sites', '--k', '1', '--type', 'CS', '--scenario', String(saved.id), '--json'));
				expect(next.parameters.scenario).toBe(saved.id);
				expect(next.baseline.coveredPopulation).toBe(out.totals.coveredPopulation);
			} finally {
				await handle.close().catch(() => undefined);
			}
		}, 120_000);

		it('plan sites --target-share gives the fewest sites reaching the share; bad options exit 2 in French', async () => {
			const first = parse(await run('plan', 'sites', '--k', '1', '--json'));
			const target = Math.ceil(first.baseline.shareCovered * 100) + 4;
			const out = parse(await run('plan', 'sites', '--target-share', String(target), '--type', 'CS', '--only', 'depourvue', '--json'));
			expect(out.parameters).toMatchObject({ mode: 'lscp', type: 'CS', k: null, targetShare: target / 100 });
			expect(out.totals.reached).toBe(true);
			expect(out.totals.shareCovered).toBeGreaterThanOrEqual(target / 100);
			const both = await run('plan', 'sites', '--k', '2', '--target-share', '90');
			expect(both.code).toBe(2);
			expect(both.stderr).toContain('Indiquez soit un nombre de sites, soit une part de population à couvrir, pas les deux.');
			expect(both.stdout).toBe('');
			const badType = await run('plan', 'sites', '--k', '2', '--type', 'MJC');
			expect(badType.code).toBe(2);
			expect(badType.stderr).toContain('Type de structure inconnu « MJC »');
			const missing = await run('plan', 'sites', '--k', '1', '--scenario', '99999');
			expect(missing.code).toBe(1);
			expect(missing.stderr).toContain('Scénario n° 99999 introuvable.');
		}, 120_000);
	});
}
