import type { PageServerLoad } from './$types';
import * as funding from '$lib/server/db/funding';
import { FUNDING_STATUSES, type FundingStatus } from '$lib/ui/labels';
import { intParam } from '$lib/ui/url';

export const load: PageServerLoad = async ({ locals, url }) => {
	const params = url.searchParams;
	const years = await funding.years(locals.db);
	const requestedYear = intParam(params, 'annee', 0);
	const year = years.includes(requestedYear) ? requestedYear : null;
	const statuses = params.getAll('statut').filter((s): s is FundingStatus => (FUNDING_STATUSES as readonly string[]).includes(s));
	const filters = { year, statuses };
	const [byPartner, byInstrument, byStatus] = await Promise.all([
		funding.byPartnerYear(locals.db, filters),
		funding.byInstrumentYear(locals.db, filters),
		funding.byStatusYear(locals.db, filters)
	]);
	return { years, filters, byPartner, byInstrument, byStatus };
};
