// Frozen once landed: never edit, add a new dated migration instead.
// Issue 13: the agrément rules of the 2012 regime and the departmental choices the follow-up reads,
// as dated reference data (never constants in code):
// - the renewal grace period (a structure whose agrément ended keeps counting while its renewal is
//   examined) and the renewal lead time (when renewal work starts), departmental defaults;
// - agrément lengths as maxima: the circular's 4 years / 1 year for a first projet social stay in
//   `agrement_duration_months.*` (2026-11-27T0210); the EVS range of 1 to 4 years is added;
// - the staff requirements of criterion 8 (director) and of the projet familles criterion 4
//   (référent familles), checked against the dated staff posts;
// - the prestations de service: which agrément kind opens each PS, and the pro rata unit;
// - the volet familles, optional in 2012 (its own agrément, ACF);
// - the name of the cadre de référence in force, shown on every page that applies a rule.
import type { Kysely } from 'kysely';
import { deleteParameters, insertParameters, type ParameterRow } from '../migration-helpers';

const CIRCULAR_2012 = 'Circulaire Cnaf n°2012-013';
const SOURCE_CIRCULAR = 'Circulaire Cnaf n°2012-013 du 20 juin 2012 relative à l’animation de la vie sociale';
const DEPARTMENTAL_DEFAULT = 'Paramètre départemental (valeur par défaut)';
const SOURCE_DEFAULT = 'Maillage : valeur par défaut, à ajuster par la Caf dans le schéma directeur';
const PRACTICE = 'Pratique des Caf';

const ROWS: ParameterRow[] = [
	{
		key: 'cadre_reference',
		valid_from: '2012-06-20',
		value: { name: 'Circulaire Cnaf n°2012-013 du 20 juin 2012 relative à l’animation de la vie sociale', short: 'Circulaire Cnaf 2012-013' },
		unit: null,
		regime: CIRCULAR_2012,
		source: SOURCE_CIRCULAR,
		comment: 'Cadre de référence national de l’animation de la vie sociale en vigueur.'
	},
	{
		key: 'agrement.renewal_grace_months',
		valid_from: '2012-01-01',
		value: 12,
		unit: 'mois',
		regime: DEPARTMENTAL_DEFAULT,
		source: SOURCE_DEFAULT,
		comment:
			'Agrément échu, renouvellement en instruction : la structure reste ouverte et financée ; elle compte dans la couverture ' +
			'jusqu’à la décision, au plus ce nombre de mois après la fin de l’agrément (0 : aucun délai).'
	},
	{
		key: 'agrement.renewal_lead_months',
		valid_from: '2012-01-01',
		value: 12,
		unit: 'mois',
		regime: DEPARTMENTAL_DEFAULT,
		source:
			'Maillage : valeur par défaut ; le renouvellement d’un projet social se prépare 12 à 14 mois avant la fin de l’agrément ' +
			'(kit de la Caf de Seine-et-Marne : https://avs-parentalite.kit-a-agir.fr/je-renouvelle-mon-projet-de-centre-social/)',
		comment: 'Délai avant la fin d’un agrément à partir duquel son renouvellement est à préparer (listes, alertes, comité).'
	},
	{
		key: 'agrement_duration_months.evs_min',
		valid_from: '2012-06-20',
		value: 12,
		unit: 'mois',
		regime: PRACTICE,
		source:
			'Agrément des EVS de 1 à 4 ans (https://sites.google.com/view/evs48/boite-%C3%A0-outils/renouvelement-%C3%A9ch%C3%A9ancier-evs/modalit%C3%A9s-dagrement-et-de-financement-des-evs ; ' +
			'https://avs-parentalite.kit-a-agir.fr/janime-un-evs/) ; texte Cnaf : source à compléter',
		comment: 'Durée minimale d’un agrément d’espace de vie sociale.'
	},
	{
		key: 'agrement_duration_months.evs_max',
		valid_from: '2012-06-20',
		value: 48,
		unit: 'mois',
		regime: PRACTICE,
		source:
			'Agrément des EVS de 1 à 4 ans (https://sites.google.com/view/evs48/boite-%C3%A0-outils/renouvelement-%C3%A9ch%C3%A9ancier-evs/modalit%C3%A9s-dagrement-et-de-financement-des-evs ; ' +
			'https://avs-parentalite.kit-a-agir.fr/janime-un-evs/) ; texte Cnaf : source à compléter',
		comment: 'Durée maximale d’un agrément d’espace de vie sociale.'
	},
	{
		key: 'staff_requirement.directeur',
		valid_from: '2012-06-20',
		value: { structureType: 'CS', agrementKind: 'animation_globale', framework: 'projet_social', criterion: 8, minQualificationLevel: 6, minEtp: 1 },
		unit: null,
		regime: CIRCULAR_2012,
		source: SOURCE_CIRCULAR + ' (critère 8 : directeur qualifié de niveau II, aujourd’hui niveau 6, travail à temps plein)',
		comment: 'Direction d’un centre social : qualification de niveau 6 (ex-niveau II) au moins, à temps plein.'
	},
	{
		key: 'staff_requirement.referent_familles',
		valid_from: '2012-06-20',
		value: {
			structureType: 'CS',
			agrementKind: 'animation_collective_familles',
			framework: 'projet_familles',
			criterion: 4,
			minQualificationLevel: 5,
			minEtp: 0.5
		},
		unit: null,
		regime: CIRCULAR_2012,
		source: SOURCE_CIRCULAR + ' (projet familles, critère 4 : diplôme de travail social de niveau 3, aujourd’hui niveau 5, au moins un mi-temps)',
		comment: 'Référent familles : diplôme de travail social de niveau 5 (ex-niveau III) au moins, au moins à mi-temps.'
	},
	{
		key: 'ps.agrement_kinds',
		valid_from: '2012-01-01',
		value: {
			animation_globale: ['animation_globale'],
			animation_collective_familles: ['animation_collective_familles'],
			animation_locale: ['animation_locale']
		},
		unit: 'types d’agrément',
		regime: CIRCULAR_2012,
		source: SOURCE_CIRCULAR + ' (l’agrément ouvre droit aux prestations de service sur fonds Cnaf)',
		comment: 'Agrément(s) ouvrant droit à chaque prestation de service : la PS n’est due que pour les jours couverts par l’un d’eux.'
	},
	{
		key: 'ps.prorata_unit',
		valid_from: '2012-01-01',
		value: 'jours',
		unit: null,
		regime: DEPARTMENTAL_DEFAULT,
		source: SOURCE_DEFAULT,
		comment: 'Unité du prorata temporis de la PS attendue : « jours » couverts par un agrément, ou « mois » entiers couverts.'
	},
	{
		key: 'agrement.volet_familles_obligatoire',
		valid_from: '2012-06-20',
		value: false,
		unit: null,
		regime: CIRCULAR_2012,
		source: SOURCE_CIRCULAR + ' (la structure peut solliciter un agrément pour son projet familles)',
		comment: 'Projet familles facultatif : agrément animation collective familles distinct.'
	}
];

export async function up(db: Kysely<any>): Promise<void> {
	await insertParameters(db, ROWS, { ifAbsent: true });
}

export async function down(db: Kysely<any>): Promise<void> {
	await deleteParameters(db, ROWS);
}
