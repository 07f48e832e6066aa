/**
 * The Administration › Import form without JavaScript (`?/importer`, multipart): the same import,
 * its report in French, and the refusals (demo database, no file, unknown kind).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects, type TestDb } from '../../../../tests/helpers/db';
import { actions } from './+page.server';
import { actions as fundingActions } from '../../financements/import/+page.server';
import { IMPORT_BUSY_MESSAGE, finishImport, tryStartImport } from '$lib/server/import/slot';

const AGENT = { id: 0, role: 'agent', partnerId: null, email: 'agent@caf.test', displayName: 'Agent', partnerName: null };

for (const dialect of testDialects()) {
	describe(`Administration › Import form action on ${dialect.kind}`, () => {
		let t: TestDb;
		let userId = 0;
		beforeAll(async () => {
			t = await dialect.open();
			userId = (await t.db.insertInto('app_user').values({ email: AGENT.email, display_name: 'Agent', role: 'agent', password_hash: 'x' }).returning('id').executeTakeFirstOrThrow()).id;
		});
		afterAll(() => t?.dispose());

		function submit(fields: Record<string, string | File>, dataset: 'demo' | null = null) {
			const form = new FormData();
			for (const [k, v] of Object.entries(fields)) form.set(k, v);
			const request = new Request('http://app.test/administration/import?/importer', { method: 'POST', body: form });
			const locals = { db: t.db, dataset, user: { ...AGENT, id: userId }, sessionToken: null };
			return actions.importer({ request, locals } as unknown as Parameters<typeof actions.importer>[0]);
		}
		const file = () => new File([fs.readFileSync(path.resolve('tests/fixtures/import/in/communes-wgs84.geojson'))], 'communes.geojson');

		it('imports the uploaded file and returns the report, the user as actor', async () => {
			const result = (await submit({ kind: 'communes', fichier: file() })) as { report: { status: string; counts: { inserted: number }; importLogId: number } };
			expect(result.report).toMatchObject({ status: 'accepted', counts: { inserted: 4 } });
			const log = await t.db.selectFrom('import_log').select(['actor', 'user_id', 'file_name']).where('id', '=', result.report.importLogId).executeTakeFirstOrThrow();
			expect(log).toEqual({ actor: AGENT.email, user_id: userId, file_name: 'communes.geojson' });
		});

		it('refuses in French: demo database (409), no file or unknown kind (400)', async () => {
			expect(await submit({ kind: 'communes', fichier: file() }, 'demo')).toMatchObject({ status: 409, data: { message: expect.stringMatching(/db reset --yes/) } });
			expect(await submit({ kind: 'communes' })).toMatchObject({ status: 400, data: { message: 'Choisissez un fichier à importer.' } });
			expect(await submit({ kind: 'routes', fichier: file() })).toMatchObject({ status: 400, data: { message: 'Choisissez le type de données à importer.' } });
		});

		it('one import at a time per server: data and funding imports answer 409 in French while one runs', async () => {
			expect(tryStartImport()).toBe(true);
			try {
				expect(await submit({ kind: 'communes', fichier: file() })).toMatchObject({ status: 409, data: { message: IMPORT_BUSY_MESSAGE } });
				const form = new FormData();
				form.set('fichier', new File(['structure;financeur\n'], 'financements.csv'));
				const request = new Request('http://app.test/financements/import', { method: 'POST', body: form });
				const locals = { db: t.db, dataset: null, user: { ...AGENT, id: userId }, sessionToken: null };
				expect(await fundingActions.default({ request, locals } as unknown as Parameters<typeof fundingActions.default>[0])).toMatchObject({
					status: 409,
					data: { message: IMPORT_BUSY_MESSAGE }
				});
			} finally {
				finishImport();
			}
		});
	});
}
