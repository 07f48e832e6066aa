/**
 * `maillage export …` end to end (usage errors in child processes, the rest through the tool's entry in this process: `callMaillage`), on a throw-away PGlite folder seeded with the
 * demo: the observatory CSV on stdout (BOM, French columns), JSON to a file, the dictionary, the
 * printed dossier to a PDF file, and French usage errors with exit code 2.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callMaillage, runMaillage } from '../helpers/cli';
import { OBSERVATORY_FIELDS } from '../../src/lib/observatory/dictionary';
import { parseFieldCsv } from '../../src/lib/observatory/csv';
import { isoDateInParis } from '../../src/lib/format';

const YEAR = Number(isoDateInParis(new Date()).slice(0, 4)) - 1;

describe('maillage export', () => {
	let dir: string;
	let env: Record<string, string>;

	beforeAll(async () => {
		dir = mkdtempSync(path.join(os.tmpdir(), 'maillage-export-'));
		env = { MAILLAGE_DATA_DIR: path.join(dir, 'pglite') };
		const seeded = await callMaillage(['db', 'seed-demo'], { env, timeoutMs: 120_000 });
		expect(seeded.code, seeded.stderr).toBe(0);
	}, 150_000);
	afterAll(() => {
		if (dir) rmSync(dir, { recursive: true, force: true });
	});

	it('export observatoire --format csv writes the CSV on stdout and the checks on stderr', async () => {
		const r = await callMaillage(['export', 'observatoire', '--annee', String(YEAR), '--format', 'csv'], { env, timeoutMs: 90_000 });
		expect(r.code, r.stderr).toBe(0);
		expect(r.stdout.charCodeAt(0)).toBe(0xfeff);
		const rows = parseFieldCsv(r.stdout, OBSERVATORY_FIELDS);
		expect(rows.length).toBeGreaterThan(15);
		expect(rows.every((row) => row.annee === YEAR)).toBe(true);
		expect(r.stderr).toMatch(new RegExp(`Observatoire ${YEAR} : ${rows.length} fiche\\(s\\), \\d+ erreur\\(s\\)`));
	});

	it('export observatoire --format json --out writes the file, export dictionnaire the dictionary', async () => {
		const out = path.join(dir, 'obs.json');
		const r = await callMaillage(['export', 'observatoire', '--annee', String(YEAR), '--format', 'json', '--out', out], { env, timeoutMs: 90_000 });
		expect(r.code, r.stderr).toBe(0);
		expect(r.stdout).toBe('');
		const json = JSON.parse(readFileSync(out, 'utf8'));
		expect(json).toMatchObject({ format: 'maillage-observatoire', annee: YEAR });
		const d = await callMaillage(['export', 'dictionnaire', '--format', 'csv'], { env });
		expect(d.code).toBe(0);
		const lines = d.stdout.split('\r\n');
		expect(lines[0]).toBe('\ufeffChamp (JSON, colonne d’import);En-tête de colonne;Signification;Type;Import;Source dans Maillage;Rubrique');
		// Every entered SENACS section is published, with its import role.
		for (const key of ['heures_benevolat', 'personnes_0_5', 'instance_habitants', 'convention_collective', 'reponse_senacs', 'produits_total']) {
			expect(lines.find((l) => l.startsWith(`${key};`))).toMatch(/;Saisie : lue à l’import/);
		}
		expect(lines.find((l) => l.startsWith('resultat;'))).toMatch(/;Calculée par Maillage : ignorée à l’import/);
	});

	it('export dossier --out writes a PDF with the expected headings', async () => {
		const out = path.join(dir, 'dossier.pdf');
		const r = await callMaillage(['export', 'dossier', '--out', out], { env, timeoutMs: 90_000 });
		expect(r.code, r.stderr).toBe(0);
		expect(r.stderr).toMatch(/Dossier de Département fictif de démonstration \(00\) : \d+ octets/);
		expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
		if (existsSync('/usr/bin/pdftotext')) {
			const text = spawnSync('/usr/bin/pdftotext', [out, '-'], { encoding: 'utf8' }).stdout;
			expect(text).toContain('Chiffres clés');
			expect(text).toContain('Territoires prioritaires');
		}
	});

	it('refuses a missing year, an unknown format and a malformed EPCI in French, exit 2', async () => {
		const [noYear, badFormat, badEpci] = await Promise.all([
			runMaillage(['export', 'observatoire', '--format', 'csv'], { env }),
			runMaillage(['export', 'observatoire', '--annee', String(YEAR), '--format', 'ods'], { env }),
			runMaillage(['export', 'dossier', '--epci', '12', '--out', path.join(dir, 'x.pdf')], { env })
		]);
		expect([noYear.code, badFormat.code, badEpci.code]).toEqual([2, 2, 2]);
		expect(noYear.stderr).toContain('L’option --annee est obligatoire');
		expect(badFormat.stderr).toContain('L’option --format attend csv, xlsx ou json (reçu « ods »)');
		expect(badEpci.stderr).toContain('L’option --epci attend un SIREN de 9 chiffres');
	});
});
