import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { env } from '$env/dynamic/public';
import * as territories from '$lib/server/db/territories';
import { communeCoverage } from '$lib/server/coverage/commune';
import { UserFacingError } from '$lib/server/errors';
import { isoDateInParis } from '$lib/format';
import { COMMUNE_CODE_RE } from '$lib/domain/insee';

export const load: PageServerLoad = async ({ locals, params }) => {
	const today = isoDateInParis(new Date());
	const code = params.code.toUpperCase();
	const commune = COMMUNE_CODE_RE.test(code) ? await territories.getCommune(locals.db, code, today) : null;
	if (!commune) error(404, 'Commune introuvable');
	// Its coverage today: the analysis of /carte with the parameters in force (category, reasons,
	// nearest structures and pole, neighbours, the map of all that). A commune of the border band
	// is not analysed (null); an unusable parameter gives the French reason instead.
	let coverage = null;
	let coverageError: string | null = null;
	try {
		coverage = await communeCoverage(locals.db, code, today);
	} catch (e) {
		if (!(e instanceof UserFacingError)) throw e;
		coverageError = e.message;
	}
	return { today, commune, coverage, coverageError, basemapStyle: env.PUBLIC_BASEMAP_STYLE ?? '' };
};
