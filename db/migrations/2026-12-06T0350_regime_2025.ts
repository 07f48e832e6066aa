// Frozen once landed: never edit, add a new dated migration instead.
// Issue 13: the cadre de référence of 18 December 2025, a new dated regime beside 2012's (whose
// rows are left as they are: a later `valid_from` supersedes them). Its rules start on 1 January
// 2027 after a year of preparation: a single agrément procedure for centres sociaux, a volet
// familles mandatory in every projet social, the PS AGC and ACF brought together then merged
// between 2027 and 2030, new centres directed first to QPV and ZFRR. Its figures (criteria,
// durations, staff requirements, rates, merger steps) are not public in the sources Maillage
// holds: they are stored empty (null) with the mark « à compléter », never invented.
import type { Kysely } from 'kysely';
import { deleteParameters, insertParameters, type ParameterRow } from '../migration-helpers';

const REGIME = 'Circulaire Cnaf du 18 décembre 2025';
const SOURCE =
	'Circulaire Cnaf du 18 décembre 2025 (cadre de référence de l’animation de la vie sociale), présentée par Maire-info ' +
	'(https://www.maire-info.com/social/la-cnaf-revoit-cadre-centres-sociaux-espaces-vie-sociale-article-30365) et Associathèque ' +
	'(https://www.associatheque.fr/fr/2026/fevrier/actualite/nouveau-cadre-reference-centres-sociaux.html)';
const PENDING_SOURCE = `${SOURCE} ; valeur non publiée dans ces sources : à compléter`;
const START = '2027-01-01';

type Row = Omit<ParameterRow, 'regime'>;

const pending = (key: string, unit: string | null, comment: string): Row => ({
	key,
	valid_from: START,
	valid_until: null,
	value: null,
	unit,
	source: PENDING_SOURCE,
	comment
});

const MERGED_CODES = { animation_globale: 'PS_AGC', animation_collective_familles: 'PS_ACF', animation_locale: 'PS_AL', centre_social: 'PS_CS' };

const ROWS: Row[] = [
	{
		key: 'cadre_reference',
		valid_from: START,
		valid_until: null,
		value: { name: 'Circulaire Cnaf du 18 décembre 2025 (cadre de référence de l’animation de la vie sociale)', short: 'Circulaire Cnaf du 18 décembre 2025' },
		unit: null,
		source: SOURCE,
		comment: 'Nouveau cadre de référence : procédure d’agrément unique des centres sociaux, volet familles obligatoire, fusion des PS AGC et ACF (2027-2030).'
	},
	pending('agrement_criteria.projet_social', 'critères', 'Critères d’agrément révisés du projet social : liste non publiée, à compléter.'),
	pending('agrement_criteria.projet_familles', 'critères', 'Critères du volet familles du projet social : liste non publiée, à compléter.'),
	pending('agrement_duration_months.premier', 'mois', 'Durée maximale d’un premier agrément : à compléter.'),
	pending('agrement_duration_months.renouvellement', 'mois', 'Durée maximale d’un agrément : à compléter.'),
	pending('agrement_duration_months.evs_min', 'mois', 'Durée minimale d’un agrément d’EVS : à compléter.'),
	pending('agrement_duration_months.evs_max', 'mois', 'Durée maximale d’un agrément d’EVS : à compléter.'),
	pending('staff_requirement.directeur', null, 'Exigences de qualification et de temps de travail de la direction : à compléter.'),
	pending('staff_requirement.referent_familles', null, 'Exigences du référent familles dans le volet familles : à compléter.'),
	{
		key: 'agrement.volet_familles_obligatoire',
		valid_from: START,
		valid_until: null,
		value: true,
		unit: null,
		source: SOURCE,
		comment: 'Volet familles obligatoire dans tout projet social de centre social à partir de 2027.'
	},
	{
		key: 'ps.agrement_kinds',
		valid_from: START,
		valid_until: null,
		value: {
			animation_globale: ['animation_globale'],
			animation_collective_familles: ['animation_collective_familles', 'animation_globale'],
			centre_social: ['animation_globale'],
			animation_locale: ['animation_locale']
		},
		unit: 'types d’agrément',
		source: SOURCE,
		comment:
			'Procédure d’agrément unique : l’agrément du projet social (avec son volet familles) ouvre droit aux PS du centre social ; ' +
			'un agrément ACF antérieur encore en cours reste reconnu.'
	},
	{
		key: 'ps.instrument_codes',
		valid_from: START,
		valid_until: '2030-12-31',
		value: MERGED_CODES,
		unit: 'codes de dispositif',
		source: SOURCE,
		comment:
			'Années de transition 2027-2030 : les PS AGC et ACF et la PS centre social fusionnée coexistent ; chaque ligne est contrôlée ' +
			'selon les règles de son année.'
	},
	{
		key: 'ps.instrument_codes',
		valid_from: '2031-01-01',
		valid_until: null,
		value: { centre_social: 'PS_CS', animation_locale: 'PS_AL' },
		unit: 'codes de dispositif',
		source: `${SOURCE} ; fusion achevée en 2030 (calendrier détaillé à compléter)`,
		comment: 'Après la fusion : une seule PS centre social, et la PS animation locale des EVS.'
	},
	...[2027, 2028, 2029, 2030].map(
		(year): Row => ({
			key: 'ps.merger_step',
			valid_from: `${year}-01-01`,
			valid_until: `${year}-12-31`,
			value: null,
			unit: 'étape',
			source: PENDING_SOURCE,
			comment: `Étape ${year} du rapprochement puis de la fusion des PS AGC et ACF : modalités à compléter.`
		})
	),
	pending('ps_rate.animation_globale', 'taux', 'Taux de la PS AGC dans le nouveau cadre : à compléter.'),
	pending('ps_rate.animation_collective_familles', 'taux', 'Taux de la PS ACF dans le nouveau cadre : à compléter.'),
	pending('ps_rate.centre_social', 'taux', 'Taux de la PS centre social fusionnée : à compléter.'),
	{
		key: 'planning.priority_zonages',
		valid_from: START,
		valid_until: null,
		value: ['qpv', 'zfrr'],
		unit: 'zonages',
		source: SOURCE,
		comment: 'Les nouveaux centres sont orientés d’abord vers les quartiers prioritaires (QPV) et les zones France ruralités revitalisation (ZFRR).'
	}
];

export async function up(db: Kysely<any>): Promise<void> {
	await insertParameters(db, ROWS.map((row) => ({ ...row, regime: REGIME })), { ifAbsent: true });
}

export async function down(db: Kysely<any>): Promise<void> {
	await deleteParameters(db, ROWS);
}
