/** A generated road network laid on the demo département's communes, written as `.osm.pbf` (routing tests). */
import { generateDemoDepartement } from '../../src/lib/demo/index';
import { generateRoadNetwork } from '../../src/lib/routing/network-generator';
import { writeNetworkPbf } from '../../src/lib/server/routing/write-network';

/** Writes it to `file`; data dated 2026-11-30 (the source becomes `osm:2026-11-30`). */
export async function writeDemoRoadNetwork(file: string, seed: number, referenceDate?: string): Promise<void> {
	const demo = generateDemoDepartement(referenceDate ? { referenceDate } : {});
	const network = generateRoadNetwork({
		bbox: { west: -6.05, south: 45.45, east: -4.45, north: 46.35 },
		villages: demo.communes.map((c) => ({ lon: c.refPoint[0], lat: c.refPoint[1] })),
		latticeKm: 3,
		shapeSpacingM: 400,
		villageStreets: 3,
		seed
	});
	await writeNetworkPbf(network, file, Date.UTC(2026, 10, 30) / 1000);
}
