/**
 * Communes placed by kilometres on a small grid around (0°, 45°N), for tests whose expected
 * distances are written in km (degrees per km on the sphere the engine uses).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../src/lib/server/db/schema';

const KM_LAT = 1 / 111.1951;
const KM_LON = 1 / (111.1951 * Math.cos((45 * Math.PI) / 180));

/** The point `eastKm` east and `northKm` north of (0°, 45°N). */
export const at = (eastKm: number, northKm: number) => ({ lon: eastKm * KM_LON, lat: 45 + northKm * KM_LAT });

export interface GridCommune {
	code: string;
	name: string;
	population: number;
	lon: number;
	lat: number;
}

/** Inserts the communes (département 90) with their point as reference point. */
export async function insertGridCommunes(db: Kysely<Database>, communes: GridCommune[]): Promise<void> {
	await db
		.insertInto('commune')
		.values(communes.map((c) => ({ code: c.code, name: c.name, departement_code: '90', population: c.population, ref_lon: c.lon, ref_lat: c.lat })))
		.execute();
}
