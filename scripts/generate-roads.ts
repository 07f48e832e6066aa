// Generates a département-like road network (`src/lib/routing/network-generator.ts`) as an
// OpenStreetMap extract, for tests, benchmarks and trying `maillage routes compute` without a
// download:
//   npm run generate:roads -- --out reseau.osm.pbf [--xml reseau.osm] [--villages 650] [--lattice-km 1.2]
//                                [--shape-m 60] [--seed 16] [--demo]
// --demo lays the villages on the communes of the fictional demo département (`maillage db seed-demo`),
// so that `maillage routes compute reseau.osm.pbf` works on the demo base.
import { parseArgs } from 'node:util';
import { generateRoadNetwork } from '../src/lib/routing/network-generator';
import { generateDemoDepartement } from '../src/lib/demo/index';
import { writeNetworkPbf, writeNetworkXml } from '../src/lib/server/routing/write-network';

const { values } = parseArgs({
	options: {
		out: { type: 'string' },
		xml: { type: 'string' },
		villages: { type: 'string', default: '650' },
		'lattice-km': { type: 'string', default: '1.2' },
		'shape-m': { type: 'string', default: '60' },
		seed: { type: 'string', default: '16' },
		demo: { type: 'boolean', default: false }
	}
});
if (!values.out && !values.xml) {
	console.error('Indiquez --out fichier.osm.pbf et/ou --xml fichier.osm.');
	process.exit(2);
}
const demo = values.demo ? generateDemoDepartement() : null;
const villages = demo?.communes.map((c) => ({ lon: c.refPoint[0], lat: c.refPoint[1] }));
const bbox = demo ? { west: -6.05, south: 45.45, east: -4.45, north: 46.35 } : { west: 0, south: 46, east: 1.3, north: 46.8 };
const network = generateRoadNetwork({
	bbox,
	villages,
	villageCount: Number(values.villages),
	latticeKm: Number(values['lattice-km']),
	shapeSpacingM: Number(values['shape-m']),
	seed: Number(values.seed)
});
const timestamp = Date.UTC(2026, 10, 30) / 1000;
if (values.out) {
	const bytes = await writeNetworkPbf(network, values.out, timestamp);
	console.error(`${values.out} : ${network.nodes.ids.length.toLocaleString('fr-FR')} nœuds, ${network.ways.length.toLocaleString('fr-FR')} voies, ${(bytes / 1e6).toFixed(1)} Mo`);
}
if (values.xml) {
	const bytes = await writeNetworkXml(network, values.xml, new Date(timestamp * 1000).toISOString());
	console.error(`${values.xml} : ${(bytes / 1e6).toFixed(1)} Mo`);
}
