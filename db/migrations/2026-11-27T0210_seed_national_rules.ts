// Frozen once landed: never edit, add a new dated migration instead.
// National, dated rule parameters every database needs (demo or real). Prix plafonds are not
// here: the CAF enters them each year (the demo seeds fictional ones).
import type { Kysely } from 'kysely';
import { CIRCULAR_2012, deleteParameters, DEPARTMENTAL_DEFAULT, insertParameters, SOURCE_CIRCULAR, SOURCE_DEFAULT, type ParameterRow } from '../migration-helpers';

const UPLIFT_2024 = 'Revalorisation 2024';
const SOURCE_UPLIFT =
	'COG État–CNAF 2023-2027 et décision de revalorisation des prestations de service AVS au 1er janvier 2024';

const ROWS: ParameterRow[] = [
	// Prestations de service: rate applied to eligible expenses within the yearly prix plafond.
	...psRate('ps_rate.animation_globale', 0.4, 0.424, 'Prestation de service animation globale et coordination (AGC)'),
	...psRate(
		'ps_rate.animation_collective_familles',
		0.6,
		0.636,
		'Prestation de service animation collective familles (ACF)'
	),
	...psRate('ps_rate.animation_locale', 0.6, 0.636, 'Prestation de service animation locale (EVS)'),
	// Duration of an agrément (projet social).
	{
		key: 'agrement_duration_months.renouvellement',
		valid_from: '2012-06-20',
		valid_until: null,
		value: 48,
		unit: 'mois',
		regime: CIRCULAR_2012,
		source: SOURCE_CIRCULAR,
		comment: 'Projet social établi pour une période de 4 ans.'
	},
	{
		key: 'agrement_duration_months.premier',
		valid_from: '2012-06-20',
		valid_until: null,
		value: 12,
		unit: 'mois',
		regime: CIRCULAR_2012,
		source: SOURCE_CIRCULAR,
		comment: 'Premier projet social : 1 an.'
	},
	// Gap analysis thresholds: no national text sets them; the département chooses.
	{
		key: 'analysis.radius_cs_km',
		valid_from: '2012-01-01',
		valid_until: null,
		value: 8,
		unit: 'km',
		regime: DEPARTMENTAL_DEFAULT,
		source: SOURCE_DEFAULT,
		comment: 'Rayon d’attraction d’un centre social.'
	},
	{
		key: 'analysis.radius_evs_km',
		valid_from: '2012-01-01',
		valid_until: null,
		value: 5,
		unit: 'km',
		regime: DEPARTMENTAL_DEFAULT,
		source: SOURCE_DEFAULT,
		comment: 'Rayon d’attraction d’un espace de vie sociale.'
	},
	{
		key: 'analysis.isolation_km',
		valid_from: '2012-01-01',
		valid_until: null,
		value: 15,
		unit: 'km',
		regime: DEPARTMENTAL_DEFAULT,
		source: SOURCE_DEFAULT,
		comment: 'Distance au pôle d’activités au-delà de laquelle une commune est dite isolée.'
	}
];

function psRate(key: string, before: number, from2024: number, label: string): ParameterRow[] {
	return [
		{
			key,
			valid_from: '2012-01-01',
			valid_until: '2023-12-31',
			value: before,
			unit: 'taux',
			regime: CIRCULAR_2012,
			source: SOURCE_CIRCULAR,
			comment: `${label} : taux appliqué aux dépenses éligibles dans la limite du prix plafond.`
		},
		{
			key,
			valid_from: '2024-01-01',
			valid_until: null,
			value: from2024,
			unit: 'taux',
			regime: UPLIFT_2024,
			source: SOURCE_UPLIFT,
			comment: `${label} : taux revalorisé au 1er janvier 2024.`
		}
	];
}

export async function up(db: Kysely<any>): Promise<void> {
	await insertParameters(db, ROWS, { ifAbsent: false });
}

export async function down(db: Kysely<any>): Promise<void> {
	await deleteParameters(db, ROWS);
}
