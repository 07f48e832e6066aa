import type { PageServerLoad } from './$types';
import { appDb } from '$lib/server/app-db';
import * as admin from '$lib/server/db/admin';
import { delayedPairs } from '$lib/server/auth/login-throttle';

/** The import pages are optional: link to them only when the app has them. */
const hasImportPage = Object.keys(import.meta.glob('./import/+page.svelte')).length > 0;

export const load: PageServerLoad = async ({ locals }) => {
	const handle = await appDb();
	const [migrations, counts, signInDelays] = await Promise.all([
		admin.appliedMigrations(locals.db),
		admin.tableCounts(locals.db),
		delayedPairs(locals.db, new Date())
	]);
	return {
		database: { kind: handle.kind, location: handle.location, schema: handle.schema },
		dataset: locals.dataset,
		migrations,
		counts,
		signInDelays,
		hasImportPage
	};
};
