/**
 * Poles from INSEE's table d'appartenance (issue 14 §3) and funders / instruments as files (§4),
 * on generated files: Windows-1252, lost leading zeros, merged pôle communes, non-codes,
 * cross-border aires; refusals naming line, column and problem.
 */
import { describe, expect, it } from 'vitest';
import { readImportFile } from '../../src/lib/io/import-file';
import { formatIssue } from '../../src/lib/io/messages-fr';
import { parseCsv } from '../../src/lib/io/csv';
import type { ImportContext, KnownCommune } from '../../src/lib/io/context';
import type { PoleInput } from '../../src/lib/domain/territory';
import { officialGeography } from '../../src/lib/server/import/official';
import { instrumentsFromTable, partnersFromTable, partnersFileRows } from '../../src/lib/funding/reference-files';
import { formatFundingIssue, fundingLinesFromTable, type FundingRefs } from '../../src/lib/funding/import';
import { buildTerritoryOutline } from '../../src/lib/analysis/territory-outline';

/** Windows-1252 bytes of `text` (the encoding INSEE's exports often have). */
function cp1252(text: string): Uint8Array {
	return Uint8Array.from([...text].map((ch) => ch.charCodeAt(0) & 0xff));
}

const HEADER = 'CODGEO;LIBGEO;DEP;REG;AAV2020;CATEAAV2020;BV2012';
// Bourg-en-Bresse (01053) and Ambérieu-en-Bugey (01004) are stored; Béon (01039) is a commune
// déléguée of Culoz-Béon (01138) since; Mayotte's BV is « ZZZZZ »; the AAV 004 has no centre.
const ROWS = [
	'1001;L\'Abergement-Clémenciat;1;84;524;20;1053',
	'1004;Ambérieu-en-Bugey;1;84;243;11;1004',
	'1053;Bourg-en-Bresse;1;84;524;11;1053',
	'1039;Béon;1;84;524;12;1039',
	'1002;L\'Abergement-de-Varey;1;84;0;30;1004',
	'1010;Ailleurs;1;84;004;20;1004',
	'97601;Acoua;976;6;0;30;ZZZZZ',
	'97602;Bandraboua;976;6;0;30;ZZZZZ',
	'1017;Arbigny;1;84;524;13;1004',
	'75056;Paris;75;11;1;11;75056'
];
const TABLE = cp1252([HEADER, ...ROWS].join('\r\n'));

function context(territory: boolean): ImportContext {
	const communes = new Map<string, KnownCommune>([
		['01053', { name: 'Bourg-en-Bresse', refLon: 5.225, refLat: 46.205, departementCode: '01' }],
		['01004', { name: 'Ambérieu-en-Bugey', refLon: 5.36, refLat: 45.96, departementCode: '01' }],
		['01017', { name: 'Arbigny', refLon: 4.96, refLat: 46.47, departementCode: '01' }]
	]);
	const square = { type: 'Polygon' as const, coordinates: [[[4.7, 45.6], [6.1, 45.6], [6.1, 46.5], [4.7, 46.5], [4.7, 45.6]]] };
	return {
		official: officialGeography(),
		communes,
		epciSirens: new Set(),
		territory: territory ? { departements: ['01'], bandKm: 20, keepAll: false, outline: buildTerritoryOutline([square]) } : null
	};
}

describe("readImportFile('poles_insee', table, ctx, { poleDefinition })", () => {
	it('bassins de vie: one pole per BV pôle commune at its reference point; merged codes mapped, non-codes and absent communes reported', async () => {
		const r = await readImportFile('poles_insee', TABLE, context(true), { poleDefinition: 'bassins-de-vie' });
		const poles = r.items as PoleInput[];
		expect(poles.map((p) => [p.communeCode, p.name, p.type, p.definitionCode])).toEqual([
			['01053', 'Bourg-en-Bresse', 'pôle de bassin de vie', 'insee-bv2012'],
			['01004', 'Ambérieu-en-Bugey', 'pôle de bassin de vie', 'insee-bv2012']
		]);
		expect(poles[0]).toMatchObject({ lon: 5.225, lat: 46.205, locationApproximate: false });
		expect(r.poleDefinition).toMatchObject({ code: 'insee-bv2012', label: 'pôle de bassin de vie', producer: 'INSEE', zoning: 'zonage 2012', vintage: 2012 });
		const messages = r.issues.map(formatIssue);
		expect(messages).toContain('Ligne 5, colonne BV2012 : la commune pôle 01039 n’existe plus au COG 2026 : elle a fusionné dans Culoz-Béon (01138), qui devient le pôle.');
		expect(messages).toContain('Ligne 8, colonne BV2012 : « ZZZZZ » n’est pas un code de commune (2 lignes) : ignoré.');
		expect(messages).toContain('Ligne 5, colonne BV2012 : la commune pôle Culoz-Béon (01138) n’est pas chargée : pas de point de référence, pôle écarté (importez ses contours puis réimportez la table).');
		expect(r.issues.every((i) => i.severity === 'warning')).toBe(true);
		// Paris, outside the territory and its band, is set aside.
		expect(r.scope).toMatchObject({ territory: 2, setAside: 1, setAsideByDepartement: { '75': 1 } });
		// No commune of the band is stored: poles across the border could not be placed — said once, with the way out.
		expect(messages).toContain(
			'Aucune commune de la bande frontalière n’est en base : les pôles de l’autre côté de la limite n’ont pas de point de référence et sont écartés avec le reste (1 pôle hors du territoire 01). Importez les communes voisines (« maillage import communes <fichier national> --bande-seulement »), puis réimportez la table.'
		);
		const base = context(true);
		const communes = new Map([...base.communes, ['39001', { name: 'Commune de la bande', refLon: 5.3, refLat: 46.6, departementCode: '39' }]]);
		const ctx = { ...base, communes };
		const withBand = await readImportFile('poles_insee', TABLE, ctx, { poleDefinition: 'bassins-de-vie' });
		expect(withBand.issues.map((i) => i.code)).not.toContain('band-communes-missing');
	});

	it('aires d’attraction: commune-centres (11) and secondary pôles (13), not the other communes of the pôle (12); cross-border aires reported', async () => {
		const r = await readImportFile('poles_insee', TABLE, context(true), { poleDefinition: 'aires-attraction' });
		expect((r.items as PoleInput[]).map((p) => [p.communeCode, p.type])).toEqual([
			['01004', 'commune-centre d’aire d’attraction des villes'],
			['01053', 'commune-centre d’aire d’attraction des villes'],
			['01017', 'commune d’un pôle secondaire d’aire d’attraction des villes']
		]);
		expect(r.poleDefinition?.code).toBe('insee-aav2020');
		expect(r.issues.map(formatIssue)).toContain(
			'Ligne 7, colonne AAV2020 : l’aire d’attraction 004 n’a pas de commune-centre en France (aire transfrontalière ; 1 communes françaises) : aucun pôle pour elle.'
		);
	});

	it('refuses a table whose columns are not INSEE’s, and a definition the file cannot serve, naming line and column', async () => {
		const other = await readImportFile('poles_insee', cp1252('code;nom\n72181;Le Mans\n'), context(true), { poleDefinition: 'bassins-de-vie' });
		expect(other.items).toEqual([]);
		expect(other.issues.map(formatIssue)).toEqual([
			'Ligne 1, colonne CODGEO : colonne absente : ce fichier n’est pas une table d’appartenance géographique des communes de l’INSEE (colonnes attendues : CODGEO, LIBGEO, BV2012 ou BV2022, CATEAAV2020… ; trouvées : code, nom).'
		]);
		const noBv = await readImportFile('poles_insee', cp1252('CODGEO;LIBGEO;CATEAAV2020\n1053;Bourg;11\n'), context(true), { poleDefinition: 'bassins-de-vie' });
		expect(noBv.issues.map(formatIssue)).toEqual([
			'Ligne 1 : la définition « bassins de vie » demande une colonne BV2012, BV2022…, absente de l’en-tête : ce fichier ne peut pas donner ces pôles.'
		]);
	});

	it('takes the latest BV column when a table has several', async () => {
		const table = cp1252('CODGEO;BV2012;BV2022\n1053;1004;1053\n');
		const r = await readImportFile('poles_insee', table, context(false), { poleDefinition: 'bassins-de-vie' });
		expect((r.items as PoleInput[]).map((p) => [p.communeCode, p.definitionCode])).toEqual([['01053', 'insee-bv2022']]);
	});
});

describe('partnersFromTable / instrumentsFromTable', () => {
	it('reads codes, names, natures as codes or labels, territories; the file written back reads the same', () => {
		const r = partnersFromTable(parseCsv('code;nom;nature;territoire\ncaf;Caf de la Sarthe;CAF;72\nCOM-72181;Ville du Mans;Commune;72181\nREG;Région Pays de la Loire;region;\n'));
		expect(r.issues).toEqual([]);
		expect(r.items.map((i) => i.value)).toEqual([
			{ code: 'CAF', name: 'Caf de la Sarthe', kind: 'caf', territoryCode: '72' },
			{ code: 'COM-72181', name: 'Ville du Mans', kind: 'commune', territoryCode: '72181' },
			{ code: 'REG', name: 'Région Pays de la Loire', kind: 'region', territoryCode: null }
		]);
		const { header, rows } = partnersFileRows(r.items.map((i) => i.value));
		const back = partnersFromTable(parseCsv([header, ...rows].map((row) => row.map((v) => v ?? '').join(';')).join('\n')));
		expect(back.items.map((i) => i.value)).toEqual(r.items.map((i) => i.value));
	});

	it('refuses a duplicate code and an unknown nature, naming the line and the column', () => {
		const r = partnersFromTable(parseCsv('code;nom;nature\nCAF;Caf;caf\nMSA;MSA;mutuelle\nCAF;Caf bis;caf\n'));
		expect(r.items.map((i) => i.value.code)).toEqual(['CAF']);
		expect(r.issues.map((i) => formatFundingIssue(i))).toEqual([
			'Ligne 3, colonne nature : « mutuelle » inconnu : valeurs acceptées : Caf, Conseil départemental, Commune, Intercommunalité (EPCI), MSA, État, Région, Carsat, Fédération, Autre.',
			'Ligne 4, colonne code : « CAF » figure déjà plus haut dans le fichier (ligne 2) : chaque code ne doit apparaître qu’une fois.'
		]);
		expect(r.skipped).toBe(2);
	});

	it('checks a commune partner’s territory as the web form does', () => {
		const r = partnersFromTable(parseCsv('code;nom;nature;territoire\nCOM-X;Ville;commune;Le Mans\n'));
		expect(r.issues.map((i) => formatFundingIssue(i))).toEqual(['Ligne 2, colonne territoire : code INSEE de la commune attendu (5 caractères).']);
	});

	it('reads instruments with families and partner kinds by code or label, and dates', () => {
		const r = instrumentsFromTable(
			parseCsv('code;libelle;famille;nature_financeur;debut;fin\nPS_AGC;PS animation globale;Prestation de service;CAF;01/01/2024;\nX;Autre;subvention;inconnue;;\n')
		);
		expect(r.items.map((i) => i.value)).toEqual([
			{ code: 'PS_AGC', label: 'PS animation globale', family: 'prestation_service', partnerKind: 'caf', validFrom: '2024-01-01', validUntil: null }
		]);
		expect(r.issues.map((i) => formatFundingIssue(i))).toEqual([
			'Ligne 3, colonne nature_financeur : « inconnue » inconnu : valeurs acceptées : Caf, Conseil départemental, Commune, Intercommunalité (EPCI), MSA, État, Région, Carsat, Fédération, Autre.'
		]);
	});
});

describe('fundingLinesFromTable with communes and EPCI as funders', () => {
	const refs: FundingRefs = {
		structures: [
			{ id: 1, externalId: 'CS-1', siret: null, name: 'Centre social du Mans' },
			{ id: 2, externalId: 'EVS-A', siret: null, name: 'EVS d’Alençon', outside: true }
		],
		partners: [{ id: 10, code: 'CAF', name: 'Caf de la Sarthe' }],
		instruments: [{ id: 20, code: 'COLLECTIVITE_SUBV', label: 'Subvention de la commune ou de l’EPCI' }],
		departements: ['72'],
		collectivity: (kind, code) =>
			kind === 'commune'
				? code === '72181'
					? { kind, code, name: 'Le Mans', partnerName: 'Commune du Mans', inTerritory: true }
					: code === '53130'
						? { kind, code, name: 'Laval', partnerName: 'Commune de Laval', inTerritory: false }
						: null
				: code === '247200132'
					? { kind, code, name: 'CU Le Mans Métropole', partnerName: 'CU Le Mans Métropole', inTerritory: true }
					: null
	};
	const csv = (rows: string[]) => parseCsv(['annee;structure;financeur;dispositif;montant;statut', ...rows].join('\n'));

	it('a commune or an EPCI of the territory named by code becomes the partner COM-… / EPCI-…', () => {
		const r = fundingLinesFromTable(csv(['2025;CS-1;72181;COLLECTIVITE_SUBV;12000;versé', '2025;CS-1;EPCI-247200132;COLLECTIVITE_SUBV;8000;notifié', '2026;CS-1;COM-72181;COLLECTIVITE_SUBV;12000;prévisionnel']), refs);
		expect(r.issues).toEqual([]);
		expect(r.items.map((i) => [i.partnerId, i.newPartner?.code, i.newPartner?.name, i.newPartner?.kind])).toEqual([
			[null, 'COM-72181', 'Commune du Mans', 'commune'],
			[null, 'EPCI-247200132', 'CU Le Mans Métropole', 'epci'],
			[null, 'COM-72181', 'Commune du Mans', 'commune']
		]);
	});

	it('refuses a commune outside the territory and a structure of the border band, naming line and column', () => {
		const r = fundingLinesFromTable(csv(['2025;CS-1;53130;COLLECTIVITE_SUBV;5000;versé', '2025;EVS-A;CAF;COLLECTIVITE_SUBV;5000;versé']), refs);
		expect(r.items).toEqual([]);
		expect(r.issues.map((i) => formatFundingIssue(i))).toEqual([
			'Ligne 2, colonne financeur : la commune 53130 (Laval) n’est pas du territoire de travail (72) : seuls ses communes et EPCI deviennent financeurs d’office ; créez ce financeur dans Financements › Financeurs si c’est voulu.',
			'Ligne 3, colonne structure : la structure « EVS-A » (EVS d’Alençon) est hors département (bande frontalière) : ses financements ne sont pas suivis ici.'
		]);
	});
});
