/**
 * Dissolves polygons by group — an EPCI's outline from its member communes — with topojson
 * `merge`: the polygons are turned into one topology where a border shared by two members is one
 * arc, and merging drops every arc shared within the group. The outline therefore follows the
 * members' outer borders exactly, with no slivers or gaps (a polygon union on floating-point
 * coordinates leaves both), and two neighbouring groups still share their common border.
 * WGS84 [longitude, latitude] degrees in and out; holes and enclaves are kept.
 */
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { topology } from 'topojson-server';
import { merge } from 'topojson-client';
import type { GeometryCollection, Polygon as TopoPolygon, MultiPolygon as TopoMultiPolygon, Topology } from 'topojson-specification';

type Polygonal = Polygon | MultiPolygon;

/**
 * One outline per group key: the dissolve of the geometries whose `groups[i]` is that key
 * (`null` geometries or keys are left out). A group of one polygon gives that polygon back as a
 * MultiPolygon. O(v log v) for v vertices.
 */
export function dissolveByGroup(geometries: readonly (Polygonal | null)[], groups: readonly (string | null)[]): Map<string, MultiPolygon> {
	const kept: { geometry: Polygonal; group: string }[] = [];
	geometries.forEach((geometry, i) => {
		const group = groups[i];
		if (geometry && group) kept.push({ geometry, group });
	});
	const out = new Map<string, MultiPolygon>();
	if (kept.length === 0) return out;
	const collection: FeatureCollection = {
		type: 'FeatureCollection',
		features: kept.map(({ geometry }) => ({ type: 'Feature', properties: {}, geometry }))
	};
	const topo = topology({ parts: collection }) as unknown as Topology;
	const parts = (topo.objects.parts as GeometryCollection).geometries as (TopoPolygon | TopoMultiPolygon)[];
	const members = new Map<string, (TopoPolygon | TopoMultiPolygon)[]>();
	kept.forEach(({ group }, i) => {
		const list = members.get(group);
		if (list) list.push(parts[i]);
		else members.set(group, [parts[i]]);
	});
	for (const [group, list] of members) out.set(group, merge(topo, list) as MultiPolygon);
	return out;
}
