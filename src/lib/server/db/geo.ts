/**
 * Geometry for maps (contract shared by the map and the pages; implemented by the map work).
 * Returns GeoJSON FeatureCollections built from display geometries, WGS84 [lng, lat].
 */
import type { Kysely } from 'kysely';
import type { Database } from './schema';
import type { MapData } from '$lib/map/map-data';

export type { MapData };

export async function loadMapData(db: Kysely<Database>): Promise<MapData> {
	void db;
	return {
		communes: { type: 'FeatureCollection', features: [] },
		epcis: { type: 'FeatureCollection', features: [] },
		structures: { type: 'FeatureCollection', features: [] },
		bounds: null
	};
}
