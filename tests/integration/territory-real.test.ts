/**
 * Issue 14 §5 on the real open data of ../shared/data, on every dialect: the Sarthe (72) loaded
 * as a Caf would (`tests/helpers/sarthe.ts`) — 354 communes; the national EPCI file keeps the EPCI
 * holding Sarthe communes only; France services as poles keeps the Sarthe's and the border band's
 * and nothing farther; the poles of the INSEE bassins de vie; a structures, a partners and a
 * funding file; the coverage and the overview figures without the band. Skipped, with a message,
 * where ../shared/data is absent; every behaviour is also tested on generated data
 * (territory.test.ts, territory-scope.test.ts, poles-insee-references.test.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MultiPolygon, Polygon } from 'geojson';
import { testDialects, type TestDb } from '../helpers/db';
import { loadSarthe, sarthePresent, SHARED_DATA, SARTHE_FILES, type SartheReports } from '../helpers/sarthe';
import { buildTerritoryOutline, distanceToTerritoryKm } from '../../src/lib/analysis/territory-outline';
import { runCoverageAnalysis } from '../../src/lib/server/coverage/report';
import * as overview from '../../src/lib/server/db/overview';
import * as workTerritory from '../../src/lib/server/db/work-territory';
import { officialGeography } from '../../src/lib/server/import/official';
import { formatIssue } from '../../src/lib/io/messages-fr';
import { runFundingImport } from '../../src/lib/server/import/funding';
import { formatFundingIssue } from '../../src/lib/funding/import';

if (!sarthePresent) console.warn(`[tests] ${SHARED_DATA} absent : le test de la Sarthe sur données réelles est ignoré.`);

const TODAY = '2026-06-30';

for (const dialect of testDialects()) {
	describe.skipIf(!sarthePresent)(`the Sarthe from the real open data on ${dialect.kind}`, () => {
		let t: TestDb;
		let reports: SartheReports;
		const timings: string[] = [];
		beforeAll(async () => {
			t = await dialect.open();
			reports = await loadSarthe(t.db, (name, s) => timings.push(`${name} ${s.toFixed(2)} s`));
		});
		afterAll(async () => {
			console.log(`[sarthe ${dialect.kind}] ${timings.join(' · ')}`);
			await t?.dispose();
		});

		it('communes: 354, and the territory of work becomes the Sarthe with a 20 km band', async () => {
			expect(reports.communes.counts).toMatchObject({ read: 354, inserted: 354, skipped: 0 });
			expect(reports.communes.territorySet).toMatchObject({ departements: ['72'], label: 'Sarthe (72)', bandKm: 20 });
			expect(await workTerritory.get(t.db)).toMatchObject({ departements: ['72'], bandKm: 20 });
		});

		it('the national EPCI file keeps only the EPCI holding Sarthe communes, interdepartmental ones whole', async () => {
			const r = reports.epci;
			expect(r.status).toBe('accepted');
			const kept = await t.db.selectFrom('epci').select(['siren', 'interdepartemental', 'outline_source']).orderBy('siren').execute();
			const sirensOfCommunes = new Set((await t.db.selectFrom('commune').select('epci_siren').execute()).map((c) => c.epci_siren));
			expect(kept.map((e) => e.siren)).toEqual([...sirensOfCommunes].filter(Boolean).sort());
			expect(kept.every((e) => e.outline_source === 'fichier')).toBe(true);
			const official = officialGeography();
			for (const e of kept) {
				const members = official.epci(e.siren)?.memberCodes ?? [];
				expect(members.some((code) => code.startsWith('72')), e.siren).toBe(true);
				const deps = new Set(members.map((code) => official.resolve(code)).flatMap((res) => (res.status === 'current' ? [res.commune.departementCode] : [])));
				expect(e.interdepartemental, e.siren).toBe(deps.size > 1);
			}
			expect(kept.filter((e) => e.interdepartemental).length).toBeGreaterThan(0);
			// 1,357 features read, all but the Sarthe's set aside by département.
			expect(r.counts.read).toBe(1357);
			expect(r.scope.setAside + r.scope.territory + r.counts.skipped).toBe(1357);
		});

		it('France services as poles: the Sarthe’s 26 plus the band’s, none farther than 20 km; Martinique’s duplicate no longer refuses the file', async () => {
			const r = reports.franceServices;
			expect(r.status).toBe('accepted');
			expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
			expect(r.scope).toMatchObject({ territory: 26 });
			expect(r.scope.band).toBeGreaterThan(0);
			expect(r.counts).toMatchObject({ read: 2845, inserted: 26 + r.scope.band, setAside: 2845 - 26 - r.scope.band });
			const communes = await t.db.selectFrom('commune').select('geometry').execute();
			const outline = buildTerritoryOutline(communes.map((c) => c.geometry as Polygon | MultiPolygon))!;
			const poles = await t.db.selectFrom('activity_pole').select(['name', 'lon', 'lat', 'commune_code']).where('definition_code', '=', 'fichier').execute();
			for (const p of poles) expect(distanceToTerritoryKm(outline, p.lon, p.lat, 20.5), p.name).toBeLessThanOrEqual(20.5);
			expect(poles.filter((p) => !p.commune_code.startsWith('72'))).toHaveLength(r.scope.band);
		});

		it('poles of the bassins de vie: one per BV whose pôle commune is in the Sarthe; merged codes and ZZZZZ reported', async () => {
			const r = reports.bassinsDeVie;
			expect(r.status).toBe('accepted');
			// Independent count: distinct BV2012 codes starting with 72 in the raw file.
			const raw = fs.readFileSync(path.join(SHARED_DATA, SARTHE_FILES.insee), 'latin1').split(/\r?\n/).slice(1);
			const codes = new Set(raw.map((line) => line.split(';')[16]).filter((bv) => bv?.length === 5 && bv.startsWith('72')));
			const poles = await t.db.selectFrom('activity_pole').select(['commune_code', 'type']).where('definition_code', '=', 'insee-bv2012').execute();
			expect(poles.map((p) => p.commune_code).sort()).toEqual([...codes].sort());
			expect(poles.every((p) => p.type === 'pôle de bassin de vie')).toBe(true);
			const messages = r.issues.map(formatIssue);
			for (const code of ['22007', '35129', '49313']) expect(messages.some((m) => m.includes(`la commune pôle ${code} n’existe plus`))).toBe(true);
			expect(messages.some((m) => m.includes('« ZZZZZ » n’est pas un code de commune'))).toBe(true);
		});

		it('structures: the Sarthe’s and the band’s kept, Paris and Lyon set aside (Lyon’s bad type a warning)', async () => {
			const r = reports.structures;
			expect(r.status).toBe('accepted');
			expect(r.counts).toMatchObject({ read: 12, inserted: 10, setAside: 2, band: 2 });
			expect(await workTerritory.counts(t.db)).toMatchObject({ structures: { territory: 8, band: 2 } });
		});

		it('partners and funding: the file updates the Caf and adds the Région; Le Mans and its EPCI become partners', async () => {
			expect(reports.partners.counts).toEqual({ read: 3, inserted: 2, updated: 1, unchanged: 0, skipped: 0 });
			expect(reports.funding.status).toBe('accepted');
			expect(reports.funding.partnersCreated).toEqual([
				{ code: 'COM-72181', name: 'Commune du Mans' },
				{ code: 'EPCI-247200132', name: 'CU Le Mans Métropole' }
			]);
			const refused = await runFundingImport(t.db, {
				fileName: 'laval.csv',
				bytes: new TextEncoder().encode('annee;structure;financeur;dispositif;montant;statut\n2025;TEST-CS-01;53130;COLLECTIVITE_SUBV;1000;versé\n'),
				actor: 'test'
			});
			expect(refused.issues.map(formatFundingIssue)).toEqual([
				'Ligne 2, colonne financeur : la commune 53130 (Laval) n’est pas du territoire de travail (72) : seuls ses communes et EPCI deviennent financeurs d’office ; créez ce financeur dans Financements › Financeurs si c’est voulu.'
			]);
		});

		it('coverage runs, the band counting for distances only; the overview’s figures are the Sarthe’s', async () => {
			const run = await runCoverageAnalysis(t.db, { date: TODAY });
			const summary = run.report.summary;
			const sarthePopulation = Number(
				(await t.db.selectFrom('commune').select((eb) => eb.fn.sum<number>('population').as('p')).executeTakeFirstOrThrow()).p
			);
			expect(summary).toMatchObject({ communes: 354, population: sarthePopulation, band: { communes: 0, structures: 2 } });
			expect(summary.structures).toMatchObject({ countedCs: 5, countedEvs: 3 });
			expect(summary.structuresPer10k.total).toBeCloseTo((8 / sarthePopulation) * 10_000, 6);
			// Communes on the Orne border have Alençon's centre social as their nearest structure.
			const alencon = await t.db.selectFrom('structure').select('id').where('external_id', '=', 'TEST-CS-ALENCON').executeTakeFirstOrThrow();
			expect(run.report.communes.some((c) => c.nearestStructureId === alencon.id)).toBe(true);
			const figures = await overview.keyFigures(t.db, TODAY);
			expect(figures).toMatchObject({ communes: 354, cs: 5, evs: 3, population: sarthePopulation, departements: [{ code: '72', name: 'Sarthe' }] });
			expect(figures.epci).toBe((await t.db.selectFrom('epci').select('siren').execute()).length);
			const funding2025 = await overview.fundingByStatus(t.db, 2025);
			expect(funding2025.total).toBe(68000 + 15000 + 40000 + 25000 + 21000 + 5000);
		});
	});
}
