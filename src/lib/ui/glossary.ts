/**
 * The glossary of Maillage (French terms of the domain and every index a page shows: coverage,
 * accessibility, distances, rates), alphabetical: the help page lists it and any page can link a
 * term (`/aide#qpv`) or show its definition as inline help (`glossaryEntry`, `GlossaryHelp`).
 */

/** One term: `id` is its anchor on the help page. */
export interface GlossaryEntry {
	id: string;
	term: string;
	definition: string;
}

/** The glossary, alphabetical; `id` makes each term linkable (`/aide#qpv`). */
export const glossary: GlossaryEntry[] = [
	{
		id: 'accessibilite-2sfca',
		term: 'Accessibilité (2SFCA)',
		definition:
			"Indice d'accès potentiel d'une commune aux structures, calculé par la méthode à deux étapes des aires flottantes (2SFCA, celle de l'indicateur d'accessibilité potentielle localisée de la DREES). 1. Chaque structure comptée (centre social : 1, EVS : 0,5) est rapportée aux habitants qu'elle peut atteindre dans le rayon d'attraction, pondérés par la distance (décroissance gaussienne : 1 à 0 km, 0 au rayon). 2. Chaque commune additionne, avec la même pondération, ces rapports des structures qu'elle atteint. Le résultat se lit en « structures pour 10 000 habitants à portée » : plus il est élevé, mieux la commune est servie. Rayon, poids et pondération sont des paramètres datés du département, affichés avec chaque résultat."
	},
	{
		id: 'accessibilite-relative',
		term: 'Accessibilité relative',
		definition:
			"Accessibilité (2SFCA) d'une commune divisée par la médiane départementale pondérée par la population : 1 signifie « comme la moitié des habitants du département », 0,5 « deux fois moins bien servie »."
	},
	{
		id: 'accord-cadre',
		term: 'Accord-cadre départemental',
		definition:
			"Accord pluriannuel signé par la Caf et ses partenaires, souvent dans la convention territoriale globale. Il formalise les engagements de chaque partenaire année par année (montants, nombre de structures financées, créations en territoire prioritaire) et sécurise le financement des structures."
	},
	{
		id: 'acf',
		term: 'ACF — Animation collective familles',
		definition:
			"Agrément et prestation de service de la Caf qui financent le projet familles d'un centre social, porté par un référent familles."
	},
	{
		id: 'adultes-relais',
		term: 'Adultes-relais',
		definition:
			"Postes de médiation financés par l'État au titre de la politique de la ville, souvent dans les quartiers prioritaires."
	},
	{
		id: 'agc',
		term: 'AGC — Animation globale et coordination',
		definition:
			"Agrément qui fonde un centre social, et prestation de service de la Caf qui finance son pilotage et sa fonction d'animation globale."
	},
	{
		id: 'agrement',
		term: 'Agrément',
		definition:
			"Décision du conseil d'administration de la Caf qui reconnaît le projet social d'une structure pour une durée donnée (en général 4 ans, 1 an pour un premier projet). Il est accordé, refusé ou renouvelé, avec une date de début et une date de fin."
	},
	{
		id: 'animation-locale',
		term: 'Animation locale',
		definition: "Agrément et prestation de service de la Caf propres aux espaces de vie sociale."
	},
	{
		id: 'bonus-territoire',
		term: 'Bonus territoire',
		definition: "Financement complémentaire de la Caf lié à la convention territoriale globale (CTG)."
	},
	{
		id: 'caf',
		term: 'Caf — Caisse d’allocations familiales',
		definition:
			"Organisme départemental de la branche Famille. Elle agrée, finance et accompagne les structures d'animation de la vie sociale et pilote le schéma directeur."
	},
	{
		id: 'categorie-couverture',
		term: 'Catégorie de couverture',
		definition:
			"Classement de chaque commune, la première qui s'applique : dépourvue et isolée (non couverte et loin d'un pôle d'activités), dépourvue (non couverte), isolée (couverte mais loin d'un pôle), à renforcer (couverte, mais avec un quartier prioritaire sans structure proche, ou une accessibilité parmi le quart le plus bas et un besoin parmi le quart le plus haut), couverte. Chaque commune affiche les raisons de sa catégorie, avec les distances et les seuils."
	},
	{
		id: 'cnaf',
		term: 'Cnaf — Caisse nationale des allocations familiales',
		definition: "Tête de réseau nationale : elle fixe les règles, les taux et les prix plafonds des prestations de service."
	},
	{
		id: 'commune-couverte',
		term: 'Commune couverte',
		definition:
			"Commune comprise dans la zone de compétence d'une structure comptée, ou dont le centre social le plus proche est à moins du rayon de couverture CS, ou l'EVS le plus proche à moins du rayon EVS. Une structure compte si son agrément est en vigueur à la date d'analyse."
	},
	{
		id: 'cs',
		term: 'CS — Centre social',
		definition:
			"Équipement de proximité à vocation globale, familiale et intergénérationnelle, avec une équipe de professionnels et un directeur qualifié à temps plein. Il est agréé au titre de l'animation globale et coordination (AGC), le plus souvent aussi de l'animation collective familles (ACF)."
	},
	{
		id: 'ctg',
		term: 'CTG — Convention territoriale globale',
		definition:
			"Convention de partenariat entre la Caf et une collectivité (commune, EPCI, département) qui organise l'offre de services aux familles sur un territoire."
	},
	{
		id: 'isolement',
		term: "Distance d'isolement",
		definition:
			"Seuil au-delà duquel une commune est dite isolée : son pôle d'activités le plus proche est plus loin que cette distance (ou ce temps). Choix départemental, daté, affiché avec chaque carte."
	},
	{
		id: 'distance-mediane',
		term: 'Distance médiane à la structure la plus proche',
		definition:
			"La moitié des habitants du département (ou du territoire affiché) vit à cette distance ou moins de la structure comptée la plus proche ; « 90 % des habitants » donne la même lecture pour neuf habitants sur dix. Les communes sont pondérées par leur population."
	},
	{
		id: 'distance',
		term: 'Distance, temps de trajet',
		definition:
			"Distance à vol d'oiseau (sur la sphère terrestre) entre le point de référence de la commune et la structure ou le pôle. Quand le département raisonne en minutes, le temps vient de la matrice de temps de trajet importée, sinon il est estimé : distance × coefficient de détour ÷ vitesse moyenne (paramètres affichés)."
	},
	{
		id: 'epci',
		term: 'EPCI — Établissement public de coopération intercommunale',
		definition:
			"Intercommunalité à fiscalité propre (communauté de communes, communauté d'agglomération, communauté urbaine, métropole), identifiée par son numéro SIREN."
	},
	{
		id: 'evs',
		term: 'EVS — Espace de vie sociale',
		definition:
			"Structure de proximité plus légère qu'un centre social, souvent portée par des bénévoles avec des moyens limités. Elle est agréée au titre de l'animation locale."
	},
	{
		id: 'fonjep',
		term: 'FONJEP',
		definition:
			"Fonds de coopération de la jeunesse et de l'éducation populaire : postes cofinancés par l'État pour des associations, dont des centres sociaux."
	},
	{
		id: 'besoin',
		term: 'Indicateurs de besoin',
		definition:
			"Indicateurs de la commune utilisés par la règle « à renforcer » : taux de pauvreté (en %) et part des familles monoparentales parmi les familles. Le dernier millésime disponible dans le département est utilisé pour toutes les communes, et il est affiché."
	},
	{
		id: 'iris',
		term: 'IRIS',
		definition:
			"Îlots regroupés pour l'information statistique : découpage infra-communal de l'Insee (environ 2 000 habitants) dans les communes de plus de 10 000 habitants et la plupart de celles de plus de 5 000."
	},
	{
		id: 'mode-de-gestion',
		term: 'Mode de gestion',
		definition:
			"Forme juridique du gestionnaire : association (la plus fréquente), commune, CCAS ou CIAS, intercommunalité, gestion directe par la Caf, société publique locale."
	},
	{
		id: 'participation',
		term: 'Niveaux de participation des habitants',
		definition:
			"Les cinq niveaux de la circulaire : 1. présence et consommation d'un service ou d'une activité ; 2. implication dans une instance d'information ou de consultation ; 3. contribution ponctuelle à une activité ou un projet ; 4. collaboration durable et prise de responsabilités ; 5. contribution à la prise de décision."
	},
	{
		id: 'part-population-couverte',
		term: 'Part de la population couverte',
		definition:
			"Population des communes couvertes ÷ population totale des communes analysées (département ou territoire affiché)."
	},
	{
		id: 'point-de-reference',
		term: "Point de référence d'une commune",
		definition:
			"Point d'où partent les distances : le centre de gravité du contour de la commune, ou un point intérieur quand ce centre tombe hors de la commune, ou le centre fourni par le fichier importé."
	},
	{
		id: 'pole',
		term: "Pôle d'activités",
		definition:
			"Commune ou lieu qui concentre commerces, services et équipements. La définition retenue est un choix départemental."
	},
	{
		id: 'vacance',
		term: 'Poste vacant',
		definition:
			"Poste de direction ou de référent familles non pourvu. La Caf décide alors si le financement se poursuit : ces vacances doivent rester visibles."
	},
	{
		id: 'prix-plafond',
		term: 'Prix plafond',
		definition:
			"Plafond annuel de dépenses retenu par la Cnaf pour calculer une prestation de service. Il est publié chaque année et saisi par la Caf."
	},
	{
		id: 'projet-familles',
		term: 'Projet familles',
		definition:
			"Volet du projet social d'un centre social consacré aux familles, évalué sur quatre critères et porté par un référent familles qualifié."
	},
	{
		id: 'projet-social',
		term: 'Projet social',
		definition:
			"Document fondateur d'une structure, construit avec les habitants et les partenaires : diagnostic partagé, axes prioritaires, objectifs, démarche d'évaluation, actions. La Caf l'apprécie sur huit critères avant d'accorder l'agrément."
	},
	{
		id: 'ps',
		term: 'PS — Prestation de service',
		definition:
			"Financement de la Cnaf versé par la Caf : un taux appliqué aux dépenses éligibles, dans la limite d'un prix plafond. Taux et plafonds changent selon les années : ils sont enregistrés comme paramètres datés, et chaque calcul indique le régime utilisé."
	},
	{
		id: 'qpv',
		term: 'QPV — Quartier prioritaire de la politique de la ville',
		definition:
			"Quartier urbain défini par l'État selon le revenu de ses habitants, où s'appliquent les moyens de la politique de la ville."
	},
	{
		id: 'rayon-couverture',
		term: 'Rayon de couverture',
		definition:
			"Distance (ou temps) en deçà de laquelle un centre social ou un espace de vie sociale couvre une commune. Un rayon pour les CS et un pour les EVS, choix départementaux datés ; la carte permet de les faire varier pour voir leur effet."
	},
	{
		id: 'referent-familles',
		term: 'Référent familles',
		definition:
			"Professionnel qui porte le projet familles d'un centre social : diplôme de travail social de niveau 5 au moins, au moins à mi-temps sur cette mission."
	},
	{
		id: 'schema-directeur',
		term: "Schéma directeur de l'animation de la vie sociale",
		definition:
			"Document qui formalise la politique départementale d'animation de la vie sociale, construit en concertation : enjeux, couverture du territoire, orientations des partenaires, coordination des financements, observation et évaluation. Il fixe des orientations, des objectifs et des indicateurs avec leurs cibles annuelles."
	},
	{
		id: 'senacs',
		term: 'SENACS',
		definition:
			"Système d'échanges national des centres sociaux : l'observatoire national des centres sociaux et des EVS, alimenté chaque année par une enquête auprès de chaque structure agréée."
	},
	{
		id: 'statut-financement',
		term: "Statut d'une ligne de financement",
		definition:
			"Prévisionnel (montant envisagé), notifié (montant annoncé officiellement à la structure) ou versé (montant payé)."
	},
	{
		id: 'structures-pour-10000',
		term: 'Structures pour 10 000 habitants',
		definition:
			"Nombre de centres sociaux (ou d'EVS) × 10 000 ÷ population. Sur la carte, seules comptent les structures dont l'agrément est en vigueur à la date d'analyse ; sur la vue d'ensemble, les structures ouvertes."
	},
	{
		id: 'taux-realisation',
		term: "Taux de réalisation de l'accord-cadre",
		definition:
			"Pour un partenaire et une année : montant de ses lignes de financement ÷ montant de ses engagements de l'accord-cadre. Calculé sur toutes les lignes, puis sur les seules lignes versées."
	},
	{
		id: 'a-renforcer',
		term: 'Territoire à renforcer',
		definition:
			"Territoire où l'action d'un centre social doit être renforcée en raison de problématiques sociales préoccupantes. Un EVS peut y être créé, avec un gestionnaire différent de celui du centre social."
	},
	{
		id: 'depourvu',
		term: 'Territoire dépourvu',
		definition:
			"Territoire sans aucun équipement d'animation de la vie sociale. C'est l'un des trois cas où la circulaire permet la création d'un EVS."
	},
	{
		id: 'isole',
		term: 'Territoire isolé',
		definition:
			"Territoire, rural ou urbain, éloigné d'un pôle d'activités. Les distances ou temps d'accès retenus sont des choix départementaux, affichés avec chaque résultat."
	},
	{
		id: 'zone-de-competence',
		term: 'Zone de compétence',
		definition:
			"Territoire d'intervention d'une structure, décrit ici par la liste des communes qu'elle dessert."
	}
];

/** The entry of `id`, or null. */
export function glossaryEntry(id: string): GlossaryEntry | null {
	return glossary.find((e) => e.id === id) ?? null;
}
