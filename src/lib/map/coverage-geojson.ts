/**
 * GeoJSON of the coverage map (WGS84 [lng, lat]): communes carrying their coverage category,
 * activity poles, QPV outlines and the structures of the analysis. Pure shaping, no I/O.
 */
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Point, Polygon } from 'geojson';
import type { CommuneProperties, PoleProperties, QpvProperties, StructureProperties } from './map-data';

/** A commune feature's properties on the coverage map. */
export type CoverageCommuneProperties = CommuneProperties & {
	/** A `coverageCategories` key, or null when the commune is not in the analysis. */
	category: string | null;
	/** Outside the EPCI filter: drawn faintly. */
	dimmed: boolean;
};

/**
 * The communes with their category and filter state: a new collection (the map redraws it).
 * @param categoryOf category of a commune code (null: not analysed)
 * @param inFilter whether a commune is in the current filter (all when null)
 */
export function withCoverage(
	communes: FeatureCollection<Polygon | MultiPolygon, CommuneProperties>,
	categoryOf: (code: string) => string | null,
	inFilter: ((properties: CommuneProperties) => boolean) | null
): FeatureCollection<Polygon | MultiPolygon, CoverageCommuneProperties> {
	return {
		type: 'FeatureCollection',
		features: communes.features.map((f) => ({
			...f,
			properties: { ...f.properties, category: categoryOf(f.properties.code), dimmed: inFilter ? !inFilter(f.properties) : false }
		}))
	};
}

/** A pole row for the map. */
export interface PoleRow {
	id: number;
	name: string;
	kind: string;
	communeCode?: string | null;
	/** Degrees. */
	lon: number;
	lat: number;
	/** Of the border band (« hors département »). */
	outside?: boolean;
}

/** Poles → point features; `communeName` names their commune. */
export function polesToFeatures(rows: readonly PoleRow[], communeName: (code: string) => string | null): FeatureCollection<Point, PoleProperties> {
	return {
		type: 'FeatureCollection',
		features: rows
			.filter((p) => Number.isFinite(p.lon) && Number.isFinite(p.lat))
			.map((p) => ({
				type: 'Feature',
				id: p.id,
				geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
				properties: {
					id: p.id,
					name: p.name,
					kind: p.kind,
					communeCode: p.communeCode ?? '',
					communeName: p.communeCode ? communeName(p.communeCode) : null,
					...(p.outside ? { outside: true } : {})
				}
			}))
	};
}

/** A QPV row for the map; rows without a (multi)polygon are left out. */
export interface QpvRow extends QpvProperties {
	geometry: Geometry | null;
}

export function qpvsToFeatures(rows: readonly QpvRow[]): FeatureCollection<Polygon | MultiPolygon, QpvProperties> {
	const features: Feature<Polygon | MultiPolygon, QpvProperties>[] = [];
	for (const { code, name, population, geometry } of rows) {
		if (!geometry || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')) continue;
		features.push({ type: 'Feature', id: code, geometry, properties: { code, name, population } });
	}
	return { type: 'FeatureCollection', features };
}

/** A structure of the analysis for the map. */
export interface AnalysedStructureRow extends StructureProperties {
	/** Degrees. */
	lon: number;
	lat: number;
}

/** Structures → point features, keeping only those `keep` accepts (e.g. the counted ones). */
export function analysedStructuresToFeatures(
	rows: readonly AnalysedStructureRow[],
	keep: (row: AnalysedStructureRow) => boolean = () => true
): FeatureCollection<Point, StructureProperties> {
	return {
		type: 'FeatureCollection',
		features: rows
			.filter((r) => keep(r) && Number.isFinite(r.lon) && Number.isFinite(r.lat))
			.map(({ id, name, type, communeCode, communeName, approximate, renewalPending, lon, lat, outside }) => ({
				type: 'Feature',
				id,
				geometry: { type: 'Point', coordinates: [lon, lat] },
				properties: { id, name, type, communeCode, communeName, approximate, ...(renewalPending ? { renewalPending } : {}), ...(outside ? { outside: true } : {}) }
			}))
	};
}
