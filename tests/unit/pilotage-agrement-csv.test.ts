import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/lib/io/csv';
import { agrementsFromCsv, readAgrementDecision, readAgrementKind, structureKeyOf } from '../../src/lib/io/to-agrements';
import { formatIssue } from '../../src/lib/io/messages-fr';
import { readImportFile, IMPORT_KINDS } from '../../src/lib/io/import-file';

const HEADER = 'id_structure;type_agrement;debut;fin;premier;decision;date_decision';
const read = (lines: string[]) => agrementsFromCsv(parseCsv(['\ufeff' + HEADER, ...lines].join('\r\n')));

describe('agrementsFromCsv(table)', () => {
	it('reads agréments with French habits: kinds by code or words, dates JJ/MM/AAAA, oui/non, accents', () => {
		const r = read([
			'CS-01;AGC;01/01/2024;31/12/2027;non;accordé;15/11/2023',
			'998 389 126 00017;Animation collective familles;2024-01-01;2027-12-31;;Accorde;2023-11-15',
			'EVS-7;AL;2026-01-01;2026-12-31;oui;en instruction;'
		]);
		expect(r.issues).toEqual([]);
		expect(r.items).toEqual([
			{ line: 2, structureKey: 'CS-01', structureColumn: 'id_structure', kind: 'animation_globale', startDate: '2024-01-01', endDate: '2027-12-31', isFirst: false, decision: 'accorde', decisionDate: '2023-11-15' },
			{ line: 3, structureKey: '99838912600017', structureColumn: 'id_structure', kind: 'animation_collective_familles', startDate: '2024-01-01', endDate: '2027-12-31', isFirst: false, decision: 'accorde', decisionDate: '2023-11-15' },
			{ line: 4, structureKey: 'EVS-7', structureColumn: 'id_structure', kind: 'animation_locale', startDate: '2026-01-01', endDate: '2026-12-31', isFirst: true, decision: 'en_instruction', decisionDate: null }
		]);
	});
	it('reports each bad value with its line and column, in French', () => {
		const r = read([
			'CS-01;ABC;01/01/2024;31/12/2027;non;accordé;2023-11-15',
			'CS-02;AGC;2024-01-01;2023-12-31;peut-être;refusé;2023-11-15',
			'CS-03;AGC;31/02/2024;2027-12-31;non;validé;',
			';AGC;2024-01-01;2027-12-31;non;accordé;',
			'CS-01;AGC;2024-01-01;2027-12-31;non;accordé;2023-11-15',
			'CS-01;agc;01/01/2024;2027-12-31;non;accordé;2023-11-15'
		]);
		expect(r.items.map((i) => i.line)).toEqual([6]);
		expect(r.issues.map(formatIssue)).toEqual([
			'Ligne 2, colonne type_agrement : type d’agrément « ABC » inconnu : AGC (animation globale), ACF (animation collective familles) ou AL (animation locale) attendu.',
			'Ligne 3, colonne fin : l’agrément finit (2023-12-31) avant de commencer (2024-01-01).',
			'Ligne 3, colonne premier : « peut-être » : « oui » ou « non » attendu.',
			'Ligne 4, colonne debut : « 31/02/2024 » n’est pas une date valide (AAAA-MM-JJ ou JJ/MM/AAAA).',
			'Ligne 4, colonne decision : décision « validé » inconnue : accordé, prorogé, refusé, retiré ou en instruction attendu.',
			'Ligne 5, colonne id_structure : valeur obligatoire manquante.',
			'Ligne 5, colonne date_decision : agrément accordé sans date de décision : renseignez date_decision si vous la connaissez.',
			'Ligne 7, colonne debut : « CS-01 agc 2024-01-01 » figure déjà plus haut dans le fichier (ligne 6) : chaque code ne doit apparaître qu’une fois.'
		]);
	});
	it('reports a missing required column', () => {
		const r = agrementsFromCsv(parseCsv('id_structure;debut;fin\nCS-01;2024-01-01;2027-12-31\n'));
		expect(r.issues.map(formatIssue)).toEqual(['Colonne type_agrement : colonne obligatoire absente (noms acceptés : type_agrement, type, nature, nature_agrement).']);
	});
	it('small readers: kind, decision (blank = granted), structure key', () => {
		expect(readAgrementKind('Animation-Locale')).toBe('animation_locale');
		expect(readAgrementKind('ACF')).toBe('animation_collective_familles');
		expect(readAgrementDecision('')).toBe('accorde');
		expect(readAgrementDecision('REFUSÉ')).toBe('refuse');
		expect(structureKeyOf(' 998 389 126 00017 ')).toBe('99838912600017');
		expect(structureKeyOf('CS 01')).toBe('CS 01');
	});
	it('is a kind of the import pipeline, CSV only', async () => {
		expect(IMPORT_KINDS.agrements.formats).toEqual(['csv']);
		const ctx = { official: null as never, communes: new Map(), epciSirens: new Set<string>() };
		const r = await readImportFile('agrements', new TextEncoder().encode(`${HEADER}\nCS-01;AGC;2024-01-01;2027-12-31;non;accordé;2023-11-15\n`), ctx);
		expect(r.items).toHaveLength(1);
		const json = await readImportFile('agrements', new TextEncoder().encode('{"a":1}'), ctx);
		expect(json.issues[0].code).toBe('file-format-unexpected');
	});
});
