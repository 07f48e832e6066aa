/**
 * `maillage analyze coverage` (usage errors in child processes, the rest through the tool's entry in this process: `callMaillage`) on the seeded demo (300 communes), on every test
 * dialect, and `/api/coverage` (its shared function and its route handler) giving the same JSON
 * for the same parameters.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callMaillage, runMaillage, type CliResult } from '../helpers/cli';
import { testDatabaseUrl } from '../helpers/db';
import { createDb, type DbHandle } from '../../src/lib/server/db/index';
import { migrate } from '../../src/lib/server/db/migrate';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { coverageForQuery } from '../../src/lib/server/coverage/api';
import type { CoverageReport } from '../../src/lib/server/coverage/report';
import { COVERAGE_CATEGORIES } from '../../src/lib/analysis';
import { GET } from '../../src/routes/api/coverage/+server';

const DATE = '2026-06-30';
const COMMUNE_KEYS = [
	'code',
	'name',
	'population',
	'covered',
	'isolated',
	'reinforce',
	'category',
	'nearestStructureKm',
	'nearestStructureId',
	'nearestCsKm',
	'nearestEvsKm',
	'nearestPoleKm',
	'accessibility',
	'reasons'
];

function report(result: CliResult): CoverageReport {
	expect(result.code, result.stderr).toBe(0);
	return JSON.parse(result.stdout) as CoverageReport;
}

/** The report without its timing (the only part that differs between two runs). */
function withoutTimings(r: CoverageReport): Omit<CoverageReport, 'timings'> {
	const { timings, ...rest } = r;
	expect(timings.analysisMs).toBeGreaterThanOrEqual(0);
	return JSON.parse(JSON.stringify(rest));
}

interface Target {
	kind: 'pglite' | 'postgres';
	env: Record<string, string | undefined>;
	open(): Promise<DbHandle>;
	cleanup(): Promise<void>;
}

function pgliteTarget(): Target {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'maillage-coverage-cli-'));
	const dataDir = path.join(dir, 'pglite');
	return {
		kind: 'pglite',
		env: { MAILLAGE_DATA_DIR: dataDir },
		open: () => createDb({ databaseUrl: null, dataDir, schema: 'maillage' }),
		cleanup: async () => rmSync(dir, { recursive: true, force: true })
	};
}

function postgresTarget(url: string): Target {
	const schema = `test_cov_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
	return {
		kind: 'postgres',
		env: { DATABASE_URL: url, MAILLAGE_DB_SCHEMA: schema },
		open: () => createDb({ databaseUrl: url, dataDir: 'memory://', schema }),
		async cleanup() {
			const h = await createDb({ databaseUrl: url, dataDir: 'memory://', schema });
			await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(h.db);
			await h.close();
		}
	};
}

const targets = [pgliteTarget(), ...(testDatabaseUrl ? [postgresTarget(testDatabaseUrl)] : [])];

describe('maillage analyze coverage: usage errors', () => {
	it('analyze coverage with a bad threshold or date exits 2 with a French message, before opening any database', async () => {
		const [radius, date, unknown] = await Promise.all([
			runMaillage(['analyze', 'coverage', '--radius-cs', '500'], { env: { MAILLAGE_DATA_DIR: '/nonexistent/never' } }),
			runMaillage(['analyze', 'coverage', '--date', '2026-13-01'], { env: { MAILLAGE_DATA_DIR: '/nonexistent/never' } }),
			runMaillage(['analyze', 'coverage', '--rayon', '5'])
		]);
		expect(radius.code).toBe(2);
		expect(radius.stderr).toContain('L’option --radius-cs doit être compris entre 0 et 200 km (reçu 500).');
		expect(radius.stdout).toBe('');
		expect(date.code).toBe(2);
		expect(date.stderr).toContain('L’option --date attend une date réelle au format AAAA-MM-JJ (reçu « 2026-13-01 »).');
		expect(unknown.code).toBe(2);
		expect(unknown.stderr).toContain('Option inconnue : --rayon');
	});

	it('analyze coverage --help documents the options', async () => {
		const r = await runMaillage(['analyze', 'coverage', '--help']);
		expect(r.code).toBe(0);
		for (const flag of ['--json', '--radius-cs', '--radius-evs', '--isolation', '--date']) expect(r.stdout).toContain(flag);
	});
});

for (const target of targets) {
	describe(`maillage analyze coverage on the demo (${target.kind})`, () => {
		let defaults: CoverageReport;
		let overridden: CoverageReport;
		let overriddenStderr = '';

		beforeAll(async () => {
			const handle = await target.open();
			try {
				await migrate(handle.db, handle.schema);
				await seedDemo(handle.db, { referenceDate: DATE });
			} finally {
				await handle.close();
			}
			// One at a time: a PGlite folder serves one process.
			defaults = report(await callMaillage(['analyze', 'coverage', '--json', '--date', DATE], { env: target.env, timeoutMs: 60_000 }));
			const r = await callMaillage(['analyze', 'coverage', '--json', '--date', DATE, '--radius-cs', '12', '--radius-evs', '6,5', '--isolation', '25'], {
				env: target.env,
				timeoutMs: 60_000
			});
			overridden = report(r);
			overriddenStderr = r.stderr;
		}, 180_000);
		afterAll(() => target.cleanup());

		it('--json prints exactly { parameters, summary, timings, communes } with 300 communes of the documented shape', () => {
			expect(Object.keys(defaults)).toEqual(['parameters', 'summary', 'timings', 'communes']);
			expect(Object.keys(defaults.timings)).toEqual(['analysisMs']);
			expect(defaults.communes).toHaveLength(300);
			for (const c of defaults.communes) {
				expect(Object.keys(c)).toEqual(COMMUNE_KEYS);
				expect(COVERAGE_CATEGORIES).toContain(c.category);
				expect(c.reasons.length).toBeGreaterThan(0);
				for (const r of c.reasons) expect(Object.keys(r)).toEqual(['code', 'params', 'text']);
				if (c.nearestCsKm !== null) expect(typeof c.nearestCsKm).toBe('number');
			}
			expect(defaults.summary.communes).toBe(300);
			expect(COVERAGE_CATEGORIES.reduce((n, k) => n + defaults.summary.categories[k].communes, 0)).toBe(300);
			expect(defaults.parameters.date).toBe(DATE);
		});

		it('parameters come from the reference data in force, each with its regime', () => {
			const p = defaults.parameters;
			expect([p.radiusCsKm, p.radiusEvsKm, p.isolationKm, p.catchmentKm]).toEqual([8, 5, 15, 20]);
			const cs = p.sources.find((s) => s.option === 'radiusCsKm')!;
			expect(cs).toMatchObject({ key: 'analysis.radius_cs_km', origin: 'reference', regime: 'Paramètre départemental (valeur par défaut)', validFrom: '2012-01-01' });
		});

		it('--radius-cs, --radius-evs and --isolation override the parameters, and coverage follows', () => {
			const p = overridden.parameters;
			expect([p.radiusCsKm, p.radiusEvsKm, p.isolationKm]).toEqual([12, 6.5, 25]);
			for (const option of ['radiusCsKm', 'radiusEvsKm', 'isolationKm']) {
				expect(p.sources.find((s) => s.option === option)).toMatchObject({ origin: 'override', regime: 'Valeur choisie pour cette analyse' });
			}
			// Larger radii never uncover a commune; a larger isolation threshold never isolates one more.
			const before = new Map(defaults.communes.map((c) => [c.code, c]));
			for (const c of overridden.communes) {
				if (before.get(c.code)!.covered) expect(c.covered, c.code).toBe(true);
				if (c.isolated) expect(before.get(c.code)!.isolated, c.code).toBe(true);
			}
			expect(overridden.summary.covered.population).toBeGreaterThan(defaults.summary.covered.population);
			expect(overriddenStderr).toContain('Rayon d’un centre social : 12 km — Valeur choisie pour cette analyse');
			expect(overriddenStderr).toMatch(/Population couverte : \d+/);
		});

		it('/api/coverage gives the same JSON as the CLI for the same parameters (shared function and route handler)', async () => {
			const handle = await target.open();
			try {
				const query = new URLSearchParams({ date: DATE, radiusCs: '12', radiusEvs: '6,5', isolation: '25' });
				const api = await coverageForQuery(handle.db, query, '2000-01-01');
				expect(withoutTimings(api)).toEqual(withoutTimings(overridden));

				const event = (q: string) => ({ locals: { db: handle.db }, url: new URL(`http://localhost/api/coverage?${q}`) }) as unknown as Parameters<typeof GET>[0];
				const response = await GET(event(`date=${DATE}`));
				expect(response.status).toBe(200);
				expect(withoutTimings((await response.json()) as CoverageReport)).toEqual(withoutTimings(defaults));

				const bad = await GET(event('radiusCs=-3'));
				expect(bad.status).toBe(400);
				expect(await bad.json()).toEqual({ message: 'Le paramètre radiusCs doit être compris entre 0 et 200 km (reçu -3).' });
				const unknown = await GET(event('rayon=3'));
				expect(unknown.status).toBe(400);
				expect(((await unknown.json()) as { message: string }).message).toMatch(/^Paramètre inconnu : « rayon »/);
			} finally {
				await handle.close();
			}
		});
	});
}
