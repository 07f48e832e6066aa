/**
 * Pure shaping of repository rows into the GeoJSON the map draws (WGS84, [lng, lat]).
 * Each feature carries an `id` and the properties tooltips need; MapLibre promotes
 * `code` / `siren` / `id` to feature ids (`promoteId`) so hover and selection use feature-state.
 */
import type { Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import type {
	Bounds,
	CommuneFeature,
	CommuneProperties,
	EpciFeature,
	EpciProperties,
	MapData,
	StructureFeature,
	StructureProperties
} from './map-data';

/** A commune as read for the map; `geometry` is the display geometry (or the full one), null when absent. */
export interface CommuneGeoRow extends CommuneProperties {
	geometry: Polygon | MultiPolygon | null;
	/** Reference point [lng, lat] (degrees), used for bounds when no commune has a geometry. */
	refLon: number;
	refLat: number;
}

/** An EPCI as read for the map. */
export interface EpciGeoRow extends EpciProperties {
	geometry: Polygon | MultiPolygon | null;
}

/** A structure as read for the map; lon/lat in WGS84 degrees. */
export interface StructureGeoRow extends StructureProperties {
	lon: number;
	lat: number;
}

function isAreal(geometry: Geometry | null | undefined): geometry is Polygon | MultiPolygon {
	return !!geometry && (geometry.type === 'Polygon' || geometry.type === 'MultiPolygon');
}

/** Commune rows → features; rows without a (multi)polygon are left out (they cannot be drawn). */
export function communesToFeatures(rows: readonly CommuneGeoRow[]): CommuneFeature[] {
	return rows
		.filter((row) => isAreal(row.geometry))
		.map(({ code, name, population, epciSiren, epciName, geometry, outside }) => ({
			type: 'Feature',
			id: code,
			geometry: geometry as Polygon | MultiPolygon,
			properties: { code, name, population, epciSiren, epciName, ...(outside ? { outside: true } : {}) }
		}));
}

/** EPCI rows → outline features; rows without a (multi)polygon are left out. */
export function epcisToFeatures(rows: readonly EpciGeoRow[]): EpciFeature[] {
	return rows
		.filter((row) => isAreal(row.geometry))
		.map(({ siren, name, geometry }) => ({
			type: 'Feature',
			id: siren,
			geometry: geometry as Polygon | MultiPolygon,
			properties: { siren, name }
		}));
}

/** Structure rows → point features; rows with non-finite coordinates are left out. */
export function structuresToFeatures(rows: readonly StructureGeoRow[]): StructureFeature[] {
	return rows
		.filter((row) => Number.isFinite(row.lon) && Number.isFinite(row.lat))
		.map(({ id, name, type, communeCode, communeName, approximate, lon, lat, outside }) => ({
			type: 'Feature',
			id,
			geometry: { type: 'Point', coordinates: [lon, lat] },
			properties: { id, name, type, communeCode, communeName, approximate, ...(outside ? { outside: true } : {}) }
		}));
}

/** Calls `visit` on every position of a geometry (any GeoJSON geometry type). */
function eachPosition(geometry: Geometry, visit: (position: Position) => void): void {
	switch (geometry.type) {
		case 'Point':
			visit(geometry.coordinates);
			break;
		case 'MultiPoint':
		case 'LineString':
			geometry.coordinates.forEach(visit);
			break;
		case 'MultiLineString':
		case 'Polygon':
			for (const line of geometry.coordinates) line.forEach(visit);
			break;
		case 'MultiPolygon':
			for (const polygon of geometry.coordinates) for (const ring of polygon) ring.forEach(visit);
			break;
		case 'GeometryCollection':
			for (const part of geometry.geometries) eachPosition(part, visit);
			break;
	}
}

/**
 * [west, south, east, north] (degrees) enclosing every position of the geometries, or null when
 * there is none. Non-finite positions are ignored. Does not handle the antimeridian (not needed in France).
 */
export function computeBounds(geometries: Iterable<Geometry | null | undefined>): Bounds | null {
	let west = Infinity;
	let south = Infinity;
	let east = -Infinity;
	let north = -Infinity;
	for (const geometry of geometries) {
		if (!geometry) continue;
		eachPosition(geometry, ([lng, lat]) => {
			if (!Number.isFinite(lng) || !Number.isFinite(lat)) return;
			if (lng < west) west = lng;
			if (lng > east) east = lng;
			if (lat < south) south = lat;
			if (lat > north) north = lat;
		});
	}
	return west <= east ? [west, south, east, north] : null;
}

/**
 * `bounds` grown to enclose `points` ([lng, lat] degrees; non-finite ones ignored): e.g. a commune
 * with its nearest structure and pole. Null when there is nothing at all.
 */
export function boundsAround(bounds: Bounds | null, points: readonly (readonly [number, number])[]): Bounds | null {
	const extra = computeBounds(points.map((p) => ({ type: 'Point', coordinates: [p[0], p[1]] })));
	if (!bounds) return extra;
	if (!extra) return bounds;
	return [Math.min(bounds[0], extra[0]), Math.min(bounds[1], extra[1]), Math.max(bounds[2], extra[2]), Math.max(bounds[3], extra[3])];
}

/**
 * Builds the whole `MapData`. Bounds enclose the département's commune geometries (the border
 * band's communes are drawn but not framed); when no commune has a geometry, they enclose the
 * communes' reference points; null when there are no communes.
 */
export function toMapData(input: {
	communes: readonly CommuneGeoRow[];
	epcis: readonly EpciGeoRow[];
	structures: readonly StructureGeoRow[];
}): MapData {
	const communes = communesToFeatures(input.communes);
	const own = communes.filter((f) => !f.properties.outside);
	const bounds =
		computeBounds((own.length > 0 ? own : communes).map((f) => f.geometry)) ??
		computeBounds(input.communes.map((c) => ({ type: 'Point', coordinates: [c.refLon, c.refLat] })));
	return {
		communes: { type: 'FeatureCollection', features: communes },
		epcis: { type: 'FeatureCollection', features: epcisToFeatures(input.epcis) },
		structures: { type: 'FeatureCollection', features: structuresToFeatures(input.structures) },
		bounds
	};
}

/** Feature counts shown beside the map. */
export interface MapCounts {
	communes: number;
	epcis: number;
	structures: Record<StructureProperties['type'], number>;
}

/** Counts the drawn communes, EPCI and structures by type. */
export function countMapFeatures(data: MapData): MapCounts {
	const structures: MapCounts['structures'] = { CS: 0, EVS: 0 };
	for (const feature of data.structures.features) structures[feature.properties.type] += 1;
	return { communes: data.communes.features.length, epcis: data.epcis.features.length, structures };
}
