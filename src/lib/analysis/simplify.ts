/**
 * Display geometries for maps, simplified **with their topology**: the polygons of one file are
 * turned into a TopoJSON topology (topojson-server), so a border shared by two communes is one
 * arc, simplified once (Visvalingam effective area, topojson-simplify) and read back by both
 * (topojson-client). Neighbours therefore keep sharing their borders exactly: no gaps, no slivers.
 *
 * Weights are spherical triangle areas; a vertex is dropped when its effective area is below
 * `minAreaM2` (default 10,000 m² = 1 ha, about one pixel at département zoom). Measured on the
 * geo.api.gouv.fr contours (already generalised): −40 % vertices for Vienne and Nord; far more
 * on full-resolution IGN ADMIN EXPRESS files.
 *
 * No polygon is ever lost: every arc keeps its most significant interior vertex (two for a
 * closed arc, i.e. an island or an enclave), so no ring collapses; and a feature whose
 * simplified rings would still be degenerate gets its original geometry back.
 * WGS84 [longitude, latitude] degrees in and out.
 */
import type { FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { topology } from 'topojson-server';
import { presimplify, simplify, sphericalTriangleArea } from 'topojson-simplify';
import { feature } from 'topojson-client';
import type { GeometryCollection, Objects, Topology } from 'topojson-specification';

type Polygonal = Polygon | MultiPolygon;

/** Earth radius (m) turning steradians into m², as the spherical weights are in steradians. */
const EARTH_RADIUS_M = 6_371_008.8;

export interface SimplifyOptions {
	/** Minimum effective triangle area (m²) of a kept vertex. Default 10,000 (1 ha). */
	minAreaM2?: number;
}

export const DEFAULT_SIMPLIFY_OPTIONS: Required<SimplifyOptions> = { minAreaM2: 10_000 };

/** Number of vertices of a geometry (closing positions included). */
export function vertexCount(geometry: Polygonal): number {
	const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
	let n = 0;
	for (const rings of polygons) for (const ring of rings) n += ring.length;
	return n;
}

function ringArea(ring: readonly Position[]): number {
	let a = 0;
	for (let i = 0; i < ring.length - 1; i++) a += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
	return a / 2;
}

/** True when every ring still has 4 positions and a non-zero area. */
function isSound(geometry: Polygonal | null): geometry is Polygonal {
	if (!geometry) return false;
	const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
	if (polygons.length === 0) return false;
	return polygons.every((rings) => rings.length > 0 && rings.every((r) => r.length >= 4 && ringArea(r) !== 0));
}

/** Keeps the most significant interior vertices of each arc, so no ring can collapse. */
function protectArcs(topo: Topology<Objects<{}>>): void {
	for (const arc of topo.arcs as unknown as number[][][]) {
		const n = arc.length;
		if (n < 3) continue;
		const closed = arc[0][0] === arc[n - 1][0] && arc[0][1] === arc[n - 1][1];
		const keep = closed ? 2 : 1;
		const order = arc
			.slice(1, n - 1)
			.map((p, i) => ({ i: i + 1, w: p[2] }))
			.sort((a, b) => b.w - a.w);
		for (const { i } of order.slice(0, keep)) arc[i][2] = Infinity;
	}
}

/**
 * Simplifies a set of neighbouring polygons together. Returns one geometry per input, in order;
 * `null` inputs stay `null`. Pure: the inputs are not modified.
 */
export function simplifyForDisplay(
	geometries: readonly (Polygonal | null)[],
	options: SimplifyOptions = {}
): (Polygonal | null)[] {
	const { minAreaM2 } = { ...DEFAULT_SIMPLIFY_OPTIONS, ...options };
	const present = geometries.filter((g): g is Polygonal => g !== null);
	if (present.length === 0) return geometries.map(() => null);

	const collection: FeatureCollection = {
		type: 'FeatureCollection',
		features: present.map((g) => ({ type: 'Feature', properties: {}, geometry: g }))
	};
	let topo = topology({ shapes: collection }) as unknown as Topology<Objects<{}>>;
	topo = presimplify(topo, sphericalTriangleArea);
	protectArcs(topo);
	topo = simplify(topo, minAreaM2 / (EARTH_RADIUS_M * EARTH_RADIUS_M));
	const simplified = feature(topo, topo.objects.shapes as GeometryCollection) as FeatureCollection;

	let k = 0;
	return geometries.map((original) => {
		if (original === null) return null;
		const g = simplified.features[k++]?.geometry as Polygonal | null | undefined;
		return isSound(g ?? null) && (g!.type === 'Polygon' || g!.type === 'MultiPolygon') ? g! : original;
	});
}
