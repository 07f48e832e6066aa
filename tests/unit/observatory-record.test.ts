import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { buildObservatoryRecords, etpOfYear, managementFamily, recordKey } from '../../src/lib/observatory/record';
import { checkObservatoryRecords, CHECK_CODES } from '../../src/lib/observatory/checks';
import { DETAIL_FIELDS, detailRecordsOf } from '../../src/lib/observatory/detail';
import { OBSERVATORY_FIELDS, type ObservatoryRecord } from '../../src/lib/observatory/dictionary';
import { dictionaryCsv, formatCsvValue, parseFieldCsv, toFieldCsv } from '../../src/lib/observatory/csv';
import { toObservatoryJson } from '../../src/lib/observatory/json';
import { departementSummary, median } from '../../src/lib/observatory/summary';
import { listsInYear } from '../../src/lib/observatory/lists';
import { observatoryWorkbook } from '../../src/lib/observatory/xlsx';
import { YEAR_FIELDS } from '../../src/lib/observatory/year-fields';
import { parseCsv } from '../../src/lib/io/csv';
import { CTX, THRESHOLDS, cs, year2025 } from './observatory-fixtures';

describe('buildObservatoryRecords(structures, ctx, year)', () => {
	const [built] = buildObservatoryRecords([cs()], CTX, 2025);
	const r = built.record;
	it('keys the record by SIRET + establishment + agrément kind + year (never an internal id)', () => {
		expect(r.cle).toBe('73282932000074-AGC-2025');
		expect(buildObservatoryRecords([cs({ establishment: 'B' })], CTX, 2025)[0].record.cle).toBe('73282932000074.B-AGC-2025');
		expect(recordKey(null, null, 7, 'animation_locale', 2024)).toBe('SANS-SIRET-7-AL-2024');
		expect(built).toMatchObject({ structureId: 1, agrementId: 12 });
		expect(r).toMatchObject({ agrement_nature: 'AGC', agrement_debut: '2025-07-01', agrement_fin: '2029-06-30', agrement_premier: false, projet_familles_agree: true });
	});
	it('fills identity, territory, QPV of the year, and every entered section', () => {
		expect(r).toMatchObject({
			siret: '73282932000074',
			etablissement: null,
			mode_gestion: 'associatif',
			type_territoire: 'Urbain',
			qpv: true,
			codes_qpv: 'QN00001M',
			multi_sites: false,
			population_zone: 12_100,
			axes_projet: 'Familles | Jeunesse',
			reponse_senacs: true,
			personnes_touchees: 1_500,
			personnes_60_plus: 200,
			instance_habitants: 8,
			participation_5: 50,
			heures_benevolat: 4_200,
			convention_collective: 'alisfa',
			associations_hebergees: 11
		});
		expect(managementFamily('ccas_cias')).toBe('collectivité locale');
		expect(managementFamily('caf_gestion_directe')).toBe('autre');
	});
	it('derives ETP by function from the dated posts: held and filled days of the year (hand-computed)', () => {
		// Director: 1 × (365 − 61 vacant days) / 365 = 0,8329 → 0,83; référent from 1 April: 0,8 × 275 / 365 = 0,6027 → 0,60.
		expect(r).toMatchObject({ etp_direction: 0.83, etp_referent_familles: 0.6, etp_autres_postes: null, etp_autres_fonctions: 6.82 });
		expect(etpOfYear(cs().posts, 'directeur', 2024)).toBe(1);
		expect(r).toMatchObject({ directeur_etp: 1, directeur_jours_vacance: 61, referent_familles_etp: 0.8 });
	});
	it('sums the detail: contracts, partners, conventions, actions', () => {
		expect(r).toMatchObject({ salaries_contrats: 12, etp_contrats: 8.25, partenaires_total: 11, conventions_total: 5, domaines_activite: 2, actions_total: 10 });
		expect(built.detail).toHaveLength(6);
	});
	it('splits the funding: one column per PS in force, own funds, investment apart, communes and EPCI apart (hand-computed)', () => {
		expect(r).toMatchObject({
			caf_ps_agc: 60_000.1,
			caf_ps_acf: 20_000.2,
			caf_ps_animation_locale: 0,
			caf_ps_centre_social: null,
			regime_ps: 'Circulaire Cnaf n°2012-013',
			caf_autres_ps: 0,
			caf_fonds_propres: 10_000,
			caf_total: 90_000.3,
			ps_dues: 80_000.3,
			financements_communes: 150_000,
			financements_epci: 10_000,
			financements_departement: 30_000,
			financements_region: 0,
			// 90 000,30 + 150 000 + 10 000 + 30 000 (the Région's forecast is not income).
			financements_total: 280_000.3,
			aides_investissement: 45_000,
			aides_investissement_caf: 45_000,
			charges_total: 520_000.5,
			produits_total: 530_000.5,
			resultat: 10_000,
			// 530 000,50 − 280 000,30 − 40 000 of users.
			autres_produits: 210_000.2
		});
	});
	it('has every field of the dictionary, each of its type', () => {
		expect(Object.keys(r).sort()).toEqual(OBSERVATORY_FIELDS.map((f) => f.key).sort());
		for (const f of OBSERVATORY_FIELDS) {
			const v = r[f.key];
			if (v === null) continue;
			const ok = { texte: typeof v === 'string', date: typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v), booleen: typeof v === 'boolean', entier: Number.isInteger(v), decimal: typeof v === 'number', euros: typeof v === 'number' }[f.type];
			expect(ok, `${f.key} (${f.type}) = ${String(v)}`).toBe(true);
		}
		// The dictionary publishes every entered field as « saisie ».
		for (const f of YEAR_FIELDS) expect(OBSERVATORY_FIELDS.find((d) => d.key === f.key)?.entry).toBe('saisie');
	});
	it('leaves out structures without a granted founding agrément in the year, and those closed before it', () => {
		expect(buildObservatoryRecords([cs({ agrements: [{ id: 1, kind: 'animation_globale', startDate: '2026-01-01', endDate: '2029-12-31', isFirst: false, decision: 'accorde' }] })], CTX, 2025)).toEqual([]);
		expect(buildObservatoryRecords([cs({ closedOn: '2025-01-01' })], CTX, 2025)).toEqual([]);
		expect(buildObservatoryRecords([cs({ type: 'EVS' })], CTX, 2025)).toEqual([]);
	});
});

describe('checkObservatoryRecords(records, thresholds)', () => {
	const check = (...inputs: ReturnType<typeof cs>[]) => checkObservatoryRecords(buildObservatoryRecords(inputs, CTX, 2025), THRESHOLDS);
	const withYear = (over: Parameters<typeof year2025>[0], detail: Partial<ReturnType<typeof year2025>> = {}) => cs({ years: [{ ...year2025(over), ...detail }] });
	const defects: { name: string; input: ReturnType<typeof cs>; code: keyof typeof CHECK_CODES }[] = [
		{ name: 'SIRET manquant', input: cs({ siret: null }), code: 'siret-manquant' },
		{ name: 'SIRET faux', input: cs({ siret: '73282932000075' }), code: 'siret-invalide' },
		{ name: 'aucune donnée annuelle', input: cs({ years: [] }), code: 'donnees-annuelles-manquantes' },
		{ name: 'population de zone manquante', input: withYear({ population_zone: null }), code: 'population-zone-manquante' },
		{ name: 'réponse SENACS non renseignée', input: withYear({ reponse_senacs: null, date_reponse_senacs: null }), code: 'reponse-senacs-manquante' },
		{ name: 'ETP > effectif', input: withYear({ etp: 13 }), code: 'etp-superieur-effectif' },
		{ name: 'postes suivis > ETP salariés', input: withYear({ etp: 1.2 }), code: 'etp-postes-superieur' },
		{ name: 'contrats ≠ effectif', input: withYear({ salaries: 14 }), code: 'contrats-effectif' },
		{ name: 'ETP des contrats ≠ ETP', input: withYear({ etp: 9 }), code: 'contrats-etp' },
		{ name: 'heures sans bénévole', input: withYear({ benevoles_activite: 0, benevoles_gouvernance: 0 }), code: 'heures-sans-benevoles' },
		{ name: 'heures invraisemblables', input: withYear({ heures_benevolat: 80_000 }), code: 'heures-par-benevole' },
		{ name: 'bénévoles sans heures', input: withYear({ heures_benevolat: null }), code: 'benevoles-sans-heures' },
		{ name: 'tranches d’âge > total', input: withYear({ personnes_60_plus: 500 }), code: 'tranches-age-superieures' },
		{ name: 'tranches d’âge < total', input: withYear({ personnes_60_plus: 100 }), code: 'tranches-age-incompletes' },
		{ name: 'familles > personnes', input: withYear({ familles_touchees: 2_000 }), code: 'familles-superieures-personnes' },
		{ name: 'participants > personnes', input: withYear({}, { activities: [{ domain: 'enfance', public: 'enfants', actions: 1, participants: 2_000 }] }), code: 'participants-superieurs-personnes' },
		{ name: 'charges manquantes', input: withYear({ charges_total: null }), code: 'charges-manquantes' },
		{ name: 'produits manquants', input: withYear({ produits_total: null }), code: 'produits-manquants' },
		{ name: 'déficit de 20 %', input: withYear({ produits_total: 416_000.4 }), code: 'resultat-ecart' },
		{ name: 'financements > produits', input: withYear({ produits_total: 200_000, charges_total: 200_000 }), code: 'financements-superieurs-produits' },
		{ name: 'usagers > produits', input: withYear({ produits_usagers: 600_000 }), code: 'usagers-superieurs-produits' },
		{ name: 'date de réponse sans réponse', input: withYear({ reponse_senacs: false }), code: 'reponse-senacs-date' },
		{ name: 'convention « autre » sans nom', input: withYear({ convention_collective: 'autre' }), code: 'convention-autre-sans-nom' },
		{ name: 'participation absente', input: withYear({ participation_1: null, participation_2: null, participation_3: null, participation_4: null, participation_5: null }), code: 'participation-manquante' },
		{ name: 'direction de niveau 5 (critère 8)', input: cs({ posts: [{ ...cs().posts[0], qualificationLevel: 5 }, cs().posts[1]] }), code: 'exigence-direction' },
		{ name: 'directeur vacant toute l’année', input: cs({ posts: [{ ...cs().posts[0], vacantFrom: '2024-10-01', vacantUntil: null }, cs().posts[1]] }), code: 'directeur-vacant-toute-annee' }
	];
	it('finds nothing to say on a complete record', () => {
		expect(check(cs())).toEqual([]);
	});
	for (const d of defects) {
		it(`catches « ${d.name} » (${d.code}) and links to the page to fix`, () => {
			const issues = check(d.input);
			expect(issues.map((i) => i.code)).toContain(d.code);
			const issue = issues.find((i) => i.code === d.code)!;
			expect(issue.href).toMatch(/^\/(structures\/1(\/annees\/2025)?|agrements\/\d+)$/);
			expect(issue.message).toMatch(/^Centre social des Tilleuls : /);
			expect(issue.severity).toBe(CHECK_CODES[d.code].severity);
		});
	}
	it('Caf PS against the PS check: a gap, a PS without agrément and a PS due but not recorded', () => {
		const ctx = {
			...CTX,
			psChecks: [
				{ structureId: 1, year: 2025, kind: 'animation_globale' as const, instrumentCode: 'PS_AGC', computed: 55_000, recorded: 60_000.1, difference: 5_000.1, status: 'ecart' as const, reason: 'Due pour 365 jours sur 365.' },
				{ structureId: 1, year: 2025, kind: 'animation_collective_familles' as const, instrumentCode: 'PS_ACF', computed: 0, recorded: 20_000.2, difference: 20_000.2, status: 'sans_agrement' as const, reason: 'Aucun agrément ACF.' },
				{ structureId: 1, year: 2025, kind: 'animation_locale' as const, instrumentCode: 'PS_AL', computed: 12_000, recorded: null, difference: null, status: 'non_enregistre' as const, reason: '' }
			]
		};
		const issues = checkObservatoryRecords(buildObservatoryRecords([cs()], ctx, 2025), THRESHOLDS);
		expect(issues.map((i) => [i.code, i.severity, i.field])).toEqual([
			['ps-ecart', 'avertissement', 'caf_ps_agc'],
			['ps-sans-agrement', 'erreur', 'caf_ps_acf'],
			['ps-non-enregistree', 'avertissement', 'caf_ps_animation_locale']
		]);
		expect(issues[0].message).toContain('écart 5\u202f000,10\u00a0€');
		expect(issues[0].href).toBe('/financements/ps?annee=2025');
	});
	it('a SIRET shared by two structures with distinct establishments is a warning naming the other (multi-site)', () => {
		const built = buildObservatoryRecords([cs({ establishment: 'A' }), cs({ id: 2, name: 'Espace Nord', establishment: 'B' })], CTX, 2025);
		expect(built.map((b) => b.record.multi_sites)).toEqual([true, true]);
		const issues = checkObservatoryRecords(built, THRESHOLDS);
		expect(issues.map((i) => [i.code, i.severity])).toEqual([
			['siret-partage', 'avertissement'],
			['siret-partage', 'avertissement']
		]);
		expect(issues.find((i) => i.structureId === 1)!.message).toContain('« Espace Nord » (établissement B)');
	});
	it('the same SIRET and establishment for two structures is an error (their keys collide)', () => {
		const issues = check(cs(), cs({ id: 2, name: 'Espace Nord' }));
		expect(issues.filter((i) => i.code === 'cle-en-double')).toHaveLength(2);
		expect(issues.find((i) => i.structureId === 1)!.message).toContain('suffixe d’établissement');
	});
});

describe('observatory files', () => {
	const built = buildObservatoryRecords([cs(), cs({ id: 2, siret: null, name: '=Formule; "piège"', years: [] })], CTX, 2025);
	const records = built.map((r) => r.record);
	const lists = listsInYear(CTX.parameters, 2025);
	const detail = built.flatMap((b) => detailRecordsOf(b.record, b.detail, (_, code) => code.toUpperCase()));
	const summary = departementSummary(new Map([[2025, records]]), 2025);
	it('CSV: BOM, « ; », French headers, decimal comma, oui/non; parsed back, equals the records', () => {
		const csv = toFieldCsv(OBSERVATORY_FIELDS, records);
		expect(csv.startsWith('\ufeffClé (SIRET-établissement-agrément-année);Année;SIRET;Établissement;')).toBe(true);
		expect(csv).toContain(';520000,50;');
		expect(csv).toContain(';8,25;');
		expect(csv).toContain(';oui;');
		expect(parseCsv(csv).header).toEqual(OBSERVATORY_FIELDS.map((f) => f.header));
		expect(parseFieldCsv(csv, OBSERVATORY_FIELDS)).toEqual(records);
		expect(formatCsvValue('=1+1', 'texte')).toBe("'=1+1");
		expect(parseFieldCsv(toFieldCsv(DETAIL_FIELDS, detail), DETAIL_FIELDS)).toEqual(detail);
	});
	it('dictionary CSV lists every field with its meaning, type, import role and source', () => {
		const table = parseCsv(dictionaryCsv(OBSERVATORY_FIELDS));
		expect(table.header).toEqual(['Champ (JSON, colonne d’import)', 'En-tête de colonne', 'Signification', 'Type', 'Import', 'Source dans Maillage', 'Rubrique']);
		expect(table.records.map((r) => r.values[0])).toEqual(OBSERVATORY_FIELDS.map((f) => f.key));
		const charges = table.records.find((r) => r.values[0] === 'charges_total')!.values;
		expect(charges[3]).toBe('Montant en euros (2 décimales)');
		expect(charges[4]).toMatch(/^Saisie/);
		expect(table.records.find((r) => r.values[0] === 'caf_total')!.values[4]).toMatch(/^Calculée/);
	});
	it('JSON: typed values, both dictionaries, the lists, the detail, the summary and the checks', () => {
		const json = JSON.parse(JSON.stringify(toObservatoryJson(2025, { records, detail, issues: [], lists, summary }, '2026-01-15T10:00:00.000Z')));
		expect(json).toMatchObject({ format: 'maillage-observatoire', version: 2, annee: 2025 });
		expect(json.fiches).toEqual(records);
		expect(json.detail).toEqual(detail);
		expect(json.dictionnaire).toHaveLength(OBSERVATORY_FIELDS.length);
		expect(json.dictionnaireDetail).toHaveLength(DETAIL_FIELDS.length);
		expect(json.listes.contract_types.map((c: { code: string }) => c.code)).toEqual(['cdi', 'cdd', 'adulte_relais']);
	});
	it('XLSX: the records first (the import reads them), the detail, summary, lists, dictionary and checks', async () => {
		const issues = checkObservatoryRecords(built, THRESHOLDS);
		const bytes = await observatoryWorkbook(2025, { records, detail, issues, lists, summary }, new Date('2026-01-15T10:00:00Z'));
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(bytes.buffer as ArrayBuffer);
		expect(wb.worksheets.map((w) => w.name)).toEqual(['Fiches 2025', 'Détail 2025', 'Synthèse 2025', 'Listes de codes', 'Dictionnaire', 'Contrôles']);
		const sheet = wb.getWorksheet('Fiches 2025')!;
		expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(OBSERVATORY_FIELDS.map((f) => f.header));
		const col = (key: string) => OBSERVATORY_FIELDS.findIndex((f) => f.key === key) + 1;
		const row = sheet.getRow([2, 3].find((n) => sheet.getRow(n).getCell(col('identifiant_maillage')).value === 1)!);
		expect(row.getCell(col('charges_total')).value).toBe(520_000.5);
		expect(row.getCell(col('charges_total')).numFmt).toContain('€');
		expect(row.getCell(col('agrement_debut')).value).toEqual(new Date(Date.UTC(2025, 6, 1)));
		expect(row.getCell(col('qpv')).value).toBe(true);
		expect(row.getCell(col('siret')).value).toBe('73282932000074');
		expect(wb.getWorksheet('Détail 2025')!.rowCount).toBe(detail.length + 1);
		expect(wb.getWorksheet('Contrôles')!.getRow(2).getCell(1).value).toBe('erreur');
	});
});

describe('departementSummary(byYear, year)', () => {
	const rec = (values: Partial<ObservatoryRecord>): ObservatoryRecord => ({ type_structure: 'CS', reponse_senacs: true, identifiant_maillage: 1, nom: 'X', ...values });
	const byYear = new Map<number, ObservatoryRecord[]>([
		[2024, [rec({ personnes_touchees: 1_000, charges_total: 400_000, caf_total: 100_000, produits_total: 400_000, resultat: 0 }), rec({ personnes_touchees: 200, type_structure: 'EVS', resultat: -500 })]],
		[
			2025,
			[
				rec({ personnes_touchees: 1_200, charges_total: 500_000, caf_total: 150_000, produits_total: 500_000, resultat: -1_000, identifiant_maillage: 1, nom: 'Tilleuls' }),
				rec({ personnes_touchees: 300, type_structure: 'EVS', reponse_senacs: false, identifiant_maillage: 2, nom: 'Espace Nord' }),
				rec({ personnes_touchees: null, type_structure: 'EVS', reponse_senacs: null, identifiant_maillage: 3, nom: 'Agora' })
			]
		]
	]);
	const s = departementSummary(byYear, 2025);
	it('totals and medians over the records with a value, with their count (hand-computed)', () => {
		const people = s.rows.find((r) => r.key === 'personnes_touchees')!;
		expect(people.cells).toEqual([
			{ year: 2024, total: 1_200, median: 600, count: 2 },
			{ year: 2025, total: 1_500, median: 750, count: 2 }
		]);
		// Total 1 200 → 1 500: +25 %; median 600 → 750: +25 %.
		expect(people.totalChange).toBeCloseTo(0.25, 10);
		expect(people.medianChange).toBeCloseTo(0.25, 10);
		const share = s.rows.find((r) => r.key === 'part_caf')!;
		expect(share.cells[1]).toEqual({ year: 2025, total: 0.3, median: 0.3, count: 1 });
		expect(median([3, 1, 2, 10])).toBe(2.5);
	});
	it('counts the respondents and deficits, and lists the structures that did not answer', () => {
		expect(s.records).toEqual([
			{ year: 2024, count: 2, respondents: 2, responseRate: 1, deficits: 1 },
			{ year: 2025, count: 3, respondents: 1, responseRate: 1 / 3, deficits: 1 }
		]);
		expect(s.nonRespondents).toEqual([
			{ structureId: 3, name: 'Agora', type: 'EVS', answered: null },
			{ structureId: 2, name: 'Espace Nord', type: 'EVS', answered: false }
		]);
	});
	it('summarises one type of structure', () => {
		const evs = departementSummary(byYear, 2025, { type: 'EVS' });
		expect(evs.records[1]).toMatchObject({ count: 2, respondents: 0 });
		expect(evs.rows.find((r) => r.key === 'personnes_touchees')!.cells[1]).toEqual({ year: 2025, total: 300, median: 300, count: 1 });
	});
});
