/**
 * `maillage import activite`, the pure half: wide and long tables → items, with crafted bad rows
 * (each refusal named by sheet, line and column in French), computed columns ignored with a note,
 * multi-site SIRETs, code lists of each row's year; and the staff form, read with the same rules.
 */
import { describe, expect, it } from 'vitest';
import { activityItemsFromTables, isDetailTable, type ActivityStructureRef } from '../../src/lib/observatory/activity-import';
import { parseCsv } from '../../src/lib/io/csv';
import { listsInYear } from '../../src/lib/observatory/lists';
import { formTextsOf, validateYearForm } from '../../src/lib/observatory/year-form';
import { parseYearValue } from '../../src/lib/observatory/year-input';
import { PARAMS, year2025 } from './observatory-fixtures';

const REFS: ActivityStructureRef[] = [
	{ id: 1, siret: '73282932000074', establishment: null, name: 'Centre social des Tilleuls' },
	{ id: 2, siret: '44306184100047', establishment: 'A', name: 'Espace Nord' },
	{ id: 3, siret: '44306184100047', establishment: 'B', name: 'Espace Sud' },
	{ id: 4, siret: null, establishment: null, name: 'EVS sans SIRET' }
];

const read = (...csvs: string[]) =>
	activityItemsFromTables(
		csvs.map((text, i) => ({ name: `f${i}`, table: parseCsv(text) })),
		REFS,
		PARAMS
	);
const errorsOf = (r: ReturnType<typeof read>) => r.issues.filter((i) => i.severity === 'erreur');

describe('activityItemsFromTables(tables, refs, params): wide rows', () => {
	it('reads the entered columns by key or French header, and finds the structure by SIRET + establishment', () => {
		const r = read('siret;Établissement;annee;Personnes touchées;heures_benevolat;reponse_senacs;charges_total;axes_projet\n44306184100047;b;2025;1 250;3 400;oui;512 000,50;Familles | Jeunesse\n');
		expect(errorsOf(r)).toEqual([]);
		expect(r.years).toEqual([
			{ sheet: '', line: 2, structureId: 3, year: 2025, values: { personnes_touchees: 1_250, heures_benevolat: 3_400, reponse_senacs: true, charges_total: 512_000.5, axes_projet: ['Familles', 'Jeunesse'] } }
		]);
	});
	it('finds a structure without SIRET by its Maillage id, and ignores computed columns with one note', () => {
		const r = read('Clé (SIRET-établissement-agrément-année);identifiant_maillage;siret;annee;nom;Caf : total fonctionnement (€);usagers\nSANS-SIRET-4-AL-2025;4;;2025;EVS sans SIRET;12 000,00;80\n');
		expect(errorsOf(r)).toEqual([]);
		expect(r.years[0]).toMatchObject({ structureId: 4, values: { usagers: 80 } });
		expect(r.issues).toEqual([expect.objectContaining({ severity: 'note', code: 'colonnes-calculees', message: expect.stringContaining('Clé (SIRET-établissement-agrément-année), nom, Caf : total fonctionnement (€)') })]);
	});
	const bad: [string, string, string, RegExp][] = [
		['annee vide', 'siret;annee;usagers\n73282932000074;;12\n', 'annee-invalide', /^Ligne 2, colonne annee : année manquante/],
		['année hors plage', 'siret;annee;usagers\n73282932000074;1899;12\n', 'annee-invalide', /hors de la plage acceptée \(2000 à 2100\)/],
		['SIRET inconnu', 'siret;annee;usagers\n55203253400646;2025;12\n', 'structure-inconnue', /aucune structure n’a le SIRET 55203253400646/],
		['SIRET mal formé', 'siret;annee;usagers\n7328293200;2025;12\n', 'siret-invalide', /14 chiffres attendus/],
		['multi-sites sans établissement', 'siret;annee;usagers\n44306184100047;2025;12\n', 'etablissement-inconnu', /« Espace Nord » \(établissement A\), « Espace Sud » \(établissement B\)/],
		['établissement inconnu', 'siret;etablissement;annee;usagers\n44306184100047;C;2025;12\n', 'etablissement-inconnu', /n’a pas d’établissement « C »/],
		['SIRET et identifiant contradictoires', 'siret;identifiant_maillage;annee;usagers\n73282932000074;2;2025;12\n', 'structure-contradictoire', /désigne « Centre social des Tilleuls » \(n° 1\), pas la structure n° 2/],
		['entier décimal', 'siret;annee;usagers\n73282932000074;2025;12,5\n', 'valeur-integer-invalid', /^Ligne 2, colonne usagers : « 12,5 » n’est pas un nombre entier/],
		['nombre négatif', 'siret;annee;benevoles_activite\n73282932000074;2025;-3\n', 'valeur-negative', /est négatif/],
		['montant à trois décimales', 'siret;annee;charges_total\n73282932000074;2025;1000,123\n', 'valeur-cents', /au plus deux décimales/],
		['oui/non illisible', 'siret;annee;reponse_senacs\n73282932000074;2025;peut-être\n', 'valeur-yes-no-invalid', /oui ou non attendu/],
		['date illisible', 'siret;annee;date_reponse_senacs\n73282932000074;2025;31/02/2026\n', 'valeur-date-invalid', /n’est pas une date/],
		['code hors liste', 'siret;annee;convention_collective\n73282932000074;2025;syntec\n', 'valeur-code-unknown', /liste des conventions collectives en vigueur cette année : alisfa, autre, aucune/],
		['ligne en double', 'siret;annee;usagers\n73282932000074;2025;12\n73282932000074;2025;13\n', 'ligne-en-double', /^Ligne 3 : même structure et même année qu’à la ligne 2/],
		['colonnes clés absentes', 'nom;usagers\nX;12\n', 'colonne-cle-absente', /^Colonnes annee et siret \(ou identifiant_maillage\) obligatoires/]
	];
	for (const [name, csv, code, message] of bad) {
		it(`refuses « ${name} » (${code})`, () => {
			const r = read(csv);
			const errors = errorsOf(r);
			expect(errors.map((e) => e.code)).toContain(code);
			expect(errors.find((e) => e.code === code)!.message).toMatch(message);
		});
	}
	it('warns about a column the dictionary does not know, and reads the others', () => {
		const r = read('siret;annee;usagers;colonne_mystere\n73282932000074;2025;12;x\n');
		expect(errorsOf(r)).toEqual([]);
		expect(r.issues).toEqual([expect.objectContaining({ severity: 'avertissement', code: 'colonne-inconnue', column: 'colonne_mystere' })]);
	});
	it('refuses a file without any data row', () => {
		expect(errorsOf(read('siret;annee;usagers\n'))).toEqual([expect.objectContaining({ code: 'fichier-sans-donnees', message: 'Le fichier ne contient aucune ligne de données annuelles.' })]);
	});
});

describe('activityItemsFromTables(tables, refs, params): long rows', () => {
	const HEADER = 'siret;etablissement;annee;section;code;public;actions;participants;partenaires;conventions;salaries;etp\n';
	it('is told apart by its section column, and groups the rows of each structure-year', () => {
		const csv = `${HEADER}73282932000074;;2025;activites;enfance;enfants;6;240;;;;\n73282932000074;;2025;partenaires;commune;;;;2;2;;\n73282932000074;;2025;contrats;CDI;;;;;;9;7,5\n44306184100047;A;2025;contrats;cdd;;;;;;1;0,5\n`;
		expect(isDetailTable(parseCsv(csv))).toBe(true);
		const r = read(csv);
		expect(errorsOf(r)).toEqual([]);
		expect(r.details).toEqual([
			{
				sheet: '',
				line: 2,
				structureId: 1,
				year: 2025,
				rows: [
					{ section: 'activites', code: 'enfance', public: 'enfants', measures: { actions: 6, participants: 240 } },
					{ section: 'partenaires', code: 'commune', public: '', measures: { partenaires: 2, conventions: 2 } },
					{ section: 'contrats', code: 'cdi', public: '', measures: { salaries: 9, etp: 7.5 } }
				]
			},
			{ sheet: '', line: 5, structureId: 2, year: 2025, rows: [{ section: 'contrats', code: 'cdd', public: '', measures: { salaries: 1, etp: 0.5 } }] }
		]);
	});
	it('checks codes against the list in force in the row’s year', () => {
		const row = (year: number) => `${HEADER}73282932000074;;${year};activites;transition_ecologique;tous_publics;1;20;;;;\n`;
		expect(errorsOf(read(row(2026)))).toEqual([]);
		expect(errorsOf(read(row(2025)))[0]).toMatchObject({ code: 'code-inconnu', message: expect.stringMatching(/^Ligne 2, colonne code : « transition_ecologique » n’est pas un code de la liste de la section activites en vigueur en 2025/) });
	});
	const bad: [string, string, string][] = [
		['section inconnue', '73282932000074;;2025;benevoles;x;;;;;;;', 'section-inconnue'],
		['public manquant', '73282932000074;;2025;activites;enfance;;1;2;;;;', 'public-inconnu'],
		['public hors section', '73282932000074;;2025;contrats;cdi;familles;;;;;1;1', 'public-hors-section'],
		['mesure d’une autre section', '73282932000074;;2025;partenaires;commune;;;;2;1;3;', 'mesure-hors-section'],
		['ETP illisible', '73282932000074;;2025;contrats;cdi;;;;;;1;un', 'valeur-number-invalid'],
		['structure inconnue', '99999999999999;;2025;contrats;cdi;;;;;;1;1', 'structure-inconnue']
	];
	for (const [name, line, code] of bad) {
		it(`refuses « ${name} » (${code})`, () => {
			expect(errorsOf(read(`${HEADER}${line}\n`)).map((e) => e.code)).toContain(code);
		});
	}
	it('refuses the same section element twice (sum them on one row)', () => {
		const r = read(`${HEADER}73282932000074;;2025;contrats;cdi;;;;;;1;1\n73282932000074;;2025;contrats;CDI;;;;;;2;2\n`);
		expect(errorsOf(r)).toEqual([expect.objectContaining({ code: 'ligne-en-double', line: 3, message: expect.stringContaining('qu’à la ligne 2') })]);
	});
	it('names the sheet when the file has several (a workbook)', () => {
		const r = read('siret;annee;usagers\n73282932000074;2025;x\n', `${HEADER}73282932000074;;2025;contrats;xx;;;;;;1;1\n`);
		expect(errorsOf(r).map((e) => e.message)).toEqual([
			expect.stringMatching(/^Feuille f0, ligne 2, colonne usagers : /),
			expect.stringMatching(/^Feuille f1, ligne 2, colonne code : /)
		]);
	});
});

describe('the structure-year form reads its fields with the import’s rules', () => {
	const lists = listsInYear(PARAMS, 2025);
	it('round-trips stored data through its texts', () => {
		const data = year2025();
		const result = validateYearForm(formTextsOf(data), 2025, lists);
		expect(result).toEqual({ ok: true, data });
	});
	it('gives one French message per field in error, the same as the import', () => {
		const texts = { ...formTextsOf(year2025()), usagers: '12,5', convention_collective: 'syntec', 'contrats.cdi.etp': '-1', 'activites.5.actions': '3' };
		const result = validateYearForm(texts, 2025, lists);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors).toEqual({
			usagers: '« 12,5 » n’est pas un nombre entier.',
			convention_collective: '« syntec » n’est pas dans la liste des conventions collectives en vigueur cette année : alisfa, autre, aucune.',
			'contrats.cdi.etp': '« -1 » est négatif : un nombre positif ou nul est attendu.',
			'activites.5.domaine': 'Choisissez le domaine de cette activité (ou videz la ligne).'
		});
		const field = { type: 'entier' as const };
		expect(parseYearValue('12,5', field, lists)).toEqual({ ok: false, problem: { code: 'integer-invalid', value: '12,5' } });
	});
	it('refuses the same domain and public twice', () => {
		const texts = { ...formTextsOf(year2025()), 'activites.2.domaine': 'enfance', 'activites.2.public': 'enfants', 'activites.2.actions': '1' };
		const result = validateYearForm(texts, 2025, lists);
		expect(result.ok ? null : result.errors['activites.2.domaine']).toMatch(/Même domaine et même public qu’à la ligne 1/);
	});
});
