/**
 * GeoJSON shaping for the scenario editor map (pure): the structures of a scenario with their
 * status (existing, added, moved, modified, closed), and the radius circle of one structure.
 * WGS84 [lng, lat].
 */
import type { Feature, FeatureCollection, Point, Polygon } from 'geojson';
import { circlePolygon } from './circles';

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
