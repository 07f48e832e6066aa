// Frozen once landed: never edit, add a new dated migration instead.
// Issue 15: the lists and thresholds of the observatory record, as dated reference data. SENACS
// changes its questionnaire (a core plus a yearly theme): the lists of activity domains, publics,
// partner kinds, contract types and collective agreements a structure-year is entered with are
// rows of `reference_parameter`, read in force on 1 January of the year; a CAF adds a dated row
// when the questionnaire changes, never edits code. The consistency thresholds are departmental.
import type { Kysely } from 'kysely';
import { deleteParameters, insertParameters } from '../migration-helpers';

const SENACS = 'Questionnaire SENACS (socle commun)';
const SENACS_SOURCE =
	'Familles d’indicateurs des rapports SENACS nationaux et départementaux (projet, partenariats, gouvernance, ressources humaines, ' +
	'finances) ; libellés exacts à confirmer avec le correspondant SENACS (le guide d’utilisation n’est pas public)';
const DEPARTEMENTAL = 'Paramètre départemental';
const FROM = '2010-01-01';

const list = (items: [string, string][]) => items.map(([code, label]) => ({ code, label }));

const ROWS = [
	{
		key: 'observatory.activity_domains',
		regime: SENACS,
		value: list([
			['enfance', 'Enfance'],
			['jeunesse', 'Jeunesse'],
			['familles_parentalite', 'Familles et parentalité'],
			['accompagnement_scolarite', 'Accompagnement à la scolarité'],
			['insertion', 'Insertion sociale et professionnelle'],
			['acces_aux_droits', 'Accès aux droits'],
			['numerique', 'Inclusion numérique'],
			['apprentissage_francais', 'Apprentissage du français (ASL, FLE)'],
			['culture', 'Culture et loisirs'],
			['sport', 'Sport'],
			['sante', 'Santé et bien-être'],
			['seniors', 'Vieillissement et seniors'],
			['lien_social', 'Lien social et lutte contre l’isolement'],
			['logement_cadre_de_vie', 'Logement et cadre de vie'],
			['transition_ecologique', 'Transition écologique'],
			['citoyennete', 'Citoyenneté et vie associative'],
			['autre', 'Autre domaine']
		]),
		unit: 'domaines',
		source: SENACS_SOURCE,
		comment: 'Domaines d’action des activités de l’année (section Projet du questionnaire).'
	},
	{
		key: 'observatory.publics',
		regime: SENACS,
		value: list([
			['petite_enfance', 'Petite enfance (0-5 ans)'],
			['enfants', 'Enfants (6-11 ans)'],
			['adolescents', 'Adolescents (12-17 ans)'],
			['jeunes_adultes', 'Jeunes adultes (18-25 ans)'],
			['adultes', 'Adultes (26-59 ans)'],
			['seniors', 'Seniors (60 ans et plus)'],
			['familles', 'Familles'],
			['tous_publics', 'Tous publics']
		]),
		unit: 'publics',
		source: SENACS_SOURCE,
		comment: 'Publics des activités (mêmes tranches d’âge que les personnes touchées).'
	},
	{
		key: 'observatory.partner_kinds',
		regime: SENACS,
		value: list([
			['commune', 'Communes'],
			['epci', 'Intercommunalités (EPCI)'],
			['departement', 'Conseil départemental'],
			['etat', 'État et ses services'],
			['caf', 'Caf'],
			['msa', 'MSA'],
			['region', 'Région'],
			['carsat', 'Carsat'],
			['etablissements_scolaires', 'Établissements scolaires'],
			['bailleurs_sociaux', 'Bailleurs sociaux'],
			['associations', 'Associations'],
			['entreprises', 'Entreprises'],
			['autre', 'Autres partenaires']
		]),
		unit: 'types de partenaires',
		source: SENACS_SOURCE,
		comment: 'Partenaires de l’année par type, avec le nombre de conventions signées (section Dynamiques partenariales).'
	},
	{
		key: 'observatory.contract_types',
		regime: SENACS,
		value: list([
			['cdi', 'CDI'],
			['cdd', 'CDD'],
			['contrat_aide', 'Contrats aidés'],
			['adulte_relais', 'Adultes-relais'],
			['fonjep', 'Postes FONJEP'],
			['fonctionnaire', 'Agents publics (titulaires)'],
			['autre', 'Autres contrats']
		]),
		unit: 'types de contrats',
		source: SENACS_SOURCE,
		comment: 'Salariés au 31 décembre par type de contrat, en effectif et en ETP (section Ressources humaines).'
	},
	{
		key: 'observatory.collective_agreements',
		regime: SENACS,
		value: list([
			['alisfa', 'ALISFA (acteurs du lien social et familial, IDCC 1261)'],
			['eclat', 'ÉCLAT (animation, IDCC 1518)'],
			['fonction_publique', 'Fonction publique (gestion publique)'],
			['autre', 'Autre convention collective'],
			['aucune', 'Aucune']
		]),
		unit: 'conventions',
		source: SENACS_SOURCE,
		comment: 'Convention collective appliquée par l’employeur.'
	},
	{
		key: 'observatory.max_hours_per_volunteer',
		regime: DEPARTEMENTAL,
		value: 1607,
		unit: 'heures par an',
		source: 'Durée légale annuelle du travail à temps plein (1 607 heures) : au-delà, le nombre d’heures de bénévolat est invraisemblable',
		comment: 'Contrôle « heures de bénévolat et bénévoles » : heures ÷ bénévoles au-delà de ce seuil signalées.'
	},
	{
		key: 'observatory.result_warning_share',
		regime: DEPARTEMENTAL,
		value: 0.1,
		unit: 'part des charges',
		source: 'Valeur par défaut de Maillage, à ajuster par la Caf',
		comment: 'Contrôle « produits et charges » : un déficit ou un excédent supérieur à cette part des charges est signalé.'
	},
	{
		key: 'observatory.etp_tolerance',
		regime: DEPARTEMENTAL,
		value: 0.1,
		unit: 'ETP',
		source: 'Valeur par défaut de Maillage (arrondis des déclarations)',
		comment: 'Contrôle « ETP par type de contrat et ETP salariés » : un écart supérieur est signalé.'
	}
];

export async function up(db: Kysely<any>): Promise<void> {
	await insertParameters(db, ROWS.map((row) => ({ ...row, valid_from: FROM })), { ifAbsent: true });
}

export async function down(db: Kysely<any>): Promise<void> {
	await deleteParameters(db, ROWS.map((row) => ({ key: row.key, valid_from: FROM })));
}
