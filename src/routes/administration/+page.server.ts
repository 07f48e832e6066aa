import type { PageServerLoad } from './$types';
import { appDb } from '$lib/server/app-db';
import * as admin from '$lib/server/db/admin';

/** The import pages are optional: link to them only when the app has them. */
const hasImportPage = Object.keys(import.meta.glob('./import/+page.svelte')).length > 0;

export const load: PageServerLoad = async ({ locals }) => {
	const handle = await appDb();
	const [migrations, counts] = await Promise.all([admin.appliedMigrations(locals.db), admin.tableCounts(locals.db)]);
	return {
		database: { kind: handle.kind, location: handle.location, schema: handle.schema },
		dataset: locals.dataset,
		migrations,
		counts,
		hasImportPage
	};
};
