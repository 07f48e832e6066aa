/**
 * A documented centre social and the dated parameters of the observatory (as the migrations store
 * them), for the unit tests of the records, checks, files, summary and import.
 */
import type { DatedParameter } from '../../src/lib/domain/dated-parameter';
import type { ObservatoryContext, ObservatoryStructureInput } from '../../src/lib/observatory/record';
import { emptyYearValues, type StructureYearData, type YearValues } from '../../src/lib/observatory/year-fields';

const list = (...codes: string[]) => codes.map((code) => ({ code, label: code.toUpperCase() }));

/** Staff requirements (2012), PS instruments (2012 regime), observatory lists and thresholds. */
export const PARAMS: DatedParameter[] = [
	{
		key: 'staff_requirement.directeur',
		validFrom: '2012-06-20',
		validUntil: null,
		value: { structureType: 'CS', agrementKind: 'animation_globale', framework: 'projet_social', criterion: 8, minQualificationLevel: 6, minEtp: 1 },
		regime: 'Circulaire Cnaf n°2012-013',
		source: null
	},
	{
		key: 'staff_requirement.referent_familles',
		validFrom: '2012-06-20',
		validUntil: null,
		value: { structureType: 'CS', agrementKind: 'animation_collective_familles', framework: 'projet_familles', criterion: 4, minQualificationLevel: 5, minEtp: 0.5 },
		regime: 'Circulaire Cnaf n°2012-013',
		source: null
	},
	{ key: 'ps.instrument_codes', validFrom: '2012-01-01', validUntil: null, value: { animation_globale: 'PS_AGC', animation_collective_familles: 'PS_ACF', animation_locale: 'PS_AL' }, regime: 'Circulaire Cnaf n°2012-013', source: null },
	{ key: 'observatory.activity_domains', validFrom: '2010-01-01', validUntil: null, value: list('enfance', 'jeunesse', 'familles_parentalite', 'numerique'), regime: 'SENACS', source: null },
	{ key: 'observatory.publics', validFrom: '2010-01-01', validUntil: null, value: list('enfants', 'adolescents', 'familles', 'tous_publics'), regime: 'SENACS', source: null },
	{ key: 'observatory.partner_kinds', validFrom: '2010-01-01', validUntil: null, value: list('commune', 'epci', 'associations'), regime: 'SENACS', source: null },
	{ key: 'observatory.contract_types', validFrom: '2010-01-01', validUntil: null, value: list('cdi', 'cdd', 'adulte_relais'), regime: 'SENACS', source: null },
	{ key: 'observatory.collective_agreements', validFrom: '2010-01-01', validUntil: null, value: list('alisfa', 'autre', 'aucune'), regime: 'SENACS', source: null },
	// From 2026 a new questionnaire adds a domain (dated lists: each year reads its own).
	{ key: 'observatory.activity_domains', validFrom: '2026-01-01', validUntil: null, value: list('enfance', 'jeunesse', 'familles_parentalite', 'numerique', 'transition_ecologique'), regime: 'SENACS 2026', source: null },
	{ key: 'observatory.max_hours_per_volunteer', validFrom: '2010-01-01', validUntil: null, value: 1607, regime: 'Paramètre départemental', source: null },
	{ key: 'observatory.result_warning_share', validFrom: '2010-01-01', validUntil: null, value: 0.1, regime: 'Paramètre départemental', source: null },
	{ key: 'observatory.etp_tolerance', validFrom: '2010-01-01', validUntil: null, value: 0.1, regime: 'Paramètre départemental', source: null }
];

export const THRESHOLDS = { maxHoursPerVolunteer: 1607, resultWarningShare: 0.1, etpTolerance: 0.1 };

/** A complete, consistent 2025 of the centre social. */
export function year2025(over: Partial<YearValues> = {}): StructureYearData {
	return {
		year: 2025,
		values: {
			...emptyYearValues(),
			reponse_senacs: true,
			date_reponse_senacs: '2026-04-10',
			population_zone: 12_100,
			axes_projet: ['Familles', 'Jeunesse'],
			personnes_touchees: 1_500,
			familles_touchees: 600,
			usagers: 900,
			adherents: 420,
			personnes_0_5: 150,
			personnes_6_11: 300,
			personnes_12_17: 250,
			personnes_18_25: 100,
			personnes_26_59: 500,
			personnes_60_plus: 200,
			instance_habitants: 8,
			instance_usagers: 4,
			instance_partenaires: 3,
			reunions_instance: 9,
			participation_1: 90,
			participation_2: 80,
			participation_3: 70,
			participation_4: 60,
			participation_5: 50,
			benevoles_activite: 35,
			benevoles_gouvernance: 10,
			heures_benevolat: 4_200,
			salaries: 12,
			etp: 8.25,
			convention_collective: 'alisfa',
			associations_hebergees: 11,
			charges_total: 520_000.5,
			produits_total: 530_000.5,
			produits_usagers: 40_000,
			contributions_nature: 35_000,
			...over
		},
		activities: [
			{ domain: 'enfance', public: 'enfants', actions: 6, participants: 240 },
			{ domain: 'familles_parentalite', public: 'familles', actions: 4, participants: 180 }
		],
		partners: [
			{ partnerKind: 'commune', partners: 2, conventions: 2 },
			{ partnerKind: 'associations', partners: 9, conventions: 3 }
		],
		contracts: [
			{ contractType: 'cdi', headcount: 9, etp: 7 },
			{ contractType: 'cdd', headcount: 3, etp: 1.25 }
		]
	};
}

/** A valid centre social (SIRET with a good Luhn key), fully documented for 2025. */
export function cs(over: Partial<ObservatoryStructureInput> = {}): ObservatoryStructureInput {
	return {
		id: 1,
		externalId: 'CS-01',
		siret: '73282932000074',
		establishment: null,
		name: 'Centre social des Tilleuls',
		type: 'CS',
		address: '1 rue des Tilleuls',
		communeCode: '00001',
		communeName: 'Ville-Centre',
		epciSiren: '200000002',
		epciName: 'CA de la Ville',
		managementMode: 'association',
		territoryType: 'urbain',
		territorySize: 'quartier',
		federationMember: true,
		specificities: [],
		firstAgrementDate: '1998-01-01',
		closedOn: null,
		zoneCommunes: ['00001', '00002'],
		agrements: [
			{ id: 11, kind: 'animation_globale', startDate: '2021-07-01', endDate: '2025-06-30', isFirst: false, decision: 'accorde' },
			{ id: 12, kind: 'animation_globale', startDate: '2025-07-01', endDate: '2029-06-30', isFirst: false, decision: 'accorde' },
			{ id: 13, kind: 'animation_collective_familles', startDate: '2025-07-01', endDate: '2029-06-30', isFirst: false, decision: 'accorde' }
		],
		posts: [
			// Director vacant 61 days of 2025 (1 Nov – 31 Dec): 1 × (365 − 61) / 365 = 0,83 ETP over the year.
			{ id: 1, kind: 'directeur', etp: 1, qualificationLevel: 6, vacantFrom: '2025-11-01', vacantUntil: '2026-01-31', startDate: null, endDate: null },
			// Référent familles from 1 April 2025 (275 days): 0,8 × 275 / 365 = 0,60 ETP.
			{ id: 2, kind: 'referent_familles', etp: 0.8, qualificationLevel: 5, vacantFrom: null, vacantUntil: null, startDate: '2025-04-01', endDate: null }
		],
		years: [year2025()],
		funding: [
			{ year: 2025, partnerKind: 'caf', instrumentCode: 'PS_AGC', instrumentFamily: 'prestation_service', amount: 60_000.1, status: 'verse' },
			{ year: 2025, partnerKind: 'caf', instrumentCode: 'PS_ACF', instrumentFamily: 'prestation_service', amount: 20_000.2, status: 'notifie' },
			{ year: 2025, partnerKind: 'caf', instrumentCode: 'BONUS_TERRITOIRE', instrumentFamily: 'subvention', amount: 10_000, status: 'verse' },
			{ year: 2025, partnerKind: 'caf', instrumentCode: 'CAF_INVEST', instrumentFamily: 'investissement', amount: 45_000, status: 'verse' },
			{ year: 2025, partnerKind: 'commune', instrumentCode: 'COLLECTIVITE_SUBV', instrumentFamily: 'subvention', amount: 150_000, status: 'verse' },
			{ year: 2025, partnerKind: 'epci', instrumentCode: 'COLLECTIVITE_SUBV', instrumentFamily: 'subvention', amount: 10_000, status: 'verse' },
			{ year: 2025, partnerKind: 'departement', instrumentCode: 'CD_SUBV', instrumentFamily: 'subvention', amount: 30_000, status: 'verse' },
			{ year: 2025, partnerKind: 'region', instrumentCode: 'AUTRE', instrumentFamily: 'autre', amount: 99_999, status: 'previsionnel' }
		],
		...over
	};
}

export const CTX: ObservatoryContext = {
	qpvs: [
		{ code: 'QN00001M', communeCodes: ['00002'] },
		// A QPV of the 2015 generation is no longer in force in 2025.
		{ code: 'QP000099', communeCodes: ['00002'], validFrom: '2015-01-01', validUntil: '2023-12-31' }
	],
	parameters: PARAMS,
	psChecks: [
		{ structureId: 1, year: 2025, kind: 'animation_globale', instrumentCode: 'PS_AGC', computed: 60_000.1, recorded: 60_000.1, difference: 0, status: 'conforme', reason: 'Due pour 365 jours sur 365.' },
		{ structureId: 1, year: 2025, kind: 'animation_collective_familles', instrumentCode: 'PS_ACF', computed: 20_000.2, recorded: 20_000.2, difference: 0, status: 'conforme', reason: 'Due pour 184 jours sur 365.' }
	]
};
