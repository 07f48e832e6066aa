/**
 * GeoJSON shaping for the scenario editor map (pure): the structures of a scenario with their
 * status (existing, added, moved, modified, closed), and the radius circle of one structure.
 * WGS84 [lng, lat].
 */
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import { circlePolygon } from './circles';
import type { Bounds } from './map-data';

/** What a click on the scenario map does: select (and drag) structures, add one, or toggle zone communes. */
export type ScenarioMapMode = 'select' | 'add-EVS' | 'add-CS' | 'zone';

/** How a structure stands in the scenario. */
export type ScenarioStructureStatus = 'existing' | 'added' | 'moved' | 'modified' | 'closed';

/** Properties of a structure point on the scenario map. */
export interface ScenarioStructureProperties {
	/** The structure's id as a string (database id, or `n1`… for an added one); the feature id. */
	id: string;
	name: string;
	type: 'CS' | 'EVS';
	status: ScenarioStructureStatus;
	selected: boolean;
}

/** What the scenario editor gives its map: the features, the scenario's state and the edit callbacks. */
export interface ScenarioMapProps {
	communes: FeatureCollection<Polygon | MultiPolygon, { code: string; name: string }>;
	epcis: FeatureCollection<Polygon | MultiPolygon, { siren: string; name: string }>;
	structures: FeatureCollection<Point, ScenarioStructureProperties>;
	radius: FeatureCollection<Polygon, { type: 'CS' | 'EVS' }>;
	bounds: Bounds | null;
	/** Category of each commune, by INSEE code. */
	categories: ReadonlyMap<string, string>;
	/** Communes whose coverage differs from the current situation. */
	changed: ReadonlySet<string>;
	/** Communes of the zone being edited. */
	zone: ReadonlySet<string>;
	mode: ScenarioMapMode;
	editable: boolean;
	basemapStyle: string;
	label: string;
	onadd?: (lon: number, lat: number, communeCode: string | null) => void;
	onselectstructure?: (id: string | null) => void;
	/** `final` is false while dragging, true on release (with the commune under the point). */
	onmove?: (id: string, lon: number, lat: number, final: boolean, communeCode: string | null) => void;
	ontogglezone?: (code: string) => void;
}

/** A structure as the map draws it. */
export interface ScenarioMapStructure {
	id: string;
	name: string;
	type: 'CS' | 'EVS';
	/** Degrees. */
	lon: number;
	lat: number;
	status: ScenarioStructureStatus;
}

/** The structure points, the selected one last (drawn on top). */
export function scenarioStructureCollection(
	structures: readonly ScenarioMapStructure[],
	selectedId: string | null
): FeatureCollection<Point, ScenarioStructureProperties> {
	const features: Feature<Point, ScenarioStructureProperties>[] = structures.map((s) => ({
		type: 'Feature',
		id: s.id,
		geometry: { type: 'Point', coordinates: [s.lon, s.lat] },
		properties: { id: s.id, name: s.name, type: s.type, status: s.status, selected: s.id === selectedId }
	}));
	features.sort((a, b) => Number(a.properties.selected) - Number(b.properties.selected));
	return { type: 'FeatureCollection', features };
}

/** The radius circle of one structure (empty collection when none or a zero radius). */
export function radiusCollection(
	structure: { lon: number; lat: number; type: 'CS' | 'EVS' } | null,
	radiusKm: Record<'CS' | 'EVS', number>
): FeatureCollection<Polygon, { type: 'CS' | 'EVS' }> {
	if (!structure || !(radiusKm[structure.type] > 0)) return { type: 'FeatureCollection', features: [] };
	return {
		type: 'FeatureCollection',
		features: [{ type: 'Feature', geometry: circlePolygon(structure.lon, structure.lat, radiusKm[structure.type]), properties: { type: structure.type } }]
	};
}
