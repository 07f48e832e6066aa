/**
 * The map data of the coverage page from the analysis in view: counted structures as points,
 * poles, coverage circles, and the count of each layer for the legend. Pure.
 */
import type { FeatureCollection } from 'geojson';
import type { LoadedPole, LoadedStructure } from '$lib/server/coverage/inputs';
import { coverageCircles } from '$lib/map/circles';
import { analysedStructuresToFeatures, polesToFeatures } from '$lib/map/coverage-geojson';
import type { MapData } from '$lib/map/map-data';

interface Geometry {
	epcis: MapData['epcis'];
	qpvs: MapData['qpvs'];
	bounds: MapData['bounds'];
}

/** Everything the coverage map draws, and how many features each legend entry has. */
export function coverageMapView(input: {
	geometry: Geometry;
	communes: MapData['communes'];
	counted: readonly LoadedStructure[];
	poles: readonly LoadedPole[];
	communeName: (code: string) => string | null;
	/** Circle radius of each structure type, km. */
	circleKm: { CS: number; EVS: number };
}): { mapData: MapData; layerCounts: Record<string, number> } {
	const { geometry, communes, counted, poles, communeName, circleKm } = input;
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
		mapData: { communes, epcis: geometry.epcis, structures, poles: poleFeatures, qpvs: geometry.qpvs, circles, bounds: geometry.bounds },
		layerCounts: {
			communes: count(communes),
			epcis: count(geometry.epcis),
			qpvs: count(geometry.qpvs),
			poles: count(poleFeatures),
			circles: count(circles),
			CS: counted.filter((s) => s.type === 'CS').length,
			EVS: counted.filter((s) => s.type === 'EVS').length
		}
	};
}
