import type { PageServerLoad } from './$types';
import * as pilotage from '$lib/server/db/pilotage';

export const load: PageServerLoad = async ({ locals }) => ({
	accords: await pilotage.accordsCadres(locals.db)
});
