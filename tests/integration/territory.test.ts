/**
 * The territory of work end to end on every dialect (issue 14), on the generated two-département
 * world of `tests/helpers/territory-world.ts`: the territory set by the first communes import or by
 * hand (audited, optimistically locked, with the default funders), scoped imports (band kept,
 * the rest set aside, idempotent, a file reaching beyond one département refused without a
 * territory), EPCI outlines drawn from the communes, INSEE poles, funders and instruments as
 * files, and every département figure without the band.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testDialects, type TestDb } from '../helpers/db';
import { tableChecksums } from '../fixtures/import/checksums';
import { runImport, type RunImportOptions } from '../../src/lib/server/import/run-import';
import { runFundingImport } from '../../src/lib/server/import/funding';
import { exportReferences, runReferenceImport } from '../../src/lib/server/import/reference-files';
import * as workTerritory from '../../src/lib/server/db/work-territory';
import * as meta from '../../src/lib/server/db/meta';
import * as overview from '../../src/lib/server/db/overview';
import * as territories from '../../src/lib/server/db/territories';
import * as structures from '../../src/lib/server/db/structures';
import * as funding from '../../src/lib/server/db/funding';
import { loadObservatoryInput } from '../../src/lib/server/db/observatory';
import { runCoverageAnalysis } from '../../src/lib/server/coverage/report';
import { ConflictError } from '../../src/lib/server/db/changes';
import { EMPTY_FILTERS } from '../../src/lib/funding/filters';
import { formatIssue } from '../../src/lib/io/messages-fr';
import { formatFundingIssue } from '../../src/lib/funding/import';
import {
	BAND_CODE,
	BAND_COMMUNES,
	FAR_CODE,
	IN_CODE,
	TERRITORY_COMMUNES,
	territoryCommunesGeoJson,
	worldCommunesGeoJson,
	worldPolesCsv,
	worldStructuresCsv
} from '../helpers/territory-world';

const text = (s: string) => new TextEncoder().encode(s);
const TODAY = '2026-06-30';
const ACTOR = { userId: null, label: 'test' };

for (const dialect of testDialects()) {
	describe(`the territory of work on ${dialect.kind}`, () => {
		let t: TestDb;
		const run = (o: Omit<RunImportOptions, 'actor' | 'fileName' | 'bytes'> & { content: string; fileName?: string }) =>
			runImport(t.db, { actor: 'test', fileName: o.fileName ?? `${o.kind}.txt`, bytes: text(o.content), today: TODAY, ...o });

		beforeAll(async () => {
			t = await dialect.open();
		});
		afterAll(() => t?.dispose());

		it('without a territory, a poles file reaching two départements is refused, nothing written; --tout accepts it', async () => {
			const fresh = await dialect.open();
			try {
				const before = await tableChecksums(fresh.db);
				const refused = await runImport(fresh.db, { kind: 'poles', fileName: 'poles.csv', bytes: text(worldPolesCsv().split('\n').slice(0, 4).join('\n')), actor: 'test' });
				expect(refused.status).toBe('rejected');
				expect(refused.issues).toHaveLength(1);
				expect(refused.issues.map(formatIssue)[0]).toBe(
					'Ce fichier couvre 2 départements (79, 86) et la base n’a pas encore de territoire de travail : définissez-le d’abord (« maillage territory set --departement NN », ou Administration › Territoire de travail), ou relancez avec --tout (case « Tout garder ») pour tout importer.'
				);
				expect(await tableChecksums(fresh.db)).toEqual(before);
				// Only the refusal is journaled: the database holds nothing else.
				expect(await meta.inUseReasons(fresh.db)).toEqual(['des imports journalisés']);
				// A territory set by hand, before any import, makes the database a real one (the demo never loads there).
				await workTerritory.set(fresh.db, ACTOR, { departements: ['86'], bandKm: 20 });
				expect(await meta.inUseReasons(fresh.db)).toContain('un territoire de travail');
				expect(await meta.datasetKind(fresh.db)).toBe('real');
			} finally {
				await fresh.dispose();
			}
		});

		it('the first communes import sets the territory, with the default funders and instruments, and draws the EPCI from the communes', async () => {
			const r = await run({ kind: 'communes', content: territoryCommunesGeoJson() });
			expect(r.status).toBe('accepted');
			expect(r.territorySet).toEqual({
				departements: ['86'],
				label: 'Vienne (86)',
				bandKm: 20,
				partnersAdded: ['CAF', 'CD', 'MSA', 'ETAT-PV'],
				instrumentsAdded: expect.arrayContaining(['PS_AGC', 'PS_ACF', 'PS_AL', 'ADULTES_RELAIS', 'FONJEP', 'BONUS_TERRITOIRE'])
			});
			expect(await workTerritory.get(t.db)).toMatchObject({ departements: ['86'], bandKm: 20, version: 1 });
			const partners = await t.db.selectFrom('partner').select(['code', 'name', 'kind']).orderBy('code').execute();
			expect(partners).toContainEqual({ code: 'CAF', name: 'Caf de la Vienne', kind: 'caf' });
			// EPCI: one outline per EPCI of the 16 communes, the dissolve of its members; partial (other members not loaded).
			const epcis = await t.db.selectFrom('epci').select(['siren', 'outline_source', 'outline_partial', 'geometry']).execute();
			const sirens = new Set((await t.db.selectFrom('commune').select('epci_siren').execute()).map((c) => c.epci_siren));
			expect(epcis.map((e) => e.siren).sort()).toEqual([...sirens].sort());
			for (const e of epcis) expect(e).toMatchObject({ outline_source: 'communes', outline_partial: true });
			expect(epcis.every((e) => e.geometry?.type === 'MultiPolygon')).toBe(true);
			expect(r.epciOutlines).toMatchObject({ built: epcis.length, partial: epcis.length });
			// Re-importing changes nothing, outlines included.
			const again = await run({ kind: 'communes', content: territoryCommunesGeoJson() });
			expect(again.counts).toEqual({ read: 16, inserted: 0, updated: 0, unchanged: 16, skipped: 0 });
			expect(again.epciOutlines).toMatchObject({ inserted: 0, updated: 0, unchanged: epcis.length });
		});

		it('a national communes file keeps the territory and the band, sets the rest aside, and again the same', async () => {
			const r = await run({ kind: 'communes', content: worldCommunesGeoJson() });
			// The 16 territory communes are the same; the display outline of one touching the new band communes may be
			// simplified differently (shared borders are simplified with the neighbours of the file).
			expect(r.counts).toMatchObject({ read: 24, inserted: 4, skipped: 0, setAside: 4, band: 4 });
			expect(r.counts.updated + r.counts.unchanged).toBe(16);
			expect(r.scope.setAsideByDepartement).toEqual({ '79': 4 });
			const again = await run({ kind: 'communes', content: worldCommunesGeoJson() });
			expect(again.counts).toEqual({ read: 24, inserted: 0, updated: 0, unchanged: 20, skipped: 0, setAside: 4, band: 4 });
			const stored = await t.db.selectFrom('commune').select('code').where('code', '=', FAR_CODE).executeTakeFirst();
			expect(stored).toBeUndefined();
			expect(await workTerritory.counts(t.db)).toMatchObject({ communes: { territory: 16, band: 4 } });
		});

		it('poles and structures: the band’s kept « hors département », the far ones set aside with warnings only', async () => {
			const poles = await run({ kind: 'poles', content: worldPolesCsv() });
			expect(poles.status).toBe('accepted');
			expect(poles.counts).toMatchObject({ read: 5, inserted: 2, setAside: 3, band: 1 });
			const s = await run({ kind: 'structures', content: worldStructuresCsv() });
			expect(s.status).toBe('accepted');
			expect(s.counts).toMatchObject({ read: 3, inserted: 2, setAside: 1, band: 1 });
			expect(await workTerritory.counts(t.db)).toMatchObject({ structures: { territory: 1, band: 1 }, poles: { territory: 1, band: 1 } });
		});

		it('every figure of the département leaves the band out: overview, territoires, structures, coverage, funding, observatory', async () => {
			const figures = await overview.keyFigures(t.db, TODAY);
			expect(figures).toMatchObject({ communes: 16, cs: 1, evs: 0, departements: [{ code: '86', name: 'Vienne' }] });
			const population = TERRITORY_COMMUNES.reduce((sum, c) => sum + (c.population ?? 0), 0);
			expect(figures.population).toBe(population);
			const epcis = await territories.epciSummary(t.db, TODAY);
			expect(epcis.reduce((n, e) => n + e.communes, 0)).toBe(16);
			expect((await territories.listCommunes(t.db, TODAY, { pageSize: 500 })).total).toBe(16);
			expect((await territories.getCommune(t.db, BAND_CODE, TODAY))?.outside).toBe(true);
			expect((await structures.list(t.db, TODAY)).map((x) => x.name)).toEqual(['Centre social du territoire']);
			const run_ = await runCoverageAnalysis(t.db, { date: TODAY });
			expect(run_.report.summary).toMatchObject({ communes: 16, population, band: { communes: 4, structures: 1 } });
			expect(run_.report.summary.structures).toMatchObject({ countedCs: 1, countedEvs: 0 });
			expect(run_.report.communes.filter((c) => c.horsDepartement).map((c) => c.code).sort()).toEqual(BAND_COMMUNES.map((c) => c.code).sort());
			// A funding line of the band's structure is never in the département's funding.
			const band = await t.db.selectFrom('structure').select('id').where('external_id', '=', 'EVS-BAND').executeTakeFirstOrThrow();
			const caf = await t.db.selectFrom('partner').select('id').where('code', '=', 'CAF').executeTakeFirstOrThrow();
			const ps = await t.db.selectFrom('funding_instrument').select('id').where('code', '=', 'PS_AL').executeTakeFirstOrThrow();
			await t.db.insertInto('funding_line').values({ structure_id: band.id, partner_id: caf.id, instrument_id: ps.id, year: 2026, amount: 1000, status: 'verse' }).execute();
			expect((await funding.listLines(t.db, { kind: 'all' }, EMPTY_FILTERS)).lines).toEqual([]);
			expect((await overview.fundingByStatus(t.db, 2026)).total).toBe(0);
			expect((await loadObservatoryInput(t.db)).structures.map((x) => x.name)).toEqual(['Centre social du territoire']);
			await t.db.deleteFrom('funding_line').execute();
		});

		it('--bande-seulement: a national file adds the band’s communes and leaves the territory’s as stored; refused where it means nothing', async () => {
			const fresh = await dialect.open();
			try {
				const imp = (content: string, extra: Partial<RunImportOptions> = {}) =>
					runImport(fresh.db, { actor: 'test', fileName: 'communes.geojson', bytes: text(content), today: TODAY, kind: 'communes', ...extra });
				// Before the territory's communes: nothing to measure the band from.
				await expect(imp(worldCommunesGeoJson(), { bandOnly: true })).rejects.toThrow('importez d’abord les communes du territoire');
				expect((await imp(territoryCommunesGeoJson())).status).toBe('accepted');
				const territoryRows = () => fresh.db.selectFrom('commune').selectAll().where('departement_code', '=', '86').orderBy('code').execute();
				const before = await territoryRows();
				const r = await imp(worldCommunesGeoJson(), { bandOnly: true });
				expect(r.counts).toEqual({ read: 24, inserted: 4, updated: 0, unchanged: 0, skipped: 0, setAside: 20, band: 4 });
				expect(r.scope).toMatchObject({ territory: 0, band: 4, territoryLeft: 16, setAsideByDepartement: { '79': 4 } });
				expect(await territoryRows()).toEqual(before);
				expect(await workTerritory.counts(fresh.db)).toMatchObject({ communes: { territory: 16, band: 4 } });
				// Idempotent.
				expect((await imp(worldCommunesGeoJson(), { bandOnly: true })).counts).toMatchObject({ inserted: 0, updated: 0, unchanged: 4 });
				await expect(imp(worldCommunesGeoJson(), { bandOnly: true, keepAll: true })).rejects.toThrow('s’excluent');
				await expect(
					runImport(fresh.db, { actor: 'test', fileName: 'poles.csv', bytes: text(worldPolesCsv()), kind: 'poles', bandOnly: true })
				).rejects.toThrow('qu’à un import de communes');
			} finally {
				await fresh.dispose();
			}
		});

		it('widening the band keeps what is stored until the file is imported again; then the rows now in the band are checked in full', async () => {
			const fresh = await dialect.open();
			try {
				const imp = (kind: 'communes' | 'poles', content: string, extra: Partial<RunImportOptions> = {}) =>
					runImport(fresh.db, { actor: 'test', fileName: `${kind}.txt`, bytes: text(content), today: TODAY, kind, ...extra });
				await imp('communes', territoryCommunesGeoJson());
				const first = await imp('poles', worldPolesCsv());
				expect(first.counts).toMatchObject({ inserted: 2, setAside: 3, band: 1 });
				expect(first.issues.every((i) => i.severity === 'warning')).toBe(true);
				const current = (await workTerritory.get(fresh.db))!;
				await workTerritory.set(fresh.db, ACTOR, { departements: ['86'], bandKm: 80, expectedVersion: current.version });
				// Nothing set aside was kept: the wider band is empty until the file comes again.
				expect(await workTerritory.counts(fresh.db)).toMatchObject({ poles: { territory: 1, band: 1 } });
				// Again: the far rows now lie in the band, so they are checked — the malformed one is an error.
				const strict = await imp('poles', worldPolesCsv());
				expect(strict.status).toBe('rejected');
				expect(strict.issues.filter((i) => i.severity === 'error').map(formatIssue).join(' ')).toMatch(/^Ligne 5, colonne nom : « 79009 Pôle lointain »/);
				expect(await workTerritory.counts(fresh.db)).toMatchObject({ poles: { territory: 1, band: 1 } });
				const wide = await imp('poles', worldPolesCsv(), { skipInvalid: true });
				expect(wide.status).toBe('partial');
				// The duplicate skipped; the unreadable latitude cannot be placed (its commune is not stored): still set aside.
				expect(wide.counts).toMatchObject({ read: 5, inserted: 1, unchanged: 2, skipped: 1, setAside: 1, band: 2 });
				expect(await workTerritory.counts(fresh.db)).toMatchObject({ poles: { territory: 1, band: 2 } });
			} finally {
				await fresh.dispose();
			}
		});

		it('changes the territory at its version; a stale version is a conflict, never an overwrite', async () => {
			const current = (await workTerritory.get(t.db))!;
			await workTerritory.set(t.db, ACTOR, { departements: ['86'], bandKm: 15, expectedVersion: current.version });
			await expect(workTerritory.set(t.db, ACTOR, { departements: ['86'], bandKm: 25, expectedVersion: current.version })).rejects.toThrow(ConflictError);
			expect(await workTerritory.get(t.db)).toMatchObject({ bandKm: 15, version: current.version + 1 });
			await expect(workTerritory.set(t.db, ACTOR, { departements: ['99'], bandKm: 20 })).rejects.toThrow('département inconnu : « 99 »');
			const audit = await t.db.selectFrom('audit_log').select(['action', 'before', 'after']).where('entity', '=', 'work_territory').orderBy('id').execute();
			expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
			expect(audit[1]).toMatchObject({ before: { bandKm: 20 }, after: { bandKm: 15 } });
			await workTerritory.set(t.db, ACTOR, { departements: ['86'], bandKm: 20 });
		});

		it('INSEE poles: the definition stored as dated reference data, idempotent, a newer vintage replaces the older', async () => {
			const table = ['CODGEO;LIBGEO;BV2012', ...TERRITORY_COMMUNES.map((c) => `${c.code};${c.nom};${IN_CODE}`), `${FAR_CODE};Loin;${FAR_CODE}`].join('\n');
			const first = await run({ kind: 'poles_insee', content: table, poleDefinition: 'bassins-de-vie', fileName: 'table.csv' });
			expect(first.status).toBe('accepted');
			expect(first.counts).toMatchObject({ read: 17, inserted: 1, setAside: 1 });
			const definition = await t.db.selectFrom('pole_definition').selectAll().where('code', '=', 'insee-bv2012').executeTakeFirstOrThrow();
			expect(definition).toMatchObject({ label: 'pôle de bassin de vie', producer: 'INSEE', zoning: 'zonage 2012', vintage: 2012, valid_from: '2012-01-01' });
			expect(definition.source).toContain('table.csv');
			const again = await run({ kind: 'poles_insee', content: table, poleDefinition: 'bassins-de-vie', fileName: 'table.csv' });
			expect(again.counts).toMatchObject({ inserted: 0, unchanged: 1 });
			const newer = await run({ kind: 'poles_insee', content: table.replace('BV2012', 'BV2022').replaceAll(`;${IN_CODE}`, `;${TERRITORY_COMMUNES[0].code}`), poleDefinition: 'bassins-de-vie' });
			expect(newer.issues.map(formatIssue)).toContain(
				'1 pôle (pôle de bassin de vie, zonage 2022 ou millésime antérieur) absent du nouveau fichier : supprimé, le fichier remplaçant les pôles de ce zonage.'
			);
			const poles = await t.db.selectFrom('activity_pole').select(['commune_code', 'definition_code']).orderBy('definition_code').orderBy('commune_code').execute();
			expect(poles.filter((p) => p.definition_code.startsWith('insee'))).toEqual([{ commune_code: TERRITORY_COMMUNES[0].code, definition_code: 'insee-bv2022' }]);
			expect(poles.filter((p) => p.definition_code === 'fichier')).toHaveLength(2);
			// The isolation reasons name the zoning of the nearest INSEE pole.
			const coverage = await runCoverageAnalysis(t.db, { date: TODAY });
			const reasons = coverage.report.communes.flatMap((c) => c.reasons.map((r) => r.text));
			expect(reasons.some((r) => r.includes('(pôle d’activités : pôle de bassin de vie, INSEE, zonage 2022)'))).toBe(true);
		});

		it('funders and instruments files: created, updated, unchanged by code, audited; a bad file writes nothing', async () => {
			const file = 'code;nom;nature;territoire\nCAF;Caf de la Vienne (Poitiers);CAF;86\nREGION;Région Nouvelle-Aquitaine;Région;75\nCD;Conseil départemental de la Vienne;Conseil départemental;86\n';
			const r = await runReferenceImport(t.db, { kind: 'partenaires', fileName: 'financeurs.csv', bytes: text(file), actor: 'test' });
			expect(r.counts).toEqual({ read: 3, inserted: 1, updated: 1, unchanged: 1, skipped: 0 });
			const again = await runReferenceImport(t.db, { kind: 'partenaires', fileName: 'financeurs.csv', bytes: text(file), actor: 'test' });
			expect(again.counts).toEqual({ read: 3, inserted: 0, updated: 0, unchanged: 3, skipped: 0 });
			const audit = await t.db.selectFrom('audit_log').select(['action', 'entity']).where('import_log_id', '=', r.importLogId).execute();
			expect(audit).toEqual([{ action: 'import', entity: 'partner' }]);
			const before = await tableChecksums(t.db);
			const bad = await runReferenceImport(t.db, { kind: 'partenaires', fileName: 'bad.csv', bytes: text('code;nom;nature\nX;Un;caf\nX;Deux;caf\n'), actor: 'test' });
			expect(bad.status).toBe('rejected');
			expect(bad.issues.map(formatFundingIssue)).toEqual(['Ligne 3, colonne code : « X » figure déjà plus haut dans le fichier (ligne 2) : chaque code ne doit apparaître qu’une fois.']);
			expect(await tableChecksums(t.db)).toEqual(before);
			const exported = new TextDecoder('utf-8', { ignoreBOM: true }).decode((await exportReferences(t.db, 'dispositifs', 'csv')).bytes);
			expect(exported.split('\r\n')[0]).toBe('\ufeffcode;libelle;famille;nature_financeur;debut;fin');
			const back = await runReferenceImport(t.db, { kind: 'dispositifs', fileName: 'dispositifs.csv', bytes: text(exported), actor: 'test' });
			expect(back.counts).toMatchObject({ inserted: 0, updated: 0, unchanged: 12 });
		});

		it('a funding file naming a commune of the territory creates COM-…; one outside the territory is refused, nothing written', async () => {
			const csv = (financeur: string) => `annee;structure;financeur;dispositif;montant;statut\n2025;CS-IN;${financeur};COLLECTIVITE_SUBV;12000;versé\n`;
			const r = await runFundingImport(t.db, { fileName: 'f.csv', bytes: text(csv(IN_CODE)), actor: 'test' });
			expect(r.status).toBe('accepted');
			expect(r.partnersCreated).toEqual([{ code: `COM-${IN_CODE}`, name: expect.stringMatching(/^Commune /) }]);
			const partner = await t.db.selectFrom('partner').select(['kind', 'territory_code']).where('code', '=', `COM-${IN_CODE}`).executeTakeFirstOrThrow();
			expect(partner).toEqual({ kind: 'commune', territory_code: IN_CODE });
			const again = await runFundingImport(t.db, { fileName: 'f.csv', bytes: text(csv(IN_CODE)), actor: 'test' });
			expect(again).toMatchObject({ partnersCreated: [], counts: { unchanged: 1 } });
			const before = await tableChecksums(t.db);
			const outside = await runFundingImport(t.db, { fileName: 'f.csv', bytes: text(csv(BAND_CODE)), actor: 'test' });
			expect(outside.status).toBe('rejected');
			expect(outside.issues.map(formatFundingIssue)[0]).toMatch(new RegExp(`^Ligne 2, colonne financeur : la commune ${BAND_CODE} \\(.*\\) n’est pas du territoire de travail \\(86\\)`));
			expect(await tableChecksums(t.db)).toEqual(before);
		});

		it('db status counts: one shared rule in SQL, whatever the département codes look like', async () => {
			const r = await sql<{ n: number }>`select count(*)::int as n from commune where ${workTerritory.communeInTerritory('commune')}`.execute(t.db);
			expect(r.rows[0].n).toBe(16);
		});
	});
}
