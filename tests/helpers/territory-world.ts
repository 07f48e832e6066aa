/**
 * A generated two-département world for the territory-of-work tests (issue 14): the territory is
 * 16 square communes of Vienne (86) on [0.0, 46.0, 0.4, 46.4]; 4 communes of Deux-Sèvres (79)
 * touch its west edge (in the 20 km band); 4 more lie 60 km away (beyond it). Real INSEE codes,
 * names and EPCI of the official list, invented shapes. Points for poles and structures come with
 * their expected placement.
 */
import { generatedCommunesGeoJson, officialCommunes } from '../integration/import-cli-fixtures';

export const TERRITORY_BBOX: [number, number, number, number] = [0.0, 46.0, 0.4, 46.4];
export const BAND_BBOX: [number, number, number, number] = [-0.2, 46.0, 0.0, 46.4];
export const FAR_BBOX: [number, number, number, number] = [-1.0, 46.0, -0.8, 46.4];

export const TERRITORY_COMMUNES = officialCommunes('86').slice(0, 16);
export const BAND_COMMUNES = officialCommunes('79').slice(0, 4);
export const FAR_COMMUNES = officialCommunes('79').slice(4, 8);

type Collection = { type: 'FeatureCollection'; features: unknown[] };

function features(text: string): unknown[] {
	return (JSON.parse(text) as Collection).features;
}

/** The whole world as one GeoJSON file (a « national » file for the territory). */
export function worldCommunesGeoJson(): string {
	return JSON.stringify({
		type: 'FeatureCollection',
		features: [
			...features(generatedCommunesGeoJson({ communes: TERRITORY_COMMUNES, bbox: TERRITORY_BBOX })),
			...features(generatedCommunesGeoJson({ communes: BAND_COMMUNES, bbox: BAND_BBOX })),
			...features(generatedCommunesGeoJson({ communes: FAR_COMMUNES, bbox: FAR_BBOX }))
		]
	});
}

/** The territory's communes alone (a one-département file). */
export function territoryCommunesGeoJson(): string {
	return generatedCommunesGeoJson({ communes: TERRITORY_COMMUNES, bbox: TERRITORY_BBOX });
}

/** A commune code of each place. */
export const IN_CODE = TERRITORY_COMMUNES[5].code;
export const BAND_CODE = BAND_COMMUNES[1].code;
export const FAR_CODE = FAR_COMMUNES[2].code;

/** Points: inside the territory, 8 km west of its edge (band), 60 km west (beyond). */
export const IN_POINT = { lon: 0.2, lat: 46.2 };
export const BAND_POINT = { lon: -0.1, lat: 46.2 };
export const FAR_POINT = { lon: -0.9, lat: 46.2 };

/** A poles CSV: one pole in each place, plus a malformed row and a duplicate far away. */
export function worldPolesCsv(): string {
	return [
		'code_commune;nom;type;latitude;longitude',
		`${IN_CODE};Pôle du territoire;bourg-centre;${IN_POINT.lat};${IN_POINT.lon}`,
		`${BAND_CODE};Pôle de la bande;bourg-centre;${BAND_POINT.lat};${BAND_POINT.lon}`,
		`${FAR_CODE};Pôle lointain;bourg-centre;${FAR_POINT.lat};${FAR_POINT.lon}`,
		// Beyond the band: a duplicate and an unreadable latitude are warnings, not refusals.
		`${FAR_CODE};Pôle lointain;bourg-centre;${FAR_POINT.lat};${FAR_POINT.lon}`,
		`${FAR_CODE};Pôle mal saisi;bourg-centre;quarante-six;${FAR_POINT.lon}`
	].join('\n');
}

/** A structures CSV: a CS in the territory, an EVS in the band, a CS beyond it with a bad type. */
export function worldStructuresCsv(): string {
	return [
		'id;nom;type;code_commune;latitude;longitude',
		`CS-IN;Centre social du territoire;CS;${IN_CODE};${IN_POINT.lat};${IN_POINT.lon}`,
		`EVS-BAND;EVS de la bande;EVS;${BAND_CODE};${BAND_POINT.lat};${BAND_POINT.lon}`,
		`CS-FAR;Centre lointain;MJC;${FAR_CODE};${FAR_POINT.lat};${FAR_POINT.lon}`
	].join('\n');
}
