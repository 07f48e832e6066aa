/**
 * French text of a commune's coverage on the map (tooltip): its category and the distances (or
 * travel times) to the nearest structure and pole. Pure.
 */
import type { CommuneCoverage } from '$lib/analysis';
import { formatKm, formatMinutes, formatNumber, NBSP } from '$lib/format';
import { coverageCategories } from '$lib/palette';
import type { SelectionText } from '$lib/map/selection';

export const categoryLabel = (key: string): string => coverageCategories.find((c) => c.key === key)?.label ?? key;

/**
 * « 23 min par la route (14,2 km à vol d’oiseau) » with road times, « 14 min (9,3 km) » with other
 * travel times, the label of `beyond` past the computed cutoff, else « 9,3 km ».
 */
export function measure(unit: 'km' | 'min', minutes: number | null, distanceKm: number | null, source: string | null = null, labels: Record<string, string> | null = null): string {
	if (unit !== 'min' || minutes === null) return formatKm(distanceKm);
	if (!Number.isFinite(minutes)) return `${labels?.beyond ?? 'hors d’atteinte'} (${formatKm(distanceKm)} à vol d’oiseau)`;
	return source === 'road' ? `${formatMinutes(minutes)} par la route (${formatKm(distanceKm)} à vol d’oiseau)` : `${formatMinutes(minutes)} (${formatKm(distanceKm)})`;
}

/** The tooltip of a commune of the coverage map; `sources`: where its compared times come from. */
export function describeCommune(
	c: CommuneCoverage,
	unit: 'km' | 'min',
	sources: { structure?: string | null; pole?: string | null } | null = null,
	labels: Record<string, string> | null = null
): SelectionText {
	return {
		kind: `Commune — ${categoryLabel(c.category)}`,
		title: c.name,
		facts: [
			{ label: 'Population', value: `${formatNumber(c.population)}${NBSP}hab.` },
			{ label: 'Structure la plus proche', value: measure(unit, c.nearestStructureMinutes, c.nearestStructureKm, sources?.structure ?? null, labels) },
			{ label: 'Pôle d’activités le plus proche', value: measure(unit, c.nearestPoleMinutes, c.nearestPoleKm, sources?.pole ?? null, labels) }
		],
		href: null
	};
}

/** Which nearest point a coverage reason compares (for the source of its travel time). */
const REASON_SOURCE: Record<string, 'cs' | 'evs' | 'pole'> = {
	cs_within_radius: 'cs',
	cs_beyond_radius: 'cs',
	evs_within_radius: 'evs',
	evs_beyond_radius: 'evs',
	pole_within_isolation: 'pole',
	pole_beyond_isolation: 'pole'
};

/**
 * The reasons of a commune's category, each followed by where its travel time comes from
 * (« — temps importé (matrice) ») when the analysis uses travel times.
 */
export function reasonsWithSources<R extends { code: string; text: string }>(
	reasons: R[],
	sources: Partial<Record<'cs' | 'evs' | 'pole', string | null>> | null,
	labels: Record<string, string> | null
): R[] {
	if (!sources || !labels) return reasons;
	return reasons.map((r) => {
		const key = REASON_SOURCE[r.code];
		const source = key ? sources[key] : null;
		return source ? { ...r, text: `${r.text} — ${labels[source]}` } : r;
	});
}
