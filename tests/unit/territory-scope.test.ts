/**
 * The territory of work in the pure layers (issue 14), on generated data: the outline and its
 * distances, the dissolve of EPCI outlines, the scope of every reader (kept in the territory, in
 * the band, set aside — a malformed record set aside is a warning), the engine's figures without
 * the band, and the default funders' names.
 */
import { describe, expect, it } from 'vitest';
import type { MultiPolygon, Polygon } from 'geojson';
import { area } from '@turf/turf';
import { buildTerritoryOutline, distanceToTerritoryKm, insideTerritory, positionsWithinKm } from '../../src/lib/analysis/territory-outline';
import { dissolveByGroup } from '../../src/lib/analysis/dissolve';
import { analyzeCoverage } from '../../src/lib/analysis';
import { readImportFile, type ImportKind } from '../../src/lib/io/import-file';
import { createImportScope } from '../../src/lib/io/scope';
import { describeScope } from '../../src/lib/io/scope-fr';
import type { ImportContext, KnownCommune } from '../../src/lib/io/context';
import { officialGeography } from '../../src/lib/server/import/official';
import { communePartnerName, defaultPartners, ofDepartements } from '../../src/lib/funding/default-references';
import type { CommuneInput, EpciInput, IndicatorInput, PoleInput, ZoneInput } from '../../src/lib/domain/territory';
import type { StructureInput } from '../../src/lib/domain/structure';
import {
	BAND_CODE,
	BAND_COMMUNES,
	BAND_POINT,
	FAR_CODE,
	FAR_POINT,
	IN_CODE,
	IN_POINT,
	TERRITORY_BBOX,
	TERRITORY_COMMUNES,
	territoryCommunesGeoJson,
	worldCommunesGeoJson,
	worldPolesCsv,
	worldStructuresCsv
} from '../helpers/territory-world';

const text = (s: string) => new TextEncoder().encode(s);

/** 4 × 4 squares of 0.1° filling TERRITORY_BBOX (the territory's communes). */
function territorySquares(): Polygon[] {
	const squares: Polygon[] = [];
	for (let i = 0; i < 4; i++) {
		for (let j = 0; j < 4; j++) {
			const x = Math.round((TERRITORY_BBOX[0] + i * 0.1) * 10) / 10;
			const y = Math.round((TERRITORY_BBOX[1] + j * 0.1) * 10) / 10;
			const x1 = Math.round((x + 0.1) * 10) / 10;
			const y1 = Math.round((y + 0.1) * 10) / 10;
			squares.push({ type: 'Polygon', coordinates: [[[x, y], [x1, y], [x1, y1], [x, y1], [x, y]]] });
		}
	}
	return squares;
}

const outline = buildTerritoryOutline(territorySquares())!;

/** The database as a reader sees it: the territory's communes stored, and one commune of the band. */
function context(
	options: { departements?: string[] | null; keepAll?: boolean; bandOnly?: boolean; withOutline?: boolean; communes?: Map<string, KnownCommune> } = {}
): ImportContext {
	const communes =
		options.communes ??
		new Map<string, KnownCommune>([
			...TERRITORY_COMMUNES.map((c, i): [string, KnownCommune] => [c.code, { name: c.nom, refLon: 0.05 + (i % 4) * 0.1, refLat: 46.05 + Math.floor(i / 4) * 0.1, departementCode: '86' }]),
			[BAND_CODE, { name: BAND_COMMUNES[1].nom, refLon: BAND_POINT.lon, refLat: BAND_POINT.lat, departementCode: '79' }]
		]);
	const departements = options.departements === undefined ? ['86'] : options.departements;
	return {
		official: officialGeography(),
		communes,
		epciSirens: new Set(),
		// As the migration 2026-12-06T0330 stores them (`qpv.generations`).
		qpvGenerations: {
			'2015': { validFrom: '2015-01-01', validUntil: '2023-12-31', codePrefix: 'QP' },
			'2024': { validFrom: '2024-01-01', validUntil: null, codePrefix: 'QN' }
		},
		territory:
			departements === null
				? null
				: { departements, bandKm: 20, keepAll: options.keepAll ?? false, bandOnly: options.bandOnly, outline: options.withOutline === false ? null : outline }
	};
}

async function read<K extends ImportKind>(kind: K, content: string, ctx: ImportContext) {
	return readImportFile(kind, text(content), ctx);
}

describe('buildTerritoryOutline(communes) and distances', () => {
	it('is 0 inside, the distance to the outer edge outside, Infinity beyond maxKm', () => {
		expect(distanceToTerritoryKm(outline, IN_POINT.lon, IN_POINT.lat, 20)).toBe(0);
		expect(insideTerritory(outline, IN_POINT.lon, IN_POINT.lat)).toBe(true);
		// 0.1° of longitude at 46.2° N: 111.32 × cos(46.2°) × 0.1 ≈ 7.71 km (local projection within 2 %).
		const expected = 111.32 * Math.cos((46.2 * Math.PI) / 180) * 0.1;
		expect(distanceToTerritoryKm(outline, BAND_POINT.lon, BAND_POINT.lat, 20)).toBeCloseTo(expected, 1);
		expect(distanceToTerritoryKm(outline, FAR_POINT.lon, FAR_POINT.lat, 20)).toBe(Infinity);
		// North of a corner: the distance to the corner itself.
		expect(distanceToTerritoryKm(outline, 0.4, 46.5, 20)).toBeCloseTo(11.06, 1);
	});

	it('keeps only the outer boundary: the 16 squares give the 16 edges of the 0.4° square', () => {
		expect(outline.segments.length / 4).toBe(16);
		expect(positionsWithinKm(outline, [[-0.05, 46.1], [-0.9, 46.1]], 20)).toBe(true);
		expect(positionsWithinKm(outline, [[-0.9, 46.1]], 20)).toBe(false);
	});
});

describe('dissolveByGroup(geometries, groups)', () => {
	it('dissolves each group along its shared arcs: one ring, the members’ area, a border shared with the next group', () => {
		const squares = territorySquares();
		const groups = squares.map((_, i) => (i < 8 ? 'A' : 'B'));
		const out = dissolveByGroup(squares, groups);
		for (const key of ['A', 'B']) {
			const merged = out.get(key)!;
			expect(merged.type).toBe('MultiPolygon');
			expect(merged.coordinates).toHaveLength(1);
			expect(merged.coordinates[0]).toHaveLength(1);
			const members = squares.filter((_, i) => groups[i] === key);
			const sum = members.reduce((s, g) => s + area(g), 0);
			expect(area(merged)).toBeCloseTo(sum, -2);
		}
		// No sliver: the common border lon = 0.2 appears in both outlines with the same vertices.
		const onBorder = (g: MultiPolygon) => [...new Set(g.coordinates[0][0].filter(([x]) => x === 0.2).map(([, y]) => y))].sort();
		expect(onBorder(out.get('A')!)).toEqual(onBorder(out.get('B')!));
	});
});

describe('createImportScope(territory)', () => {
	it('places by département, then by distance to the outline; without a territory everything is in', () => {
		const scope = createImportScope({ departements: ['86'], bandKm: 20, keepAll: false, outline });
		expect(scope.active).toBe(true);
		expect(scope.place('86', null)).toBe('territory');
		expect(scope.place('79', [BAND_POINT.lon, BAND_POINT.lat])).toBe('band');
		expect(scope.place('79', [FAR_POINT.lon, FAR_POINT.lat])).toBe('outside');
		expect(createImportScope(null).place('79', null)).toBe('territory');
		expect(createImportScope({ departements: ['86'], bandKm: 20, keepAll: true, outline }).active).toBe(false);
	});
});

describe('readImportFile(kind, bytes, ctx) within a territory of work', () => {
	it('communes of a national file: the territory and its band kept, the rest set aside by département', async () => {
		// The first import of a national file: no commune stored yet, the band is measured from the file's own.
		const r = await read('communes', worldCommunesGeoJson(), context({ withOutline: false, communes: new Map() }));
		const items = r.items as CommuneInput[];
		expect(items.filter((c) => c.departementCode === '86')).toHaveLength(16);
		expect(items.filter((c) => c.departementCode === '79').map((c) => c.code).sort()).toEqual(BAND_COMMUNES.map((c) => c.code).sort());
		expect(r.scope).toMatchObject({ mode: 'territory', territory: 16, band: 4, setAside: 4, setAsideByDepartement: { '79': 4 } });
		expect(r.skipped).toBe(0);
		expect(describeScope(r.scope)[0]).toContain('16 enregistrements gardés dans le territoire, 4 dans la bande');
	});

	it('--bande-seulement: only the band’s communes, the territory’s left as stored and said apart from the set-aside ones', async () => {
		const r = await read('communes', worldCommunesGeoJson(), context({ bandOnly: true }));
		const items = r.items as CommuneInput[];
		expect(items.map((c) => c.code).sort()).toEqual(BAND_COMMUNES.map((c) => c.code).sort());
		expect(r.scope).toMatchObject({ territory: 0, band: 4, setAside: 20, territoryLeft: 16, bandOnly: true, setAsideByDepartement: { '79': 4 } });
		expect(describeScope(r.scope)[0]).toContain('0 enregistrements gardés dans le territoire, 4 dans la bande');
		expect(describeScope(r.scope)[0]).toContain('16 du territoire laissés tels qu’ils sont en base (--bande-seulement) ; 4 écartés, hors du territoire et de sa bande : 79 (4).');
		// Ignored with --tout or without a territory: nothing to leave aside.
		expect(createImportScope({ departements: ['86'], bandKm: 20, keepAll: true, bandOnly: true, outline }).place('86', null)).toBe('territory');
	});

	it('without a territory, a file is read whole and the départements it reaches are noted', async () => {
		const r = await read('communes', worldCommunesGeoJson(), context({ departements: null }));
		expect(r.items).toHaveLength(24);
		expect(r.scope).toMatchObject({ mode: 'none', reached: ['79', '86'], setAside: 0 });
	});

	it('--tout keeps everything, and counts what lies beyond', async () => {
		const r = await read('communes', worldCommunesGeoJson(), context({ keepAll: true }));
		expect(r.items).toHaveLength(24);
		expect(r.scope).toMatchObject({ mode: 'all', territory: 16, band: 4, beyond: 4 });
	});

	it('poles: one in the territory, one in the band; far ones set aside — their duplicate and bad latitude only warnings', async () => {
		const r = await read('poles', worldPolesCsv(), context());
		expect((r.items as PoleInput[]).map((p) => p.name)).toEqual(['Pôle du territoire', 'Pôle de la bande']);
		expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
		expect(r.issues).toContainEqual(expect.objectContaining({ severity: 'warning', line: 6, code: 'coordinates-invalid' }));
		expect(r.scope).toMatchObject({ territory: 1, band: 1, setAside: 3 });
		expect(r.skipped).toBe(0);
	});

	it('poles: a national file against a territory whose communes are not stored keeps the territory only, and says why', async () => {
		const r = await read('poles', worldPolesCsv(), context({ withOutline: false }));
		expect((r.items as PoleInput[]).map((p) => p.name)).toEqual(['Pôle du territoire']);
		expect(r.scope.bandUnavailable).toBe(true);
		expect(describeScope(r.scope).join(' ')).toContain('La bande n’a pas pu être calculée');
	});

	it('structures: the band’s kept, the far one set aside with its unknown type as a warning', async () => {
		const r = await read('structures', worldStructuresCsv(), context());
		expect((r.items as StructureInput[]).map((s) => s.externalId)).toEqual(['CS-IN', 'EVS-BAND']);
		expect(r.issues).toEqual([]);
		expect(r.scope).toMatchObject({ territory: 1, band: 1, setAside: 1 });
	});

	it('EPCI: kept whole when one of its communes is in the territory (interdepartmental when drawn in two départements)', async () => {
		const file = JSON.stringify({
			type: 'FeatureCollection',
			features: [
				{ type: 'Feature', properties: { siren_epci: '200043628', lib_epci: 'CC des Vallées du Clain', insee_dep: '86' }, geometry: territorySquares()[0] },
				{ type: 'Feature', properties: { siren_epci: '200040244', lib_epci: 'CA du Bocage Bressuirais', insee_dep: '79' }, geometry: territorySquares()[1] },
				{ type: 'Feature', properties: { siren_epci: '200043628', lib_epci: 'CC des Vallées du Clain', insee_dep: '79' }, geometry: territorySquares()[4] },
				{ type: 'Feature', properties: { siren_epci: '', lib_epci: '', insee_dep: '79' }, geometry: territorySquares()[5] }
			]
		});
		const r = await read('epci', file, context());
		const items = r.items as EpciInput[];
		expect(items.map((e) => [e.siren, e.interdepartemental, e.outlineSource])).toEqual([['200043628', true, 'fichier']]);
		expect(items[0].geometry?.type).toBe('Polygon');
		expect(r.scope).toMatchObject({ territory: 2, setAside: 2 });
		expect(r.issues.map((i) => i.code)).toEqual(['epci-parts-merged']);
	});

	it('QPV and IRIS: those lying in the territory kept, none in a band', async () => {
		const square = territorySquares()[0];
		const qpv = JSON.stringify({
			type: 'FeatureCollection',
			features: [
				{ type: 'Feature', properties: { code_qp: 'QP086001', nom_qp: 'Quartier du territoire', code_commune: IN_CODE }, geometry: square },
				{ type: 'Feature', properties: { code_qp: 'QP079001', nom_qp: 'Quartier voisin', code_commune: BAND_CODE }, geometry: square },
				// No commune: placed by its département of code, here 79.
				{ type: 'Feature', properties: { code_qp: 'QP079002', nom_qp: 'Quartier sans commune' }, geometry: square }
			]
		});
		// The generations as migrations seed them (the code's prefix gives the generation).
		const qpvGenerations = { '2015': { validFrom: '2015-01-01', validUntil: '2023-12-31', codePrefix: 'QP' } };
		const r = await read('qpv', qpv, { ...context(), qpvGenerations });
		expect((r.items as ZoneInput[]).map((z) => z.code)).toEqual(['QP086001']);
		expect(r.scope).toMatchObject({ territory: 1, setAside: 2 });
		const iris = JSON.stringify({
			type: 'FeatureCollection',
			features: [
				{ type: 'Feature', properties: { code_iris: `${IN_CODE}0000`, nom_iris: 'IRIS du territoire' }, geometry: square },
				{ type: 'Feature', properties: { code_iris: `${BAND_CODE}0000`, nom_iris: 'IRIS voisin' }, geometry: square }
			]
		});
		expect(((await read('iris', iris, context())).items as ZoneInput[]).map((z) => z.name)).toEqual(['IRIS du territoire']);
	});

	it('indicators: the territory’s and the stored band commune’s kept, the rest set aside', async () => {
		const csv = ['code;annee;population', `${IN_CODE};2021;1200`, `${BAND_CODE};2021;800`, `${FAR_CODE};2021;500`, '79;2021;370000'].join('\n');
		const r = await read('indicators', csv, context());
		expect((r.items as IndicatorInput[]).map((i) => i.territoryCode)).toEqual([IN_CODE, BAND_CODE]);
		expect(r.scope).toMatchObject({ territory: 1, band: 1, setAside: 2 });
		expect(r.skipped).toBe(0);
	});
});

describe('analyzeCoverage(input) with a border band', () => {
	it('a band commune and a band structure count for distances, never in the summary', () => {
		const result = analyzeCoverage(
			{
				communes: [
					{ code: '86001', name: 'A', population: 1000, lon: 0.05, lat: 46.2 },
					{ code: '86002', name: 'B', population: 500, lon: 0.35, lat: 46.2 },
					{ code: '79001', name: 'Voisine', population: 90_000, lon: -0.05, lat: 46.2, outside: true }
				],
				structures: [
					{ id: 1, type: 'CS', lon: -0.06, lat: 46.2, outside: true },
					{ id: 2, type: 'EVS', lon: 0.35, lat: 46.2 }
				],
				poles: []
			},
			{ date: '2026-06-30', radiusCsKm: 10, radiusEvsKm: 5 }
		);
		const a = result.communes.find((c) => c.code === '86001')!;
		expect(a.covered).toBe(true); // by the band's CS, 8.5 km away
		expect(result.communes.find((c) => c.code === '79001')!.outside).toBe(true);
		expect(result.summary).toMatchObject({ communes: 2, population: 1500, covered: { communes: 2, population: 1500 } });
		expect(result.summary.structures).toMatchObject({ input: 1, counted: 1, countedCs: 0, countedEvs: 1 });
		expect(result.summary.structuresPer10k.total).toBeCloseTo((1 / 1500) * 10_000, 6);
		expect(result.summary.band).toEqual({ communes: 1, population: 90_000, structures: 1 });
	});
});

describe('default funders named from the territory', () => {
	it('names the Caf and the Conseil départemental with the article of the département', () => {
		expect(defaultPartners([{ code: '72', name: 'Sarthe', typeLiaison: 3 }]).map((p) => [p.code, p.name, p.kind])).toEqual([
			['CAF', 'Caf de la Sarthe', 'caf'],
			['CD', 'Conseil départemental de la Sarthe', 'departement'],
			['MSA', 'MSA (caisse de la Sarthe)', 'msa'],
			['ETAT-PV', 'État – politique de la ville (préfecture de la Sarthe)', 'etat']
		]);
		expect(ofDepartements([{ code: '59', name: 'Nord', typeLiaison: 2 }, { code: '01', name: 'Ain', typeLiaison: 5 }])).toBe('du Nord et de l’Ain');
		expect(communePartnerName('Le Mans', 2)).toBe('Commune du Mans');
		expect(communePartnerName('La Flèche', 3)).toBe('Commune de la Flèche');
		expect(communePartnerName('Allonnes', 1)).toBe('Commune d’Allonnes');
		expect(communePartnerName('Sablé-sur-Sarthe', 0)).toBe('Commune de Sablé-sur-Sarthe');
	});

	it('the territory file alone places every commune in the territory', async () => {
		const r = await read('communes', territoryCommunesGeoJson(), context());
		expect(r.scope).toMatchObject({ territory: 16, band: 0, setAside: 0 });
	});
});
