import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';

/** Properties of a commune feature, read by tooltips and the details panel. */
export interface CommuneProperties {
	/** INSEE code, a string (`2A004`); promoted to the feature id for feature-state. */
	code: string;
	name: string;
	/** Municipal population (inhabitants), null when unknown. */
	population: number | null;
	epciSiren: string | null;
	epciName: string | null;
	/** A commune of the border band (« hors département »): drawn muted. */
	outside?: boolean;
}

/** Properties of an EPCI outline feature. */
export interface EpciProperties {
	/** SIREN of the EPCI; promoted to the feature id. */
	siren: string;
	name: string;
}

/** Properties of a structure point feature. */
export interface StructureProperties {
	/** Database id; promoted to the feature id and used in `/structures/{id}`. */
	id: number;
	name: string;
	type: 'CS' | 'EVS';
	communeCode: string;
	/** Name of the commune the structure sits in, null when the commune is unknown. */
	communeName: string | null;
	/** True when the point is only approximate (e.g. the commune's reference point). */
	approximate: boolean;
	/** True when it counts while its ended agrément's renewal is examined (grace period). */
	renewalPending?: boolean;
	/** A structure of the border band (« hors département »): drawn muted. */
	outside?: boolean;
}

/** Properties of an activity pole point feature. */
export interface PoleProperties {
	/** Database id; promoted to the feature id. */
	id: number;
	name: string;
	/** Kind of pole as recorded (e.g. `bourg-centre`, `zone commerciale`). */
	kind: string;
	communeCode: string;
	communeName: string | null;
	/** A pole of the border band (« hors département »): drawn muted. */
	outside?: boolean;
}

/** Properties of a QPV outline feature. */
export interface QpvProperties {
	/** QPV code; promoted to the feature id. */
	code: string;
	name: string;
	/** Inhabitants, null when unknown. */
	population: number | null;
}

/** Properties of a coverage circle (the radius of a counted structure). */
export interface CircleProperties {
	/** The structure's id; promoted to the feature id. */
	id: number;
	type: 'CS' | 'EVS';
	/** Radius, km. */
	radiusKm: number;
}

export type CommuneFeature = Feature<Polygon | MultiPolygon, CommuneProperties>;
export type EpciFeature = Feature<Polygon | MultiPolygon, EpciProperties>;
export type StructureFeature = Feature<Point, StructureProperties>;

/** [west, south, east, north] in WGS84 degrees. */
export type Bounds = [number, number, number, number];

/** What a map of the département needs, WGS84 [lng, lat]; built on the server from display geometries. */
export interface MapData {
	communes: FeatureCollection<Polygon | MultiPolygon, CommuneProperties>;
	epcis: FeatureCollection<Polygon | MultiPolygon, EpciProperties>;
	structures: FeatureCollection<Point, StructureProperties>;
	/** [west, south, east, north] of the département's communes (all communes when none is flagged), or null. */
	bounds: Bounds | null;
	/** Activity poles (coverage map only; absent elsewhere). */
	poles?: FeatureCollection<Point, PoleProperties>;
	/** QPV outlines (coverage map only). */
	qpvs?: FeatureCollection<Polygon | MultiPolygon, QpvProperties>;
	/** Coverage circles around counted structures (coverage map only). */
	circles?: FeatureCollection<Polygon, CircleProperties>;
}
