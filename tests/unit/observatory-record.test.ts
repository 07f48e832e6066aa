import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { buildObservatoryRecords, funderFamily, managementFamily, type ObservatoryStructureInput } from '../../src/lib/observatory/record';
import { checkObservatoryRecords, CHECK_CODES } from '../../src/lib/observatory/checks';
import { OBSERVATORY_FIELDS, type ObservatoryRecord } from '../../src/lib/observatory/dictionary';
import { dictionaryCsv, formatCsvValue, parseFieldCsv, toFieldCsv } from '../../src/lib/observatory/csv';
import { FIELD_TYPES } from '../../src/lib/observatory/dictionary';
import { toObservatoryJson } from '../../src/lib/observatory/json';
import { observatoryTrends } from '../../src/lib/observatory/trends';
import { observatoryWorkbook } from '../../src/lib/observatory/xlsx';
import { parseCsv } from '../../src/lib/io/csv';

/** A valid centre social (SIRET with a good Luhn key), fully documented for 2025. */
function cs(over: Partial<ObservatoryStructureInput> = {}): ObservatoryStructureInput {
	return {
		id: 1,
		externalId: 'CS-01',
		siret: '73282932000074',
		name: 'Centre social des Tilleuls',
		type: 'CS',
		address: '1 rue des Tilleuls',
		communeCode: '00001',
		communeName: 'Ville-Centre',
		epciSiren: '200000002',
		epciName: 'CA de la Ville',
		managementMode: 'association',
		territoryType: 'urbain',
		territorySize: 'quartier',
		federationMember: true,
		specificities: ['multi_sites'],
		firstAgrementDate: '1998-01-01',
		closedOn: null,
		zoneCommunes: ['00001', '00002'],
		agrements: [
			{ id: 11, kind: 'animation_globale', startDate: '2021-07-01', endDate: '2025-06-30', isFirst: false, decision: 'accorde' },
			{ id: 12, kind: 'animation_globale', startDate: '2025-07-01', endDate: '2029-06-30', isFirst: false, decision: 'accorde' },
			{ id: 13, kind: 'animation_collective_familles', startDate: '2025-07-01', endDate: '2029-06-30', isFirst: false, decision: 'accorde' }
		],
		posts: [
			{ id: 1, kind: 'directeur', etp: 1, qualificationLevel: 6, vacantFrom: '2025-11-01', vacantUntil: '2026-01-31', startDate: null, endDate: null },
			{ id: 2, kind: 'referent_familles', etp: 0.8, qualificationLevel: 5, vacantFrom: null, vacantUntil: null, startDate: null, endDate: null }
		],
		years: [
			{ year: 2024, staffHeadcount: 10, staffEtp: 7.5, volunteersActivity: 30, volunteersGovernance: 9, zonePopulation: 12000, budgetTotal: 500000, projectAxes: ['Jeunesse'] },
			{ year: 2025, staffHeadcount: 12, staffEtp: 8.25, volunteersActivity: 35, volunteersGovernance: 10, zonePopulation: 12100, budgetTotal: 520000.5, projectAxes: ['Familles', 'Jeunesse'] }
		],
		participation: [1, 2, 3, 4, 5].map((level) => ({ year: 2025, level, count: 100 - level * 10 })),
		funding: [
			{ year: 2025, partnerKind: 'caf', amount: 100000.1, status: 'verse' },
			{ year: 2025, partnerKind: 'caf', amount: 20000.2, status: 'notifie' },
			{ year: 2025, partnerKind: 'commune', amount: 150000, status: 'verse' },
			{ year: 2025, partnerKind: 'epci', amount: 10000, status: 'verse' },
			{ year: 2025, partnerKind: 'departement', amount: 30000, status: 'verse' },
			{ year: 2025, partnerKind: 'etat', amount: 5000, status: 'verse' },
			{ year: 2025, partnerKind: 'msa', amount: 2000, status: 'verse' },
			{ year: 2025, partnerKind: 'region', amount: 99999, status: 'previsionnel' },
			{ year: 2024, partnerKind: 'caf', amount: 90000, status: 'verse' }
		],
		...over
	};
}
/** The 2012 staff requirements as the migration stores them (criterion 8, projet familles criterion 4). */
const staffParameters = [
	{
		key: 'staff_requirement.directeur',
		validFrom: '2012-06-20',
		validUntil: null,
		value: { structureType: 'CS', agrementKind: 'animation_globale', framework: 'projet_social', criterion: 8, minQualificationLevel: 6, minEtp: 1 },
		regime: 'Circulaire Cnaf n°2012-013',
		source: null
	},
	{
		key: 'staff_requirement.referent_familles',
		validFrom: '2012-06-20',
		validUntil: null,
		value: { structureType: 'CS', agrementKind: 'animation_collective_familles', framework: 'projet_familles', criterion: 4, minQualificationLevel: 5, minEtp: 0.5 },
		regime: 'Circulaire Cnaf n°2012-013',
		source: null
	}
];
const ctx = {
	qpvs: [
		{ code: 'QN00001M', communeCodes: ['00002'] },
		{ code: 'QN00009M', communeCodes: ['00009'] },
		// A QPV of the 2015 generation is no longer in force in 2025.
		{ code: 'QP000099', communeCodes: ['00002'], validFrom: '2015-01-01', validUntil: '2023-12-31' }
	],
	staffParameters
};

describe('buildObservatoryRecords(structures, ctx, year)', () => {
	const [built] = buildObservatoryRecords([cs()], ctx, 2025);
	const r = built.record;
	it('keys the record by SIRET, the founding agrément in force at the end of the year, and the year', () => {
		expect(r.cle).toBe('73282932000074-12-2025');
		expect(built).toMatchObject({ structureId: 1, agrementId: 12, hasYearData: true });
		expect(r).toMatchObject({ agrement_nature: 'AGC', agrement_debut: '2025-07-01', agrement_fin: '2029-06-30', agrement_premier: false, projet_familles_agree: true });
	});
	it('fills identity, territory, QPV, staff, posts, volunteers and participation', () => {
		expect(r).toMatchObject({
			siret: '73282932000074',
			nom: 'Centre social des Tilleuls',
			mode_gestion: 'associatif',
			mode_gestion_detail: 'Association',
			type_territoire: 'Urbain',
			qpv: true,
			codes_qpv: 'QN00001M',
			multi_sites: true,
			itinerant: false,
			communes_zone: 2,
			population_zone: 12100,
			axes_projet: 'Familles | Jeunesse',
			salaries: 12,
			etp: 8.25,
			directeur_etp: 1,
			directeur_qualification: 6,
			directeur_jours_vacance: 61,
			referent_familles_jours_vacance: 0,
			participation_1: 90,
			participation_5: 50
		});
	});
	it('groups the paid and notified funding of the year by funder family, exactly to the cent', () => {
		expect(r).toMatchObject({
			produits_caf: 120000.3,
			produits_collectivites: 160000,
			produits_departement: 30000,
			produits_etat: 5000,
			produits_autres_financeurs: 2000,
			produits_total: 317000.3,
			budget_total: 520000.5,
			autres_produits: 203000.2
		});
		expect(funderFamily('carsat')).toBe('autres');
		expect(managementFamily('ccas_cias')).toBe('collectivité locale');
		expect(managementFamily('caf_gestion_directe')).toBe('autre');
	});
	it('has every field of the dictionary, each of its type', () => {
		expect(Object.keys(r).sort()).toEqual(OBSERVATORY_FIELDS.map((f) => f.key).sort());
		for (const f of OBSERVATORY_FIELDS) {
			const v = r[f.key];
			if (v === null) continue;
			const ok = { texte: typeof v === 'string', date: typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v), booleen: typeof v === 'boolean', entier: Number.isInteger(v), decimal: typeof v === 'number', euros: typeof v === 'number' }[f.type];
			expect(ok, `${f.key} (${f.type}) = ${String(v)}`).toBe(true);
		}
	});
	it('leaves out structures without a granted founding agrément in the year, and those closed before it', () => {
		expect(buildObservatoryRecords([cs({ agrements: [{ id: 1, kind: 'animation_globale', startDate: '2026-01-01', endDate: '2029-12-31', isFirst: false, decision: 'accorde' }] })], ctx, 2025)).toEqual([]);
		expect(buildObservatoryRecords([cs({ closedOn: '2025-01-01' })], ctx, 2025)).toEqual([]);
		expect(buildObservatoryRecords([cs({ type: 'EVS' })], ctx, 2025)).toEqual([]);
	});
});

describe('checkObservatoryRecords(records)', () => {
	const defects: { name: string; input: ObservatoryStructureInput; code: keyof typeof CHECK_CODES }[] = [
		{ name: 'SIRET manquant', input: cs({ id: 2, siret: null }), code: 'siret-manquant' },
		{ name: 'SIRET faux', input: cs({ id: 3, siret: '73282932000075' }), code: 'siret-invalide' },
		{ name: 'budget < financements', input: cs({ id: 4, siret: '44306184100047', years: [{ ...cs().years[1], budgetTotal: 100000 }] }), code: 'budget-inferieur-financements' },
		{ name: 'directeur vacant toute l’année', input: cs({ id: 5, siret: '55203253400646', posts: [{ id: 9, kind: 'directeur', etp: 1, qualificationLevel: 6, vacantFrom: '2024-10-01', vacantUntil: null, startDate: null, endDate: null }, cs().posts[1]] }), code: 'directeur-vacant-toute-annee' },
		{ name: 'population de zone manquante', input: cs({ id: 6, siret: '38012986643412', years: [{ ...cs().years[1], zonePopulation: null }] }), code: 'population-zone-manquante' },
		{ name: 'aucune donnée annuelle', input: cs({ id: 7, siret: '77567146400138', years: [] }), code: 'donnees-annuelles-manquantes' },
		{ name: 'ETP > effectif', input: cs({ id: 8, siret: '40483304800022', years: [{ ...cs().years[1], staffEtp: 13 }] }), code: 'etp-superieur-effectif' },
		{ name: 'participation absente', input: cs({ id: 9, siret: '48078349800026', participation: [] }), code: 'participation-manquante' },
		{
			name: 'direction de niveau 5 (critère 8)',
			input: cs({ id: 11, siret: '33087453000021', posts: [{ ...cs().posts[0], qualificationLevel: 5 }, cs().posts[1]] }),
			code: 'exigence-direction'
		},
		{
			name: 'référent familles à 0,4 ETP (critère 4)',
			input: cs({ id: 12, siret: '35195460900017', posts: [cs().posts[0], { ...cs().posts[1], etp: 0.4 }] }),
			code: 'exigence-referent'
		},
		{ name: 'référent vacant', input: cs({ id: 10, siret: '44229377500031', posts: [cs().posts[0], { id: 3, kind: 'referent_familles', etp: 0.5, qualificationLevel: 5, vacantFrom: '2025-01-01', vacantUntil: '2025-12-31', startDate: null, endDate: null }] }), code: 'referent-vacant-toute-annee' }
	];
	it('finds nothing to say on a complete record', () => {
		expect(checkObservatoryRecords(buildObservatoryRecords([cs()], ctx, 2025))).toEqual([]);
	});
	for (const d of defects) {
		it(`catches « ${d.name} » and links to the record to fix`, () => {
			const issues = checkObservatoryRecords(buildObservatoryRecords([d.input], ctx, 2025));
			expect(issues.map((i) => i.code)).toContain(d.code);
			const issue = issues.find((i) => i.code === d.code)!;
			expect(issue.href).toMatch(new RegExp(`^/(structures/${d.input.id}|agrements/\\d+)$`));
			expect(issue.message).toMatch(/^Centre social des Tilleuls : /);
			expect(issue.severity).toBe(CHECK_CODES[d.code].severity);
		});
	}
	it('catches a SIRET shared by two records', () => {
		const issues = checkObservatoryRecords(buildObservatoryRecords([cs(), cs({ id: 2, name: 'Autre' })], ctx, 2025));
		expect(issues.filter((i) => i.code === 'siret-en-double')).toHaveLength(2);
	});
});

describe('observatory files', () => {
	const records = buildObservatoryRecords([cs(), cs({ id: 2, siret: null, name: '=Formule; "piège"', years: [] })], ctx, 2025).map((r) => r.record);
	it('CSV: BOM, « ; », French headers, decimal comma, oui/non; parsed back, equals the records', () => {
		const csv = toFieldCsv(OBSERVATORY_FIELDS, records);
		expect(csv.startsWith('\ufeffClé (SIRET-agrément-année);Année;SIRET;')).toBe(true);
		expect(csv).toContain(';520000,50;');
		expect(csv).toContain(';8,25;');
		expect(csv).toContain(';oui;');
		const table = parseCsv(csv);
		expect(table.header).toEqual(OBSERVATORY_FIELDS.map((f) => f.header));
		expect(table.records).toHaveLength(2);
		expect(parseFieldCsv(csv, OBSERVATORY_FIELDS)).toEqual(records);
		expect(formatCsvValue('=1+1', 'texte')).toBe("'=1+1");
	});
	it('dictionary CSV lists every field with its meaning, type and source', () => {
		const table = parseCsv(dictionaryCsv(OBSERVATORY_FIELDS, FIELD_TYPES));
		expect(table.header).toEqual(['Champ (JSON)', 'En-tête de colonne', 'Signification', 'Type', 'Source dans Maillage']);
		expect(table.records.map((r) => r.values[0])).toEqual(OBSERVATORY_FIELDS.map((f) => f.key));
		expect(table.records.find((r) => r.values[0] === 'budget_total')!.values[3]).toBe('Montant en euros (2 décimales)');
	});
	it('JSON: typed values, the dictionary and the checks', () => {
		const json = JSON.parse(JSON.stringify(toObservatoryJson(2025, records, [], '2026-01-15T10:00:00.000Z')));
		expect(json).toMatchObject({ format: 'maillage-observatoire', version: 1, annee: 2025 });
		expect(json.fiches).toEqual(records);
		expect(json.dictionnaire).toHaveLength(OBSERVATORY_FIELDS.length);
	});
	it('XLSX: real numbers, dates and booleans, plus the dictionary and checks sheets', async () => {
		const bytes = await observatoryWorkbook(2025, records, checkObservatoryRecords(buildObservatoryRecords([cs({ siret: null })], ctx, 2025)), new Date('2026-01-15T10:00:00Z'));
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(bytes.buffer as ArrayBuffer);
		expect(wb.worksheets.map((w) => w.name)).toEqual(['Fiches 2025', 'Dictionnaire', 'Contrôles']);
		const sheet = wb.getWorksheet('Fiches 2025')!;
		const header = (sheet.getRow(1).values as unknown[]).slice(1);
		expect(header).toEqual(OBSERVATORY_FIELDS.map((f) => f.header));
		const col = (key: string) => OBSERVATORY_FIELDS.findIndex((f) => f.key === key) + 1;
		const rowNumber = [2, 3].find((n) => sheet.getRow(n).getCell(col('identifiant_maillage')).value === 1)!;
		const row = sheet.getRow(rowNumber);
		expect(row.getCell(col('budget_total')).value).toBe(520000.5);
		expect(row.getCell(col('budget_total')).numFmt).toContain('€');
		expect(row.getCell(col('agrement_debut')).value).toEqual(new Date(Date.UTC(2025, 6, 1)));
		expect(row.getCell(col('qpv')).value).toBe(true);
		expect(row.getCell(col('code_commune')).value).toBe('00001');
		expect(wb.getWorksheet('Contrôles')!.getRow(2).getCell(1).value).toBe('erreur');
	});
});

describe('observatoryTrends(byYear)', () => {
	it('sums each figure per year and gives the last change', () => {
		const r2024 = buildObservatoryRecords([cs()], ctx, 2024).map((r) => r.record);
		const r2025 = buildObservatoryRecords([cs(), cs({ id: 2, siret: null })], ctx, 2025).map((r) => r.record);
		const trends = observatoryTrends(new Map<number, ObservatoryRecord[]>([[2025, r2025], [2024, r2024]]));
		expect(trends.years).toEqual([2024, 2025]);
		expect(trends.rows[0]).toMatchObject({ key: 'fiches', values: [1, 2], lastChange: 1 });
		const etp = trends.rows.find((r) => r.key === 'etp')!;
		expect(etp).toMatchObject({ values: [7.5, 16.5], counts: [1, 2] });
		expect(trends.rows.find((r) => r.key === 'produits_caf')!.values).toEqual([90000, 240000.6]);
	});
});
