/**
 * Territories as the import produces them and the database stores them: communes, EPCI,
 * infra-communal zones (QPV, IRIS), dated indicators and activity poles. Geometry is GeoJSON,
 * WGS84 [longitude, latitude] in degrees. INSEE and SIREN codes are strings.
 */
import type { MultiPolygon, Polygon } from 'geojson';

/** The only geometries a territory may have. */
export type PolygonalGeometry = Polygon | MultiPolygon;

/** How a territory's reference point was obtained (column `ref_point_source`). */
export type RefPointSource = 'centroid' | 'point_on_surface' | 'supplied';

/** A commune ready to be stored (table `commune`). */
export interface CommuneInput {
	/** INSEE code, e.g. `86194`, `2A004`. */
	code: string;
	name: string;
	departementCode: string;
	/** SIREN of the EPCI it belongs to, or null (unknown, or none). */
	epciSiren: string | null;
	/** Population municipale, or null when unknown. */
	population: number | null;
	/** Vintage of `population` (year of the legal population), or null. */
	populationYear: number | null;
	/** Area of the full geometry in km² (spherical, as turf `area`). */
	areaKm2: number;
	geometry: PolygonalGeometry;
	/** The simplified geometry for maps (shared borders simplified once). */
	displayGeometry: PolygonalGeometry;
	/** Reference point, degrees WGS84: what distances are measured from. */
	refLon: number;
	refLat: number;
	refPointSource: RefPointSource;
}

/** An EPCI (intercommunalité à fiscalité propre), table `epci`. */
export interface EpciInput {
	/** SIREN, 9 digits. */
	siren: string;
	name: string;
	/** CC, CA, CU, METRO (métropole), or null. */
	nature: string | null;
	/** Outline, when the file gives one; null for a membership-only row. */
	geometry: PolygonalGeometry | null;
	displayGeometry: PolygonalGeometry | null;
	/** INSEE codes of the member communes, when the file lists them; null otherwise. */
	memberCodes: string[] | null;
	/** Member communes in several départements (official list or the file). */
	interdepartemental?: boolean;
	/** Where the outline comes from: a file, or the dissolve of its member communes; null without outline. */
	outlineSource?: 'fichier' | 'communes' | null;
	/** The outline covers only the territory's part of the EPCI. */
	outlinePartial?: boolean;
}

export type ZoneKind = 'qpv' | 'iris';

/** A QPV or IRIS (table `zone`, natural key kind + code). */
export interface ZoneInput {
	kind: ZoneKind;
	code: string;
	name: string;
	/** INSEE codes of the communes the zone lies in. */
	communeCodes: string[];
	population: number | null;
	geometry: PolygonalGeometry;
	displayGeometry: PolygonalGeometry;
	refLon: number;
	refLat: number;
	/** QPV generation (`2015`, `2024`) and its validity; null for IRIS. */
	generation: string | null;
	validFrom: string | null;
	validUntil: string | null;
}

/** The territory levels an indicator may describe. */
export type TerritoryKind = 'commune' | 'epci' | 'qpv' | 'iris' | 'departement';

/** One dated value (table `territorial_indicator`, key kind + code + year + key). */
export interface IndicatorInput {
	territoryKind: TerritoryKind;
	territoryCode: string;
	year: number;
	key: string;
	value: number;
	source: string | null;
}

/** An activity pole (table `activity_pole`, natural key commune + name). */
export interface PoleInput {
	communeCode: string;
	name: string;
	/** Free text, e.g. `pôle de services`, `bourg-centre`, `France services`. */
	type: string;
	lon: number;
	lat: number;
	/** True when the file gave no coordinates and the commune's reference point was used. */
	locationApproximate: boolean;
	/** `pole_definition.code`: `fichier` (default) or an INSEE zoning (`insee-bv2012`…). */
	definitionCode?: string;
}
