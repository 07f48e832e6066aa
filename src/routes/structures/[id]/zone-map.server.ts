/**
 * The mini-map of a structure page: the communes of its zone de compétence (and its own commune),
 * the structure's point, and the basemap setting.
 */
import type { Kysely } from 'kysely';
import { env } from '$env/dynamic/public';
import type { Database } from '$lib/server/db/schema';
import type { StructureDetail } from '$lib/server/db/structures';
import * as territories from '$lib/server/db/territories';
import { toMapData } from '$lib/map/to-geojson';
import type { MapData } from '$lib/map/map-data';

export async function zoneMap(db: Kysely<Database>, s: StructureDetail): Promise<{ data: MapData; basemapStyle: string }> {
	const communes = await territories.communeGeoRows(db, [s.communeCode, ...s.zoneCommunes.map((c) => c.code)]);
	const data = toMapData({
		communes,
		epcis: [],
		structures: [
			{
				id: s.id,
				name: s.name,
				type: s.type,
				communeCode: s.communeCode,
				communeName: s.communeName,
				approximate: s.locationApproximate,
				lon: s.lon,
				lat: s.lat
			}
		]
	});
	return { data, basemapStyle: env.PUBLIC_BASEMAP_STYLE ?? '' };
}
