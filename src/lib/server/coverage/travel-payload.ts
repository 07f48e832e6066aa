/**
 * The travel times a page needs to rerun the analysis in the browser, without the bulk it does not:
 * every row to a structure or a pole, and commune rows only where they serve as a destination
 * (imported commune rows, which apply to every structure and pole of that commune, or a computed
 * commune row for a structure or pole that has no time of its own yet — added after the
 * computation). Commune → commune road times (hundreds of thousands of rows) stay on the server,
 * where the planning of candidate sites reads them.
 */
import type { TravelTime } from '$lib/analysis';

export function travelRowsForFacilities(
	rows: readonly TravelTime[] | null,
	structures: readonly { id: number | string; communeCode?: string | null }[],
	poles: readonly { id: number | string; communeCode?: string | null }[]
): TravelTime[] | null {
	if (!rows) return null;
	const withOwnRows = new Set<string>();
	for (const r of rows) if (r.destinationKind === 'structure' || r.destinationKind === 'pole') withOwnRows.add(`${r.destinationKind}:${r.destination}`);
	const fallback = new Set<string>();
	for (const s of structures) if (s.communeCode && !withOwnRows.has(`structure:${s.id}`)) fallback.add(s.communeCode);
	for (const p of poles) if (p.communeCode && !withOwnRows.has(`pole:${p.id}`)) fallback.add(p.communeCode);
	const computed = (r: TravelTime) => !!r.source && /^(osm|osrm):/.test(r.source);
	return rows.filter((r) => r.destinationKind !== 'commune' || !computed(r) || fallback.has(r.destination));
}
