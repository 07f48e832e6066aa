import { describe, expect, it } from 'vitest';
import { buildSelectionIndex, describeSelection, sameSelection, selectionFor, selectionTarget, type MapSelection } from './selection';
import { toMapData } from './to-geojson';

const data = toMapData({
	communes: [
		{
			code: '99001',
			name: 'Port-Lanvec',
			population: 12345,
			epciSiren: '200000001',
			epciName: 'CC du Large',
			refLon: -5,
			refLat: 46,
			geometry: { type: 'Polygon', coordinates: [[[-5, 46], [-4.9, 46], [-4.9, 46.1], [-5, 46]]] }
		}
	],
	epcis: [],
	structures: [
		{ id: 4, name: 'Centre social des Dunes', type: 'CS', communeCode: '99001', communeName: 'Port-Lanvec', approximate: false, lon: -4.95, lat: 46.05 },
		{ id: 5, name: 'EVS La Cale', type: 'EVS', communeCode: '99002', communeName: null, approximate: true, lon: -4.9, lat: 46 }
	]
});
const index = buildSelectionIndex(data);

describe('selectionFor', () => {
	it('selectionFor(index, source, promotedId) finds communes by code and structures by numeric id', () => {
		expect(selectionFor(index, 'communes', '99001')?.properties).toMatchObject({ name: 'Port-Lanvec' });
		expect(selectionFor(index, 'structures', 4)?.properties).toMatchObject({ name: 'Centre social des Dunes' });
		// MapLibre may hand promoted ids back as strings.
		expect(selectionFor(index, 'structures', '5')?.kind).toBe('structure');
	});

	it('selectionFor(index, source, unknown) is null, and EPCI are not selectable', () => {
		expect(selectionFor(index, 'communes', '00000')).toBeNull();
		expect(selectionFor(index, 'communes', undefined)).toBeNull();
		expect(selectionFor(index, 'epcis', '200000001')).toBeNull();
	});
});

describe('selectionTarget / sameSelection', () => {
	it('selectionTarget(selection) gives the source key and promoted id for feature-state', () => {
		const commune = selectionFor(index, 'communes', '99001') as MapSelection;
		expect(selectionTarget(commune)).toEqual({ source: 'communes', id: '99001' });
		const evs = selectionFor(index, 'structures', 5) as MapSelection;
		expect(selectionTarget(evs)).toEqual({ source: 'structures', id: 5 });
		expect(sameSelection(evs, selectionFor(index, 'structures', '5'))).toBe(true);
		expect(sameSelection(evs, commune)).toBe(false);
		expect(sameSelection(null, null)).toBe(true);
	});
});

describe('describeSelection', () => {
	it('describeSelection(commune) lists code, population with grouped digits and EPCI, without link', () => {
		const text = describeSelection(selectionFor(index, 'communes', '99001') as MapSelection);
		expect(text).toEqual({
			kind: 'Commune',
			title: 'Port-Lanvec',
			facts: [
				{ label: 'Code INSEE', value: '99001' },
				{ label: 'Population', value: '12\u202f345\u00a0hab.' },
				{ label: 'EPCI', value: 'CC du Large' }
			],
			href: null
		});
	});

	it('describeSelection(structure) gives type, commune and the /structures/{id} link', () => {
		expect(describeSelection(selectionFor(index, 'structures', 4) as MapSelection)).toEqual({
			kind: 'Centre social',
			title: 'Centre social des Dunes',
			facts: [
				{ label: 'Type', value: 'Centre social (CS)' },
				{ label: 'Commune', value: 'Port-Lanvec (99001)' }
			],
			href: '/structures/4'
		});
	});

	it('describeSelection(structure) falls back to the commune code and flags an approximate location', () => {
		const text = describeSelection(selectionFor(index, 'structures', 5) as MapSelection);
		expect(text.kind).toBe('Espace de vie sociale');
		expect(text.facts).toContainEqual({ label: 'Commune', value: '99002' });
		expect(text.facts).toContainEqual({ label: 'Localisation', value: 'approximative' });
	});
});
