/**
 * What each kind of import expects, in French, for the Administration › Import page — a short
 * form of `src/lib/io/README.md` (the reference). Ordered as a département is best loaded.
 */
import type { ImportKind } from '$lib/io/import-file';

export interface KindFormat {
	kind: ImportKind;
	label: string;
	/** « GeoJSON », « CSV ou GeoJSON »… */
	format: string;
	/** What the `accept` attribute of the file input allows. */
	accept: string;
	required: string;
	optional: string;
	note?: string;
}

const GEOJSON = '.geojson,.json,application/geo+json,application/json';
/** Tabular kinds also take an XLSX workbook (its first sheet, read by the guarded reader). */
const CSV = '.csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const KIND_FORMATS: readonly KindFormat[] = [
	{
		kind: 'communes',
		label: 'Communes (contours)',
		format: 'GeoJSON de polygones, en WGS84 ou Lambert-93',
		accept: GEOJSON,
		required: 'code INSEE : propriété code, insee, INSEE_COM, codgeo, code_commune, ou identifiant de l’objet',
		optional: 'nom (nom, name, NOM), population, departement, epci (codeEpci, siren_epci), centre (point de référence)',
		note: 'Population, département et EPCI manquants sont complétés par la liste officielle des communes.'
	},
	{
		kind: 'epci',
		label: 'EPCI (contours ou composition)',
		format: 'GeoJSON des contours, ou CSV / XLSX avec une ligne par commune membre',
		accept: `${GEOJSON},${CSV}`,
		required: 'siren (siren_epci, code_epci)',
		optional: 'nom, nature, membres (codes INSEE séparés par |) ou colonne code_commune'
	},
	{
		kind: 'qpv',
		label: 'Quartiers prioritaires (QPV)',
		format: 'GeoJSON',
		accept: GEOJSON,
		required: 'code_qp (ou code), nom_qp (ou nom)',
		optional: 'communes (code_commune, séparés par |), population'
	},
	{
		kind: 'iris',
		label: 'IRIS',
		format: 'GeoJSON',
		accept: GEOJSON,
		required: 'code_iris (ou code), nom_iris (ou nom)',
		optional: 'population'
	},
	{
		kind: 'poles',
		label: 'Pôles d’activités',
		format: 'CSV, XLSX ou GeoJSON de points',
		accept: `${CSV},${GEOJSON}`,
		required: 'code_commune, nom, type',
		optional: 'latitude, longitude (sinon le point de référence de la commune, position approximative)'
	},
	{
		kind: 'poles_insee',
		label: 'Pôles d’activités d’un zonage INSEE',
		format: 'Table d’appartenance géographique des communes de l’INSEE (CSV, UTF-8 ou Windows-1252)',
		accept: CSV,
		required: 'CODGEO, et BV2012 ou BV2022 (bassins de vie) ou CATEAAV2020 (aires d’attraction des villes)',
		optional: 'LIBGEO, AAV2020 (pour signaler les aires transfrontalières)',
		note:
			'Bassins de vie : le pôle de chaque bassin (le code du bassin est celui de sa commune pôle). Aires d’attraction : ' +
			'les communes-centres et celles des pôles secondaires. Chaque pôle est placé au point de référence de sa commune : ' +
			'importez d’abord les communes. Le fichier remplace les pôles de ce zonage ; les pôles importés par fichier restent.'
	},
	{
		kind: 'structures',
		label: 'Structures (centres sociaux et EVS)',
		format: 'CSV (séparateur ; ou ,) ou XLSX (première feuille)',
		accept: CSV,
		required: 'id ou siret, nom, type (CS ou EVS), code_commune',
		optional:
			'adresse, latitude, longitude, gestionnaire, gestionnaire_siren, mode_gestion, zone_competence (codes INSEE séparés par |), ' +
			'date_premier_agrement, agrement_debut, agrement_fin, projet_familles (oui/non)',
		note: 'Importez d’abord les communes : une structure sans coordonnées est placée au point de référence de sa commune.'
	},
	{
		kind: 'indicators',
		label: 'Indicateurs territoriaux',
		format: 'CSV ou XLSX, long (code;annee;indicateur;valeur) ou large (code;annee;<indicateur>…)',
		accept: CSV,
		required: 'code, annee',
		optional:
			'niveau (commune, epci, qpv, iris, departement), source ; clés documentées : population, familles, familles_monoparentales, ' +
			'allocataires, allocataires_bas_revenus, taux_pauvrete'
	},
	{
		kind: 'travel_times',
		label: 'Temps de trajet (matrice)',
		format: 'CSV origine;destination;minutes (séparateur ; ou ,) ou XLSX',
		accept: CSV,
		required:
			'origine (code INSEE d’une commune de la base), destination (code INSEE d’une commune de la base, ou une structure : ' +
			'numéro dans Maillage, id du fichier des structures ou SIRET), minutes (nombre > 0, virgule décimale acceptée)',
		optional: 'aucune autre colonne',
		note:
			'Importez d’abord les communes et les structures. Utilisée quand les seuils de l’analyse sont en minutes ; ailleurs ' +
			'le temps est estimé depuis la distance (coefficient de détour et vitesse : paramètres de l’analyse).'
	}
];

/** The format of `kind`. */
export function formatOf(kind: string): KindFormat | undefined {
	return KIND_FORMATS.find((f) => f.kind === kind);
}
