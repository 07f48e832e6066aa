/**
 * Issue 13 §2: ZFRR membership as a dated list of communes, on generated data (no ZFRR file ships):
 * `runZonageImport` on both databases (territory communes kept, others set aside, idempotent, a
 * later list closes the communes it drops, errors refuse everything) and the real command
 * `maillage import zonage-communes <fichier> --zonage zfrr --depuis AAAA-MM-JJ` once; then the
 * priority views and the recommended-sites weight « population des QPV et des ZFRR ».
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects, type TestDb } from '../helpers/db';
import { suiteDatabase } from '../helpers/suite-db';
import { runMaillage } from '../helpers/cli';
import { createDb } from '../../src/lib/server/db/index';
import { migrate } from '../../src/lib/server/db/migrate';
import { runZonageImport } from '../../src/lib/server/import/zonage-communes';
import * as zonages from '../../src/lib/server/db/zonages';
import { prioritiesForQuery } from '../../src/lib/server/coverage/priorities-query';
import * as scenarios from '../../src/lib/server/db/scenarios';

const csv = (codes: string[]) => new TextEncoder().encode(`\ufeffcode_commune;nom\n${codes.map((c) => `${c};Commune ${c}`).join('\n')}\n`);
const actor = 'test';

/** Eight communes on a line; a CS at the first one; commune 8 far east, alone. */
async function territory(db: TestDb['db']): Promise<void> {
	await db
		.insertInto('commune')
		.values(Array.from({ length: 8 }, (_, k) => ({ code: `0100${k + 1}`, name: `Commune ${k + 1}`, departement_code: '01', population: 1000 * (k + 1), ref_lon: 5 + 0.12 * k, ref_lat: 46 })))
		.execute();
	await db.insertInto('structure').values({ name: 'Centre social', type: 'CS', commune_code: '01001', lon: 5, lat: 46, specificities: JSON.stringify([]) }).execute();
}

for (const dialect of testDialects()) {
	describe(`ZFRR lists on ${dialect.kind}`, () => {
		const t = suiteDatabase(dialect);
		beforeAll(async () => {
			await territory(t.db);
		});

		it('keeps the communes of the territory, sets the others aside, and re-importing changes nothing', async () => {
			const report = await runZonageImport(t.db, { zonage: 'zfrr', since: '2024-07-01', fileName: 'zfrr.csv', bytes: csv(['01006', '01007', '1008', '99999', '01006']), actor });
			expect(report.status).toBe('accepted');
			expect(report.counts).toEqual({ read: 5, kept: 3, outside: 1, added: 3, closed: 0, unchanged: 0 });
			expect(report.issues.map((i) => i.code).sort()).toEqual(['insee-leading-zero-restored', 'zonage-commune-duplicate', 'zonage-commune-outside']);
			expect([...(await zonages.communesOn(t.db, 'zfrr', '2024-07-01'))].sort()).toEqual(['01006', '01007', '01008']);
			expect((await zonages.communesOn(t.db, 'zfrr', '2024-06-30')).size).toBe(0);
			const again = await runZonageImport(t.db, { zonage: 'zfrr', since: '2024-07-01', fileName: 'zfrr.csv', bytes: csv(['01006', '01007', '1008', '99999', '01006']), actor });
			expect(again.counts).toMatchObject({ added: 0, closed: 0, unchanged: 3 });
		});

		it('a later list closes the communes it drops the day before, keeps the others', async () => {
			const report = await runZonageImport(t.db, { zonage: 'zfrr', since: '2026-01-01', fileName: 'zfrr-2026.csv', bytes: csv(['01007', '01008', '01005']), actor });
			expect(report.counts).toMatchObject({ kept: 3, added: 1, closed: 1, unchanged: 2 });
			expect([...(await zonages.communesOn(t.db, 'zfrr', '2025-12-31'))].sort()).toEqual(['01006', '01007', '01008']);
			expect([...(await zonages.communesOn(t.db, 'zfrr', '2026-01-01'))].sort()).toEqual(['01005', '01007', '01008']);
			expect((await zonages.lists(t.db, 'zfrr')).map((l) => [l.validFrom, l.communes])).toEqual([
				['2026-01-01', 1],
				['2024-07-01', 3]
			]);
			// An older list after a newer one is refused.
			const older = await runZonageImport(t.db, { zonage: 'zfrr', since: '2025-01-01', fileName: 'old.csv', bytes: csv(['01001']), actor });
			expect(older.status).toBe('rejected');
			expect(older.issues.map((i) => i.code)).toContain('zonage-later-list');
		});

		it('a malformed code refuses the whole list, naming its line', async () => {
			const report = await runZonageImport(t.db, { zonage: 'zfrr', since: '2027-01-01', fileName: 'bad.csv', bytes: csv(['01001', 'ABCDEFG']), actor });
			expect(report.status).toBe('rejected');
			expect(report.issues.find((i) => i.severity === 'error')).toMatchObject({ code: 'insee-invalid', line: 3 });
			expect((await zonages.communesOn(t.db, 'zfrr', '2027-01-01')).has('01001')).toBe(false);
		});

		it('the priority view flags ZFRR communes, and from 2027 states the orientation of the 2025 cadre', async () => {
			const q = new URLSearchParams({ date: '2026-06-30', zonage: 'prioritaire' });
			const view = await prioritiesForQuery(t.db, q, '2026-06-30');
			expect(view.orientation).toBeNull();
			expect(view.rows.map((r) => [r.code, r.zfrr])).toEqual([
				['01008', true],
				['01007', true],
				['01005', true]
			]);
			const later = await prioritiesForQuery(t.db, new URLSearchParams({ date: '2027-03-01' }), '2027-03-01');
			expect(later.orientation).toMatchObject({ zonages: ['qpv', 'zfrr'], regime: 'Circulaire Cnaf du 18 décembre 2025' });
		});

		it('the « population des QPV et ZFRR » weight places the EVS where the ZFRR population is', async () => {
			const population = await scenarios.planSites(t.db, '2026-06-30', { type: 'EVS', k: 1, weight: 'population' });
			const priority = await scenarios.planSites(t.db, '2026-06-30', { type: 'EVS', k: 1, weight: 'priority' });
			// By inhabitants the largest uncovered commune wins (8 000 at commune 8, alone); in the ZFRR too: both pick it.
			expect(population.recommendation.sites[0].code).toBe('01008');
			expect(priority.recommendation.parameters.weight).toBe('priority');
			// Without commune 8 in the ZFRR list, the ZFRR communes 5 and 7 pull the site.
			await t.db.deleteFrom('zonage_commune').where('commune_code', '=', '01008').execute();
			const moved = await scenarios.planSites(t.db, '2026-06-30', { type: 'EVS', k: 1, weight: 'priority' });
			expect(['01005', '01006', '01007']).toContain(moved.recommendation.sites[0].code);
		});
	});
}

describe('maillage import zonage-communes (CLI)', () => {
	let dir: string;
	let env: Record<string, string>;
	beforeAll(async () => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'maillage-zonage-cli-'));
		env = { MAILLAGE_DATA_DIR: path.join(dir, 'pglite') };
		const handle = await createDb({ databaseUrl: null, dataDir: env.MAILLAGE_DATA_DIR, schema: 'maillage' });
		try {
			await migrate(handle.db, handle.schema);
			await territory(handle.db);
		} finally {
			await handle.close();
		}
	}, 120_000);
	afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

	it('imports a list with --zonage zfrr --depuis, says what it kept and set aside; a bad date is a usage error', async () => {
		const file = path.join(dir, 'zfrr.csv');
		fs.writeFileSync(file, csv(['01006', '01007', '99999']));
		const result = await runMaillage(['import', 'zonage-communes', file, '--zonage', 'zfrr', '--depuis', '2024-07-01', '--json'], { env, timeoutMs: 110_000 });
		expect(result.code).toBe(0);
		expect(JSON.parse(result.stdout)).toMatchObject({ status: 'accepted', counts: { kept: 2, outside: 1, added: 2 } });
		expect(result.stderr).toContain('Zones France ruralités revitalisation (ZFRR) au 2024-07-01 : 2 communes du territoire');
		expect(result.stderr).toContain('commune « 99999 » absente de la base (hors du territoire chargé) : écartée.');
		const usage = await runMaillage(['import', 'zonage-communes', file, '--zonage', 'zfrr', '--depuis', '01/07/2024'], { env, timeoutMs: 110_000 });
		expect(usage.code).toBe(2);
		expect(usage.stderr).toContain('--depuis attend une date AAAA-MM-JJ');
	}, 240_000);
});
