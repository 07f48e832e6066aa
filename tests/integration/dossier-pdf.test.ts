/**
 * The printed dossier, produced in plain JavaScript on both dialects, read back with pdftotext:
 * headings, the territory, and figures equal to the engines' (covered share, inhabitants,
 * funding total), for the département and for one EPCI.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../helpers/db';
import { suiteDatabase } from '../helpers/suite-db';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { runCoverageAnalysis } from '../../src/lib/server/coverage';
import { buildDossierData, UnknownEpciError } from '../../src/lib/server/dossier/data';
import { dossierFileName, renderDossierPdf } from '../../src/lib/server/dossier/pdf';
import { formatEuros, formatNumber, formatPercent } from '../../src/lib/format';
import { loadQpvView } from '../../src/lib/server/coverage/qpv-view';

const TODAY = '2026-06-30';
const PDFTOTEXT = '/usr/bin/pdftotext';
const hasPdftotext = existsSync(PDFTOTEXT);
if (!hasPdftotext) console.warn('[tests] pdftotext absent (apt-get install poppler-utils) : le texte du PDF n’est pas vérifié.');

/** Text of a PDF, spaces of every kind folded to one space. */
function pdfText(bytes: Uint8Array, dir: string): string {
	const file = path.join(dir, `d-${Math.random().toString(36).slice(2)}.pdf`);
	writeFileSync(file, bytes);
	const r = spawnSync(PDFTOTEXT, ['-layout', file, '-'], { encoding: 'utf8' });
	expect(r.status).toBe(0);
	return r.stdout.replace(/[\s\u00a0\u202f]+/g, ' ');
}
/** Non-empty text lines of each page of a PDF (pdftotext -layout, page by page). */
function pdfPages(bytes: Uint8Array, dir: string): number[] {
	const file = path.join(dir, `p-${Math.random().toString(36).slice(2)}.pdf`);
	writeFileSync(file, bytes);
	const info = spawnSync('/usr/bin/pdfinfo', [file], { encoding: 'utf8' });
	const count = Number(/Pages:\s+(\d+)/.exec(info.stdout)?.[1] ?? 0);
	return Array.from({ length: count }, (_, i) => {
		const r = spawnSync(PDFTOTEXT, ['-layout', '-f', String(i + 1), '-l', String(i + 1), file, '-'], { encoding: 'utf8' });
		return r.stdout.split('\n').filter((line) => line.trim() !== '').length;
	});
}
const fold = (s: string) => s.replace(/[\s\u00a0\u202f]+/g, ' ');

for (const dialect of testDialects()) {
	describe(`printed dossier on ${dialect.kind}`, () => {
		const t = suiteDatabase(dialect);
		let dir: string;

		beforeAll(async () => {
			await seedDemo(t.db, { referenceDate: TODAY });
			dir = mkdtempSync(path.join(os.tmpdir(), 'maillage-dossier-'));
		});
		afterAll(() => {
			if (dir) rmSync(dir, { recursive: true, force: true });
		});

		it('produces a PDF of the département whose text holds the headings and the engines’ figures', async () => {
			const data = await buildDossierData(t.db, TODAY);
			const { report } = await runCoverageAnalysis(t.db, { date: TODAY });
			expect(data.summary).toMatchObject({ population: report.summary.population, populationCovered: report.summary.covered.population, shareCovered: report.summary.shareCovered });
			expect(data.map.communes.length).toBe(report.summary.communes);
			const pdf = await renderDossierPdf(data);
			expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
			expect(dossierFileName(data)).toBe(`maillage-dossier-departement-${TODAY}.pdf`);
			if (!hasPdftotext) return;
			const text = pdfText(pdf, dir);
			for (const heading of ['Dossier de l’animation de la vie sociale', 'Carte de la couverture', 'Chiffres clés', 'Territoires prioritaires', 'Financements par financeur', 'Avancement de l’accord-cadre', 'Indicateurs du schéma directeur']) {
				expect(text).toContain(heading);
			}
			expect(text).toContain('Département fictif de démonstration (00)');
			expect(text).toContain(`Part de la population couverte ${fold(formatPercent(report.summary.shareCovered))}`);
			expect(text).toContain(`Habitants ${fold(formatNumber(report.summary.population))}`);
			expect(text).toContain(`Total ${fold(data.funding.yearTotals.map((v) => formatEuros(v)).join(' '))}`);
			expect(text).toContain(data.priorities[0].name);
			expect(text).toMatch(/Page 1 \/ \d/);
			// the agréments section: renewals due, overdue renewals and key posts vacant, with counts
			expect(text).toContain('Agréments et postes');
			expect(text).toContain(`Renouvellements à préparer dans les ${data.agrements.windowMonths} prochains mois : ${data.agrements.due.length}`);
			expect(text).toContain(`Agréments échus sans renouvellement : ${data.agrements.overdue.length}`);
			expect(text).toContain(`Postes de direction et de référent familles vacants : ${data.agrements.vacancies.length}`);
			for (const v of data.agrements.vacancies.slice(0, 3)) expect(text).toContain(v.structureName);
			// the QPV section (issue 13 §3): the QPV view of the day, generation in force
			const qpv = await loadQpvView(t.db, TODAY);
			expect(qpv.summary.qpvs).toBeGreaterThan(0);
			expect(data.qpv.summary).toEqual(qpv.summary);
			expect(data.qpv.unserved.map((r) => r.code)).toEqual(qpv.unserved.map((r) => r.code));
			expect(text).toContain('Quartiers prioritaires');
			expect(text).toContain(`${qpv.summary.qpvs} quartiers prioritaires (${qpv.generation})`);
			expect(text).toContain(`Quartiers sans structure de l’animation de la vie sociale : ${qpv.summary.unserved}`);
			for (const r of qpv.unserved) expect(text).toContain(r.name);
			expect(text).toContain(qpv.threshold.regime);
			// no mostly blank page: every page but the last is at least half full
			const pages = pdfPages(pdf, dir);
			expect(pages.length).toBeGreaterThan(1);
			for (const [i, lines] of pages.slice(0, -1).entries()) expect(lines, `page ${i + 1}`).toBeGreaterThan(25);
		});

		it('produces the dossier of one EPCI, restricted to its communes and structures', async () => {
			const epci = await t.db.selectFrom('epci').select(['siren', 'name']).orderBy('siren').executeTakeFirstOrThrow();
			const data = await buildDossierData(t.db, TODAY, epci.siren);
			const communes = await t.db.selectFrom('commune').select(['code', 'population']).where('epci_siren', '=', epci.siren).execute();
			expect(data.summary.communes).toBe(communes.length);
			expect(data.summary.population).toBe(communes.reduce((s, c) => s + (c.population ?? 0), 0));
			expect(data.map.communes.length).toBe(communes.length);
			const codes = new Set(communes.map((c) => c.code));
			expect(data.priorities.every((p) => codes.has(p.code))).toBe(true);
			// Its QPV: those with a commune in the EPCI, counted apart.
			const qpv = await loadQpvView(t.db, TODAY);
			const own = qpv.rows.filter((r) => r.communes.some((c) => codes.has(c.code)));
			expect(data.qpv.summary.qpvs).toBe(own.length);
			expect(data.qpv.summary.unserved).toBe(own.filter((r) => !r.served).length);
			expect(data.qpv.unserved.every((r) => r.communes.some((c) => codes.has(c.code)))).toBe(true);
			const pdf = await renderDossierPdf(data);
			if (hasPdftotext) expect(pdfText(pdf, dir)).toContain(epci.name);
			await expect(buildDossierData(t.db, TODAY, '999999999')).rejects.toBeInstanceOf(UnknownEpciError);
		});
	});
}
