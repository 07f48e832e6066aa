/**
 * Geometry for maps: communes and EPCI (display geometry, else the full one) and the open
 * structures, as the GeoJSON `MapData` the département map draws (WGS84 [lng, lat]). Communes and
 * structures of the border band come flagged `outside` (drawn muted); EPCI are the territory's.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema';
import { communeInTerritory, epciInTerritory, structureInTerritory } from './work-territory';
import type { MapData } from '$lib/map/map-data';
import { toMapData, type CommuneGeoRow, type EpciGeoRow, type StructureGeoRow } from '$lib/map/to-geojson';

export type { MapData };

/** Communes with their EPCI's name, ordered by INSEE code. */
export async function listCommuneGeo(db: Kysely<Database>): Promise<CommuneGeoRow[]> {
	return communeGeo(db, null, true);
}

/**
 * Map rows of the communes `codes`, for mini-maps; in code order. Unknown codes are left out. Not
 * flagged `outside`: a mini-map frames what it is given, even communes of the border band.
 */
export async function communeGeoRows(db: Kysely<Database>, codes: readonly string[]): Promise<CommuneGeoRow[]> {
	if (codes.length === 0) return [];
	return communeGeo(db, codes, false);
}

/** Communes (all, or those of `codes`) with display geometry, else the full one; `outside` on the border band's when `flagOutside`. */
async function communeGeo(db: Kysely<Database>, codes: readonly string[] | null, flagOutside: boolean): Promise<CommuneGeoRow[]> {
	let query = db
		.selectFrom('commune as c')
		.leftJoin('epci as e', 'e.siren', 'c.epci_siren')
		.select((eb) => [
			'c.code',
			'c.name',
			'c.population',
			'c.epci_siren as epciSiren',
			'e.name as epciName',
			'c.ref_lon as refLon',
			'c.ref_lat as refLat',
			eb.fn.coalesce('c.display_geometry', 'c.geometry').as('geometry'),
			communeInTerritory('c').as('inTerritory')
		])
		.orderBy('c.code');
	if (codes) query = query.where('c.code', 'in', [...new Set(codes)]);
	return (await query.execute()).map(({ inTerritory, ...row }) => (flagOutside && !inTerritory ? { ...row, outside: true } : row));
}

/** EPCI outlines of the territory (whole, for an interdepartmental one), ordered by SIREN. */
export async function listEpciGeo(db: Kysely<Database>): Promise<EpciGeoRow[]> {
	const rows = await db
		.selectFrom('epci')
		.select((eb) => ['siren', 'name', eb.fn.coalesce('display_geometry', 'geometry').as('geometry')])
		.where(epciInTerritory('epci'))
		.orderBy('siren')
		.execute();
	return rows.map((r) => ({ siren: r.siren, name: r.name, geometry: r.geometry }));
}

/** Structures with what their map marker shows (commune name, point, approximate or not), by name then id. */
export function structureMarkers(db: Kysely<Database>) {
	return db
		.selectFrom('structure')
		.leftJoin('commune as c', 'c.code', 'structure.commune_code')
		.select([
			'structure.id',
			'structure.name',
			'structure.type',
			'structure.commune_code as communeCode',
			'c.name as communeName',
			'structure.lon',
			'structure.lat',
			'structure.location_approximate as approximate'
		])
		.orderBy('structure.name')
		.orderBy('structure.id');
}

/** Structures still open today (no closing date, or one in the future), ordered by name then id. */
export async function listOpenStructureGeo(db: Kysely<Database>): Promise<StructureGeoRow[]> {
	const rows = await structureMarkers(db)
		.select(structureInTerritory('structure').as('inTerritory'))
		.where((eb) => eb.or([eb('structure.closed_on', 'is', null), eb('structure.closed_on', '>', sql<string>`current_date`)]))
		.execute();
	return rows.map(({ inTerritory, ...row }) => (inTerritory ? row : { ...row, outside: true }));
}

/** Everything the département map draws; bounds enclose all communes. */
export async function loadMapData(db: Kysely<Database>): Promise<MapData> {
	const [communes, epcis, structures] = await Promise.all([
		listCommuneGeo(db),
		listEpciGeo(db),
		listOpenStructureGeo(db)
	]);
	return toMapData({ communes, epcis, structures });
}
