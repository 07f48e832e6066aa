// Frozen once landed: never edit, add a new dated migration instead.
// Dated reference data of the funding follow-up: which instrument codes carry each prestation de
// service (so a 2027 merged « PS centre social » is one new dated row), the tolerance of the PS
// check, and the accord-cadre alert thresholds and expected funders. None is set by a national
// text except the PS instruments: each is a departmental default the CAF adjusts.
import type { Kysely } from 'kysely';
import { CIRCULAR_2012, deleteParameters, DEPARTMENTAL_DEFAULT, insertParameters, SOURCE_CIRCULAR, SOURCE_DEFAULT, type ParameterRow } from '../migration-helpers';

const ROWS: ParameterRow[] = [
	{
		key: 'ps.instrument_codes',
		valid_from: '2012-01-01',
		value: { animation_globale: 'PS_AGC', animation_collective_familles: 'PS_ACF', animation_locale: 'PS_AL' },
		unit: 'codes de dispositif',
		regime: CIRCULAR_2012,
		source: SOURCE_CIRCULAR,
		comment:
			'Code du dispositif de financement qui porte chaque prestation de service (clé : type d’agrément). ' +
			'La fusion AGC + ACF prévue de 2027 à 2030 se saisira comme une nouvelle valeur datée.'
	},
	{
		key: 'ps.difference_tolerance_eur',
		valid_from: '2012-01-01',
		value: 1,
		unit: '€',
		regime: DEPARTMENTAL_DEFAULT,
		source: SOURCE_DEFAULT,
		comment: 'Écart toléré entre la PS enregistrée et la PS recalculée avant de la signaler (arrondis).'
	},
	{
		key: 'accord_cadre.alert_shortfall_share',
		valid_from: '2012-01-01',
		value: 0.1,
		unit: 'part',
		regime: DEPARTMENTAL_DEFAULT,
		source: SOURCE_DEFAULT,
		comment: 'Alerte quand un signataire notifie ou verse moins que son engagement annuel de plus de cette part.'
	},
	{
		key: 'funding.single_funder_share',
		valid_from: '2012-01-01',
		value: 0.6,
		unit: 'part',
		regime: DEPARTMENTAL_DEFAULT,
		source: SOURCE_DEFAULT,
		comment: 'Alerte quand un seul financeur apporte plus de cette part des financements notifiés ou versés d’une structure.'
	},
	{
		key: 'accord_cadre.expected_funder_kinds',
		valid_from: '2012-01-01',
		value: { CS: ['caf', 'departement'], EVS: ['caf'] },
		unit: 'natures de financeur',
		regime: DEPARTMENTAL_DEFAULT,
		source: SOURCE_DEFAULT,
		comment:
			'Financeurs que l’accord-cadre attend pour chaque type de structure (natures de partenaire signataire ; ' +
			'une commune ou un EPCI n’est attendu que sur son territoire).'
	}
];

export async function up(db: Kysely<any>): Promise<void> {
	await insertParameters(db, ROWS, { ifAbsent: true });
}

export async function down(db: Kysely<any>): Promise<void> {
	await deleteParameters(db, ROWS);
}
