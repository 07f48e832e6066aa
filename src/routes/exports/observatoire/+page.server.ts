import type { PageServerLoad } from './$types';
import { buildObservatoryExport, buildObservatoryTrends, observatoryYears } from '$lib/server/observatory';
import { CHECK_CODES } from '$lib/observatory/checks';
import { isoDateInParis } from '$lib/format';

export const load: PageServerLoad = async ({ locals, url }) => {
	const today = isoDateInParis(new Date());
	const years = await observatoryYears(locals.db);
	const lastClosed = Number(today.slice(0, 4)) - 1;
	const asked = url.searchParams.get('annee');
	const year = asked && /^\d{4}$/.test(asked) ? Number(asked) : years.includes(lastClosed) ? lastClosed : (years.at(-1) ?? lastClosed);
	const [built, trends] = await Promise.all([buildObservatoryExport(locals.db, year), buildObservatoryTrends(locals.db, years)]);
	const byCode = Object.entries(CHECK_CODES)
		.map(([code, def]) => ({ code, ...def, count: built.issues.filter((i) => i.code === code).length }))
		.filter((c) => c.count > 0);
	return {
		year,
		years,
		recordCount: built.records.length,
		issues: built.issues,
		byCode,
		trends
	};
};
