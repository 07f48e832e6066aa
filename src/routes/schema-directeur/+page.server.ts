import type { PageServerLoad } from './$types';
import * as pilotage from '$lib/server/db/pilotage';

export const load: PageServerLoad = async ({ locals }) => {
	const [schemas, decisions] = await Promise.all([
		pilotage.schemasDirecteurs(locals.db),
		pilotage.committeeDecisions(locals.db)
	]);
	return { schemas, decisions };
};
