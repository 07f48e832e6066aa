/**
 * The pure half of the travel-time import (`$lib/io/to-travel-times`, kind `travel_times`):
 * columns by alias, INSEE codes kept as text with a lost leading zero restored, decimal comma,
 * destinations that are communes of the database told apart from structure keys, and every bad
 * row reported with its line and column in French.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IMPORT_KINDS, readImportFile } from '../../src/lib/io/import-file';
import type { ImportContext, KnownCommune } from '../../src/lib/io/context';
import { formatIssue } from '../../src/lib/io/messages-fr';
import { parseCsv } from '../../src/lib/io/csv';
import { destinationKeyOf, travelTimesFromCsv } from '../../src/lib/io/to-travel-times';
import { officialGeography } from '../../src/lib/server/import/official';
import { ISSUE_CODES } from '../../src/lib/io/issues';

const known = (name: string): KnownCommune => ({ name, refLon: 0.3, refLat: 46.6 });
const ctx: ImportContext = {
	official: officialGeography(),
	communes: new Map([
		['86194', known('Poitiers')],
		['86066', known('Châtellerault')],
		['01001', known('L’Abergement-Clémenciat')],
		['2A004', known('Ajaccio')]
	]),
	epciSirens: new Set()
};
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('travelTimesFromCsv(table, ctx)', () => {
	it('travelTimesFromCsv reads origine;destination;minutes with a BOM, CRLF, a decimal comma and INSEE codes as text', async () => {
		const r = await readImportFile(
			'travel_times',
			utf8('\ufefforigine;destination;minutes\r\n86194;86066;32,5\r\n1001;86194;55\r\n2A004;CS-12;8\r\n86066;998 389 126 00017;12.25\r\n'),
			ctx
		);
		expect(r.format).toBe('csv');
		expect(r.issues.map(formatIssue)).toEqual(['Ligne 3, colonne origine : le code INSEE « 1001 » a perdu son zéro initial ; corrigé en « 01001 ».']);
		const columns = { origin: 'origine', destination: 'destination', minutes: 'minutes' };
		expect(r.items).toEqual([
			{ line: 2, origin: '86194', destination: '86066', destinationCommune: '86066', destinationRestored: false, minutes: 32.5, columns },
			{ line: 3, origin: '01001', destination: '86194', destinationCommune: '86194', destinationRestored: false, minutes: 55, columns },
			{ line: 4, origin: '2A004', destination: 'CS-12', destinationCommune: null, destinationRestored: false, minutes: 8, columns },
			{ line: 5, origin: '86066', destination: '99838912600017', destinationCommune: null, destinationRestored: false, minutes: 12.25, columns }
		]);
		expect([r.read, r.skipped]).toEqual([4, 0]);
	});

	it('travelTimesFromCsv accepts column aliases in any case and marks a four-digit destination as a possible commune', () => {
		const r = travelTimesFromCsv(parseCsv('Code origine,Code destination,Durée minutes\n86194,1001,20\n86194,12,7\n'), ctx);
		expect(r.issues).toEqual([]);
		expect(r.items.map((i) => [i.destination, i.destinationCommune, i.destinationRestored, i.columns.minutes])).toEqual([
			['1001', '01001', true, 'Durée minutes'],
			['12', null, false, 'Durée minutes']
		]);
	});

	it('travelTimesFromCsv reports every bad row with its line and column in French and keeps only the good ones', () => {
		const r = travelTimesFromCsv(
			parseCsv(
				[
					'origine;destination;minutes',
					'86194;86066;25', // 2: good
					'86999;86066;25', // 3: commune not in the database
					'ABCDE;86066;25', // 4: not an INSEE code
					'86194;CS-1;0', // 5: zero minutes
					'86194;CS-2;-4', // 6: negative
					'86194;CS-3;vingt', // 7: not a number
					'86194;;12', // 8: destination missing
					';86066;12', // 9: origin missing
					'86194;CS-4;', // 10: minutes missing
					'86194;86066;30', // 11: pair already on line 2
					'86194;CS-5;1,5,2' // 12: two decimal commas
				].join('\n')
			),
			ctx
		);
		expect(r.items.map((i) => i.line)).toEqual([2]);
		expect(r.issues.map(formatIssue)).toEqual([
			'Ligne 3, colonne origine : la commune d’origine 86999 n’est pas dans la base : importez d’abord le référentiel territorial (contours des communes).',
			'Ligne 4, colonne origine : « ABCDE » n’est pas un code INSEE de commune (5 caractères, par exemple 01001 ou 2A004).',
			'Ligne 5, colonne minutes : temps de trajet « 0 » : un nombre de minutes strictement positif est attendu.',
			'Ligne 6, colonne minutes : temps de trajet « -4 » : un nombre de minutes strictement positif est attendu.',
			'Ligne 7, colonne minutes : « vingt » n’est pas un nombre.',
			'Ligne 8, colonne destination : valeur obligatoire manquante.',
			'Ligne 9, colonne origine : valeur obligatoire manquante.',
			'Ligne 10, colonne minutes : valeur obligatoire manquante.',
			'Ligne 11, colonne destination : « 86194 → 86066 » figure déjà plus haut dans le fichier (ligne 2) : chaque code ne doit apparaître qu’une fois.',
			'Ligne 12, colonne minutes : « 1,5,2 » n’est pas un nombre.'
		]);
		expect(r.issues.every((i) => i.severity === 'error')).toBe(true);
		expect([r.read, r.skipped]).toEqual([11, 10]);
	});

	it('travelTimesFromCsv names a missing column with its accepted names, and reads nothing', () => {
		const r = travelTimesFromCsv(parseCsv('origine;destination;duree_en_heures\n86194;86066;1\n'), ctx);
		expect(r.items).toEqual([]);
		expect(r.issues.map(formatIssue)).toEqual([
			'Colonne minutes : colonne obligatoire absente (noms acceptés : minutes, temps, temps_minutes, temps_de_trajet, temps_trajet, duree, duree_minutes, min).'
		]);
	});

	it('readImportFile(travel_times) refuses a GeoJSON file and a header-only CSV', async () => {
		expect(IMPORT_KINDS.travel_times).toEqual({ label: 'Temps de trajet (matrice)', formats: ['csv'] });
		const geo = await readImportFile('travel_times', utf8('{"type":"FeatureCollection","features":[]}'), ctx);
		expect(geo.issues.map(formatIssue)).toEqual(['Fichier JSON reçu, alors que ce type d’import attend un fichier CSV.']);
		const empty = await readImportFile('travel_times', utf8('origine;destination;minutes\n'), ctx);
		expect(empty.issues.map((i) => i.code)).toEqual(['csv-no-rows']);
	});

	it('destinationKeyOf(raw) compacts a SIRET typed with spaces or dots and keeps other keys as written', () => {
		expect(destinationKeyOf(' 998 389 126 00017 ')).toBe('99838912600017');
		expect(destinationKeyOf('998.389.126.00017')).toBe('99838912600017');
		expect(destinationKeyOf(' CS Les Couronneries ')).toBe('CS Les Couronneries');
		expect(destinationKeyOf('01001')).toBe('01001');
	});
});

describe('readImportFile(travel_times, anything) — property', () => {
	const HEADERS = ['origine', 'destination', 'minutes', 'Origine', 'temps', 'arrivee', 'code_origine', 'duree', '', 'x'];
	const CELLS = ['', ' ', '86194', '1001', '01001', '2A004', '2a004', '86066', '99999', 'CS-1', '998 389 126 00017', '12,5', '0', '-1', '1e400', 'NaN', 'vingt', '"', '"a;b"', '1,5,2', '07'];
	const cellArb = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...CELLS) }, { weight: 1, arbitrary: fc.string({ maxLength: 10 }) });

	it('readImportFile(travel_times, csv) never throws, keeps only rows without errors, and every issue has a French sentence', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom(';', ',', '\t'),
				fc.array(fc.constantFrom(...HEADERS), { minLength: 1, maxLength: 5 }),
				fc.array(fc.array(cellArb, { maxLength: 5 }), { maxLength: 10 }),
				async (delimiter, header, rows) => {
					const quote = (v: string) => (v.includes(delimiter) || v.includes('"') ? `"${v.replace(/"/g, '""')}"` : v);
					const text = [header, ...rows].map((r) => r.map(quote).join(delimiter)).join('\n');
					const r = await readImportFile('travel_times', new TextEncoder().encode(text), ctx);
					for (const issue of r.issues) {
						expect(ISSUE_CODES).toContain(issue.code);
						expect(formatIssue(issue)).not.toMatch(/undefined|\[object/);
					}
					const badLines = new Set(r.issues.filter((i) => i.severity === 'error').map((i) => i.line));
					for (const item of r.items) {
						expect(badLines.has(item.line)).toBe(false);
						expect(item.minutes).toBeGreaterThan(0);
						expect(Number.isFinite(item.minutes)).toBe(true);
						expect(ctx.communes.has(item.origin)).toBe(true);
					}
					expect(r.read - r.skipped).toBe(r.items.length);
				}
			),
			{ numRuns: 400, seed: 4 }
		);
	});
});
