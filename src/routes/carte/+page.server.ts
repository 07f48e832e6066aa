import type { PageServerLoad } from './$types';
import { env } from '$env/dynamic/public';
import * as geo from '$lib/server/db/geo';

export const load: PageServerLoad = async ({ locals }) => ({
	map: await geo.loadMapData(locals.db),
	basemapStyle: env.PUBLIC_BASEMAP_STYLE ?? ''
});
