import { describe, expect, it } from 'vitest';
import { EMPTY_FORM, formValuesOf, readStructureForm, referencedCodes, validateStructureForm, type StructureFormValues } from './structure-form';

const COMMUNES = new Map([
	['86194', { name: 'Poitiers', refLon: 0.3464, refLat: 46.5846 }],
	['86041', { name: 'Buxerolles', refLon: 0.3733, refLat: 46.6 }],
	['2A004', { name: 'Ajaccio', refLon: 8.73, refLat: 41.92 }]
]);
const VALID: StructureFormValues = {
	...EMPTY_FORM,
	nom: 'Centre social du Parc',
	type: 'CS',
	identifiant: 'CS-101',
	siret: '775 670 136 00016',
	code_commune: '86194',
	latitude: '46,58',
	longitude: '0,34',
	mode_gestion: 'association',
	gestionnaire_siren: '775670136',
	date_premier_agrement: '01/01/2012',
	projet_familles: true,
	zone_competence: '86194 | 86041\n86194'
};

describe('validateStructureForm(values, communes)', () => {
	it('validateStructureForm(valid form) gives the structure to store: SIRET compacted, decimal commas, dates ISO, zone deduplicated', () => {
		expect(validateStructureForm(VALID, COMMUNES)).toEqual({
			ok: true,
			input: {
				externalId: 'CS-101',
				siret: '77567013600016',
				establishment: null,
				name: 'Centre social du Parc',
				type: 'CS',
				communeCode: '86194',
				address: null,
				lon: 0.34,
				lat: 46.58,
				locationApproximate: false,
				managerName: null,
				managerSiren: '775670136',
				managementMode: 'association',
				firstAgrementDate: '2012-01-01',
				projetFamilles: true,
				zoneCommuneCodes: ['86194', '86041']
			}
		});
	});

	it('validateStructureForm(no coordinates) places the structure at its commune’s reference point, flagged approximate', () => {
		const r = validateStructureForm({ ...VALID, latitude: '', longitude: '' }, COMMUNES);
		expect(r.ok && r.input).toMatchObject({ lon: 0.3464, lat: 46.5846, locationApproximate: true });
	});

	it('validateStructureForm(bad values) answers one French message per field', () => {
		const r = validateStructureForm(
			{
				...EMPTY_FORM,
				nom: '',
				type: 'MJC',
				siret: '77567013600017',
				code_commune: '86999',
				latitude: '46,58',
				longitude: '',
				gestionnaire_siren: '12345',
				mode_gestion: 'cooperative',
				date_premier_agrement: '31/02/2020',
				zone_competence: '86194 | 8619 | ABC'
			},
			COMMUNES
		);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors).toEqual({
			nom: 'Le nom est obligatoire.',
			type: 'Type « MJC » inconnu : CS (centre social) ou EVS (espace de vie sociale) attendu.',
			siret: 'Le SIRET « 77567013600017 » a une clé de contrôle fausse (faute de frappe ?) : vérifiez-le sur l’annuaire des entreprises.',
			code_commune: 'Aucune commune de code « 86999 » n’est chargée : vérifiez le code, ou importez d’abord les communes.',
			longitude: expect.stringMatching(/^Latitude et longitude vont ensemble/),
			gestionnaire_siren: expect.stringContaining('12345'),
			mode_gestion: expect.stringMatching(/^Mode de gestion « cooperative » inconnu/),
			date_premier_agrement: expect.stringMatching(/« 31\/02\/2020 » n’est pas une date valide/),
			zone_competence: 'Codes INSEE invalides : « ABC ».'
		});
	});

	it('validateStructureForm(neither id nor SIRET) refuses: one of the natural keys is required', () => {
		const r = validateStructureForm({ ...VALID, identifiant: '', siret: '' }, COMMUNES);
		expect(!r.ok && r.errors.identifiant).toMatch(/ni identifiant \(id\) ni SIRET/i);
	});

	it('validateStructureForm(coordinates) refuses points outside France and says when latitude and longitude look swapped', () => {
		const swapped = validateStructureForm({ ...VALID, latitude: '0,34', longitude: '46,58' }, COMMUNES);
		expect(!swapped.ok && swapped.errors.latitude).toMatch(/semblent inversées/);
		const far = validateStructureForm({ ...VALID, latitude: '40,7', longitude: '-74' }, COMMUNES);
		expect(!far.ok && far.errors.latitude).toMatch(/hors de France/);
	});

	it('validateStructureForm(EVS with projet familles) refuses: the ACF is for centres sociaux only', () => {
		const r = validateStructureForm({ ...VALID, type: 'EVS' }, COMMUNES);
		expect(!r.ok && r.errors.projet_familles).toMatch(/ne concerne que les centres sociaux/);
	});

	it('validateStructureForm(zone) names the codes of communes that are not loaded, restores lost zeros', () => {
		const r = validateStructureForm({ ...VALID, zone_competence: '86194 86001' }, COMMUNES);
		expect(!r.ok && r.errors.zone_competence).toBe('Communes non chargées : 86001. Vérifiez les codes.');
		const corsica = validateStructureForm({ ...VALID, code_commune: '2a004', latitude: '', longitude: '', zone_competence: '' }, COMMUNES);
		expect(corsica.ok && corsica.input.communeCode).toBe('2A004');
	});
});

describe('form values', () => {
	it('readStructureForm(formData) trims text and reads the checkbox', () => {
		const form = new FormData();
		form.set('nom', '  Centre  ');
		form.set('projet_familles', 'on');
		expect(readStructureForm(form)).toEqual({ ...EMPTY_FORM, nom: 'Centre', projet_familles: true });
	});

	it('formValuesOf(stored) round-trips through validateStructureForm, approximate points shown empty', () => {
		const r = validateStructureForm(VALID, COMMUNES);
		if (!r.ok) throw new Error('fixture');
		const again = validateStructureForm(formValuesOf(r.input), COMMUNES);
		expect(again).toEqual(r);
		expect(formValuesOf({ ...r.input, locationApproximate: true })).toMatchObject({ latitude: '', longitude: '' });
	});

	it('referencedCodes(values) lists the commune and zone codes to look up, as typed and normalised', () => {
		expect(referencedCodes(VALID)).toEqual(['86194', '86194', '86041', '86194']);
		expect(referencedCodes({ ...VALID, code_commune: '1001', zone_competence: '2a004' })).toEqual(['1001', '01001', '2A004']);
	});

	it('validateStructureForm accepts a stored commune whatever its code looks like (the demo’s 00xxx)', () => {
		const demo = new Map([['00298', { name: 'Vilé', refLon: 2, refLat: 46 }]]);
		const r = validateStructureForm({ ...VALID, code_commune: '00298', latitude: '', longitude: '', zone_competence: '00298' }, demo);
		expect(r.ok && [r.input.communeCode, r.input.zoneCommuneCodes]).toEqual(['00298', ['00298']]);
	});
});
