import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bbox } from '@turf/turf';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { testDialects, type TestDb } from '../helpers/db';
import { suiteDatabase } from '../helpers/suite-db';
import { loadMapData } from '../../src/lib/server/db/geo';

function square(west: number, south: number, size: number): Polygon {
	return {
		type: 'Polygon',
		coordinates: [[[west, south], [west + size, south], [west + size, south + size], [west, south + size], [west, south]]]
	};
}

/** ISO date `days` from today (UTC), for closing dates around "now". */
function isoInDays(days: number): string {
	return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

async function seed(t: TestDb): Promise<void> {
	await t.db
		.insertInto('epci')
		.values([
			{ siren: '200000001', name: 'CC du Large', geometry: JSON.stringify(square(-6.5, 45, 1)), display_geometry: JSON.stringify(square(-6.5, 45, 1.01)) },
			{ siren: '200000002', name: 'CA des Îles', geometry: JSON.stringify(square(-5.5, 45.5, 1)), display_geometry: null },
			{ siren: '200000003', name: 'CC sans contour', geometry: null, display_geometry: null }
		])
		.execute();
	await t.db
		.insertInto('commune')
		.values([
			// display geometry preferred over the full one
			{ code: '99002', name: 'Kerlouan-sur-Mer', departement_code: '99', epci_siren: '200000001', population: 2450, geometry: JSON.stringify(square(-6.5, 45, 0.5)), display_geometry: JSON.stringify(square(-6.4, 45.1, 0.3)), ref_lon: -6.25, ref_lat: 45.25 },
			// only the full geometry
			{ code: '99001', name: 'Port-Lanvec', departement_code: '99', epci_siren: '200000002', population: null, geometry: JSON.stringify(square(-5.5, 45.5, 1.3)), display_geometry: null, ref_lon: -5, ref_lat: 46 },
			// no geometry at all, no EPCI: not drawn
			{ code: '99003', name: 'Île-Perdue', departement_code: '99', epci_siren: null, population: 80, geometry: null, display_geometry: null, ref_lon: -9, ref_lat: 50 }
		])
		.execute();
	await t.db
		.insertInto('structure')
		.values([
			{ name: 'Centre social des Dunes', type: 'CS', commune_code: '99002', lon: -6.2, lat: 45.2, closed_on: null, specificities: '[]' },
			{ name: 'EVS La Cale', type: 'EVS', commune_code: '99001', lon: -5.1, lat: 45.9, location_approximate: true, closed_on: isoInDays(30), specificities: '[]' },
			{ name: 'Ancien EVS du Port', type: 'EVS', commune_code: '99001', lon: -5.2, lat: 45.8, closed_on: '2020-06-30', specificities: '[]' },
			{ name: 'Annexe hors référentiel', type: 'CS', commune_code: '98999', lon: -5.3, lat: 45.7, closed_on: null, specificities: '[]' }
		])
		.execute();
}

// Real commune contours (read-only, outside the repo); skipped with a message when absent.
const LOZERE = path.resolve('../shared/data/communes-2023-48-lozere.geojson');
const hasRealData = fs.existsSync(LOZERE);
if (!hasRealData) console.warn(`[tests] ${LOZERE} absent : le test sur les contours réels de la Lozère est ignoré.`);

for (const dialect of testDialects()) {
	describe(`loadMapData(db) on ${dialect.kind}`, () => {
		const t = suiteDatabase(dialect);

		it('loadMapData(empty db) returns empty collections and null bounds', async () => {
			expect(await loadMapData(t.db)).toEqual({
				communes: { type: 'FeatureCollection', features: [] },
				epcis: { type: 'FeatureCollection', features: [] },
				structures: { type: 'FeatureCollection', features: [] },
				bounds: null
			});
		});

		describe('with communes, EPCI and structures', () => {
			beforeAll(() => seed(t));

			it('draws communes with their display geometry, else the full one, keyed by INSEE code', async () => {
				const { communes } = await loadMapData(t.db);
				expect(communes.features.map((f) => f.id)).toEqual(['99001', '99002']);
				expect(communes.features[0]).toEqual({
					type: 'Feature',
					id: '99001',
					geometry: square(-5.5, 45.5, 1.3),
					properties: { code: '99001', name: 'Port-Lanvec', population: null, epciSiren: '200000002', epciName: 'CA des Îles' }
				});
				expect(communes.features[1].geometry).toEqual(square(-6.4, 45.1, 0.3));
				expect(communes.features[1].properties).toMatchObject({ population: 2450, epciName: 'CC du Large' });
			});

			it('draws EPCI outlines (display geometry first) and skips those without geometry', async () => {
				const { epcis } = await loadMapData(t.db);
				expect(epcis.features.map((f) => [f.id, f.properties.name])).toEqual([
					['200000001', 'CC du Large'],
					['200000002', 'CA des Îles']
				]);
				expect(epcis.features[0].geometry).toEqual(square(-6.5, 45, 1.01));
				expect(epcis.features[1].geometry).toEqual(square(-5.5, 45.5, 1));
			});

			it('draws open structures only (no closing date or one in the future), with their commune', async () => {
				const { structures } = await loadMapData(t.db);
				expect(structures.features.map((f) => f.properties.name)).toEqual([
					'Annexe hors référentiel',
					'Centre social des Dunes',
					'EVS La Cale'
				]);
				const [annexe, dunes, cale] = structures.features;
				expect(dunes.geometry).toEqual({ type: 'Point', coordinates: [-6.2, 45.2] });
				expect(dunes.properties).toMatchObject({ type: 'CS', communeCode: '99002', communeName: 'Kerlouan-sur-Mer', approximate: false });
				expect(typeof dunes.properties.id).toBe('number');
				expect(dunes.id).toBe(dunes.properties.id);
				expect(cale.properties).toMatchObject({ type: 'EVS', communeName: 'Port-Lanvec', approximate: true });
				expect(annexe.properties.communeName).toBeNull();
			});

			it('bounds enclose every drawn commune, not the structures nor undrawn communes', async () => {
				const { bounds } = await loadMapData(t.db);
				expect(bounds?.map((v) => Math.round(v * 1e9) / 1e9)).toEqual([-6.4, 45.1, -4.2, 46.8]);
			});
		});
	
		describe.skipIf(!hasRealData)('with the real communes of Lozère (COG 2023)', () => {
			let real: TestDb;
			let lozere: FeatureCollection<Polygon | MultiPolygon, { name: string }>;
			beforeAll(async () => {
				real = await dialect.open();
				lozere = JSON.parse(fs.readFileSync(LOZERE, 'utf8'));
				await real.db
					.insertInto('commune')
					.values(
						lozere.features.map((f) => ({
							code: String(f.id),
							name: f.properties.name,
							departement_code: '48',
							epci_siren: null,
							population: null,
							geometry: JSON.stringify(f.geometry),
							display_geometry: null,
							ref_lon: 3.5,
							ref_lat: 44.5
						}))
					)
					.execute();
			});
			afterAll(() => real?.dispose());

			it('draws every commune with its INSEE code and geometry, bounds equal to turf.bbox of the file', async () => {
				const data = await loadMapData(real.db);
				expect(data.communes.features).toHaveLength(lozere.features.length);
				expect(data.communes.features.map((f) => f.id).sort()).toEqual(lozere.features.map((f) => String(f.id)).sort());
				const mende = data.communes.features.find((f) => f.properties.code === '48095');
				expect(mende?.properties.name).toBe('Mende');
				expect(mende?.geometry).toEqual(lozere.features.find((f) => f.id === '48095')?.geometry);
				expect(data.bounds).toEqual(bbox(lozere));
			});
		});
	});
}
