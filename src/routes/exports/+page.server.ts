import type { PageServerLoad } from './$types';
import { observatoryYears } from '$lib/server/observatory';
import { isoDateInParis } from '$lib/format';

export const load: PageServerLoad = async ({ locals }) => {
	const today = isoDateInParis(new Date());
	const [years, epcis] = await Promise.all([
		observatoryYears(locals.db),
		locals.db.selectFrom('epci').select(['siren', 'name']).orderBy('name').execute()
	]);
	const lastClosed = Number(today.slice(0, 4)) - 1;
	const defaultYear = years.includes(lastClosed) ? lastClosed : (years.at(-1) ?? lastClosed);
	return { years, defaultYear, epcis };
};
