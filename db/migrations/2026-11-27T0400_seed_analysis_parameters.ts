// Frozen once landed: never edit, add a new dated migration instead.
// Defaults of the coverage analysis options that 2026-11-27T0210 did not seed (it has the CS and
// EVS radii and the isolation distance). No national text sets any of them: each is a
// departmental choice, stored as dated reference data so a later decision is a new dated row.
import type { Kysely } from 'kysely';
import { deleteParameters, DEPARTMENTAL_DEFAULT, insertParameters, SOURCE_DEFAULT } from '../migration-helpers';

const VALID_FROM = '2012-01-01';

interface Row {
	key: string;
	value: unknown;
	unit: string | null;
	comment: string;
}

const ROWS: Row[] = [
	{
		key: 'analysis.catchment_km',
		value: 20,
		unit: 'km',
		comment: 'Zone d’attraction de l’accessibilité (2SFCA, décroissance gaussienne nulle au-delà).'
	},
	{
		key: 'analysis.supply_weight_cs',
		value: 1,
		unit: 'unité d’offre',
		comment: 'Offre d’un centre social dans l’indice d’accessibilité.'
	},
	{
		key: 'analysis.supply_weight_evs',
		value: 0.5,
		unit: 'unité d’offre',
		comment: 'Offre d’un espace de vie sociale dans l’indice d’accessibilité (structure plus légère, souvent bénévole).'
	},
	{
		key: 'analysis.reinforce_accessibility_quantile',
		value: 0.25,
		unit: 'quantile',
		comment: 'Accessibilité faible : au plus ce quantile des communes (0,25 : premier quartile).'
	},
	{
		key: 'analysis.reinforce_need_quantile',
		value: 0.75,
		unit: 'quantile',
		comment: 'Besoin élevé : indicateur au moins égal à ce quantile des communes (0,75 : dernier quartile).'
	},
	{
		key: 'analysis.reinforce_qpv_distance_km',
		value: 1,
		unit: 'km',
		comment: 'Un QPV sans structure prise en compte à moins de cette distance rend la commune « à renforcer ».'
	},
	{
		key: 'analysis.reinforce_need_indicators',
		value: [
			{ key: 'taux_pauvrete', per: null },
			{ key: 'familles_monoparentales', per: 'familles' }
		],
		unit: null,
		comment: 'Indicateurs de besoin de la règle « à renforcer » : taux de pauvreté, part des familles monoparentales.'
	},
	{
		key: 'analysis.demand',
		value: { kind: 'population' },
		unit: null,
		comment: 'Demande de l’indice d’accessibilité : la population municipale.'
	},
	{
		key: 'analysis.metric',
		value: 'km',
		unit: null,
		comment: 'Mesure des seuils : distance à vol d’oiseau (km) ou temps de trajet (minutes).'
	},
	{ key: 'analysis.radius_cs_minutes', value: 15, unit: 'min', comment: 'Rayon d’un centre social en temps de trajet.' },
	{ key: 'analysis.radius_evs_minutes', value: 10, unit: 'min', comment: 'Rayon d’un espace de vie sociale en temps de trajet.' },
	{ key: 'analysis.isolation_minutes', value: 20, unit: 'min', comment: 'Temps de trajet au pôle d’activités au-delà duquel une commune est isolée.' },
	{ key: 'analysis.catchment_minutes', value: 30, unit: 'min', comment: 'Zone d’attraction de l’accessibilité en temps de trajet.' },
	{
		key: 'analysis.detour_factor',
		value: 1.3,
		unit: 'coefficient',
		comment: 'Distance routière ÷ distance à vol d’oiseau, pour estimer un temps de trajet absent de la matrice.'
	},
	{ key: 'analysis.speed_kmh', value: 50, unit: 'km/h', comment: 'Vitesse moyenne pour estimer un temps de trajet absent de la matrice.' }
];

export async function up(db: Kysely<any>): Promise<void> {
	const dated = ROWS.map((row) => ({ ...row, valid_from: VALID_FROM, regime: DEPARTMENTAL_DEFAULT, source: SOURCE_DEFAULT }));
	await insertParameters(db, dated, { ifAbsent: true });
}

export async function down(db: Kysely<any>): Promise<void> {
	await deleteParameters(db, ROWS.map((row) => ({ key: row.key, valid_from: VALID_FROM })));
}
