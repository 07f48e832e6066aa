import { describe, expect, it } from 'vitest';
import { BOM, csvCell, toCsv } from './csv-writer';

describe('csvCell(value)', () => {
	it('csvCell quotes separators, quotes and line breaks', () => {
		expect(csvCell('Centre social; annexe')).toBe('"Centre social; annexe"');
		expect(csvCell('Le "Phare"')).toBe('"Le ""Phare"""');
		expect(csvCell('ligne 1\nligne 2')).toBe('"ligne 1\nligne 2"');
		expect(csvCell('Saint-Éloi')).toBe('Saint-Éloi');
	});
	it('csvCell writes French decimals, oui/non and empty cells', () => {
		expect(csvCell(2.35)).toBe('2,35');
		expect(csvCell(-1.5)).toBe('-1,5');
		expect(csvCell(1200)).toBe('1200');
		expect(csvCell(true)).toBe('oui');
		expect(csvCell(false)).toBe('non');
		expect(csvCell(null)).toBe('');
		expect(csvCell(undefined)).toBe('');
	});
	it('csvCell neutralises text a spreadsheet would run as a formula', () => {
		expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
		expect(csvCell('+33 1 23')).toBe("'+33 1 23");
		expect(csvCell('@cmd')).toBe("'@cmd");
		expect(csvCell('-2')).toBe("'-2");
	});
	it('csvCell rejects NaN and infinities', () => {
		expect(() => csvCell(Number.NaN)).toThrow('invalid number for CSV: NaN');
	});
});

describe('toCsv(headers, rows)', () => {
	it('toCsv starts with a BOM, separates with ; and ends lines with CRLF', () => {
		const csv = toCsv(['Nom', 'Type', 'Latitude'], [['Centre A', 'CS', 48.85], ['Espace; C', 'EVS', null]]);
		expect(csv.startsWith(BOM)).toBe(true);
		expect(csv).toBe(`${BOM}Nom;Type;Latitude\r\nCentre A;CS;48,85\r\n"Espace; C";EVS;\r\n`);
	});
	it('toCsv refuses a row of the wrong width', () => {
		expect(() => toCsv(['a', 'b'], [['1']])).toThrow('CSV row has 1 cells, expected 2');
	});
});
