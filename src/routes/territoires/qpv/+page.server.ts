import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { isoDateInParis } from '$lib/format';
import { UserFacingError } from '$lib/server/errors';
import { loadQpvView, qpvViewDate } from '$lib/server/coverage/qpv-view';

/** Territoires › Quartiers prioritaires: every QPV of the territory at `?date=` (default today). */
export const load: PageServerLoad = async ({ locals, url }) => {
	const today = isoDateInParis(new Date());
	const { date, error: dateError } = qpvViewDate(url.searchParams.get('date'), today);
	try {
		return { today, dateError, view: await loadQpvView(locals.db, date) };
	} catch (e) {
		if (e instanceof UserFacingError) error(422, e.message);
		throw e;
	}
};
