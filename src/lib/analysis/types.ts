import type { MultiPolygon, Polygon } from 'geojson';

/**
 * Plain input types of the coverage analysis. Coordinates are WGS84 degrees, longitude first;
 * commune codes are INSEE codes kept as strings (`01001`, `2A004`).
 */

/** Kind of AVS structure: centre social or espace de vie sociale. */
export type StructureType = 'CS' | 'EVS';

/** Identifier of a structure or pole as the caller knows it (database id or external code). */
export type PointId = string | number;

/** A commune, the demand unit of the analysis. */
export interface CoverageCommune {
	/** INSEE code (string). Must be unique in the input. */
	code: string;
	name: string;
	/** Municipal population, inhabitants (≥ 0). */
	population: number;
	/** Longitude of the commune's reference point, degrees. */
	lon: number;
	/** Latitude of the commune's reference point, degrees. */
	lat: number;
	/** SIREN of the commune's EPCI, if known (carried through for filtering, not used in the maths). */
	epci?: string | null;
	/**
	 * Need indicators by key (e.g. `taux_pauvrete` in %, `part_familles_monoparentales` in %);
	 * null or absent when unknown. Used by the reinforce rule and the need-weighted demand.
	 */
	needs?: Readonly<Record<string, number | null>> | null;
	/**
	 * A commune of the border band, outside the département (« hors territoire »): analysed like
	 * the others (it is drawn, and its demand weighs on the structures it reaches), but left out of
	 * every key figure of the summary.
	 */
	outside?: boolean;
}

/** A CS or EVS, the supply unit. */
export interface CoverageStructure {
	id: PointId;
	type: StructureType;
	/** Longitude, degrees. */
	lon: number;
	/** Latitude, degrees. */
	lat: number;
	/** INSEE code of the commune the structure sits in; lets a travel-time matrix use commune destinations. */
	communeCode?: string | null;
	/** INSEE codes of the communes of its zone de compétence (any commune listed is covered). */
	zoneCommunes?: readonly string[] | null;
	/** First day of the agrément in force, `YYYY-MM-DD`, or null when unknown. */
	agrementStart?: string | null;
	/** Last day (inclusive) of the agrément in force, `YYYY-MM-DD`, or null when unknown. */
	agrementEnd?: string | null;
	/**
	 * Last day (inclusive) the structure still counts after `agrementEnd` because its renewal is
	 * being examined (the renewal grace period, until the decision), or null when none.
	 */
	renewalPendingUntil?: string | null;
	/** 2SFCA supply of this structure; overrides the weight of its type when set (e.g. animation FTE). */
	supplyWeight?: number | null;
	/**
	 * A structure of the border band, outside the département: it covers communes and counts for
	 * distances, never in the summary's structure counts nor per 10,000 inhabitants.
	 */
	outside?: boolean;
}

/** A pôle d'activités (the reference for isolation). */
export interface CoveragePole {
	id: PointId;
	/** Longitude, degrees. */
	lon: number;
	/** Latitude, degrees. */
	lat: number;
	/** INSEE code of the pole's commune; lets a travel-time matrix use commune destinations. */
	communeCode?: string | null;
}

/** A quartier prioritaire de la politique de la ville: a reference point and, when known, its contour. */
export interface CoverageQpv {
	code: string;
	/** Longitude of the QPV's reference point, degrees. */
	lon: number;
	/** Latitude of the QPV's reference point, degrees. */
	lat: number;
	/**
	 * Its contour (GeoJSON Polygon or MultiPolygon, WGS84 degrees): distances are measured from it
	 * (0 inside). Without it, from the reference point.
	 */
	geometry?: Polygon | MultiPolygon | null;
	/** INSEE code of the commune the QPV belongs to (its main commune when it spans several). */
	communeCode: string;
	/** Inhabitants of the QPV. */
	population: number;
}

/**
 * One cell of an imported travel-time matrix (CSV `origine;destination;minutes`): origin is a
 * commune code; destination is a structure id, a pole id, or a commune code (then it applies to
 * every structure or pole whose `communeCode` is that commune). Ids are compared as strings.
 */
export interface TravelTime {
	origin: string;
	destination: string;
	/**
	 * What `destination` designates, when the caller knows: a commune code, a structure id or a
	 * pole id. Absent or null: an id of a structure or pole, else a commune code. Set it whenever
	 * structure and pole ids may coincide (database serials do), so a structure's row never lands
	 * on the pole with the same id.
	 */
	destinationKind?: 'commune' | 'structure' | 'pole' | null;
	/** Travel time, minutes (≥ 0). */
	minutes: number;
	/** Where the time comes from (`osm:2026-11-30`, `osrm:http://…`, `import:temps.csv`), when known. */
	source?: string | null;
}

/** Everything the analysis reads, already loaded. */
export interface CoverageInput {
	communes: readonly CoverageCommune[];
	structures: readonly CoverageStructure[];
	poles: readonly CoveragePole[];
	/** QPVs; when absent the QPV part of the reinforce rule is not evaluated (and the summary says so). */
	qpvs?: readonly CoverageQpv[] | null;
	/** Travel-time matrix; used only when the metric is `minutes`. */
	travelTimes?: readonly TravelTime[] | null;
	/**
	 * Set when the matrix is complete (road times computed over the whole territory): a pair it
	 * does not give is beyond `cutoffMinutes`, never estimated from the distance.
	 */
	travelTimesComplete?: { cutoffMinutes: number } | null;
}
