/**
 * Funding files on every dialect: CSV and XLSX import (all-or-nothing, `skipInvalid`, precise
 * errors, one audit entry, idempotent re-import), scoped CSV/XLSX export that imports back, and the
 * State's politique de la ville posts landing on the right structures — on generated files always,
 * and on the real ANCT files of ../shared/data when present.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { testDialects } from '../helpers/db';
import { suiteDatabase } from '../helpers/suite-db';
import type { Database } from '../../src/lib/server/db/schema';
import { exportFunding, formatFundingIssue, runFundingImport } from '../../src/lib/server/import/funding';
import { importPostFunding } from '../../src/lib/server/import/funding-posts';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { RejectedDataError } from '../../src/lib/server/errors';
import * as meta from '../../src/lib/server/db/meta';

const DATA = path.resolve(import.meta.dirname, '../../../shared/data');
const ADULTES_RELAIS = path.join(DATA, 'politique-ville-adultes-relais-2023.json');
const FONJEP = path.join(DATA, 'politique-ville-postes-fonjep-2023.json');

const csv = (text: string) => new TextEncoder().encode(text);

interface Base {
	structures: Record<string, number>;
	partners: Record<string, number>;
}

/**
 * Communes of the Nord (59) and a few structures: two carry SIRETs of real adultes-relais
 * employers, three the names of real FONJEP employers written differently, one a decoy.
 */
async function insertBase(db: Kysely<Database>): Promise<Base> {
	await db
		.insertInto('commune')
		.values([
			{ code: '59350', name: 'Lille', departement_code: '59', population: 236234, ref_lon: 3.06, ref_lat: 50.63 },
			{ code: '59512', name: 'Roubaix', departement_code: '59', population: 98828, ref_lon: 3.18, ref_lat: 50.69 }
		])
		.execute();
	const structure = (name: string, externalId: string | null, siret: string | null, commune: string) => ({
		name,
		external_id: externalId,
		siret,
		type: 'CS' as const,
		commune_code: commune,
		lon: 3.1,
		lat: 50.6,
		specificities: JSON.stringify([])
	});
	const rows = await db
		.insertInto('structure')
		.values([
			structure('Centre social Godeleine Petit', 'CS-GOD', '34179264600026', '59350'),
			structure('Centre social Bourgogne', 'CS-BOU', '41866472800049', '59512'),
			structure('Centre Social Les Quatre Saisons', 'CS-4S', null, '59512'),
			structure('Centre social et culturel Henri-Martel', 'CS-HM', null, '59350'),
			structure("CS L'Arc Ensemble", 'CS-ARC', null, '59512'),
			structure('Centre social Les Quatre Vents', 'CS-4V', '77554402601284', '59350')
		])
		.returning(['id', 'external_id'])
		.execute();
	const partners = await db
		.insertInto('partner')
		.values([
			{ code: 'CAF', name: 'Caisse d’allocations familiales du Nord', kind: 'caf', territory_code: '59' },
			{ code: 'CD', name: 'Département du Nord', kind: 'departement', territory_code: '59' },
			{ code: 'ETAT-PV', name: 'État – politique de la ville', kind: 'etat', territory_code: '59' }
		])
		.returning(['id', 'code'])
		.execute();
	await db
		.insertInto('funding_instrument')
		.values([
			{ code: 'PS_AGC', label: 'Prestation de service animation globale et coordination (AGC)', family: 'prestation_service' },
			{ code: 'CD_SUBV', label: 'Subvention du Conseil départemental', family: 'subvention' },
			{ code: 'ADULTES_RELAIS', label: 'Poste d’adulte-relais (aide de l’État)', family: 'poste' },
			{ code: 'FONJEP', label: 'Poste FONJEP', family: 'poste' }
		])
		.execute();
	return {
		structures: Object.fromEntries(rows.map((r) => [r.external_id!, r.id])),
		partners: Object.fromEntries(partners.map((p) => [p.code, p.id]))
	};
}

async function linesOf(db: Kysely<Database>) {
	return db
		.selectFrom('funding_line as l')
		.innerJoin('structure as s', 's.id', 'l.structure_id')
		.innerJoin('partner as p', 'p.id', 'l.partner_id')
		.innerJoin('funding_instrument as i', 'i.id', 'l.instrument_id')
		.select(['s.external_id', 'p.code as partner', 'i.code as instrument', 'l.year', 'l.amount', 'l.status', 'l.comment', 'l.version'])
		.orderBy('s.external_id')
		.orderBy('i.code')
		.orderBy('l.year')
		.execute();
}

const GOOD = 'annee;structure;financeur;dispositif;montant;statut;commentaire\n' + '2024;CS-GOD;CAF;PS_AGC;32 508,08;versé;\n' + '2024;41866472800049;CD;CD_SUBV;21026;notifié;Forfait animation globale\n';

for (const dialect of testDialects()) {
	describe(`funding files (${dialect.kind})`, () => {
		const t = suiteDatabase(dialect);
		let base: Base;
		beforeAll(async () => {
			base = await insertBase(t.db);
		});

		it('runFundingImport refuses the whole file on any error, writing only the import log', async () => {
			const bad = GOOD + '2024;CS-INCONNU;CAF;PS_AGC;10;versé;\n' + '2025;CS-BOU;CAF;PS_AGC;dix;versé;\n';
			const report = await runFundingImport(t.db, { fileName: 'financements.csv', bytes: csv(bad), actor: 'test' });
			expect(report.status).toBe('rejected');
			expect(report.format).toBe('csv');
			expect(report.issues.map(formatFundingIssue)).toEqual([
				'Ligne 4, colonne structure : structure « CS-INCONNU » inconnue : indiquez l’identifiant de la structure (colonne id de l’import des structures), son numéro dans Maillage ou son SIRET.',
				'Ligne 5, colonne montant : « dix » : le montant doit être un nombre en euros (par exemple 12 500,50).'
			]);
			expect(await linesOf(t.db)).toEqual([]);
			const log = await t.db.selectFrom('import_log').selectAll().where('id', '=', report.importLogId).executeTakeFirstOrThrow();
			expect(log).toMatchObject({ kind: 'funding', status: 'rejected', file_name: 'financements.csv' });
			expect(await t.db.selectFrom('audit_log').selectAll().execute()).toEqual([]);

			// with skipInvalid, the valid lines are written and the others reported
			const partial = await runFundingImport(t.db, { fileName: 'financements.csv', bytes: csv(bad), actor: 'test', skipInvalid: true });
			expect(partial.status).toBe('partial');
			expect(partial.counts).toEqual({ read: 4, inserted: 2, updated: 0, unchanged: 0, skipped: 2 });
			const audit = await t.db.selectFrom('audit_log').selectAll().execute();
			expect(audit).toHaveLength(1);
			expect(audit[0]).toMatchObject({ action: 'import', entity: 'funding_line', import_log_id: partial.importLogId });
			expect(await meta.datasetKind(t.db)).toBe('real');
		});

		it('re-importing is idempotent; a changed amount updates the line and bumps its version', async () => {
			const again = await runFundingImport(t.db, { fileName: 'f.csv', bytes: csv(GOOD), actor: 'test' });
			expect(again.counts).toEqual({ read: 2, inserted: 0, updated: 0, unchanged: 2, skipped: 0 });
			const changed = await runFundingImport(t.db, { fileName: 'f.csv', bytes: csv(GOOD.replace('21026', '21 500,5')), actor: 'test' });
			expect(changed.counts).toMatchObject({ inserted: 0, updated: 1, unchanged: 1 });
			expect((await linesOf(t.db)).map((l) => [l.external_id, l.partner, l.instrument, l.year, Number(l.amount), l.status, l.version])).toEqual([
				['CS-BOU', 'CD', 'CD_SUBV', 2024, 21500.5, 'notifie', 2],
				['CS-GOD', 'CAF', 'PS_AGC', 2024, 32508.08, 'verse', 1]
			]);
		});

		it('runFundingImport reads an XLSX workbook: real numbers, errors at the spreadsheet row', async () => {
			const workbook = new ExcelJS.Workbook();
			const sheet = workbook.addWorksheet('Feuil1');
			sheet.addRow([]); // blank first row: the header is the first non-empty row
			sheet.addRow(['annee', 'structure', 'financeur', 'dispositif', 'montant', 'statut', 'commentaire']);
			sheet.addRow([2025, 'CS-4S', 'CAF', 'PS_AGC', 41234.56, 'prévisionnel', null]);
			sheet.addRow([2025, 'CS-HM', 'Département du Nord', 'Subvention du Conseil départemental', 21026, 'Notifié', 'Délibération du 12 mars']);
			const bytes = new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
			const report = await runFundingImport(t.db, { fileName: 'financements.xlsx', bytes, actor: 'test' });
			expect(report).toMatchObject({ status: 'accepted', format: 'xlsx', counts: { read: 2, inserted: 2 } });
			const rows = (await linesOf(t.db)).filter((l) => l.year === 2025);
			expect(rows.map((l) => [l.external_id, Number(l.amount), l.status, l.comment])).toEqual([
				['CS-4S', 41234.56, 'previsionnel', null],
				['CS-HM', 21026, 'notifie', 'Délibération du 12 mars']
			]);

			sheet.addRow([2025, 'CS-ARC', 'CAF', 'PS_AGC', -5, 'versé', null]);
			const bad = await runFundingImport(t.db, { fileName: 'financements.xlsx', bytes: new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer), actor: 'test' });
			expect(bad.status).toBe('rejected');
			expect(bad.issues.map(formatFundingIssue)).toEqual(['Ligne 5, colonne montant : « -5 » : le montant doit être strictement positif.']);
		});

		it('a file that is neither CSV nor XLSX is refused with a French reason', async () => {
			const report = await runFundingImport(t.db, { fileName: 'x.pdf', bytes: csv('%PDF-1.4 …'), actor: 'test' });
			expect(report.status).toBe('rejected');
			expect(report.issues.map(formatFundingIssue)[0]).toMatch(/n’est pas un fichier texte \(PDF\)/);
			const empty = await runFundingImport(t.db, { fileName: 'vide.csv', bytes: csv('annee;structure;financeur;dispositif;montant;statut\n'), actor: 'test' });
			expect(empty.issues.map(formatFundingIssue)).toEqual(['Le fichier ne contient qu’une ligne d’en-tête, sans aucune donnée.']);
		});

		it('exportFunding writes CSV (BOM, `;`, decimal comma) and XLSX (numbers) that import back unchanged', async () => {
			const file = await exportFunding(t.db, { kind: 'all' }, 'csv');
			const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(file.bytes);
			expect(text.startsWith('\ufeffannee;structure;financeur;dispositif;montant;statut;commentaire;siret;')).toBe(true);
			expect(text).toContain('2024;CS-BOU;CD;CD_SUBV;21500,5;notifié;Forfait animation globale;41866472800049;Centre social Bourgogne;CS;');
			expect(file.lines).toBe(4);
			const back = await runFundingImport(t.db, { fileName: 'export.csv', bytes: file.bytes, actor: 'test' });
			expect(back.counts).toEqual({ read: 4, inserted: 0, updated: 0, unchanged: 4, skipped: 0 });

			const xlsx = await exportFunding(t.db, { kind: 'all' }, 'xlsx');
			const workbook = new ExcelJS.Workbook();
			await workbook.xlsx.load(Buffer.from(xlsx.bytes) as unknown as ArrayBuffer);
			const sheet = workbook.worksheets[0];
			expect(sheet.getRow(1).getCell(5).value).toBe('montant');
			const amounts = [2, 3, 4, 5].map((r) => sheet.getRow(r).getCell(5).value);
			expect(amounts.every((v) => typeof v === 'number')).toBe(true);
			const backXlsx = await runFundingImport(t.db, { fileName: 'export.xlsx', bytes: xlsx.bytes, actor: 'test' });
			expect(backXlsx.counts).toMatchObject({ unchanged: 4, inserted: 0, updated: 0 });
		});

		it('exportFunding respects the row scope: a partner exports its own lines (and published ones) only', async () => {
			const cd = await exportFunding(t.db, { kind: 'partner', partnerId: base.partners.CD, includePublished: true }, 'csv');
			const rows = new TextDecoder().decode(cd.bytes).trim().split('\r\n').slice(1);
			expect(rows).toHaveLength(2);
			expect(rows.every((r) => r.split(';')[2] === 'CD')).toBe(true);
			expect((await exportFunding(t.db, { kind: 'published' }, 'csv')).lines).toBe(0);
		});

		it('importPostFunding lands generated adultes-relais posts by SIRET and FONJEP posts by clear name', async () => {
			const adultesRelais = [
				{ id_poste: 'G1', code_tiers: '34179264600026', raison_sociale: 'MQ GODELEINE', annee: 2022, montant: 21000.5, insee_dep: '59' },
				{ id_poste: 'G2', code_tiers: '34179264600026', raison_sociale: 'MQ GODELEINE', annee: 2022, montant: 21000.5, insee_dep: '59' },
				{ id_poste: 'X1', code_tiers: '11111111111111', raison_sociale: 'AUTRE', annee: 2022, montant: 21000.5, insee_dep: '59' }
			];
			const ar = await importPostFunding(t.db, { kind: 'adultes_relais', fileName: 'ar.json', bytes: csv(JSON.stringify(adultesRelais)), actor: 'test' });
			expect(ar.written).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
			expect(ar.unmatched.map((r) => r.postId)).toEqual(['X1']);
			const fonjep = [
				{ id_poste: 'F1', code_tiers: 'ASSOC CENTRE SOCIAL QUATRE SAISONS', raison_sociale: 'ASSOC CENTRE SOCIAL QUATRE SAISONS', annee: '2022', montant: 7164, insee_dep: '59' },
				{ id_poste: 'F2', code_tiers: 'CENTRE SOCIAL QUATRE', raison_sociale: 'CENTRE SOCIAL QUATRE', annee: '2022', montant: 7164, insee_dep: '59' }
			];
			const fj = await importPostFunding(t.db, { kind: 'fonjep', fileName: 'fj.json', bytes: csv(JSON.stringify(fonjep)), actor: 'test' });
			expect(fj.lines.map((l) => [l.structureId, l.amount])).toEqual([[base.structures['CS-4S'], 7164]]);
			expect(fj.reviews.map((r) => [r.employerName, r.match.status])).toEqual([
				['ASSOC CENTRE SOCIAL QUATRE SAISONS', 'matched'],
				['CENTRE SOCIAL QUATRE', 'unmatched']
			]);
			const landed = (await linesOf(t.db)).filter((l) => l.year === 2022);
			expect(landed.map((l) => [l.external_id, l.partner, l.instrument, Number(l.amount), l.status])).toEqual([
				['CS-4S', 'ETAT-PV', 'FONJEP', 7164, 'verse'],
				['CS-GOD', 'ETAT-PV', 'ADULTES_RELAIS', 42001, 'verse']
			]);
			// a dry run writes nothing
			const dry = await importPostFunding(t.db, { kind: 'fonjep', fileName: 'fj.json', bytes: csv(JSON.stringify(fonjep)), actor: 'test', dryRun: true });
			expect(dry.written).toBeNull();
		});

		const realData = fs.existsSync(ADULTES_RELAIS) && fs.existsSync(FONJEP);
		if (!realData) console.warn(`[funding] ${DATA} absent : le test sur les fichiers réels ANCT est ignoré.`);
		it.skipIf(!realData)('the real ANCT 2023 files land on the structures with those SIRETs and names', async () => {
			const arBytes = new Uint8Array(fs.readFileSync(ADULTES_RELAIS));
			const fjBytes = new Uint8Array(fs.readFileSync(FONJEP));
			const rawAr = JSON.parse(fs.readFileSync(ADULTES_RELAIS, 'utf8')) as { code_tiers: string; montant: number; annee: number; insee_dep: string }[];
			const rawFj = JSON.parse(fs.readFileSync(FONJEP, 'utf8')) as { code_tiers: string; montant: number; insee_dep: string }[];
			const sum = (rows: { montant: number }[]) => Math.round(rows.reduce((s, r) => s + r.montant * 100, 0)) / 100;

			const ar = await importPostFunding(t.db, { kind: 'adultes_relais', fileName: path.basename(ADULTES_RELAIS), bytes: arBytes, actor: 'test' });
			const fj = await importPostFunding(t.db, { kind: 'fonjep', fileName: path.basename(FONJEP), bytes: fjBytes, actor: 'test' });
			const lines = (await linesOf(t.db)).filter((l) => l.year === 2023);
			const amount = (externalId: string, instrument: string) => {
				const found = lines.filter((l) => l.external_id === externalId && l.instrument === instrument);
				return found.length === 0 ? null : Number(found[0].amount);
			};
			// adultes-relais: every post of the SIRET, and only those (the decoy's SIRET is an Ain employer: outside the Nord)
			expect(amount('CS-GOD', 'ADULTES_RELAIS')).toBe(sum(rawAr.filter((r) => r.code_tiers === '34179264600026')));
			expect(amount('CS-BOU', 'ADULTES_RELAIS')).toBe(sum(rawAr.filter((r) => r.code_tiers === '41866472800049')));
			expect(amount('CS-4V', 'ADULTES_RELAIS')).toBeNull();
			expect(ar.lines).toHaveLength(2);
			expect(ar.unmatched.length).toBeGreaterThan(0);
			expect(ar.unmatched.every((r) => r.departement === '59')).toBe(true);
			// FONJEP: the three employers written differently are matched, the decoy « Quatre Vents » is not
			expect(amount('CS-4S', 'FONJEP')).toBe(sum(rawFj.filter((r) => r.code_tiers === 'CENTRE SOCIAL LES QUATRE SAISONS' && r.insee_dep === '59')));
			expect(amount('CS-HM', 'FONJEP')).toBe(sum(rawFj.filter((r) => r.code_tiers === 'CENTRE SOCIAL ET CULTUREL HENRI MARTEL' && r.insee_dep === '59')));
			expect(amount('CS-ARC', 'FONJEP')).toBe(sum(rawFj.filter((r) => r.code_tiers === 'CENTRE SOCIAL LARC ENSEMBLE' && r.insee_dep === '59')));
			expect(amount('CS-4V', 'FONJEP')).toBeNull();
			// the generic « CENTRE SOCIO CULTUREL » is listed for review, never matched
			expect(fj.reviews.find((r) => r.employerName === 'CENTRE SOCIO CULTUREL')?.match.status).toBe('unmatched');
			const matched = fj.reviews.filter((r) => r.match.status === 'matched');
			console.log(
				`[funding] FONJEP Nord : ${matched.length} employeurs rapprochés sur ${fj.reviews.length} ; ` +
					matched.map((r) => `${r.employerName} → ${r.match.best!.candidate.name} (${r.match.best!.score.toFixed(2)})`).join(' ; ')
			);
			expect(matched.map((r) => r.match.best!.candidate.id).sort()).toEqual([base.structures['CS-4S'], base.structures['CS-HM'], base.structures['CS-ARC']].sort());
		});
	});

	describe(`funding files on the demo database (${dialect.kind})`, () => {
		const t = suiteDatabase(dialect);
		beforeAll(async () => {
			await seedDemo(t.db, { referenceDate: '2026-06-30' });
		});

		it('runFundingImport refuses a database holding the fictional demo (demo and real data never mix)', async () => {
			await expect(runFundingImport(t.db, { fileName: 'f.csv', bytes: csv(GOOD), actor: 'test' })).rejects.toThrow(RejectedDataError);
			await expect(runFundingImport(t.db, { fileName: 'f.csv', bytes: csv(GOOD), actor: 'test' })).rejects.toThrow(/département fictif de démonstration/);
		});
	});
}
