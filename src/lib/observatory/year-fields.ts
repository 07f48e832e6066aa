/**
 * The fields a Caf enters (or imports, or corrects) for one structure and one year: the sections
 * SENACS asks that Maillage does not already hold elsewhere. One definition per field gives its
 * dictionary key (also the import column and the form field), French header, meaning, type,
 * section and where it is stored; the dictionary, the import, the form and the repository all read
 * this list, so a field added here appears everywhere at once. Pure.
 *
 * Not here, because the database already holds them (derived, never entered twice): identity and
 * agrément (the structure record), ETP by function (the dated staff posts), funding (the funding
 * lines). The participation levels are entered here but stored in `participation_count`.
 */
import type { FieldType } from './dictionary';

/** The sections of the structure-year, in the order of the form and of the dictionary. */
export const YEAR_SECTIONS = {
	senacs: 'Réponse à l’observatoire',
	territoire: 'Territoire et projet',
	publics: 'Personnes et familles touchées',
	gouvernance: 'Gouvernance et participation des habitants',
	benevolat: 'Bénévolat',
	emploi: 'Emploi',
	partenariats: 'Partenariats',
	finances: 'Finances (charges et produits)'
} as const;
export type YearSection = keyof typeof YEAR_SECTIONS;

/** The code lists of `reference_parameter` (`observatory.<list>`), in force on 1 January of the year. */
export type CodeListKey = 'collective_agreements' | 'activity_domains' | 'publics' | 'partner_kinds' | 'contract_types';

export interface YearFieldDefinition {
	/** Dictionary key, import column and form field name. */
	key: string;
	header: string;
	meaning: string;
	type: FieldType;
	section: YearSection;
	/** Column of `structure_year`, or a level of `participation_count`. */
	store: { column: string } | { participationLevel: 1 | 2 | 3 | 4 | 5 };
	/** A code of this list (type `texte`). */
	list?: CodeListKey;
	/** Text split on « | » into a list (the project axes). */
	multiple?: boolean;
}

const field = (key: string, header: string, meaning: string, type: FieldType, section: YearSection, column: string, extra: Partial<YearFieldDefinition> = {}): YearFieldDefinition => ({
	key,
	header,
	meaning,
	type,
	section,
	store: { column },
	...extra
});

const participation = (level: 1 | 2 | 3 | 4 | 5, name: string, meaning: string): YearFieldDefinition => ({
	key: `participation_${level}`,
	header: `Participation niveau ${level} : ${name}`,
	meaning: `${meaning} (circulaire Cnaf 2012, niveau ${level}), nombre d’habitants`,
	type: 'entier',
	section: 'gouvernance',
	store: { participationLevel: level }
});

const age = (key: string, band: string, column: string) =>
	field(key, `Personnes touchées : ${band}`, `Personnes touchées dans l’année âgées de ${band}`, 'entier', 'publics', column);

/** Every entered field, in form and file order. */
export const YEAR_FIELDS = [
	field('reponse_senacs', 'Réponse à SENACS', 'La structure a répondu au questionnaire SENACS de l’année (oui / non)', 'booleen', 'senacs', 'senacs_answered'),
	field('date_reponse_senacs', 'Date de la réponse à SENACS', 'Date à laquelle la structure a validé sa réponse', 'date', 'senacs', 'senacs_answered_on'),
	field('commentaire', 'Commentaire', 'Remarque du correspondant sur les données de l’année', 'texte', 'senacs', 'comment'),

	field('population_zone', 'Population de la zone de compétence', 'Habitants de la zone de compétence déclarés pour l’année', 'entier', 'territoire', 'zone_population'),
	field('axes_projet', 'Axes du projet', 'Axes prioritaires du projet social en cours, séparés par « | »', 'texte', 'territoire', 'project_axes', { multiple: true }),

	field('personnes_touchees', 'Personnes touchées', 'Personnes différentes touchées par les activités et services dans l’année', 'entier', 'publics', 'people_reached'),
	field('familles_touchees', 'Familles touchées', 'Familles différentes touchées dans l’année', 'entier', 'publics', 'families_reached'),
	field('usagers', 'Usagers', 'Usagers réguliers des activités et services', 'entier', 'publics', 'users_count'),
	field('adherents', 'Adhérents', 'Adhérents de la structure (personnes ou familles) au 31 décembre', 'entier', 'publics', 'members_count'),
	age('personnes_0_5', '0 à 5 ans', 'age_0_5'),
	age('personnes_6_11', '6 à 11 ans', 'age_6_11'),
	age('personnes_12_17', '12 à 17 ans', 'age_12_17'),
	age('personnes_18_25', '18 à 25 ans', 'age_18_25'),
	age('personnes_26_59', '26 à 59 ans', 'age_26_59'),
	age('personnes_60_plus', '60 ans et plus', 'age_60_plus'),

	field('instance_habitants', 'Instance de décision : habitants', 'Membres de l’instance de décision (conseil d’administration, comité) qui y siègent comme habitants', 'entier', 'gouvernance', 'board_inhabitants'),
	field('instance_usagers', 'Instance de décision : usagers', 'Membres de l’instance de décision qui y siègent comme usagers', 'entier', 'gouvernance', 'board_users'),
	field('instance_partenaires', 'Instance de décision : partenaires', 'Membres de l’instance de décision qui représentent des partenaires (collectivités, associations…)', 'entier', 'gouvernance', 'board_partners'),
	field('reunions_instance', 'Réunions de l’instance de décision', 'Nombre de réunions de l’instance de décision dans l’année', 'entier', 'gouvernance', 'board_meetings'),
	participation(1, 'présence', 'Habitants présents, usagers des services ou activités'),
	participation(2, 'information et consultation', 'Habitants impliqués dans une instance d’information ou de consultation'),
	participation(3, 'contribution ponctuelle', 'Habitants contribuant ponctuellement à une activité ou un projet'),
	participation(4, 'collaboration durable', 'Habitants collaborant durablement, avec des responsabilités'),
	participation(5, 'contribution aux décisions', 'Habitants contribuant à la prise de décision'),

	field('benevoles_activite', 'Bénévoles d’activité', 'Bénévoles impliqués dans les activités', 'entier', 'benevolat', 'volunteers_activity'),
	field('benevoles_gouvernance', 'Bénévoles de gouvernance', 'Bénévoles impliqués dans les instances de décision', 'entier', 'benevolat', 'volunteers_governance'),
	field('heures_benevolat', 'Heures de bénévolat', 'Heures de bénévolat de l’année (activité et gouvernance)', 'entier', 'benevolat', 'volunteer_hours'),

	field('salaries', 'Salariés (effectif)', 'Salariés au 31 décembre, tous contrats', 'entier', 'emploi', 'staff_headcount'),
	field('etp', 'Salariés (ETP)', 'Équivalents temps plein salariés de l’année, tous contrats', 'decimal', 'emploi', 'staff_etp'),
	field('convention_collective', 'Convention collective', 'Convention collective appliquée : un code de la liste en vigueur (voir les listes de codes)', 'texte', 'emploi', 'collective_agreement', { list: 'collective_agreements' }),
	field('convention_collective_autre', 'Convention collective (autre)', 'Nom de la convention quand le code est « autre »', 'texte', 'emploi', 'collective_agreement_other'),

	field('associations_hebergees', 'Associations hébergées', 'Associations domiciliées ou accueillies dans les locaux de la structure', 'entier', 'partenariats', 'associations_hosted'),

	field('charges_total', 'Total des charges (€)', 'Total des charges du compte de résultat de l’année', 'euros', 'finances', 'budget_total'),
	field('produits_total', 'Total des produits (€)', 'Total des produits du compte de résultat de l’année, hors aides à l’investissement', 'euros', 'finances', 'produits_total'),
	field('produits_usagers', 'Participation des usagers (€)', 'Produits des participations et adhésions des usagers', 'euros', 'finances', 'produits_users'),
	field('contributions_nature', 'Contributions volontaires en nature (€)', 'Valorisation des locaux, personnels mis à disposition et du bénévolat (hors charges et produits)', 'euros', 'finances', 'contributions_in_kind')
] as const satisfies readonly YearFieldDefinition[];

export type YearFieldKey = (typeof YEAR_FIELDS)[number]['key'];

/** A value as stored and exported: number, boolean, ISO date or text, list of texts (axes), or null. */
export type YearValue = string | number | boolean | string[] | null;

export type YearValues = { [K in YearFieldKey]: YearValue };

/** An activity of the year: a domain and a public, the number of actions and of participants. */
export interface YearActivity {
	domain: string;
	public: string;
	actions: number | null;
	participants: number | null;
}

/** Partners of one kind: how many, and the conventions signed with them. */
export interface YearPartner {
	partnerKind: string;
	partners: number | null;
	conventions: number | null;
}

/** Employees under one contract type on 31 December: headcount and ETP. */
export interface YearContract {
	contractType: string;
	headcount: number | null;
	etp: number | null;
}

/** Everything entered for one structure and year. */
export interface StructureYearData {
	year: number;
	values: YearValues;
	activities: YearActivity[];
	partners: YearPartner[];
	contracts: YearContract[];
}

/** The definition of `key`. */
export function yearField(key: YearFieldKey): YearFieldDefinition {
	return YEAR_FIELDS.find((f) => f.key === key)!;
}

/** Every field empty. */
export function emptyYearValues(): YearValues {
	return Object.fromEntries(YEAR_FIELDS.map((f) => [f.key, f.key === 'axes_projet' ? [] : null])) as YearValues;
}

/** True when two values are the same (lists compared item by item, numbers to the cent). */
export function sameYearValue(a: YearValue, b: YearValue): boolean {
	if (Array.isArray(a) || Array.isArray(b)) {
		const x = Array.isArray(a) ? a : [];
		const y = Array.isArray(b) ? b : [];
		return x.length === y.length && x.every((v, i) => v === y[i]);
	}
	if (typeof a === 'number' && typeof b === 'number') return Math.round(a * 100) === Math.round(b * 100);
	return a === b;
}
