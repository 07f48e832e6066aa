import type { PageServerLoad } from './$types';
import * as referenceParameters from '$lib/server/db/reference-parameters';
import { isoDateInParis } from '$lib/format';

/** The help page quotes the renewal lead time and grace period in force today (dated parameters). */
export const load: PageServerLoad = async ({ locals }) => {
	const today = isoDateInParis(new Date());
	return { renewalRules: await referenceParameters.renewalRules(locals.db, today) };
};
