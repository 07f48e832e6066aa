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
	const rows = await db
		.selectFrom('commune as c')
		.leftJoin('epci as e', 'e.siren', 'c.epci_siren')
		.select((eb) => [
			'c.code',
			'c.name',
			'c.population',
			'c.epci_siren',
			'e.name as epci_name',
			'c.ref_lon',
			'c.ref_lat',
			eb.fn.coalesce('c.display_geometry', 'c.geometry').as('geometry'),
			communeInTerritory('c').as('in_territory')
		])
		.orderBy('c.code')
		.execute();
	return rows.map((r) => ({
		code: r.code,
		name: r.name,
		population: r.population,
		epciSiren: r.epci_siren,
		epciName: r.epci_name,
		refLon: r.ref_lon,
		refLat: r.ref_lat,
		geometry: r.geometry,
		...(r.in_territory ? {} : { outside: true })
	}));
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

/** Structures still open today (no closing date, or one in the future), ordered by name then id. */
export async function listOpenStructureGeo(db: Kysely<Database>): Promise<StructureGeoRow[]> {
	const rows = await db
		.selectFrom('structure as s')
		.leftJoin('commune as c', 'c.code', 's.commune_code')
		.select([
			's.id',
			's.name',
			's.type',
			's.commune_code',
			'c.name as commune_name',
			's.lon',
			's.lat',
			's.location_approximate',
			structureInTerritory('s').as('in_territory')
		])
		.where((eb) => eb.or([eb('s.closed_on', 'is', null), eb('s.closed_on', '>', sql<string>`current_date`)]))
		.orderBy('s.name')
		.orderBy('s.id')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		name: r.name,
		type: r.type,
		communeCode: r.commune_code,
		communeName: r.commune_name,
		lon: r.lon,
		lat: r.lat,
		approximate: r.location_approximate,
		...(r.in_territory ? {} : { outside: true })
	}));
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
