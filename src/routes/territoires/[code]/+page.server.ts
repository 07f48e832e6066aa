import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { env } from '$env/dynamic/public';
import * as territories from '$lib/server/db/territories';
import { isoDateInParis } from '$lib/format';
import { COMMUNE_CODE_RE } from '$lib/domain/insee';
import { toMapData } from '$lib/map/to-geojson';

export const load: PageServerLoad = async ({ locals, params }) => {
	const today = isoDateInParis(new Date());
	const code = params.code.toUpperCase();
	const commune = COMMUNE_CODE_RE.test(code) ? await territories.getCommune(locals.db, code, today) : null;
	if (!commune) error(404, 'Commune introuvable');
	// The mini-map: the commune, and the communes where the structures serving it are located.
	const communes = await territories.communeGeoRows(locals.db, [commune.code, ...commune.structures.map((s) => s.communeCode)]);
	const map = toMapData({
		communes,
		epcis: [],
		structures: commune.structures.map((s) => ({
			id: s.id,
			name: s.name,
			type: s.type,
			communeCode: s.communeCode,
			communeName: s.communeName,
			approximate: s.approximate,
			lon: s.lon,
			lat: s.lat
		}))
	});
	return {
		today,
		commune,
		map,
		basemapStyle: env.PUBLIC_BASEMAP_STYLE ?? ''
	};
};
