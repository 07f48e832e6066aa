import type { PageServerLoad } from './$types';
import { appDb } from '$lib/server/app-db';
import * as admin from '$lib/server/db/admin';

export const load: PageServerLoad = async ({ locals }) => {
	const handle = await appDb();
	const [migrations, counts] = await Promise.all([admin.appliedMigrations(locals.db), admin.tableCounts(locals.db)]);
	return {
		database: { kind: handle.kind, location: handle.location, schema: handle.schema },
		dataset: locals.dataset,
		migrations,
		counts
	};
};
