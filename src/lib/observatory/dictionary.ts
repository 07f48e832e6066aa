/**
 * The data dictionary of the observatory export: every field of the yearly record of a structure
 * (keyed by SIRET + agrément + year), its French column header, meaning, type and where it comes
 * from in Maillage. No public file format of the national observatory (SENACS) is known: this
 * dictionary is the contract of our CSV, XLSX and JSON files, and is itself downloadable. Pure.
 */

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

export interface FieldDefinition {
	/** Stable machine name (JSON key). */
	key: string;
	/** Column header of the CSV and XLSX files. */
	header: string;
	meaning: string;
	type: FieldType;
	/** Where the value comes from in Maillage. */
	source: string;
}

const STRUCTURE = 'Fiche de la structure (Structures)';
const YEAR = 'Données annuelles de la structure (observatoire)';
const AGREMENT = 'Agréments de la structure';
const POSTS = 'Postes de la structure (direction, référent familles)';
const FUNDING = 'Financements de l’année, statuts versé et notifié (Financements)';

export const OBSERVATORY_FIELDS = [
	{ key: 'cle', header: 'Clé (SIRET-agrément-année)', meaning: 'Identifiant unique de la fiche : SIRET, identifiant Maillage de l’agrément et année, séparés par des tirets', type: 'texte', source: 'Calculé' },
	{ key: 'annee', header: 'Année', meaning: 'Année observée', type: 'entier', source: 'Paramètre de l’export' },
	{ key: 'siret', header: 'SIRET', meaning: 'Numéro SIRET de l’établissement (14 chiffres)', type: 'texte', source: STRUCTURE },
	{ key: 'identifiant_maillage', header: 'Identifiant Maillage', meaning: 'Numéro de la structure dans Maillage (lien vers sa fiche)', type: 'entier', source: STRUCTURE },
	{ key: 'identifiant_externe', header: 'Identifiant externe', meaning: 'Identifiant de la structure dans le fichier d’import de la CAF', type: 'texte', source: STRUCTURE },
	{ key: 'nom', header: 'Nom', meaning: 'Nom de la structure', type: 'texte', source: STRUCTURE },
	{ key: 'type_structure', header: 'Type de structure', meaning: 'CS (centre social) ou EVS (espace de vie sociale)', type: 'texte', source: STRUCTURE },
	{ key: 'adresse', header: 'Adresse', meaning: 'Adresse postale', type: 'texte', source: STRUCTURE },
	{ key: 'code_commune', header: 'Code INSEE de la commune', meaning: 'Commune d’implantation (code INSEE, texte)', type: 'texte', source: STRUCTURE },
	{ key: 'commune', header: 'Commune', meaning: 'Nom de la commune d’implantation', type: 'texte', source: 'Référentiel des communes' },
	{ key: 'siren_epci', header: 'SIREN de l’EPCI', meaning: 'Intercommunalité de la commune d’implantation', type: 'texte', source: 'Référentiel des communes' },
	{ key: 'epci', header: 'EPCI', meaning: 'Nom de l’intercommunalité', type: 'texte', source: 'Référentiel des communes' },
	{ key: 'identifiant_agrement', header: 'Identifiant de l’agrément', meaning: 'Numéro Maillage de l’agrément principal (animation globale pour un CS, animation locale pour un EVS) en vigueur dans l’année', type: 'entier', source: AGREMENT },
	{ key: 'agrement_nature', header: 'Nature de l’agrément', meaning: 'Animation globale et coordination (AGC) ou animation locale (AL)', type: 'texte', source: AGREMENT },
	{ key: 'agrement_debut', header: 'Début de l’agrément', meaning: 'Premier jour couvert par l’agrément', type: 'date', source: AGREMENT },
	{ key: 'agrement_fin', header: 'Fin de l’agrément', meaning: 'Dernier jour couvert par l’agrément', type: 'date', source: AGREMENT },
	{ key: 'agrement_premier', header: 'Premier projet social', meaning: 'Oui pour un premier projet (agréé un an), non pour un renouvellement', type: 'booleen', source: AGREMENT },
	{ key: 'projet_familles_agree', header: 'Projet familles agréé', meaning: 'Un agrément animation collective familles accordé couvre au moins un jour de l’année', type: 'booleen', source: AGREMENT },
	{ key: 'date_premier_agrement', header: 'Date du premier agrément', meaning: 'Date du tout premier agrément de la structure', type: 'date', source: STRUCTURE },
	{ key: 'population_zone', header: 'Population de la zone de compétence', meaning: 'Habitants de la zone de compétence déclarés pour l’année', type: 'entier', source: YEAR },
	{ key: 'communes_zone', header: 'Communes de la zone de compétence', meaning: 'Nombre de communes de la zone de compétence', type: 'entier', source: STRUCTURE },
	{ key: 'axes_projet', header: 'Axes du projet', meaning: 'Axes prioritaires du projet social en cours, séparés par « | »', type: 'texte', source: YEAR },
	{ key: 'mode_gestion', header: 'Mode de gestion', meaning: 'associatif, collectivité locale (commune, CCAS/CIAS, intercommunalité) ou autre (gestion directe CAF, SPL…)', type: 'texte', source: STRUCTURE },
	{ key: 'mode_gestion_detail', header: 'Mode de gestion (détail)', meaning: 'Mode de gestion tel qu’enregistré', type: 'texte', source: STRUCTURE },
	{ key: 'type_territoire', header: 'Type de territoire', meaning: 'Urbain, rural ou mixte', type: 'texte', source: STRUCTURE },
	{ key: 'taille_territoire', header: 'Taille du territoire', meaning: 'D’un quartier à plusieurs communes', type: 'texte', source: STRUCTURE },
	{ key: 'qpv', header: 'Intervention en QPV', meaning: 'La zone de compétence (ou, à défaut, la commune) comprend un quartier prioritaire de la politique de la ville', type: 'booleen', source: 'Zones QPV et zone de compétence' },
	{ key: 'codes_qpv', header: 'Codes des QPV', meaning: 'Codes des quartiers prioritaires concernés, séparés par « | »', type: 'texte', source: 'Zones QPV et zone de compétence' },
	{ key: 'adherent_federation', header: 'Adhérent à une fédération', meaning: 'Adhésion à une fédération des centres sociaux', type: 'booleen', source: STRUCTURE },
	{ key: 'itinerant', header: 'Itinérant', meaning: 'Structure itinérante', type: 'booleen', source: STRUCTURE },
	{ key: 'multi_sites', header: 'Multi-sites', meaning: 'Structure implantée sur plusieurs sites', type: 'booleen', source: STRUCTURE },
	{ key: 'gens_du_voyage', header: 'Gens du voyage', meaning: 'Action auprès des gens du voyage', type: 'booleen', source: STRUCTURE },
	{ key: 'salaries', header: 'Salariés (effectif)', meaning: 'Nombre de salariés', type: 'entier', source: YEAR },
	{ key: 'etp', header: 'Salariés (ETP)', meaning: 'Équivalents temps plein salariés', type: 'decimal', source: YEAR },
	{ key: 'directeur_etp', header: 'Poste de direction (ETP)', meaning: 'Temps de travail du poste de direction, en ETP (vide sans poste)', type: 'decimal', source: POSTS },
	{ key: 'directeur_qualification', header: 'Qualification du directeur (niveau)', meaning: 'Niveau de diplôme du directeur (cadre national des certifications, 6 = ex-niveau II)', type: 'entier', source: POSTS },
	{ key: 'directeur_jours_vacance', header: 'Poste de direction vacant (jours)', meaning: 'Jours de l’année où le poste de direction était vacant', type: 'entier', source: POSTS },
	{ key: 'referent_familles_etp', header: 'Poste de référent familles (ETP)', meaning: 'Temps de travail du poste de référent familles, en ETP (vide sans poste)', type: 'decimal', source: POSTS },
	{ key: 'referent_familles_qualification', header: 'Qualification du référent familles (niveau)', meaning: 'Niveau de diplôme du référent familles (5 = ex-niveau III)', type: 'entier', source: POSTS },
	{ key: 'referent_familles_jours_vacance', header: 'Poste de référent familles vacant (jours)', meaning: 'Jours de l’année où le poste de référent familles était vacant', type: 'entier', source: POSTS },
	{ key: 'benevoles_activite', header: 'Bénévoles d’activité', meaning: 'Bénévoles impliqués dans les activités', type: 'entier', source: YEAR },
	{ key: 'benevoles_gouvernance', header: 'Bénévoles de gouvernance', meaning: 'Bénévoles impliqués dans les instances de décision', type: 'entier', source: YEAR },
	{ key: 'participation_1', header: 'Participation niveau 1 : présence', meaning: 'Habitants présents, usagers des services ou activités (circulaire, niveau 1)', type: 'entier', source: 'Participation des habitants (5 niveaux de la circulaire)' },
	{ key: 'participation_2', header: 'Participation niveau 2 : information et consultation', meaning: 'Habitants impliqués dans une instance d’information ou de consultation', type: 'entier', source: 'Participation des habitants (5 niveaux de la circulaire)' },
	{ key: 'participation_3', header: 'Participation niveau 3 : contribution ponctuelle', meaning: 'Habitants contribuant ponctuellement à une activité ou un projet', type: 'entier', source: 'Participation des habitants (5 niveaux de la circulaire)' },
	{ key: 'participation_4', header: 'Participation niveau 4 : collaboration durable', meaning: 'Habitants collaborant durablement, avec des responsabilités', type: 'entier', source: 'Participation des habitants (5 niveaux de la circulaire)' },
	{ key: 'participation_5', header: 'Participation niveau 5 : contribution aux décisions', meaning: 'Habitants contribuant à la prise de décision', type: 'entier', source: 'Participation des habitants (5 niveaux de la circulaire)' },
	{ key: 'budget_total', header: 'Budget total (€)', meaning: 'Total des charges de l’année', type: 'euros', source: YEAR },
	{ key: 'produits_caf', header: 'Produits CAF (€)', meaning: 'Prestations de service et subventions de la CAF', type: 'euros', source: FUNDING },
	{ key: 'produits_collectivites', header: 'Produits communes et EPCI (€)', meaning: 'Financements des communes et intercommunalités', type: 'euros', source: FUNDING },
	{ key: 'produits_departement', header: 'Produits Conseil départemental (€)', meaning: 'Financements du Conseil départemental', type: 'euros', source: FUNDING },
	{ key: 'produits_etat', header: 'Produits État (€)', meaning: 'Financements de l’État (politique de la ville, adultes-relais, FONJEP…)', type: 'euros', source: FUNDING },
	{ key: 'produits_autres_financeurs', header: 'Produits autres financeurs (€)', meaning: 'MSA, Région, Carsat, fédérations et autres financeurs', type: 'euros', source: FUNDING },
	{ key: 'produits_total', header: 'Total des financements enregistrés (€)', meaning: 'Somme des produits par financeur ci-dessus', type: 'euros', source: FUNDING },
	{ key: 'autres_produits', header: 'Autres produits (€)', meaning: 'Budget total moins les financements enregistrés (participation des usagers, autres produits) ; vide sans budget', type: 'euros', source: 'Calculé' }
] as const satisfies readonly FieldDefinition[];

export type FieldKey = (typeof OBSERVATORY_FIELDS)[number]['key'];

/** A value of the record, as its type says: text, number, ISO date text, boolean, or null when unknown. */
export type FieldValue = string | number | boolean | null;

/** One yearly record: every field of the dictionary. */
export type ObservatoryRecord = { [K in FieldKey]: FieldValue };

/** The definition of `key`. */
export function fieldOf(key: FieldKey): FieldDefinition {
	return OBSERVATORY_FIELDS.find((f) => f.key === key)!;
}
