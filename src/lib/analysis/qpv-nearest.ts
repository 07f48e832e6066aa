/**
 * Nearest structure of every QPV, measured from the QPV's **contour** (0 inside, `qpv-shape.ts`).
 *
 * Search: the structure nearest to the QPV's reference point gives an upper bound b on the
 * contour distance; the contour lies within R (the shape's radius) of the reference point, so any
 * structure nearer the contour than b is within b + R of that point — one radius query of the
 * layer's index, then the exact contour distance of those candidates. Ties break on the lowest
 * global index, as everywhere in the engine.
 *
 * Complexity per QPV: one nearest query, one radius query (k candidates), k × v edge tests for a
 * contour of v vertices.
 */
import type { CoverageContext } from './context';
import { haversineKm } from './distance';
import type { NearestFacts, PointArrays, PointLayer } from './nearest';
import { distanceToQpvShapeKm } from './qpv-shape';

/** Distance from (lon, lat) to QPV `k` of the context, km: from its contour, or its point without one. */
export function qpvDistanceKm(context: CoverageContext, k: number, lon: number, lat: number): number {
	const shape = context.qpvShapes[k];
	return shape ? distanceToQpvShapeKm(shape, lon, lat) : haversineKm(context.qpvPoints.lon[k], context.qpvPoints.lat[k], lon, lat);
}

/** Nearest destination of `layer` to every QPV of the context (straight-line km from the contour; `cost` = km). */
export function nearestToQpvs(context: CoverageContext, layer: PointLayer, points: PointArrays): NearestFacts {
	const q = context.qpvPoints.lon.length;
	const facts: NearestFacts = { index: new Int32Array(q).fill(-1), km: new Float64Array(q).fill(NaN), cost: new Float64Array(q).fill(NaN) };
	const { members, search } = layer;
	const out: number[] = [];
	for (let k = 0; k < q; k++) {
		const lon = context.qpvPoints.lon[k];
		const lat = context.qpvPoints.lat[k];
		const hit = search.nearest(lon, lat);
		if (!hit) continue;
		let best = members[hit.index];
		const shape = context.qpvShapes[k];
		let bestKm = shape ? distanceToQpvShapeKm(shape, points.lon[best], points.lat[best]) : hit.km;
		if (shape) {
			// Margin far above rounding: the bound mixes the index's haversine and the contour distance.
			const radius = bestKm + shape.radiusKm + 1e-6 * (1 + bestKm + shape.radiusKm);
			search.within(lon, lat, radius, out);
			for (const l of out) {
				const g = members[l];
				const d = distanceToQpvShapeKm(shape, points.lon[g], points.lat[g]);
				if (d < bestKm || (d === bestKm && g < best)) {
					best = g;
					bestKm = d;
				}
			}
		}
		facts.index[k] = best;
		facts.km[k] = bestKm;
		facts.cost[k] = bestKm;
	}
	return facts;
}
