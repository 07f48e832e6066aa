import { describe, expect, it } from 'vitest';
import { BOM, csvCell, toCsv } from './csv-writer';
import { itMaps } from '../../../tests/helpers/cases';

describe('csvCell(value)', () => {
	// csvCell quotes separators, quotes and line breaks.
	itMaps(csvCell, [
		['Centre social; annexe', '"Centre social; annexe"'],
		['Le "Phare"', '"Le ""Phare"""'],
		['ligne 1\nligne 2', '"ligne 1\nligne 2"'],
		['Saint-Éloi', 'Saint-Éloi']
	]);
	// csvCell writes French decimals, oui/non and empty cells.
	itMaps(csvCell, [
		[2.35, '2,35'],
		[-1.5, '-1,5'],
		[1200, '1200'],
		[true, 'oui'],
		[false, 'non'],
		[null, ''],
		[undefined, '']
	]);
	// csvCell neutralises text a spreadsheet would run as a formula.
	itMaps(csvCell, [
		['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
		['+33 1 23', "'+33 1 23"],
		['@cmd', "'@cmd"],
		['-2', "'-2"]
	]);
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
