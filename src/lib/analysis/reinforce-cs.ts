/**
 * The centres sociaux whose action a commune « à renforcer » reinforces: the counted CS that list
 * it in their zone de compétence, and every counted CS within the CS radius of it (in the analysis
 * metric: straight-line km, or minutes with matrix values taking precedence over the estimate).
 * A new EVS there must have a manager distinct from theirs (circular n°2012-013).
 *
 * Computed only for the communes the rule flags: one radius query (km) or one pass over the CS
 * (minutes) each.
 */
import { haversineKm } from './distance';
import type { ActiveThresholds } from './options';
import type { StructureSet } from './structure-set';
import { costOfKm } from './travel-time';

/** Input indices (ascending) of the counted CS covering commune `i`. */
export function csCoveringCommune(set: StructureSet, i: number, t: ActiveThresholds): number[] {
	const { context, csLayer, points, lookup } = set;
	const found = new Set<number>();
	for (const j of set.zoneOf.get(i) ?? []) if (set.structures[j].type === 'CS') found.add(j);
	const lon = context.communePoints.lon[i];
	const lat = context.communePoints.lat[i];
	if (t.unit === 'km') {
		const out: number[] = [];
		csLayer.search.within(lon, lat, t.radiusCs, out);
		for (const l of out) found.add(csLayer.members[l]);
	} else {
		const overrides = lookup?.byOrigin[i];
		for (const g of csLayer.members) {
			const minutes = overrides?.get(g) ?? costOfKm(context.model, haversineKm(lon, lat, points.lon[g], points.lat[g]));
			if (minutes <= t.radiusCs) found.add(g);
		}
	}
	return [...found].sort((a, b) => a - b);
}
