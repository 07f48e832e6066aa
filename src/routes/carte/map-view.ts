/**
 * The map data of the coverage page from the analysis in view: counted structures as points,
 * poles, coverage circles, and the count of each layer for the legend; the view that shows a
 * commune with its surroundings. Pure.
 */
import type { FeatureCollection } from 'geojson';
import type { CoverageCommune, PointId } from '$lib/analysis';
import type { LoadedPole, LoadedStructure } from '$lib/server/coverage/inputs';
import { coverageCircles } from '$lib/map/circles';
import { analysedStructuresToFeatures, polesToFeatures } from '$lib/map/coverage-geojson';
import type { Bounds, MapData } from '$lib/map/map-data';
import type { MapSelection } from '$lib/map/selection';
import type { MapGeometry } from '$lib/map/topology';
import { boundsAround, computeBounds } from '$lib/map/to-geojson';

/**
 * Everything the coverage map draws (`mapData` null while the outlines load), and how many
 * features each legend entry has.
 */
export function coverageMapView(input: {
	/** The decoded outlines, null while they load. */
	outlines: MapGeometry | null;
	bounds: Bounds | null;
	/** Communes with their categories, null while the outlines load. */
	communes: MapData['communes'] | null;
	counted: readonly LoadedStructure[];
	poles: readonly LoadedPole[];
	communeName: (code: string) => string | null;
	/** Circle radius of each structure type, km. */
	circleKm: { CS: number; EVS: number };
}): { mapData: MapData | null; layerCounts: Record<string, number> } {
	const { outlines, bounds, communes, counted, poles, communeName, circleKm } = input;
	const structures = analysedStructuresToFeatures(
		counted.map((s) => ({
			id: s.id,
			name: s.name,
			type: s.type,
			communeCode: s.communeCode,
			communeName: communeName(s.communeCode),
			approximate: s.approximate,
			renewalPending: s.foundingState === 'renouvellement_en_cours',
			outside: s.outside,
			lon: s.lon,
			lat: s.lat
		}))
	);
	const poleFeatures = polesToFeatures(poles, communeName);
	const circles = coverageCircles(counted, circleKm);
	const count = (fc: FeatureCollection | undefined) => fc?.features.length ?? 0;
	return {
		mapData: outlines && communes ? { communes, epcis: outlines.epcis, structures, poles: poleFeatures, qpvs: outlines.qpvs, circles, bounds } : null,
		layerCounts: {
			communes: count(communes ?? undefined),
			epcis: count(outlines?.epcis),
			qpvs: count(outlines?.qpvs),
			poles: count(poleFeatures),
			circles: count(circles),
			CS: counted.filter((s) => s.type === 'CS').length,
			EVS: counted.filter((s) => s.type === 'EVS').length
		}
	};
}

/**
 * Where « Afficher » takes the map: the commune (its outline, else its reference point) together
 * with its nearest counted structure and its nearest pole, so the reader sees why it is in its
 * category. Null when the commune is unknown.
 */
export function communeSurroundings(
	code: string,
	input: {
		outlines: MapGeometry | null;
		communes: readonly CoverageCommune[];
		structures: readonly { id: PointId; lon: number; lat: number }[];
		poles: readonly { id: PointId; lon: number; lat: number }[];
		/** The commune's analysis (nearest structure and pole), when there is one. */
		coverage: { nearestStructureId: PointId | null; nearestPoleId: PointId | null } | undefined;
	}
): Bounds | null {
	const { outlines, communes, structures, poles, coverage } = input;
	const outline = outlines?.communes.features.find((f) => f.properties.code === code);
	const commune = communes.find((c) => c.code === code);
	const own = outline ? computeBounds([outline.geometry]) : commune ? boundsAround(null, [[commune.lon, commune.lat]]) : null;
	if (!own) return null;
	const same = (id: PointId | null) => (item: { id: PointId }) => id !== null && String(item.id) === String(id);
	const around = [structures.find(same(coverage?.nearestStructureId ?? null)), poles.find(same(coverage?.nearestPoleId ?? null))];
	return boundsAround(own, around.flatMap((p) => (p ? [[p.lon, p.lat] as const] : [])));
}

/** The map selection of a commune of the analysis inputs (its outline may not be loaded yet). */
export function communeSelection(
	code: string | null,
	communes: readonly CoverageCommune[],
	epciName: (siren: string) => string
): MapSelection | null {
	const c = code ? communes.find((x) => x.code === code) : undefined;
	if (!c) return null;
	const epciSiren = c.epci ?? null;
	return { kind: 'commune', properties: { code: c.code, name: c.name, population: c.population, epciSiren, epciName: epciSiren ? epciName(epciSiren) : null } };
}
