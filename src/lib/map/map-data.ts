import type { FeatureCollection } from 'geojson';

/** What a map of the département needs, WGS84 [lng, lat]; built on the server from display geometries. */
export interface MapData {
	communes: FeatureCollection;
	epcis: FeatureCollection;
	structures: FeatureCollection;
	/** [west, south, east, north] of all communes, or null when none. */
	bounds: [number, number, number, number] | null;
}
