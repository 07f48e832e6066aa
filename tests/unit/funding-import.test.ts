import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/lib/io/csv';
import { formatFundingIssue, fundingLinesFromTable, type FundingRefs } from '../../src/lib/funding/import';
import { exportHeaders, exportRows } from '../../src/lib/funding/export';
import { parseAmount, parseLineCreate, parseLineEdit, parseStatus } from '../../src/lib/funding/line-input';
import { parseInstrumentForm, parsePartnerForm } from '../../src/lib/funding/reference-input';
import { distinctiveName, matchName, nameSimilarity } from '../../src/lib/funding/name-match';
import { mapAdultesRelais, mapFonjep, parsePostRecords } from '../../src/lib/funding/politique-ville';
import type { FundingLine } from '../../src/lib/funding/types';

const REFS: FundingRefs = {
	structures: [
		{ id: 1, externalId: 'CS-001', siret: '77554402601284', name: 'Centre social Est' },
		{ id: 2, externalId: null, siret: '34179264600026', name: 'Maison de quartier Godeleine' },
		{ id: 3, externalId: '12', siret: null, name: 'EVS des Dunes' }
	],
	partners: [
		{ id: 10, code: 'CAF', name: 'Caisse d’allocations familiales' },
		{ id: 11, code: 'CD', name: 'Conseil départemental' }
	],
	instruments: [
		{ id: 20, code: 'PS_AGC', label: 'Prestation de service animation globale et coordination (AGC)' },
		{ id: 21, code: 'CD_SUBV', label: 'Subvention du Conseil départemental' }
	]
};

const read = (csv: string) => fundingLinesFromTable(parseCsv(csv), REFS);
const messages = (csv: string) => read(csv).issues.map(formatFundingIssue);

describe('fundingLinesFromTable(table, refs)', () => {
	it('reads a French file: BOM, `;`, decimal comma, codes or labels, structure by id, SIRET or Maillage id', () => {
		const result = read(
			'\ufeffannee;structure;financeur;dispositif;montant;statut;commentaire\r\n' +
				'2024;CS-001;CAF;PS_AGC;32 508,08;versé;\r\n' +
				'2024;341 792 646 00026;Conseil départemental;Subvention du Conseil départemental;12000;Notifié;Convention 2024\r\n' +
				'2025;12;cd;cd_subv;3000.5;prévisionnel;\r\n' +
				'2025;3;CAF;PS_AGC;100;verse;id Maillage\r\n'
		);
		expect(result.issues).toEqual([]);
		expect(result.items).toEqual([
			{ line: 2, structureId: 1, partnerId: 10, instrumentId: 20, year: 2024, amount: 32508.08, status: 'verse', comment: null },
			{ line: 3, structureId: 2, partnerId: 11, instrumentId: 21, year: 2024, amount: 12000, status: 'notifie', comment: 'Convention 2024' },
			// « 12 » is the external id of structure 3, which wins over the Maillage id 12
			{ line: 4, structureId: 3, partnerId: 11, instrumentId: 21, year: 2025, amount: 3000.5, status: 'previsionnel', comment: null },
			{ line: 5, structureId: 3, partnerId: 10, instrumentId: 20, year: 2025, amount: 100, status: 'verse', comment: 'id Maillage' }
		]);
	});

	it('reports each problem with its line and column, in French, and leaves the record out', () => {
		const csv =
			'annee;structure;financeur;dispositif;montant;statut\n' +
			'2024;CS-999;CAF;PS_AGC;10;versé\n' +
			'2024;CS-001;CDD;PS_AGC;10;versé\n' +
			'2024;CS-001;CAF;PS_XXX;10;versé\n' +
			'2024;CS-001;CAF;PS_AGC;-5;versé\n' +
			'2024;CS-001;CAF;PS_AGC;12,345;versé\n' +
			'24;CS-001;CAF;PS_AGC;10;versé\n' +
			'2024;CS-001;CAF;PS_AGC;10;payé en partie\n' +
			'2024;CS-001;CAF;PS_AGC;10;versé\n' +
			'2024;CS-001;CAF;PS_AGC;20;notifié\n' +
			'2024;;CAF;PS_AGC;;versé\n';
		const result = read(csv);
		expect(result.read).toBe(10);
		expect(result.items.map((i) => i.line)).toEqual([9]);
		expect(result.skipped).toBe(9);
		expect(messages(csv)).toEqual([
			'Ligne 2, colonne structure : structure « CS-999 » inconnue : indiquez l’identifiant de la structure (colonne id de l’import des structures), son numéro dans Maillage ou son SIRET.',
			'Ligne 3, colonne financeur : financeur « CDD » inconnu : code ou nom attendu parmi CAF, CD.',
			'Ligne 4, colonne dispositif : dispositif « PS_XXX » inconnu : code ou libellé attendu parmi PS_AGC, CD_SUBV.',
			'Ligne 5, colonne montant : « -5 » : le montant doit être strictement positif.',
			'Ligne 6, colonne montant : « 12,345 » : le montant se saisit au centime près (deux décimales au plus).',
			'Ligne 7, colonne annee : année « 24 » hors de la plage acceptée (2000 à 2100).',
			'Ligne 8, colonne statut : statut « payé en partie » inconnu : prévisionnel, notifié ou versé attendu.',
			'Ligne 10 : même structure, financeur, dispositif et année qu’à la ligne 9 : une seule ligne par combinaison (additionnez les montants).',
			'Ligne 11, colonne structure : valeur obligatoire manquante.',
			'Ligne 11, colonne montant : valeur obligatoire manquante.'
		]);
	});

	it('refuses a file without a required column, naming the accepted names', () => {
		expect(messages('annee;structure;financeur;montant;statut\n2024;CS-001;CAF;10;versé\n')).toEqual([
			'Colonne dispositif : colonne obligatoire absente (noms acceptés : dispositif, instrument, code_dispositif).'
		]);
	});

	it('reports a row with a wrong number of cells (a decimal comma in a comma-separated file)', () => {
		const result = read('annee,structure,financeur,dispositif,montant,statut\n2024,CS-001,CAF,PS_AGC,12,5,versé\n');
		expect(result.items).toEqual([]);
		expect(result.issues.map(formatFundingIssue)[0]).toMatch(/^Ligne 2 : 7 valeurs au lieu des 6 colonnes/);
	});

	it('an exported table imports back to the same items (round trip)', () => {
		const lines: FundingLine[] = [
			{
				id: 5, structureId: 1, structureName: 'Centre social Est', structureType: 'CS', communeCode: '01053', epciSiren: null, epciName: null,
				partnerId: 10, partnerCode: 'CAF', partnerName: 'CAF', partnerKind: 'caf', instrumentId: 20, instrumentCode: 'PS_AGC',
				instrumentLabel: 'PS AGC', instrumentFamily: 'prestation_service', year: 2024, amount: 1234.5, status: 'notifie', published: true,
				structureExternalId: 'CS-001', structureSiret: '77554402601284', comment: 'avec ; point-virgule', version: 3
			}
		];
		const header = exportHeaders().join(';');
		const row = exportRows(lines)[0].map((v) => (typeof v === 'number' ? String(v).replace('.', ',') : v === null ? '' : typeof v === 'boolean' ? (v ? 'oui' : 'non') : /[;"]/.test(v) ? `"${v}"` : v));
		const result = read(`${header}\n${row.join(';')}\n`);
		expect(result.issues).toEqual([]);
		expect(result.items).toEqual([{ line: 2, structureId: 1, partnerId: 10, instrumentId: 20, year: 2024, amount: 1234.5, status: 'notifie', comment: 'avec ; point-virgule' }]);
	});
});

describe('form parsing', () => {
	it('parseAmount(text) accepts French numbers and refuses zero, negatives, text and sub-cent precision', () => {
		expect(parseAmount('12 500,50')).toEqual({ ok: true, value: 12500.5 });
		expect(parseAmount('0')).toEqual({ ok: false, problem: 'not-positive' });
		expect(parseAmount('-3')).toEqual({ ok: false, problem: 'not-positive' });
		expect(parseAmount('abc')).toEqual({ ok: false, problem: 'not-a-number' });
		expect(parseAmount('1,001')).toEqual({ ok: false, problem: 'too-precise' });
		expect(parseAmount('')).toEqual({ ok: false, problem: 'missing' });
		expect(parseAmount('2000000000')).toEqual({ ok: false, problem: 'too-large' });
	});

	it('parseStatus(text) reads codes and French words whatever the accents', () => {
		expect(['Versé', 'verse', 'NOTIFIÉ', 'prévisionnel', 'payé', 'x'].map(parseStatus)).toEqual(['verse', 'verse', 'notifie', 'previsionnel', 'verse', null]);
	});

	it('parseLineEdit and parseLineCreate give one French message per wrong field', () => {
		const form = (values: Record<string, string>) => (name: string) => values[name] ?? null;
		expect(parseLineEdit(form({ montant: '1 000', statut: 'notifie', commentaire: '  ' }))).toEqual({ ok: true, value: { amount: 1000, status: 'notifie', comment: null } });
		const bad = parseLineCreate(form({ montant: '0', statut: '?', annee: '1999', structure: 'a' }));
		expect(bad.ok).toBe(false);
		if (!bad.ok) {
			expect(Object.keys(bad.errors).sort()).toEqual(['amount', 'instrumentId', 'partnerId', 'status', 'structureId', 'year']);
			expect(bad.errors.amount).toBe('Le montant doit être strictement positif.');
		}
	});

	it('parsePartnerForm and parseInstrumentForm check codes, kinds, territories and dates', () => {
		const form = (values: Record<string, string>) => (name: string) => values[name] ?? null;
		expect(parsePartnerForm(form({ code: 'com-00001', nom: 'Ville de Port', nature: 'commune', territoire: '00001' }))).toEqual({
			ok: true,
			value: { code: 'COM-00001', name: 'Ville de Port', kind: 'commune', territoryCode: '00001' }
		});
		const badPartner = parsePartnerForm(form({ code: 'a b', nom: '', nature: 'epci', territoire: '12' }));
		expect(badPartner.ok ? [] : Object.keys(badPartner.errors).sort()).toEqual(['code', 'name', 'territoryCode']);
		const badInstrument = parseInstrumentForm(form({ code: 'PS_CS', libelle: 'PS centre social', famille: 'prestation_service', debut: '01/01/2027', fin: '2026-12-31' }));
		expect(badInstrument.ok ? null : badInstrument.errors).toEqual({ validUntil: 'La fin précède le début.' });
	});
});

describe('name matching (FONJEP employers)', () => {
	it('distinctiveName(name) drops the words every centre shares and expands abbreviations', () => {
		expect(distinctiveName('ASSOC CENTRE SOCIAL BOURGOGNE')).toBe('bourgogne');
		expect(distinctiveName('Maison de Quartier Godeleine Petit - Centre Social')).toBe('godeleine petit');
		expect(distinctiveName('CENTRE SOCIO CULTUREL')).toBe('');
	});

	it('nameSimilarity is 1 for the same distinctive name written differently, low for different places', () => {
		expect(nameSimilarity('Centre social La Busette', 'ASSOC CENTRE SOCIAL LA BUSETTE')).toBe(1);
		expect(nameSimilarity('CS Marlière Croix Rouge', 'ASS CENTRE SOCIAL MARLIERE CROIX ROUGE')).toBe(1);
		expect(nameSimilarity('Centre social Bourgogne', 'Centre social Belle-Rive')).toBeLessThan(0.5);
	});

	it('matchName(name, candidates) matches clear names only; generic or close names go to review', () => {
		const candidates = [
			{ id: 1, name: 'Centre social Promesses' },
			{ id: 2, name: 'Centre social Henri Martel' },
			{ id: 3, name: 'Espace de vie sociale Henri Martel' }
		];
		expect(matchName('CENTRE SOCIAL  SOCIO CULTUREL PROMESSES', candidates)).toMatchObject({ status: 'matched', best: { candidate: { id: 1 }, score: 1 } });
		expect(matchName('CENTRE SOCIO CULTUREL', candidates).status).toBe('unmatched');
		// two structures share the distinctive name: never guessed
		expect(matchName('CENTRE SOCIAL ET CULTUREL HENRI MARTEL', candidates).status).toBe('ambiguous');
		expect(matchName('MJC LA FABRIQUE', candidates).status).toBe('unmatched');
	});
});

describe('politique de la ville posts', () => {
	const adultesRelais = [
		{ id_poste: '59A1', code_tiers: '34179264600026', raison_sociale: 'MAISON DE QUARTIER GODELEINE PETIT - CENTRE SOCIAL', annee: 2023, montant: 22555.73, code_cv: 'CV192', insee_dep: '59' },
		{ id_poste: '59A2', code_tiers: '34179264600026', raison_sociale: 'MAISON DE QUARTIER GODELEINE PETIT - CENTRE SOCIAL', annee: 2023, montant: 22555.73, code_cv: 'CV192', insee_dep: '59' },
		{ id_poste: '59A3', code_tiers: '41866472800049', raison_sociale: 'ASSOC CENTRE SOCIAL BOURGOGNE', annee: 2023, montant: 22555.73, code_cv: 'CV192', insee_dep: '59' },
		{ id_poste: '01A1', code_tiers: '77554402601284', raison_sociale: 'CENTRE SOCIAL EST', annee: 2023, montant: 22555.73, code_cv: 'CV002', insee_dep: '01' },
		{ id_poste: 'bad', code_tiers: '1', raison_sociale: 'X', annee: 'deux mille', montant: 1, insee_dep: '59' }
	];
	const structures = [
		{ id: 7, name: 'Centre social Godeleine', siret: '341 792 646 00026', communeCode: '59350' },
		{ id: 8, name: 'Centre social Promesses', siret: null, communeCode: '59512' }
	];

	it('parsePostRecords(json) keeps valid posts and counts the others', () => {
		const { records, invalid } = parsePostRecords(adultesRelais);
		expect(records).toHaveLength(4);
		expect(invalid).toBe(1);
		expect(parsePostRecords({ not: 'an array' })).toEqual({ records: [], invalid: 0 });
	});

	it('mapAdultesRelais(records, structures) sums the posts of a SIRET into one line, lists the others of the département', () => {
		const mapping = mapAdultesRelais(parsePostRecords(adultesRelais).records, structures);
		expect(mapping.lines).toEqual([
			{ structureId: 7, year: 2023, amount: 45111.46, postIds: ['59A1', '59A2'], comment: '2 postes adulte-relais (59A1, 59A2) — données ANCT politique de la ville' }
		]);
		expect(mapping.unmatched.map((r) => r.postId)).toEqual(['59A3']); // the Ain post is outside the structures' département
		expect(mapping.matchedRecords).toBe(2);
	});

	it('mapFonjep(records, structures) lands a clearly named post, lists the rest for review', () => {
		const fonjep = parsePostRecords([
			{ id_poste: 'D01871', code_tiers: 'CENTRE SOCIAL  SOCIO CULTUREL PROMESSES', raison_sociale: 'CENTRE SOCIAL  SOCIO CULTUREL PROMESSES', montant: 7164, annee: '2023', insee_dep: '59' },
			{ id_poste: 'D00866', code_tiers: 'CENTRE SOCIO CULTUREL', raison_sociale: 'CENTRE SOCIO CULTUREL', montant: 7164, annee: '2023', insee_dep: '59' },
			{ id_poste: 'D09999', code_tiers: 'CENTRE SOCIAL PROMESSES', raison_sociale: 'CENTRE SOCIAL PROMESSES', montant: 7164, annee: '2023', insee_dep: '13' }
		]).records;
		const mapping = mapFonjep(fonjep, structures);
		expect(mapping.lines).toEqual([{ structureId: 8, year: 2023, amount: 7164, postIds: ['D01871'], comment: '1 poste FONJEP (D01871) — données ANCT politique de la ville' }]);
		expect(mapping.reviews.map((r) => [r.employerName, r.match.status])).toEqual([
			['CENTRE SOCIAL  SOCIO CULTUREL PROMESSES', 'matched'],
			['CENTRE SOCIO CULTUREL', 'unmatched']
		]);
	});
});
