/**
 * The data dictionary of the observatory record: every field of the yearly record of a structure
 * (keyed by SIRET + establishment + agrément kind + year), its French column header, meaning,
 * type, where it comes from in Maillage, and whether the import reads it (`saisie`), uses it to
 * find the structure (`cle`) or ignores it because Maillage computes it (`calcule`). No public
 * file format of SENACS is known: this dictionary is the contract of our CSV, XLSX and JSON files
 * and of `maillage import activite`, and is itself downloadable. Pure.
 */
import type { PsKind } from '../funding/ps';
import { YEAR_FIELDS, YEAR_SECTIONS, type YearSection } from './year-fields';

/** Value types, as the dictionary names them. */
export const FIELD_TYPES = {
	texte: 'Texte',
	entier: 'Nombre entier',
	decimal: 'Nombre décimal',
	euros: 'Montant en euros (2 décimales)',
	date: 'Date (AAAA-MM-JJ)',
	booleen: 'Oui / non'
} as const;
export type FieldType = keyof typeof FIELD_TYPES;

/** What the import does with a column. */
export const ENTRY_KINDS = {
	saisie: 'Saisie : lue à l’import et modifiable dans le formulaire annuel',
	cle: 'Clé : identifie la structure et l’année à l’import',
	calcule: 'Calculée par Maillage : ignorée à l’import (une note le signale)'
} as const;
export type EntryKind = keyof typeof ENTRY_KINDS;

export interface FieldDefinition {
	/** Stable machine name (JSON key, import column). */
	key: string;
	/** Column header of the CSV and XLSX files (also accepted as import column). */
	header: string;
	meaning: string;
	type: FieldType;
	/** Where the value comes from in Maillage. */
	source: string;
	entry: EntryKind;
	/** Section of the record (dictionary grouping). */
	section?: string;
}

const STRUCTURE = 'Fiche de la structure (Structures)';
const YEAR = 'Données annuelles de la structure (formulaire annuel ou import activite)';
const AGREMENT = 'Agréments de la structure';
const POSTS = 'Postes datés de la structure (direction, référent familles, autres postes)';
const FUNDING = 'Financements de l’année, statuts versé et notifié (Financements)';
const DETAIL = 'Détail annuel (activités, partenaires, contrats)';
const CALCULATED = 'Calculé';
const COMMUNES = 'Référentiel des communes';
const QPV_ZONES = 'Zones QPV et zone de compétence';

/** A field Maillage computes: key, header, meaning, type, and its source when not the section's usual one. */
type ComputedRow = [key: string, header: string, meaning: string, type: FieldType, source?: string];

/** The computed fields of one section, in column order; `usualSource` unless a row names its own. */
const computed = (section: string, usualSource: string, rows: ComputedRow[]): FieldDefinition[] =>
	rows.map(([key, header, meaning, type, source = usualSource]) => ({ key, header, meaning, type, source, entry: 'calcule', section }));

const entered = (section: YearSection): FieldDefinition[] =>
	YEAR_FIELDS.filter((f) => f.section === section).map((f) => ({
		key: f.key,
		header: f.header,
		meaning: f.meaning,
		type: f.type,
		source: 'participationLevel' in f.store ? `${YEAR} ; enregistré dans la participation des habitants` : YEAR,
		entry: 'saisie',
		section: YEAR_SECTIONS[section]
	}));

/** The record column of each PS kind (one column per PS instrument). */
export const PS_COLUMN: Record<PsKind, string> = {
	animation_globale: 'caf_ps_agc',
	animation_collective_familles: 'caf_ps_acf',
	centre_social: 'caf_ps_centre_social',
	animation_locale: 'caf_ps_animation_locale'
};

const IDENTITY = 'Identité';
const AGREMENTS = 'Agrément';
const TERRITORY = 'Territoire et gestion';
const EMPLOI = YEAR_SECTIONS.emploi;
const FINANCES = YEAR_SECTIONS.finances;
const PARTENARIATS = YEAR_SECTIONS.partenariats;
const ps = (kind: PsKind, header: string, meaning: string): ComputedRow => [
	PS_COLUMN[kind],
	header,
	`${meaning} ; vide les années où cette prestation n’existe pas (paramètre daté ps.instrument_codes)`,
	'euros'
];

export const OBSERVATORY_FIELDS: readonly FieldDefinition[] = [
	...computed(IDENTITY, CALCULATED, [
		['cle', 'Clé (SIRET-établissement-agrément-année)', 'Identifiant de la fiche : SIRET, suffixe d’établissement s’il y en a un (après un point), nature de l’agrément fondateur et année, séparés par des tirets (12345678900014.B-AGC-2025)', 'texte']
	]),
	{ key: 'annee', header: 'Année', meaning: 'Année observée', type: 'entier', source: 'Paramètre de l’export', entry: 'cle', section: IDENTITY },
	{ key: 'siret', header: 'SIRET', meaning: 'Numéro SIRET de l’établissement gestionnaire (14 chiffres) ; plusieurs structures d’un gestionnaire multi-sites peuvent le partager', type: 'texte', source: STRUCTURE, entry: 'cle', section: IDENTITY },
	{ key: 'etablissement', header: 'Établissement', meaning: 'Suffixe ou numéro interne d’établissement (lettres majuscules et chiffres) qui distingue les structures d’un même SIRET ; vide sinon', type: 'texte', source: STRUCTURE, entry: 'cle', section: IDENTITY },
	{ key: 'identifiant_maillage', header: 'Identifiant Maillage', meaning: 'Numéro de la structure dans Maillage (lien vers sa fiche) ; à l’import, identifie une structure sans SIRET', type: 'entier', source: STRUCTURE, entry: 'cle', section: IDENTITY },
	...computed(IDENTITY, STRUCTURE, [
		['identifiant_externe', 'Identifiant externe', 'Identifiant de la structure dans le fichier d’import de la Caf', 'texte'],
		['nom', 'Nom', 'Nom de la structure', 'texte'],
		['type_structure', 'Type de structure', 'CS (centre social) ou EVS (espace de vie sociale)', 'texte'],
		['adresse', 'Adresse', 'Adresse postale', 'texte'],
		['code_commune', 'Code INSEE de la commune', 'Commune d’implantation (code INSEE, texte)', 'texte'],
		['commune', 'Commune', 'Nom de la commune d’implantation', 'texte', COMMUNES],
		['siren_epci', 'SIREN de l’EPCI', 'Intercommunalité de la commune d’implantation', 'texte', COMMUNES],
		['epci', 'EPCI', 'Nom de l’intercommunalité', 'texte', COMMUNES]
	]),

	...computed(AGREMENTS, AGREMENT, [
		['agrement_nature', 'Nature de l’agrément', 'Agrément fondateur en vigueur dans l’année : animation globale et coordination (AGC) pour un CS, animation locale (AL) pour un EVS', 'texte'],
		['agrement_debut', 'Début de l’agrément', 'Premier jour couvert par l’agrément', 'date'],
		['agrement_fin', 'Fin de l’agrément', 'Dernier jour couvert par l’agrément', 'date'],
		['agrement_premier', 'Premier projet social', 'Oui pour un premier projet, non pour un renouvellement', 'booleen'],
		['projet_familles_agree', 'Projet familles agréé', 'Un agrément animation collective familles couvre au moins un jour de l’année', 'booleen'],
		['date_premier_agrement', 'Date du premier agrément', 'Date du tout premier agrément de la structure', 'date', STRUCTURE]
	]),

	...computed(TERRITORY, STRUCTURE, [
		['communes_zone', 'Communes de la zone de compétence', 'Nombre de communes de la zone de compétence', 'entier'],
		['mode_gestion', 'Mode de gestion', 'associatif, collectivité locale (commune, CCAS/CIAS, intercommunalité) ou autre (gestion directe Caf, SPL…)', 'texte'],
		['mode_gestion_detail', 'Mode de gestion (détail)', 'Mode de gestion tel qu’enregistré', 'texte'],
		['type_territoire', 'Type de territoire', 'Urbain, rural ou mixte', 'texte'],
		['taille_territoire', 'Taille du territoire', 'D’un quartier à plusieurs communes', 'texte'],
		['qpv', 'Intervention en QPV', 'La zone de compétence (ou, à défaut, la commune) comprend un quartier prioritaire en vigueur au 1er janvier', 'booleen', QPV_ZONES],
		['codes_qpv', 'Codes des QPV', 'Codes des quartiers prioritaires concernés, séparés par « | »', 'texte', QPV_ZONES],
		['adherent_federation', 'Adhérent à une fédération', 'Adhésion à une fédération des centres sociaux', 'booleen'],
		['itinerant', 'Itinérant', 'Structure itinérante', 'booleen'],
		['multi_sites', 'Multi-sites', 'Structure implantée sur plusieurs sites, ou SIRET partagé avec d’autres structures', 'booleen'],
		['gens_du_voyage', 'Gens du voyage', 'Action auprès des gens du voyage', 'booleen']
	]),

	...entered('senacs'),
	...entered('territoire'),
	...entered('publics'),
	...entered('gouvernance'),
	...entered('benevolat'),

	...entered('emploi'),
	...computed(EMPLOI, POSTS, [
		['directeur_etp', 'Poste de direction (ETP)', 'Temps de travail du poste de direction tenu le plus longtemps dans l’année, en ETP (vide sans poste)', 'decimal'],
		['directeur_qualification', 'Qualification du directeur (niveau)', 'Niveau de diplôme du directeur (cadre national des certifications, 6 = ex-niveau II)', 'entier'],
		['directeur_jours_vacance', 'Poste de direction vacant (jours)', 'Jours de l’année où le poste de direction était vacant', 'entier'],
		['referent_familles_etp', 'Poste de référent familles (ETP)', 'Temps de travail du poste de référent familles, en ETP (vide sans poste)', 'decimal'],
		['referent_familles_qualification', 'Qualification du référent familles (niveau)', 'Niveau de diplôme du référent familles (5 = ex-niveau III)', 'entier'],
		['referent_familles_jours_vacance', 'Poste de référent familles vacant (jours)', 'Jours de l’année où le poste de référent familles était vacant', 'entier'],
		['etp_direction', 'ETP de l’année : direction', 'ETP du poste de direction × part de l’année où il était tenu et pourvu (postes datés)', 'decimal'],
		['etp_referent_familles', 'ETP de l’année : référent familles', 'ETP du poste de référent familles × part de l’année où il était tenu et pourvu', 'decimal'],
		['etp_autres_postes', 'ETP de l’année : autres postes suivis', 'ETP des autres postes enregistrés × part de l’année où ils étaient tenus et pourvus', 'decimal'],
		['etp_autres_fonctions', 'ETP de l’année : autres fonctions', 'ETP salariés de l’année moins les ETP des postes suivis ci-dessus (accueil, animation, gestion…) ; vide sans ETP salariés', 'decimal', CALCULATED],
		['salaries_contrats', 'Salariés par contrat (total)', 'Somme des salariés du détail par type de contrat (à comparer à l’effectif)', 'entier', DETAIL],
		['etp_contrats', 'ETP par contrat (total)', 'Somme des ETP du détail par type de contrat (à comparer aux ETP salariés)', 'decimal', DETAIL]
	]),

	...entered('partenariats'),
	...computed(PARTENARIATS, DETAIL, [
		['partenaires_total', 'Partenaires (total)', 'Somme des partenaires du détail par type', 'entier'],
		['conventions_total', 'Conventions de partenariat (total)', 'Somme des conventions du détail par type de partenaire', 'entier'],
		['domaines_activite', 'Domaines d’activité', 'Nombre de domaines d’activité différents du détail des activités', 'entier'],
		['actions_total', 'Actions (total)', 'Somme des actions du détail des activités', 'entier']
	]),

	...entered('finances'),
	...computed(FINANCES, FUNDING, [
		['resultat', 'Résultat (€)', 'Total des produits moins total des charges ; vide si l’un des deux manque', 'euros', CALCULATED],
		ps('animation_globale', 'Caf : PS animation globale (AGC) (€)', 'Prestation de service animation globale et coordination'),
		ps('animation_collective_familles', 'Caf : PS animation collective familles (ACF) (€)', 'Prestation de service animation collective familles'),
		ps('centre_social', 'Caf : PS centre social (AGC + ACF fusionnées) (€)', 'Prestation de service centre social du cadre de référence de 2025 (fusion des PS AGC et ACF, 2027-2030)'),
		ps('animation_locale', 'Caf : PS animation locale (€)', 'Prestation de service animation locale (EVS)'),
		['regime_ps', 'Régime des PS', 'Cadre réglementaire des prestations de service de l’année (paramètre daté ps.instrument_codes)', 'texte', 'Paramètres de référence datés'],
		['caf_autres_ps', 'Caf : autres prestations de service (€)', 'Autres dispositifs de la famille « prestation de service » versés par la Caf', 'euros'],
		['caf_fonds_propres', 'Caf : fonds propres (subventions, bonus territoire) (€)', 'Subventions sur fonds locaux, bonus territoire et autres aides de fonctionnement de la Caf', 'euros'],
		['caf_total', 'Caf : total fonctionnement (€)', 'PS, autres PS et fonds propres de la Caf (hors investissement)', 'euros'],
		['ps_dues', 'PS dues selon le contrôle (€)', 'Somme des PS dues de l’année selon le contrôle des prestations de service (taux × min(dépenses, plafond) × part de l’année couverte par un agrément) ; vide si une PS n’est pas calculable', 'euros', 'Contrôle des prestations de service'],
		['financements_communes', 'Communes (€)', 'Financements des communes', 'euros'],
		['financements_epci', 'Intercommunalités (EPCI) (€)', 'Financements des intercommunalités', 'euros'],
		['financements_departement', 'Conseil départemental (€)', 'Financements du Conseil départemental', 'euros'],
		['financements_etat', 'État (€)', 'Financements de l’État (politique de la ville, adultes-relais, FONJEP…)', 'euros'],
		['financements_region', 'Région (€)', 'Financements de la Région', 'euros'],
		['financements_msa', 'MSA (€)', 'Financements de la MSA', 'euros'],
		['financements_carsat', 'Carsat (€)', 'Financements de la Carsat', 'euros'],
		['financements_autres', 'Autres financeurs (€)', 'Fédérations et autres financeurs', 'euros'],
		['financements_total', 'Total des financements de fonctionnement (€)', 'Caf et autres financeurs, hors aides à l’investissement', 'euros'],
		['autres_produits', 'Autres produits (€)', 'Total des produits moins les financements de fonctionnement enregistrés et la participation des usagers ; vide sans total des produits', 'euros', CALCULATED],
		['aides_investissement', 'Aides à l’investissement (€)', 'Aides à l’investissement de l’année, tous financeurs : ressource d’investissement, hors produits de fonctionnement', 'euros'],
		['aides_investissement_caf', 'Dont Caf : aides à l’investissement (€)', 'Part de la Caf dans les aides à l’investissement', 'euros']
	])
];

export type FieldKey = string;

/** A value of the record, as its type says: text, number, ISO date text, boolean, or null when unknown. */
export type FieldValue = string | number | boolean | null;

/** One yearly record: every field of the dictionary. */
export type ObservatoryRecord = Record<string, FieldValue>;

/** The definition of `key`. */
export function fieldOf(key: string): FieldDefinition {
	const found = OBSERVATORY_FIELDS.find((f) => f.key === key);
	if (!found) throw new Error(`unknown observatory field: ${key}`);
	return found;
}

/** The dictionary's own columns (as a table: CSV, XLSX sheet, JSON), each with its text for a field. */
export const DICTIONARY_COLUMNS = [
	{ key: 'key', header: 'Champ (JSON, colonne d’import)', text: (f: FieldDefinition) => f.key },
	{ key: 'header', header: 'En-tête de colonne', text: (f: FieldDefinition) => f.header },
	{ key: 'meaning', header: 'Signification', text: (f: FieldDefinition) => f.meaning },
	{ key: 'type', header: 'Type', text: (f: FieldDefinition) => FIELD_TYPES[f.type] },
	{ key: 'entry', header: 'Import', text: (f: FieldDefinition) => ENTRY_KINDS[f.entry] },
	{ key: 'source', header: 'Source dans Maillage', text: (f: FieldDefinition) => f.source },
	{ key: 'section', header: 'Rubrique', text: (f: FieldDefinition) => f.section ?? '' }
] as const;

type DictionaryRow = Record<(typeof DICTIONARY_COLUMNS)[number]['key'], string>;

/** One line of the dictionary table per field, every value as text (French labels). */
export function dictionaryRows(fields: readonly FieldDefinition[]): DictionaryRow[] {
	return fields.map((f) => Object.fromEntries(DICTIONARY_COLUMNS.map((c) => [c.key, c.text(f)])) as DictionaryRow);
}
