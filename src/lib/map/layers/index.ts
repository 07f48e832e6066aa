/**
 * Every layer group of the département map, bottom to top. A new thematic layer (e.g. the coverage
 * choropleth) is one more group here, with its own spec file: the map, legend and toggles follow.
 */
import { communesGroup } from './communes';
import { epcisGroup } from './epcis';
import { structureGroups } from './structures';
import type { MapLayerGroup } from './types';

export { coverageLayerGroups } from './coverage';
export type { LayerSpecWithoutSource, LegendEntry, LegendSymbol, MapLayerGroup, MapSourceKey } from './types';

export const mapLayerGroups: readonly MapLayerGroup[] = [communesGroup, epcisGroup, ...structureGroups];

/** Ids of the layers whose features show a tooltip and details, top-most first (query order). */
export function interactiveLayerIds(groups: readonly MapLayerGroup[], hiddenGroups: readonly string[] = []): string[] {
	return groups
		.filter((g) => g.interactive && !hiddenGroups.includes(g.key))
		.flatMap((g) => g.layers.map((l) => l.id))
		.reverse();
}
