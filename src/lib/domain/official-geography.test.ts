import { describe, expect, it } from 'vitest';
import { buildOfficialGeography, type RawOfficialCommune, type RawOfficialEpci } from './official-geography';

const communes: RawOfficialCommune[] = [
	{ code: '86247', nom: 'Val-de-Comporté', type: 'commune-actuelle', departement: '86', population: 999, anciensCodes: ['86999'] },
	{ code: '86247', nom: 'Saint-Saviol', type: 'commune-deleguee', departement: '86', chefLieu: '86247' },
	{ code: '86231', nom: 'Saint-Macoux', type: 'commune-deleguee', departement: '86', chefLieu: '86247' },
	{ code: '75056', nom: 'Paris', type: 'commune-actuelle', departement: '75', population: 2100000 },
	{ code: '75113', nom: 'Paris 13e Arrondissement', type: 'arrondissement-municipal', commune: '75056', population: 180000 }
];
const epci: RawOfficialEpci[] = [{ code: '200070035', nom: 'CC du Civraisien en Poitou', type: 'CC', membres: [{ code: '86247' }] }];

describe('buildOfficialGeography(raw, vintage)', () => {
	const geo = buildOfficialGeography({ communes, epci }, { cogYear: 2026, populationYear: 2023 });

	it('resolves a current commune with its EPCI, even when a déléguée shares its code', () => {
		expect(geo.resolve('86247')).toEqual({
			status: 'current',
			commune: { code: '86247', name: 'Val-de-Comporté', departementCode: '86', population: 999, epciSiren: '200070035' }
		});
	});

	it('resolves a déléguée and an old code to the commune that absorbed them', () => {
		expect(geo.resolve('86231')).toMatchObject({ status: 'merged', name: 'Saint-Macoux', absorbedBy: { code: '86247' } });
		expect(geo.resolve('86999')).toMatchObject({ status: 'merged', name: null, absorbedBy: { code: '86247' } });
	});

	it('resolves a municipal arrondissement and reports unknown codes', () => {
		expect(geo.resolve('75113')).toMatchObject({ status: 'arrondissement', population: 180000, commune: { code: '75056' } });
		expect(geo.resolve('99999')).toEqual({ status: 'unknown' });
		expect(geo.epci('200070035')?.memberCodes).toEqual(['86247']);
		expect(geo.epci('123456789')).toBeNull();
	});
});
