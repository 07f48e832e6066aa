/**
 * The one place where import issues become French sentences, naming where (line, object,
 * column or property) and what: « Ligne 12, colonne code_commune : le code INSEE « 1001 » a
 * perdu son zéro initial ; corrigé en « 01001 ». »
 */
import type { ImportIssue, IssueCode } from './issues';
import type { JsonExpectation } from './json-locate';

type Params = Record<string, string | number>;

const EXPECTED: Record<JsonExpectation, string> = {
	value: 'une valeur',
	'property-name': 'un nom de propriété entre guillemets',
	colon: 'le signe « : »',
	'comma-or-brace': '« , » ou « } »',
	'comma-or-bracket': '« , » ou « ] »',
	end: 'la fin du fichier',
	'string-end': 'la fin d’un texte (guillemet fermant)',
	escape: 'un caractère d’échappement valide',
	number: 'un nombre'
};

const DELIMITERS: Record<string, string> = { ';': 'point-virgule', ',': 'virgule', '\t': 'tabulation' };

const q = (v: string | number | undefined) => `« ${v ?? ''} »`;
const nf = (v: string | number | undefined) =>
	typeof v === 'number' ? v.toLocaleString('fr-FR', { maximumFractionDigits: 7 }) : String(v ?? '');

function partRing(p: Params): string {
	const parts: string[] = [];
	if (p.part !== undefined && p.part !== 1) parts.push(`partie ${p.part}`);
	if (p.ring !== undefined) parts.push(p.ring === 1 ? 'contour extérieur' : `contour intérieur ${Number(p.ring) - 1}`);
	if (p.position !== undefined) parts.push(`sommet ${p.position}`);
	return parts.length ? ` (${parts.join(', ')})` : '';
}

const MESSAGES: Record<IssueCode, (p: Params, issue: ImportIssue) => string> = {
	'file-empty': () => 'le fichier est vide.',
	'file-too-large': (p) =>
		`le fichier pèse ${nf(p.sizeMb)} Mo, au-delà de la limite de ${nf(p.maxMb)} Mo (réglable par MAILLAGE_MAX_UPLOAD_MB).`,
	'file-binary': (p) =>
		`le fichier n’est pas un fichier texte${p.format ? ` (${p.format})` : ' (contenu binaire)'} : un CSV ou un GeoJSON est attendu.`,
	'file-compressed': (p) => `le fichier est une archive ${p.format} : décompressez-la puis importez le fichier qu’elle contient.`,
	'file-spreadsheet': (p) =>
		`le fichier est un classeur ${p.format} : enregistrez la feuille au format CSV (séparateur « ; », UTF-8) puis importez ce CSV.`,
	'file-format-unexpected': (p) => `fichier ${p.found} reçu, alors que ce type d’import attend un fichier ${p.expected}.`,
	'xlsx-unreadable': (p) =>
		`le classeur XLSX est illisible (${p.reason}) : enregistrez-le à nouveau depuis votre tableur, ou exportez la feuille au format CSV.`,
	'xlsx-too-large': (p) =>
		`le classeur se décompresse au-delà de ${nf(p.maxMb)} Mo (${p.part}) : Maillage refuse de le lire (classeur trop volumineux, ou piégé). Exportez la feuille au format CSV, ou découpez-la.`,
	'xlsx-too-many-cells': (p) =>
		`la feuille compte plus de ${nf(p.max)} cellules, au-delà de ce que Maillage lit dans un classeur : exportez-la au format CSV, ou découpez-la.`,
	'territory-required': (p) =>
		`ce fichier couvre ${p.count} départements (${p.departements}) et la base n’a pas encore de territoire de travail : ` +
		'définissez-le d’abord (« maillage territory set --departement NN », ou Administration › Territoire de travail), ' +
		'ou relancez avec --tout (case « Tout garder ») pour tout importer.',
	'csv-unterminated-quote': () =>
		'un guillemet ouvert ici n’est jamais refermé : le reste du fichier n’a pas pu être lu.',
	'csv-column-count': (p) =>
		`${p.actual} valeurs au lieu des ${p.expected} colonnes de l’en-tête (séparateur : ${DELIMITERS[p.delimiter] ?? p.delimiter})` +
		(p.delimiter === ','
			? ' ; une virgule décimale non protégée par des guillemets, peut-être ?'
			: ' ; un séparateur en trop ou manquant ?'),
	'csv-missing-column': (p) => `colonne obligatoire absente (noms acceptés : ${p.accepted}).`,
	'csv-duplicate-column': (p) => `cette colonne apparaît ${p.count} fois dans l’en-tête ; seule la première est lue.`,
	'csv-no-rows': () => 'le fichier ne contient qu’une ligne d’en-tête, sans aucune donnée.',
	'json-truncated': (p) =>
		`le fichier JSON s’arrête avant d’être complet (colonne ${p.col}) : il semble tronqué (attendu ici : ${EXPECTED[p.expected as JsonExpectation] ?? 'une suite'}).`,
	'json-syntax': (p) =>
		`JSON invalide${p.col !== undefined ? ` à la colonne ${p.col}` : ''} : attendu ici ${EXPECTED[p.expected as JsonExpectation] ?? 'une valeur'}${p.found ? `, trouvé ${q(p.found)}` : ''}.`,
	'geojson-not-feature-collection': (p) =>
		`le fichier n’est pas une FeatureCollection GeoJSON (trouvé : ${p.found}) ; un objet { "type": "FeatureCollection", "features": [...] } est attendu.`,
	'geojson-no-features': () => 'la FeatureCollection ne contient aucun objet (features vide).',
	'geojson-feature-invalid': (p) => `cet élément de features n’est pas un objet GeoJSON de type Feature (trouvé : ${p.found}).`,
	'crs-unsupported': (p) =>
		`système de coordonnées ${q(p.crs)} non pris en charge : convertissez le fichier en WGS84 (EPSG:4326) ou en Lambert-93 (EPSG:2154).`,
	'crs-unknown': (p) =>
		`coordonnées ni en degrés WGS84 ni en Lambert-93 (par exemple ${nf(p.x)} ; ${nf(p.y)}) : convertissez le fichier en WGS84 (EPSG:4326).`,
	'crs-lambert93-reprojected': () => 'coordonnées en Lambert-93 (EPSG:2154) converties en WGS84.',
	'geometry-missing': () => 'géométrie absente.',
	'geometry-not-polygon': (p) => `géométrie de type ${p.found} : un Polygon ou un MultiPolygon est attendu.`,
	'geometry-not-point': (p) => `géométrie de type ${p.found} : un Point est attendu.`,
	'geometry-malformed': (p) => `coordonnées mal formées${partRing(p)} : chaque sommet doit être une paire [longitude, latitude].`,
	'geometry-non-finite': (p) => `coordonnée non numérique${partRing(p)} : NaN, Infinity ou valeur vide.`,
	'ring-unclosed': (p) =>
		`contour non fermé${partRing(p)} : son dernier sommet doit répéter le premier (fichier tronqué ou mal exporté ?).`,
	'ring-too-short': (p) => `contour dégénéré${partRing(p)} : ${p.positions} sommets distincts, 4 au moins sont nécessaires.`,
	'geometry-outside-france': (p) =>
		`coordonnées hors de France (longitude ${nf(p.lon)}, latitude ${nf(p.lat)}) : mauvais système de coordonnées ou latitude et longitude inversées ?`,
	'geometry-self-intersection-repaired': (p) =>
		`contour qui se recoupe (vers longitude ${nf(p.lon)}, latitude ${nf(p.lat)}) : réparé automatiquement.`,
	'geometry-self-intersection-kept': (p) =>
		`contour qui se recoupe (vers longitude ${nf(p.lon)}, latitude ${nf(p.lat)}) : conservé tel quel, la réparation automatique a échoué.`,
	'centre-invalid': () => 'point « centre » illisible ou hors de France : ignoré, le point de référence est calculé.',
	'code-missing': (p) => `code absent (identifiant de l’objet ou propriété parmi : ${p.accepted}).`,
	'insee-invalid': (p) => `${q(p.value)} n’est pas un code INSEE de commune (5 caractères, par exemple 01001 ou 2A004).`,
	'insee-leading-zero-restored': (p) =>
		`le code INSEE ${q(p.value)} a perdu son zéro initial ; corrigé en ${q(p.code)}.`,
	'departement-invalid': (p) => `${q(p.value)} n’est pas un code de département (01 à 95, 2A, 2B, 971 à 976).`,
	'duplicate-key': (p, issue) =>
		`${q(p.key)} figure déjà plus haut dans le fichier (${issue.feature !== undefined ? 'objet n°' : 'ligne'} ${p.first}) : chaque code ne doit apparaître qu’une fois.`,
	'commune-merged': (p) =>
		`la commune ${p.code} n’existe plus au COG ${p.cogYear} : elle a fusionné dans ${p.absorbedByName} (${p.absorbedBy}). Le code ${p.code} est conservé tel quel.`,
	'commune-arrondissement': (p) =>
		`${p.code} est un arrondissement municipal de ${p.communeName} (${p.commune}) ; le code est conservé tel quel.`,
	'commune-unknown': (p) => `le code ${p.code} est inconnu de la liste officielle des communes (COG ${p.cogYear}).`,
	'epci-unknown': (p) => `EPCI ${p.siren} inconnu de la liste officielle et de la base : la commune est importée sans EPCI.`,
	'epci-parts-merged': (p) =>
		`l’EPCI ${p.key} apparaît aussi à l’objet n° ${p.first} (un EPCI à cheval sur deux départements, dessiné en deux morceaux ?) : les contours sont réunis.`,
	'epci-feature-empty': () => 'objet sans SIREN ni nom (commune hors EPCI, comme certaines îles ?) : ignoré.',
	'siren-invalid': (p) => `${q(p.value)} n’est pas un numéro SIREN (9 chiffres).`,
	'siren-checksum': (p) => `la clé de contrôle du SIREN ${p.value} est fausse : vérifiez le numéro.`,
	'siret-invalid': (p) => `${q(p.value)} n’est pas un numéro SIRET (14 chiffres).`,
	'siret-checksum': (p) => `la clé de contrôle du SIRET ${p.value} est fausse : vérifiez le numéro.`,
	'zone-code-invalid': (p) =>
		p.kind === 'iris'
			? `${q(p.value)} n’est pas un code IRIS (9 caractères : code commune + 4 chiffres).`
			: `${q(p.value)} n’est pas un code de quartier prioritaire (QP… ou QN…).`,
	'required-missing': () => 'valeur obligatoire manquante.',
	'name-missing': (p) => `nom absent (propriétés acceptées : ${p.accepted}).`,
	'number-invalid': (p) => `${q(p.value)} n’est pas un nombre.`,
	'integer-invalid': (p) => `${q(p.value)} n’est pas un nombre entier positif.`,
	'date-invalid': (p) => `${q(p.value)} n’est pas une date valide (AAAA-MM-JJ ou JJ/MM/AAAA).`,
	'yes-no-invalid': (p) => `${q(p.value)} : « oui » ou « non » attendu.`,
	'year-invalid': (p) => `${q(p.value)} n’est pas une année (par exemple 2023).`,
	'structure-key-missing': () => 'ni identifiant (id) ni SIRET : l’un des deux est obligatoire pour reconnaître la structure.',
	'structure-type-unknown': (p) =>
		`type ${q(p.value)} inconnu : CS (centre social) ou EVS (espace de vie sociale) attendu.`,
	'management-mode-unknown': (p) =>
		`mode de gestion ${q(p.value)} inconnu : association, commune, CCAS/CIAS, intercommunalité, gestion directe Caf, SPL ou autre attendu.`,
	'agrement-dates-incomplete': () => 'date de début ou de fin d’agrément manquante : les deux sont nécessaires.',
	'agrement-dates-inverted': (p) => `l’agrément finit (${p.end}) avant de commencer (${p.start}).`,
	'coordinates-incomplete': () => 'latitude et longitude vont ensemble : l’une est renseignée, pas l’autre.',
	'coordinates-invalid': (p) => `${q(p.value)} n’est pas une coordonnée en degrés décimaux.`,
	'coordinates-swapped': (p) =>
		`latitude ${nf(p.lat)} et longitude ${nf(p.lon)} semblent inversées (le point inversé serait en France).`,
	'coordinates-outside-france': (p) => `le point (latitude ${nf(p.lat)}, longitude ${nf(p.lon)}) est hors de France.`,
	'location-approximate': (p) =>
		`pas de coordonnées : placé au point de référence de la commune ${p.name} (${p.code}), position approximative.`,
	'location-unavailable': (p) =>
		`pas de coordonnées, et la commune ${p.code} n’est pas chargée : importez d’abord ses contours ou renseignez latitude et longitude.`,
	'structure-key-conflict': (p) =>
		`l’identifiant ${q(p.externalId)} et le SIRET ${q(p.siret)} désignent deux structures différentes déjà enregistrées.`,
	'establishment-invalid': (p) =>
		`établissement ${q(p.value)} : 1 à 12 lettres (sans accent) ou chiffres attendus, par exemple « 02 » ou « B ».`,
	'structure-siret-ambiguous': (p) =>
		`le SIRET ${q(p.siret)} désigne ${p.count} structures enregistrées (gestionnaire multi-sites) : ajoutez la colonne etablissement (ou id) pour dire laquelle.`,
	'indicator-level-unknown': (p) =>
		`niveau de territoire de ${q(p.value)} inconnu : commune, epci, qpv, iris ou departement attendu.`,
	'indicator-level-ambiguous': (p) => `le code ${q(p.value)} peut désigner plusieurs niveaux : précisez la colonne niveau.`,
	'indicator-key-invalid': () => 'nom d’indicateur manquant.',
	'indicator-value-missing': (p) =>
		`valeur ${p.value ? `${q(p.value)} (secret statistique ?)` : 'vide'} pour ${q(p.key)} : ignorée.`,
	'agrement-kind-unknown': (p) =>
		`type d’agrément ${q(p.value)} inconnu : AGC (animation globale), ACF (animation collective familles) ou AL (animation locale) attendu.`,
	'agrement-decision-unknown': (p) => `décision ${q(p.value)} inconnue : accordé, prorogé, refusé, retiré ou en instruction attendu.`,
	'qpv-generation-missing': (p) =>
		`génération du QPV ${q(p.value)} inconnue : indiquez --generation (${p.known || '2015 ou 2024'}) ou une propriété generation ; elle n’est jamais devinée.`,
	'zonage-commune-duplicate': (p) => `commune ${q(p.code)} déjà listée ligne ${p.first} : ligne ignorée.`,
	'zonage-no-communes': () => 'aucune commune dans la base : importez d’abord les communes du territoire.',
	'zonage-later-list': (p) => `une liste plus récente de ce zonage est en vigueur depuis le ${p.date} : importez les listes dans l’ordre des dates.`,
	'zonage-commune-outside': (p) => `commune ${q(p.code)} absente de la base (hors du territoire chargé) : écartée.`,
	'qpv-generation-mismatch': (p) => `générations contradictoires pour ce QPV (${p.value}) : un seul fichier par génération.`,
	'qpv-generation-unknown': (p) => `génération ${q(p.value)} inconnue : générations enregistrées ${p.known || 'aucune'}.`,
	'agrement-withdrawal-date-missing': () => 'agrément retiré sans date de décision : date_decision est obligatoire (le retrait prend effet le lendemain).',
	'agrement-decision-date-missing': (p) => `agrément ${p.value} sans date de décision : renseignez date_decision si vous la connaissez.`,
	'agrement-structure-unknown': (p) =>
		`aucune structure enregistrée n’a l’identifiant ou le SIRET ${q(p.value)} : importez d’abord les structures.`,
	'agrement-kind-mismatch': (p) =>
		`un ${p.structureType === 'CS' ? 'centre social' : 'espace de vie sociale'} (${p.name}) ne peut pas recevoir l’agrément ${q(p.kind)} : ${p.structureType === 'CS' ? 'AGC ou ACF' : 'AL (animation locale)'} attendu.`,
	'insee-table-unrecognised': (p) =>
		`colonne absente : ce fichier n’est pas une table d’appartenance géographique des communes de l’INSEE (colonnes attendues : CODGEO, LIBGEO, BV2012 ou BV2022, CATEAAV2020… ; trouvées : ${p.found}).`,
	'insee-definition-unserved': (p) =>
		`la définition « ${p.definition} » demande une colonne ${p.expected}, absente de l’en-tête : ce fichier ne peut pas donner ces pôles.`,
	'insee-leading-zeros-restored': (p) => `${nf(p.count)} codes INSEE avaient perdu leur zéro initial (export de tableur) : corrigés.`,
	'pole-code-ignored': (p) => `${q(p.value)} n’est pas un code de commune (${nf(p.count)} ligne${Number(p.count) > 1 ? 's' : ''}) : ignoré.`,
	'pole-commune-merged': (p) =>
		`la commune pôle ${p.code} n’existe plus au COG ${p.cogYear} : elle a fusionné dans ${p.absorbedByName} (${p.absorbedBy}), qui devient le pôle.`,
	'pole-commune-unknown': (p) => `la commune pôle ${p.code} est inconnue de la liste officielle (COG ${p.cogYear}) : pôle écarté.`,
	'pole-location-unavailable': (p) =>
		`la commune pôle ${p.name} (${p.code}) n’est pas chargée : pas de point de référence, pôle écarté (importez ses contours puis réimportez la table).`,
	'band-communes-missing': (p) =>
		`aucune commune de la bande frontalière n’est en base : les pôles de l’autre côté de la limite n’ont pas de point de référence et sont écartés avec le reste (${nf(p.count)} pôle${Number(p.count) > 1 ? 's' : ''} hors du territoire ${p.departements}). ` +
		'Importez les communes voisines (« maillage import communes <fichier national> --bande-seulement »), puis réimportez la table.',
	'aav-without-centre': (p) =>
		`l’aire d’attraction ${p.aav} n’a pas de commune-centre en France (aire transfrontalière ; ${nf(p.communes)} communes françaises) : aucun pôle pour elle.`,
	'insee-poles-removed': (p) =>
		`${nf(p.count)} pôle${Number(p.count) > 1 ? 's' : ''} (${p.zoning} ou millésime antérieur) absent${Number(p.count) > 1 ? 's' : ''} du nouveau fichier : supprimé${Number(p.count) > 1 ? 's' : ''}, le fichier remplaçant les pôles de ce zonage.`,
	'reference-choice-unknown': (p) => `${q(p.value)} inconnu : valeurs acceptées : ${p.accepted}.`,
	'reference-field-invalid': (p) => `${String(p.message).charAt(0).toLowerCase()}${String(p.message).slice(1)}`,
	'travel-origin-unknown': (p) =>
		`la commune d’origine ${p.code} n’est pas dans la base : importez d’abord le référentiel territorial (contours des communes).`,
	'travel-destination-unknown': (p) =>
		`${q(p.value)} ne désigne ni une commune de la base (code INSEE) ni une structure enregistrée (numéro de la structure dans Maillage, id du fichier des structures ou SIRET).`,
	'travel-minutes-not-positive': (p) => `temps de trajet ${q(p.value)} : un nombre de minutes strictement positif est attendu.`
};

/** « Ligne 12, colonne code_commune », « Objet n° 3, propriété nom », « Colonne siret », or ''. */
export function formatLocation(issue: Pick<ImportIssue, 'line' | 'feature' | 'column'>): string {
	const parts: string[] = [];
	if (issue.line !== undefined) parts.push(`Ligne ${issue.line}`);
	if (issue.feature !== undefined) parts.push(`Objet n° ${issue.feature}`);
	if (issue.column !== undefined) {
		const inFeature = issue.feature !== undefined;
		const label = inFeature ? (issue.column === 'id' ? 'champ' : 'propriété') : 'colonne';
		parts.push(`${parts.length === 0 ? label[0].toUpperCase() + label.slice(1) : label} ${issue.column}`);
	}
	return parts.join(', ');
}

/** The French sentence of an issue, where first: « Ligne 4, colonne type : type « X » inconnu… ». */
export function formatIssue(issue: ImportIssue): string {
	const where = formatLocation(issue);
	const what = MESSAGES[issue.code](issue.params ?? {}, issue);
	if (!where) return what[0].toUpperCase() + what.slice(1);
	return `${where} : ${what}`;
}

/** « Erreur » or « Avertissement ». */
export function severityLabel(issue: ImportIssue): string {
	return issue.severity === 'error' ? 'Erreur' : 'Avertissement';
}
