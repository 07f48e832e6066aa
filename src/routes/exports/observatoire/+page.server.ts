import type { PageServerLoad } from './$types';
import { buildObservatoryExport, observatoryYears } from '$lib/server/observatory';
import { CHECK_CODES, type CheckCode } from '$lib/observatory/checks';
import { isoDateInParis } from '$lib/format';
import { oneOf } from '$lib/ui/url';

export const load: PageServerLoad = async ({ locals, url }) => {
	const today = isoDateInParis(new Date());
	const years = await observatoryYears(locals.db);
	const lastClosed = Number(today.slice(0, 4)) - 1;
	const asked = url.searchParams.get('annee');
	const year = asked && /^\d{4}$/.test(asked) ? Number(asked) : years.includes(lastClosed) ? lastClosed : (years.at(-1) ?? lastClosed);
	const type = oneOf(url.searchParams, 'type', ['CS', 'EVS'] as const);
	const built = await buildObservatoryExport(locals.db, year, type);
	const byCode = (Object.keys(CHECK_CODES) as CheckCode[])
		.map((code) => ({ code, ...CHECK_CODES[code], count: built.issues.filter((i) => i.code === code).length }))
		.filter((c) => c.count > 0);
	return {
		year,
		years: years.includes(year) ? years : [...years, year].sort((a, b) => a - b),
		type,
		recordCount: built.records.length,
		issues: built.issues,
		byCode,
		summary: built.summary
	};
};
