/**
 * Generated national files of the real files' sizes, for the territory part of the import
 * benchmark when ../shared/data is absent: the Sarthe's communes (squares, real codes), an EPCI
 * file (one square per EPCI of the official list), 2,845 France services rows and INSEE's table
 * (34,955 rows with bassins de vie). Deterministic; no real file is copied.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { generatedCommunesGeoJson, officialCommunes } from '../integration/import-cli-fixtures';

const require = createRequire(import.meta.url);
const dataDir = path.join(path.dirname(require.resolve('@etalab/decoupage-administratif/package.json')), 'data');

/** Writes the files in `dir` and returns their paths. */
export function generatedNationalFiles(dir: string): { communes: string; epci: string; franceServices: string; insee: string } {
	const write = (name: string, content: string) => {
		const file = path.join(dir, name);
		fs.writeFileSync(file, content);
		return file;
	};
	const metro = officialCommunes().filter((c) => !c.code.startsWith('97'));
	const communes = write('communes-72.geojson', generatedCommunesGeoJson({ communes: officialCommunes('72'), bbox: [-0.45, 47.57, 0.92, 48.49] }));

	const epcis = JSON.parse(fs.readFileSync(path.join(dataDir, 'epci.json'), 'utf8')) as { code: string; nom: string; membres: { code: string }[] }[];
	const epci = write(
		'epci-generes.geojson',
		JSON.stringify({
			type: 'FeatureCollection',
			features: epcis.map((e, i) => {
				const x = -4 + (i % 40) * 0.28;
				const y = 42.6 + Math.floor(i / 40) * 0.24;
				const dep = e.membres[0]?.code.startsWith('97') ? e.membres[0].code.slice(0, 3) : e.membres[0]?.code.slice(0, 2);
				return {
					type: 'Feature',
					properties: { siren_epci: e.code, lib_epci: e.nom, insee_dep: dep },
					geometry: { type: 'MultiPolygon', coordinates: [[[[x, y], [x + 0.25, y], [x + 0.25, y + 0.2], [x, y + 0.2], [x, y]]]] }
				};
			})
		})
	);

	const services = Array.from({ length: 2845 }, (_, i) => metro[(i * 12_347) % metro.length]);
	const franceServices = write(
		'france-services-generees.csv',
		[
			'id_fs,insee_com,lib_fs,latitude,longitude,type_fs',
			...services.map((c, i) => `${i + 1},${c.code},"France services ${c.nom.replace(/"/g, '')}",${(42.6 + ((i * 7) % 80) / 10).toFixed(4)},${(-4 + ((i * 13) % 110) / 10).toFixed(4)},France services`)
		].join('\n')
	);

	const all = officialCommunes();
	const rows = Array.from({ length: 34_955 }, (_, i) => all[i % all.length]);
	const insee = write(
		'table-appartenance-generee.csv',
		[
			'CODGEO;LIBGEO;DEP;REG;ARR;CV;EPCI;NATURE_EPCI;ZE2020;UU2020;TUU2017;TDUU2017;AAV2020;TAAV2017;TDAAV2017;CATEAAV2020;BV2012',
			...rows.map((c, i) => {
				// Leading zeros lost, as in the real export; the BV pole: every 20th commune of the list.
				const code = c.code.replace(/^0/, '');
				const bv = all[i - (i % 20)].code.replace(/^0/, '');
				return [code, c.nom, c.departement.replace(/^0/, ''), '0', '0', '0', '0', 'CC', '0', '0', '0', '0', '0', '0', '0', i % 20 === 0 ? '11' : '20', bv].join(';');
			})
		].join('\r\n')
	);
	return { communes, epci, franceServices, insee };
}
