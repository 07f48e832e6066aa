/** Edges of polygon rings as keys, to check that neighbouring polygons share their borders exactly. */
import type { Position } from 'geojson';

/** The undirected edges of a closed ring, as order-independent `a|b` keys of their end points. */
export function ringEdgeKeys(ring: Position[]): string[] {
	const keys: string[] = [];
	for (let i = 0; i < ring.length - 1; i++) {
		const a = ring[i].join(',');
		const b = ring[i + 1].join(',');
		keys.push(a < b ? `${a}|${b}` : `${b}|${a}`);
	}
	return keys;
}
