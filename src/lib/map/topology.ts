/**
 * The outlines of a map (communes, EPCI, QPV) as one quantized TopoJSON topology: a border shared
 * by two communes is one arc, sent once, and coordinates become small integer deltas on a grid of
 * about `MAP_GRID_M` metres. The coverage map downloads it as its own cacheable response
 * (`/api/geo/carte`) instead of finding it inlined in the page. Pure: the server encodes, the
 * browser decodes (topojson-client, a few kilobytes).
 *
 * Properties that repeat elsewhere are not sent: a commune's `code` is its object id and its
 * `epciName` the name of its EPCI object. An EPCI without a stored outline is drawn as the union
 * of its member communes (`mergeArcs`: arcs already in the topology, no new coordinates).
 */
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { topology } from 'topojson-server';
import { feature, mergeArcs, neighbors } from 'topojson-client';
import type { GeometryCollection, GeometryObject, MultiPolygon as TopoMultiPolygon, Polygon as TopoPolygon, Topology } from 'topojson-specification';
import type { Bounds, CommuneProperties, EpciProperties, QpvProperties } from './map-data';
import { computeBounds } from './to-geojson';

type Polygonal = Polygon | MultiPolygon;
type TopoPolygonal = TopoPolygon | TopoMultiPolygon;

/** The outlines the coverage map draws, WGS84 [lng, lat]. */
export interface MapGeometry {
	communes: FeatureCollection<Polygonal, CommuneProperties>;
	epcis: FeatureCollection<Polygonal, EpciProperties>;
	qpvs: FeatureCollection<Polygonal, QpvProperties>;
}

/**
 * Grid step of the quantized coordinates, metres. Display geometries are already simplified at
 * 1 ha (`$lib/analysis/simplify.ts`, vertices ~100 m apart), so a 5 m grid moves nothing a
 * reader can see at the zooms the map fits to (12 at most: ~12 m per pixel in France).
 */
export const MAP_GRID_M = 5;

const METRES_PER_DEGREE = 111_320;

/** Grid steps over the larger side of `bounds` for a `gridM` grid (at least 1,000, at most 10⁷). */
export function quantizationFor(bounds: Bounds | null, gridM = MAP_GRID_M): number {
	if (!bounds) return 1000;
	const [west, south, east, north] = bounds;
	const cosLat = Math.cos((((south + north) / 2) * Math.PI) / 180);
	const sideM = Math.max((east - west) * METRES_PER_DEGREE * cosLat, (north - south) * METRES_PER_DEGREE);
	return Math.min(10_000_000, Math.max(1000, Math.ceil(sideM / gridM)));
}

/** What the encoder reads: the three collections, EPCI with or without their outline. */
export interface MapGeometryInput {
	communes: readonly Feature<Polygonal, CommuneProperties>[];
	/** Every EPCI the communes name; `geometry` null when no outline is stored. */
	epcis: readonly (EpciProperties & { geometry: Polygonal | null })[];
	qpvs: readonly Feature<Polygonal, QpvProperties>[];
}

type EncodedCommune = Pick<CommuneProperties, 'name' | 'population' | 'epciSiren' | 'outside'>;

/**
 * Encodes the outlines as one topology (objects `communes`, `epcis`, `qpvs`). Deterministic: the
 * same input gives the same bytes once stringified, so a hash of them names the version.
 */
export function encodeMapGeometry(input: MapGeometryInput, gridM = MAP_GRID_M): Topology {
	const bounds = computeBounds(input.communes.map((f) => f.geometry));
	const communes: FeatureCollection<Polygonal, EncodedCommune> = {
		type: 'FeatureCollection',
		features: input.communes.map((f) => ({
			type: 'Feature',
			id: f.properties.code,
			geometry: f.geometry,
			// `outside` only on the border band's communes (drawn muted): absent, it costs nothing.
			properties: { name: f.properties.name, population: f.properties.population, epciSiren: f.properties.epciSiren, ...(f.properties.outside ? { outside: true } : {}) }
		}))
	};
	const outlined = input.epcis.filter((e): e is EpciProperties & { geometry: Polygonal } => e.geometry !== null);
	const epcis: FeatureCollection<Polygonal, { name: string }> = {
		type: 'FeatureCollection',
		features: outlined.map((e) => ({ type: 'Feature', id: e.siren, geometry: e.geometry, properties: { name: e.name } }))
	};
	const qpvs: FeatureCollection<Polygonal, Omit<QpvProperties, 'code'>> = {
		type: 'FeatureCollection',
		features: input.qpvs.map((f) => ({
			type: 'Feature',
			id: f.properties.code,
			geometry: f.geometry,
			properties: { name: f.properties.name, population: f.properties.population }
		}))
	};
	const topo = topology({ communes, epcis, qpvs }, quantizationFor(bounds, gridM));

	// EPCI without a stored outline: the union of their communes, from the communes' own arcs.
	const communeObjects = (topo.objects.communes as GeometryCollection<EncodedCommune>).geometries;
	const epciObjects = (topo.objects.epcis as GeometryCollection<{ name: string }>).geometries;
	for (const e of input.epcis) {
		if (e.geometry !== null) continue;
		const members = communeObjects.filter(
			(g) => (g.properties as EncodedCommune | undefined)?.epciSiren === e.siren && (g.type === 'Polygon' || g.type === 'MultiPolygon')
		) as TopoPolygonal[];
		if (members.length === 0) continue;
		epciObjects.push({ ...mergeArcs(topo, members), id: e.siren, properties: { name: e.name } });
	}
	return topo;
}

/** Decodes a topology of `encodeMapGeometry` back into the GeoJSON collections the map draws. */
export function decodeMapGeometry(topo: Topology): MapGeometry {
	const epcis = collection<EpciProperties, { name: string }>(topo, 'epcis', (id, p) => ({ siren: id, name: p.name }));
	const epciNames = new Map(epcis.features.map((f) => [f.properties.siren, f.properties.name]));
	return {
		communes: collection<CommuneProperties, EncodedCommune>(topo, 'communes', (id, p) => ({
			code: id,
			name: p.name,
			population: p.population,
			epciSiren: p.epciSiren,
			epciName: p.epciSiren ? (epciNames.get(p.epciSiren) ?? null) : null,
			...(p.outside ? { outside: true } : {})
		})),
		epcis,
		qpvs: collection<QpvProperties, Omit<QpvProperties, 'code'>>(topo, 'qpvs', (id, p) => ({ code: id, ...p }))
	};
}

function collection<P, E>(topo: Topology, name: string, properties: (id: string, encoded: E) => P): FeatureCollection<Polygonal, P> {
	const object = topo.objects[name] as GeometryCollection<E & object> | undefined;
	if (!object) return { type: 'FeatureCollection', features: [] };
	const decoded = feature(topo, object) as FeatureCollection<Polygonal | null, E>;
	const features: Feature<Polygonal, P>[] = [];
	for (const f of decoded.features) {
		// A ring smaller than the grid collapses to null: nothing to draw.
		if (!f.geometry || (f.geometry.type !== 'Polygon' && f.geometry.type !== 'MultiPolygon')) continue;
		const id = String(f.id);
		features.push({ type: 'Feature', id, geometry: f.geometry, properties: properties(id, f.properties) });
	}
	return { type: 'FeatureCollection', features };
}

/**
 * Communes sharing a border (an arc) in the topology, by commune code, each list sorted. Two
 * communes touching at a single point are not neighbours.
 */
export function communeNeighbours(topo: Topology): Map<string, string[]> {
	const objects = (topo.objects.communes as GeometryCollection | undefined)?.geometries ?? [];
	const adjacency = neighbors(objects as GeometryObject[]);
	const out = new Map<string, string[]>();
	objects.forEach((g, i) => {
		out.set(String(g.id), adjacency[i].map((j) => String(objects[j].id)).sort());
	});
	return out;
}
