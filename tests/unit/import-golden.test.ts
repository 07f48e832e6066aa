/**
 * Golden tests of every parser: `tests/fixtures/import/in/<file>` → `out/<file>.json`
 * (items, issues with their French message, counts), compared with toStrictEqual.
 * `UPDATE_GOLDEN=1` rewrites the outputs; review the diff. Regenerate the inputs with
 * `npx tsx tests/fixtures/import/make-fixtures.ts`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readImportFile, type ImportKind } from '../../src/lib/io/import-file';
import { formatIssue } from '../../src/lib/io/messages-fr';
import type { ImportContext } from '../../src/lib/io/context';
import type { CommuneInput, PoleInput, ZoneInput, IndicatorInput, EpciInput } from '../../src/lib/domain/territory';
import type { StructureInput } from '../../src/lib/domain/structure';
import { officialGeography } from '../../src/lib/server/import/official';
import { pointInPolygonal } from '../../src/lib/analysis/reference-point';

const root = path.resolve('tests/fixtures/import');
const update = process.env.UPDATE_GOLDEN === '1';

/** The database as the golden runs see it: Poitiers and Buxerolles loaded, no EPCI. */
function goldenContext(): ImportContext {
	return {
		official: officialGeography(),
		communes: new Map([
			['86194', { name: 'Poitiers', refLon: 0.305, refLat: 46.57 }],
			['86041', { name: 'Buxerolles', refLon: 0.365, refLat: 46.57 }]
		]),
		epciSirens: new Set(),
		// As the migration 2026-12-06T0330 stores them (`qpv.generations`).
		qpvGenerations: {
			'2015': { validFrom: '2015-01-01', validUntil: '2023-12-31', codePrefix: 'QP' },
			'2024': { validFrom: '2024-01-01', validUntil: null, codePrefix: 'QN' }
		}
	};
}

async function run(kind: ImportKind, file: string) {
	const bytes = fs.readFileSync(path.join(root, 'in', file));
	return readImportFile(kind, bytes, goldenContext());
}

const CASES: [ImportKind, string][] = [
	['communes', 'communes-wgs84.geojson'],
	['communes', 'communes-lambert93.geojson'],
	['communes', 'communes-codes.geojson'],
	['communes', 'communes-geoapi.geojson'],
	['communes', 'communes-self-intersecting.geojson'],
	['qpv', 'qpv.geojson'],
	['iris', 'iris.geojson'],
	['epci', 'epci.geojson'],
	['epci', 'epci-membership.csv'],
	['poles', 'poles.csv'],
	['poles', 'poles.geojson'],
	['structures', 'structures-semicolon-bom.csv'],
	['structures', 'structures-comma.csv'],
	['structures', 'structures-cp1252.csv'],
	['indicators', 'indicators-long.csv'],
	['indicators', 'indicators-wide.csv']
];

describe('readImportFile(kind, bytes, ctx) against golden outputs', () => {
	for (const [kind, file] of CASES) {
		it(`readImportFile('${kind}', ${file}) matches out/${file}.json`, async () => {
			const result = await run(kind, file);
			const actual = JSON.parse(
				JSON.stringify({
					kind: result.kind,
					format: result.format,
					encoding: result.encoding,
					read: result.read,
					skipped: result.skipped,
					issues: result.issues.map((i) => ({ ...i, message: formatIssue(i) })),
					items: result.items
				})
			);
			const out = path.join(root, 'out', `${file}.json`);
			if (update || !fs.existsSync(out)) {
				fs.mkdirSync(path.dirname(out), { recursive: true });
				fs.writeFileSync(out, JSON.stringify(actual, null, '\t') + '\n');
				if (!update) throw new Error(`golden file created, review it: ${out}`);
			}
			expect(actual).toStrictEqual(JSON.parse(fs.readFileSync(out, 'utf8')));
		});
	}
});

describe('what the goldens must show', () => {
	it("readImportFile('communes', Lambert-93) gives the same communes as the WGS84 file, within 1 cm", async () => {
		const wgs = (await run('communes', 'communes-wgs84.geojson')).items as CommuneInput[];
		const l93 = await run('communes', 'communes-lambert93.geojson');
		expect(l93.issues.map((i) => i.code)).toEqual(['crs-lambert93-reprojected']);
		const items = l93.items as CommuneInput[];
		expect(items.map((c) => c.code)).toEqual(wgs.map((c) => c.code));
		items.forEach((c, k) => {
			const a = JSON.stringify(c.geometry.coordinates).match(/-?\d+\.?\d*/g)!.map(Number);
			const b = JSON.stringify(wgs[k].geometry.coordinates).match(/-?\d+\.?\d*/g)!.map(Number);
			expect(a.length).toBe(b.length);
			a.forEach((v, i) => expect(Math.abs(v - b[i])).toBeLessThan(1e-6));
			expect(c.refPointSource).toBe(wgs[k].refPointSource);
		});
	});

	it('joins population, département and EPCI from the official list; the C-shaped Poitiers gets a point on its surface', async () => {
		const items = (await run('communes', 'communes-wgs84.geojson')).items as CommuneInput[];
		const poitiers = items.find((c) => c.code === '86194')!;
		expect(poitiers).toMatchObject({ name: 'Poitiers', departementCode: '86', epciSiren: '200069854', populationYear: 2023, refPointSource: 'point_on_surface' });
		expect(poitiers.population).toBeGreaterThan(80_000);
		for (const c of items) expect(pointInPolygonal(c.refLon, c.refLat, c.geometry), c.code).toBe(true);
		expect(items.find((c) => c.code === '86214')!.geometry.type).toBe('MultiPolygon');
	});

	it('restores leading zeros, keeps 2A004 and overseas codes, reports a merged commune with its absorber', async () => {
		const r = await run('communes', 'communes-codes.geojson');
		const items = r.items as CommuneInput[];
		expect(items.map((c) => [c.code, c.departementCode])).toEqual([['01001', '01'], ['2A004', '2A'], ['86231', '86'], ['97411', '974']]);
		expect(r.issues).toEqual([
			{ severity: 'warning', feature: 1, column: 'insee', code: 'insee-leading-zero-restored', params: { value: '1001', code: '01001' } },
			{ severity: 'warning', feature: 3, column: 'id', code: 'commune-merged', params: { code: '86231', absorbedBy: '86247', absorbedByName: 'Val-de-Comporté', cogYear: 2026 } }
		]);
		expect(items[2]).toMatchObject({ name: 'Saint-Macoux', population: null });
	});

	it('a centre given by the file wins (geo.api.gouv.fr shape), and its population is used', async () => {
		const items = (await run('communes', 'communes-geoapi.geojson')).items as CommuneInput[];
		expect(items[0]).toMatchObject({ refLon: 0.3464, refLat: 46.5846, refPointSource: 'supplied', population: 88665, populationYear: null });
	});

	it('reads structures from UTF-8 with BOM and `;`, from `,` with quotes, and from Windows-1252', async () => {
		const bom = await run('structures', 'structures-semicolon-bom.csv');
		expect(bom.encoding).toBe('utf-8');
		const s = bom.items as StructureInput[];
		expect(s.map((x) => [x.externalId, x.type, x.communeCode])).toEqual([
			['CS-001', 'CS', '86194'],
			['EVS-002', 'EVS', '86041'],
			['CS-003', 'CS', '86194'],
			['EVS-004', 'EVS', '79191']
		]);
		expect(s[0]).toMatchObject({ lat: 46.5935, lon: 0.3528, managementMode: 'association', zoneCommuneCodes: ['86194', '86041'], firstAgrementDate: '1998-09-15', projetFamilles: true });
		expect(s[0].agrements.map((a) => a.kind)).toEqual(['animation_globale', 'animation_collective_familles']);
		expect(s[1]).toMatchObject({ locationApproximate: true, lon: 0.365, lat: 46.57, agrements: [{ kind: 'animation_locale', startDate: '2024-01-01', endDate: '2024-12-31', isFirst: true }] });
		expect(s[2]).toMatchObject({ name: 'Centre socioculturel "La Blaiserie"', address: '1 rue de la Blaiserie; bât. B', managementMode: 'ccas_cias' });
		expect(s[3].zoneCommuneCodes).toEqual(['79191', '01001']);

		const comma = (await run('structures', 'structures-comma.csv')).items as StructureInput[];
		expect(comma[0]).toMatchObject({ externalId: null, siret: '77567013600016', address: '37 boulevard Savari,\nPoitiers', lat: 46.5935 });
		expect(comma[1].managementMode).toBe('caf_gestion_directe');
		expect(comma[0].zoneCommuneCodes).toBeUndefined(); // column absent: the stored zone stays

		const cp = await run('structures', 'structures-cp1252.csv');
		expect(cp.encoding).toBe('windows-1252');
		expect((cp.items as StructureInput[]).map((x) => [x.name, x.address])).toEqual([
			['Centre social Les Érables', 'Place de l’Église'],
			['Espace de vie sociale Saint-Éloi', 'Rue du Cœur']
		]);
	});

	it('reads zones, EPCI, poles and indicators', async () => {
		const qpv = (await run('qpv', 'qpv.geojson')).items as ZoneInput[];
		expect(qpv.map((z) => [z.code, z.communeCodes])).toEqual([['QP086001', ['86194']], ['QN08602M', ['86194', '86041']]]);
		// The generation comes from the code: QP… 2015 (until 31 December 2023), QN… 2024.
		expect(qpv.map((z) => [z.generation, z.validFrom, z.validUntil])).toEqual([
			['2015', '2015-01-01', '2023-12-31'],
			['2024', '2024-01-01', null]
		]);
		// A flag that contradicts a code is refused, naming the feature; never guessed.
		const bytes = fs.readFileSync(path.join(root, 'in', 'qpv.geojson'));
		const flagged = await readImportFile('qpv', bytes, { ...goldenContext(), qpvGeneration: '2024' });
		expect(flagged.issues.map((i) => [i.code, i.feature])).toEqual([['qpv-generation-mismatch', 1]]);
		expect(formatIssue(flagged.issues[0])).toContain('générations contradictoires pour ce QPV (--generation 2024, code 2015)');
		// Without dated generations the code tells nothing: the generation is missing, or unknown when flagged.
		const bare = { ...goldenContext(), qpvGenerations: {} };
		expect((await readImportFile('qpv', bytes, bare)).issues.map((i) => i.code)).toEqual(['qpv-generation-missing', 'qpv-generation-missing']);
		expect((await readImportFile('qpv', bytes, { ...bare, qpvGeneration: '2024' })).issues.map((i) => i.code)).toEqual(['qpv-generation-unknown', 'qpv-generation-unknown']);
		const iris = (await run('iris', 'iris.geojson')).items as ZoneInput[];
		expect(iris.map((z) => [z.code, z.communeCodes])).toEqual([['861940101', ['86194']], ['860410000', ['86041']]]);
		const epci = (await run('epci', 'epci-membership.csv')).items as EpciInput[];
		expect(epci).toEqual([
			{ siren: '200069854', name: 'CU du Grand Poitiers', nature: 'CU', geometry: null, displayGeometry: null, memberCodes: ['86194', '86041', '86062'],
				// A membership file: no outline of its own (drawn from the communes once they are stored).
				interdepartemental: false, outlineSource: null, outlinePartial: false }
		]);
		const poles = (await run('poles', 'poles.csv')).items as PoleInput[];
		expect(poles.map((p) => [p.communeCode, p.lat, p.locationApproximate])).toEqual([['86194', 46.5802, false], ['86041', 46.57, true], ['79191', 46.3237, false]]);
		const long = await run('indicators', 'indicators-long.csv');
		const ind = long.items as IndicatorInput[];
		expect(ind.map((i) => [i.territoryKind, i.territoryCode, i.key, i.value])).toEqual([
			['commune', '86194', 'familles', 12345],
			['commune', '86194', 'Taux de pauvreté', 21.4],
			['commune', '86194', 'taux_pauvrete', 21.4],
			['commune', '01001', 'allocataires', 120],
			['qpv', 'QP086001', 'population', 4210],
			['epci', '200069854', 'population', 197000],
			['departement', '86', 'familles_monoparentales', 15230],
			['iris', '861940101', 'part_jeunes', 0.31]
		]);
		expect(long.skipped).toBe(1);
		const wide = (await run('indicators', 'indicators-wide.csv')).items as IndicatorInput[];
		expect(wide.map((i) => `${i.territoryCode}:${i.key}=${i.value}`)).toEqual([
			'86194:familles=12345',
			'86194:allocataires=9800',
			'86194:taux_pauvrete=21.4',
			'86041:familles=2101',
			'86041:allocataires=1500'
		]);
	});
});
