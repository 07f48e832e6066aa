import { describe, expect, it } from 'vitest';
import type { MultiPolygon, Polygon } from 'geojson';
import {
	communesToFeatures,
	computeBounds,
	countMapFeatures,
	epcisToFeatures,
	structuresToFeatures,
	toMapData,
	type CommuneGeoRow,
	type StructureGeoRow
} from './to-geojson';

function square(west: number, south: number, size: number): Polygon {
	return {
		type: 'Polygon',
		coordinates: [[[west, south], [west + size, south], [west + size, south + size], [west, south + size], [west, south]]]
	};
}

function commune(code: string, geometry: Polygon | MultiPolygon | null, extra: Partial<CommuneGeoRow> = {}): CommuneGeoRow {
	return {
		code,
		name: `Commune ${code}`,
		population: 1200,
		epciSiren: '200000001',
		epciName: 'CC du Large',
		geometry,
		refLon: -5,
		refLat: 46,
		...extra
	};
}

function structure(id: number, extra: Partial<StructureGeoRow> = {}): StructureGeoRow {
	return {
		id,
		name: `Structure ${id}`,
		type: 'CS',
		communeCode: '99001',
		communeName: 'Port-Lanvec',
		approximate: false,
		lon: -5.2,
		lat: 45.9,
		...extra
	};
}

describe('communesToFeatures', () => {
	it('communesToFeatures(rows) keeps the code as id and the tooltip properties, dropping ref points', () => {
		const [feature] = communesToFeatures([commune('2A004', square(-5, 45, 0.1), { population: null })]);
		expect(feature).toEqual({
			type: 'Feature',
			id: '2A004',
			geometry: square(-5, 45, 0.1),
			properties: { code: '2A004', name: 'Commune 2A004', population: null, epciSiren: '200000001', epciName: 'CC du Large' }
		});
	});

	it('communesToFeatures(rows) leaves out communes without a (multi)polygon', () => {
		const rows = [
			commune('99001', null),
			commune('99002', { type: 'Point', coordinates: [0, 0] } as unknown as Polygon),
			commune('99003', { type: 'MultiPolygon', coordinates: [square(-5, 45, 1).coordinates] })
		];
		expect(communesToFeatures(rows).map((f) => f.id)).toEqual(['99003']);
	});
});

describe('epcisToFeatures', () => {
	it('epcisToFeatures(rows) keys outlines by SIREN and skips missing geometries', () => {
		const features = epcisToFeatures([
			{ siren: '200000001', name: 'CC du Large', geometry: square(-6, 45, 1) },
			{ siren: '200000002', name: 'CA sans contour', geometry: null }
		]);
		expect(features).toEqual([
			{ type: 'Feature', id: '200000001', geometry: square(-6, 45, 1), properties: { siren: '200000001', name: 'CC du Large' } }
		]);
	});
});

describe('structuresToFeatures', () => {
	it('structuresToFeatures(rows) builds [lon, lat] points with id, name, type and commune', () => {
		expect(structuresToFeatures([structure(7, { type: 'EVS', approximate: true })])).toEqual([
			{
				type: 'Feature',
				id: 7,
				geometry: { type: 'Point', coordinates: [-5.2, 45.9] },
				properties: { id: 7, name: 'Structure 7', type: 'EVS', communeCode: '99001', communeName: 'Port-Lanvec', approximate: true }
			}
		]);
	});

	it('structuresToFeatures(rows) leaves out non-finite coordinates', () => {
		expect(structuresToFeatures([structure(1, { lon: Number.NaN }), structure(2)]).map((f) => f.id)).toEqual([2]);
	});
});

describe('computeBounds', () => {
	it('computeBounds(geometries) encloses every position of polygons, multipolygons and points', () => {
		expect(
			computeBounds([
				square(-6.5, 45, 0.5),
				{ type: 'MultiPolygon', coordinates: [square(-4.5, 46.3, 0.5).coordinates] },
				{ type: 'Point', coordinates: [-5, 44.9] },
				null
			])
		).toEqual([-6.5, 44.9, -4, 46.8]);
	});

	it('computeBounds(geometries) walks lines and collections too', () => {
		expect(
			computeBounds([
				{
					type: 'GeometryCollection',
					geometries: [
						{ type: 'LineString', coordinates: [[1, 2], [3, 4]] },
						{ type: 'MultiLineString', coordinates: [[[0, 5]]] },
						{ type: 'MultiPoint', coordinates: [[2, 1]] }
					]
				}
			])
		).toEqual([0, 1, 3, 5]);
	});

	it('computeBounds([]) is null, and so is a list of empty or non-finite geometries', () => {
		expect(computeBounds([])).toBeNull();
		expect(computeBounds([null, { type: 'Point', coordinates: [Number.NaN, 1] }])).toBeNull();
	});
});

describe('toMapData', () => {
	it('toMapData(rows) builds three collections and the bounds of the commune geometries only', () => {
		const data = toMapData({
			communes: [commune('99001', square(-6, 45, 1)), commune('99002', square(-5, 45.5, 0.5)), commune('99003', null)],
			epcis: [{ siren: '200000001', name: 'CC du Large', geometry: square(-10, 40, 20) }],
			structures: [structure(1, { lon: 10, lat: 60 })]
		});
		expect(data.communes.features).toHaveLength(2);
		expect(data.epcis.features).toHaveLength(1);
		expect(data.structures.features).toHaveLength(1);
		expect(data.bounds).toEqual([-6, 45, -4.5, 46]);
	});

	it('toMapData(rows) falls back to the communes’ reference points when none has a geometry', () => {
		const data = toMapData({
			communes: [commune('99001', null, { refLon: -5.5, refLat: 45.2 }), commune('99002', null, { refLon: -4.2, refLat: 46.1 })],
			epcis: [],
			structures: []
		});
		expect(data.bounds).toEqual([-5.5, 45.2, -4.2, 46.1]);
	});

	it('toMapData(no rows) has empty collections and null bounds', () => {
		expect(toMapData({ communes: [], epcis: [], structures: [] })).toEqual({
			communes: { type: 'FeatureCollection', features: [] },
			epcis: { type: 'FeatureCollection', features: [] },
			structures: { type: 'FeatureCollection', features: [] },
			bounds: null
		});
	});
});

describe('countMapFeatures', () => {
	it('countMapFeatures(data) counts communes, EPCI and structures by type', () => {
		const data = toMapData({
			communes: [commune('99001', square(-6, 45, 1))],
			epcis: [],
			structures: [structure(1), structure(2, { type: 'EVS' }), structure(3, { type: 'EVS' })]
		});
		expect(countMapFeatures(data)).toEqual({ communes: 1, epcis: 0, structures: { CS: 1, EVS: 2 } });
	});
});
