import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/lib/io/decode';
import { detectDelimiter, parseCsv } from '../../src/lib/io/csv';
import { parseGeoJson } from '../../src/lib/io/geojson';
import { lineColumnAt, scanJson } from '../../src/lib/io/json-locate';
import { normalizeName, parseDate, parseDecimal, parseInteger, parseYesNo } from '../../src/lib/io/values';
import { crsFromName, detectCrs, lambert93ToWgs84, wgs84ToLambert93 } from '../../src/lib/io/crs';
import { checkPoint, checkPolygonal } from '../../src/lib/io/geometry-check';
import { findSelfIntersection } from '../../src/lib/io/self-intersection';
import { formatIssue } from '../../src/lib/io/messages-fr';
import { ISSUE_CODES, issueError, sortIssues } from '../../src/lib/io/issues';
import { itMaps } from '../helpers/cases';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('decodeText(bytes)', () => {
	it('decodes UTF-8 and drops a BOM', () => {
		const r = decodeText(utf8('\ufeffcode;nom\n01001;Éole'));
		expect(r).toEqual({ ok: true, text: 'code;nom\n01001;Éole', encoding: 'utf-8', bom: true });
	});

	it('falls back to Windows-1252 when the bytes are not valid UTF-8', () => {
		// « Église » with É = 0xC9 and ’ = 0x92 in Windows-1252
		const r = decodeText(Uint8Array.from([0xc9, 0x67, 0x6c, 0x69, 0x73, 0x65, 0x92, 0x73]));
		expect(r).toEqual({ ok: true, text: 'Église’s', encoding: 'windows-1252', bom: false });
	});

	it('decodes UTF-16LE with a BOM (Excel « texte Unicode »)', () => {
		const bytes = Uint8Array.from([0xff, 0xfe, 0x41, 0x00, 0xe9, 0x00]);
		expect(decodeText(bytes)).toMatchObject({ ok: true, text: 'Aé', encoding: 'utf-16le' });
	});

	it('reports an empty file, blanks only, binary content, archives and spreadsheets', () => {
		expect(decodeText(new Uint8Array())).toEqual({ ok: false, issue: { severity: 'error', code: 'file-empty' } });
		expect(decodeText(utf8(' \r\n\t '))).toMatchObject({ ok: false, issue: { code: 'file-empty' } });
		expect(decodeText(Uint8Array.from([0x41, 0x00, 0x42]))).toMatchObject({ ok: false, issue: { code: 'file-binary' } });
		expect(decodeText(Uint8Array.from([0x1f, 0x8b, 8, 0]))).toMatchObject({ ok: false, issue: { code: 'file-compressed', params: { format: 'gzip' } } });
		const xlsx = new Uint8Array(64);
		xlsx.set([0x50, 0x4b, 0x03, 0x04]);
		xlsx.set(utf8('[Content_Types].xml'), 30);
		expect(decodeText(xlsx)).toMatchObject({ ok: false, issue: { code: 'file-spreadsheet', params: { format: 'XLSX' } } });
		// control characters without NUL
		const garbage = Uint8Array.from({ length: 200 }, (_, i) => 1 + (i % 30));
		expect(decodeText(garbage)).toMatchObject({ ok: false, issue: { code: 'file-binary' } });
	});
});

describe('parseCsv(text)', () => {
	// Detects `;`, `,` and tab from the header, ignoring quoted separators.
	itMaps(detectDelimiter, [
		['code;nom;valeur\n1,5;a;b', ';'],
		['"a;b",c,d\n', ','],
		['a\tb\tc', '\t'],
		['code\n01001', ';']
	]);

	it('keeps codes as text, reads quotes, escaped quotes, CRLF and line breaks in quotes', () => {
		const t = parseCsv('code;nom;adresse\r\n01001;"Le ""Centre""";"1 rue A\r\nBât. B"\r\n2A004;Ajaccio;\r\n');
		expect(t.delimiter).toBe(';');
		expect(t.header).toEqual(['code', 'nom', 'adresse']);
		expect(t.records).toEqual([
			{ line: 2, values: ['01001', 'Le "Centre"', '1 rue A\r\nBât. B'] },
			{ line: 4, values: ['2A004', 'Ajaccio', ''] }
		]);
		expect(t.issues).toEqual([]);
	});

	it('numbers records by their first physical line (header = line 1), skipping blank lines', () => {
		const t = parseCsv('a,b\n\n1,2\n;\n,\n3,4');
		expect(t.records.map((r) => r.line)).toEqual([3, 6]);
	});

	it('reports a record with the wrong number of values at its line, with the separator', () => {
		const t = parseCsv('code,lat\n86194,46,58\n86041,46.5\n');
		expect(t.records).toEqual([{ line: 3, values: ['86041', '46.5'] }]);
		expect(t.issues).toEqual([
			{ severity: 'error', line: 2, code: 'csv-column-count', params: { expected: 2, actual: 3, delimiter: ',' } }
		]);
		expect(formatIssue(t.issues[0])).toContain('virgule décimale');
	});

	it('reports an unterminated quote at the line where it opens', () => {
		const t = parseCsv('a;b\n1;"open\n2;3\n');
		expect(t.issues).toEqual([{ severity: 'error', line: 2, code: 'csv-unterminated-quote' }]);
	});

	it("follows Excel's `sep=` line, keeping physical line numbers", () => {
		const t = parseCsv('sep=,\r\ncode,nom\r\n86194,Poitiers\r\n');
		expect(t.delimiter).toBe(',');
		expect(t.header).toEqual(['code', 'nom']);
		expect(t.records).toEqual([{ line: 3, values: ['86194', 'Poitiers'] }]);
	});

	it('tolerates trailing empty cells added by spreadsheets', () => {
		expect(parseCsv('a;b\n1;2;;\n').records).toEqual([{ line: 2, values: ['1', '2'] }]);
	});
});

describe('values', () => {
	// parseDecimal(raw) accepts the decimal comma and thousands spaces; blank is null.
	itMaps(parseDecimal, [
		['46,58', 46.58],
		['-0,5', -0.5],
		['12 345,6', 12345.6],
		['12\u00a0345', 12345],
		['1e3', 1000],
		['', null]
	]);

	it('parseDecimal(raw) refuses ambiguity', () => {
		for (const bad of ['12,345.6', '1,2,3', 'abc', 'NaN', 'Infinity', '1.2.3']) expect(parseDecimal(bad), bad).toBeUndefined();
	});

	it('parseInteger(raw) accepts a whole decimal, refuses a fraction', () => {
		expect(parseInteger('12,0')).toBe(12);
		expect(parseInteger('12,5')).toBeUndefined();
	});

	// parseDate(raw) reads AAAA-MM-JJ and JJ/MM/AAAA and refuses impossible days (undefined); blank is null.
	itMaps(parseDate, [
		['2024-01-31', '2024-01-31'],
		['31/12/2024', '2024-12-31'],
		['1/2/2024', '2024-02-01'],
		['29/02/2024', '2024-02-29'],
		['29/02/2023', undefined],
		['31/04/2024', undefined],
		['2024/01/31', undefined],
		[' ', null]
	]);

	// parseYesNo(raw) reads oui/non and friends; blank is null, anything else undefined.
	itMaps(parseYesNo, [
		['Oui', true],
		['NON', false],
		['x', true],
		['', null],
		['peut-être', undefined]
	]);

	// normalizeName(name) folds case, accents and separators.
	itMaps(normalizeName, [
		[' Code Commune ', 'code_commune'],
		['Date 1er agrément', 'date_1er_agrement'],
		['INSEE_COM', 'insee_com'],
		['Zone de compétence', 'zone_de_competence']
	]);
});

describe('scanJson(text) and parseGeoJson(text)', () => {
	it('locates a syntax error by line and column, independently of the engine', () => {
		const scan = scanJson('{\n "a": [1, 2,,]\n}');
		expect(scan.error).toMatchObject({ line: 2, column: 13, expected: 'value', found: ',]', truncated: false });
		expect(lineColumnAt('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
	});

	it('recognises a truncated file', () => {
		for (const text of ['{"a": [1, 2', '{"a": "abc', '{"a": tr', '{"a"', '[']) {
			expect(scanJson(text).error?.truncated, text).toBe(true);
		}
		const r = parseGeoJson('{"type": "FeatureCollection", "features": [\n{"type": "Feature"');
		expect(r.issues).toMatchObject([{ severity: 'error', code: 'json-truncated', line: 2 }]);
	});

	it('reads NaN and Infinity as null so geometry checks report them on their feature', () => {
		const r = parseGeoJson('{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[NaN,-Infinity]}}]}');
		expect(r.issues).toEqual([]);
		expect(r.features[0].geometry).toEqual({ type: 'Point', coordinates: [null, null] });
	});

	it('refuses what is not a FeatureCollection, and numbers bad features from 1', () => {
		expect(parseGeoJson('{"type":"Feature"}').issues).toEqual([
			{ severity: 'error', code: 'geojson-not-feature-collection', params: { found: 'Feature' } }
		]);
		expect(parseGeoJson('[1,2]').issues[0].params).toEqual({ found: 'tableau' });
		const r = parseGeoJson('{"type":"FeatureCollection","features":[{"type":"Feature","id":"86194","properties":null,"geometry":null},42]}');
		expect(r.count).toBe(2);
		expect(r.features).toEqual([{ index: 1, id: '86194', properties: {}, geometry: null }]);
		expect(r.issues).toEqual([{ severity: 'error', feature: 2, code: 'geojson-feature-invalid', params: { found: 'nombre' } }]);
		expect(parseGeoJson('{"type":"FeatureCollection","features":[]}').issues[0].code).toBe('geojson-no-features');
	});
});

describe('CRS', () => {
	// crsFromName(name) knows WGS84 and Lambert-93 spellings and nothing else.
	itMaps(crsFromName, [
		['urn:ogc:def:crs:OGC:1.3:CRS84', 'wgs84'],
		['EPSG:4326', 'wgs84'],
		['urn:ogc:def:crs:EPSG::2154', 'lambert93'],
		['EPSG:2154', 'lambert93'],
		['urn:ogc:def:crs:EPSG::2975', 'unsupported'],
		['EPSG:27572', 'unsupported']
	]);

	it('lambert93ToWgs84(x, y) matches the IGN reference point of the projection', () => {
		// The projection origin: (700 000, 6 600 000) is longitude 3°, latitude 46.5°.
		expect(lambert93ToWgs84(700_000, 6_600_000)).toEqual([3, 46.5]);
		const [x, y] = wgs84ToLambert93(0.34, 46.58);
		const [lon, lat] = lambert93ToWgs84(x, y);
		expect(lon).toBeCloseTo(0.34, 7);
		expect(lat).toBeCloseTo(46.58, 7);
	});

	it('detectCrs(name, features) decides by magnitude when no crs is declared', () => {
		const f = (coordinates: unknown) => [{ index: 1, id: null, properties: {}, geometry: { type: 'Point', coordinates } }];
		expect(detectCrs(null, f([0.34, 46.58])).crs).toBe('wgs84');
		expect(detectCrs(null, f([497000, 6610000]))).toMatchObject({ crs: 'lambert93', issues: [{ code: 'crs-lambert93-reprojected' }] });
		expect(detectCrs(null, f([338000, 7690000]))).toMatchObject({ crs: null, issues: [{ code: 'crs-unknown' }] });
	});
});

describe('checkPolygonal(geometry, crs, where)', () => {
	const where = { feature: 3 };
	const square = [[0.3, 46.5], [0.4, 46.5], [0.4, 46.6], [0.3, 46.6], [0.3, 46.5]];

	it('accepts a closed polygon in France and drops duplicate vertices and altitudes', () => {
		const r = checkPolygonal({ type: 'Polygon', coordinates: [[[0.3, 46.5, 120], [0.4, 46.5], [0.4, 46.5], ...square.slice(2)]] }, 'wgs84', where);
		expect(r).toEqual({ geometry: { type: 'Polygon', coordinates: [square] }, issues: [] });
	});

	it('names the problem: not a polygon, unclosed ring, too short, NaN, outside France', () => {
		const check = (g: unknown) => checkPolygonal(g, 'wgs84', where).issues;
		expect(check({ type: 'Point', coordinates: [0.3, 46.5] })).toEqual([
			{ severity: 'error', feature: 3, code: 'geometry-not-polygon', params: { found: 'Point' } }
		]);
		expect(check(null)).toEqual([{ severity: 'error', feature: 3, code: 'geometry-missing' }]);
		expect(check({ type: 'Polygon', coordinates: [square.slice(0, 4)] })).toEqual([
			{ severity: 'error', feature: 3, code: 'ring-unclosed', params: { part: 1, ring: 1 } }
		]);
		expect(check({ type: 'Polygon', coordinates: [[[0.3, 46.5], [0.4, 46.5], [0.3, 46.5]]] })[0].code).toBe('ring-too-short');
		expect(check({ type: 'MultiPolygon', coordinates: [[square], [[[0.3, 46.5], [null, 46.5], [0.4, 46.6], [0.3, 46.5]]]] })).toEqual([
			{ severity: 'error', feature: 3, code: 'geometry-non-finite', params: { part: 2, ring: 1, position: 2 } }
		]);
		expect(check({ type: 'Polygon', coordinates: [[[13.4, 52.5], [13.5, 52.5], [13.5, 52.6], [13.4, 52.5]]] })[0]).toMatchObject({
			code: 'geometry-outside-france',
			params: { lon: 13.4, lat: 52.5 }
		});
		expect(check({ type: 'Polygon', coordinates: 'x' })[0].code).toBe('geometry-malformed');
	});

	it('accepts the DROM', () => {
		const reunion = [[55.4, -20.92], [55.5, -20.92], [55.5, -20.88], [55.4, -20.92]];
		expect(checkPolygonal({ type: 'Polygon', coordinates: [reunion] }, 'wgs84', where).issues).toEqual([]);
	});

	it('repairs a self-intersecting ring (bow-tie) with a warning, into simple parts of the same area', () => {
		const bowTie = [[0.3, 46.5], [0.4, 46.6], [0.4, 46.5], [0.3, 46.6], [0.3, 46.5]];
		const r = checkPolygonal({ type: 'Polygon', coordinates: [bowTie] }, 'wgs84', where);
		expect(r.issues).toEqual([
			{ severity: 'warning', feature: 3, code: 'geometry-self-intersection-repaired', params: { lon: 0.35, lat: 46.55 } }
		]);
		expect(r.geometry?.type).toBe('MultiPolygon');
		for (const part of (r.geometry as { coordinates: number[][][][] }).coordinates) expect(findSelfIntersection(part)).toBeNull();
	});

	it('reprojects Lambert-93', () => {
		const l93 = square.map(([lon, lat]) => wgs84ToLambert93(lon, lat));
		const r = checkPolygonal({ type: 'Polygon', coordinates: [l93] }, 'lambert93', where);
		const ring = (r.geometry as { coordinates: number[][][] }).coordinates[0];
		ring.forEach(([lon, lat], i) => {
			expect(lon).toBeCloseTo(square[i][0], 6);
			expect(lat).toBeCloseTo(square[i][1], 6);
		});
	});

	it('checkPoint(geometry) wants a Point in France', () => {
		expect(checkPoint({ type: 'Point', coordinates: [0.3, 46.5] }, 'wgs84', where).geometry).toEqual({ type: 'Point', coordinates: [0.3, 46.5] });
		expect(checkPoint({ type: 'Polygon', coordinates: [] }, 'wgs84', where).issues[0].code).toBe('geometry-not-point');
	});
});

describe('findSelfIntersection(rings)', () => {
	it('finds crossings, vertices visited twice and spikes; ignores simple rings and a hole touching its shell', () => {
		expect(findSelfIntersection([[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]])).toBeNull();
		expect(findSelfIntersection([[[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]])).toEqual([1, 1]);
		// figure-of-eight through the same vertex (1, 1)
		expect(findSelfIntersection([[[0, 0], [1, 1], [2, 0], [2, 2], [1, 1], [0, 2], [0, 0]]])).toEqual([1, 1]);
		// a spike going out and back
		expect(findSelfIntersection([[[0, 0], [2, 0], [3, 0], [2, 0], [2, 2], [0, 2], [0, 0]]])).not.toBeNull();
		const shell = [[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]];
		expect(findSelfIntersection([shell, [[0, 0], [1, 2], [2, 1], [0, 0]]])).toBeNull();
		expect(findSelfIntersection([shell, [[3, 1], [5, 2], [3, 3], [3, 1]]])).toEqual([4, 1.5]);
	});
});

describe('messages-fr', () => {
	it('formatIssue(issue) names where and what, in French, for every code', () => {
		expect(
			formatIssue({ severity: 'warning', line: 12, column: 'code_commune', code: 'insee-leading-zero-restored', params: { value: '1001', code: '01001' } })
		).toBe('Ligne 12, colonne code_commune : le code INSEE « 1001 » a perdu son zéro initial ; corrigé en « 01001 ».');
		expect(formatIssue({ severity: 'error', feature: 3, column: 'nom', code: 'required-missing' })).toBe(
			'Objet n° 3, propriété nom : valeur obligatoire manquante.'
		);
		// Every parameter any message uses, so each code gets what it needs.
		const params = {
			value: 'x', key: 'k', first: 1, format: 'gzip', sizeMb: 120.5, maxMb: 100, found: 'Feature', expected: 'value',
			actual: 3, delimiter: ';', accepted: 'nom, name', count: 2, col: 7, crs: 'EPSG:2975', x: 338000, y: 7690000,
			part: 2, ring: 1, position: 4, positions: 3, lon: 0.34, lat: 46.58, code: '86231', absorbedBy: '86247',
			absorbedByName: 'Val-de-Comporté', cogYear: 2026, commune: '75056', communeName: 'Paris', siren: '200069854',
			kind: 'iris', start: '2024-01-01', end: '2023-01-01', name: 'Poitiers', externalId: 'CS-1', siret: '77567013600016',
			reason: 'archive tronquée', max: 1_000_000,
			departements: '72, 53', definition: 'bassins de vie', aav: '004', communes: 12, zoning: 'zonage 2012', message: 'Code attendu.', date: '1er juillet 2024'
		};
		for (const code of ISSUE_CODES) {
			const text = formatIssue(issueError(code, { line: 2 }, params));
			expect(text, code).toMatch(/^Ligne 2 : \S/);
			expect(text, code).not.toMatch(/undefined|\[object|NaN(?!, Infinity)/);
		}
	});

	it('sortIssues(issues) puts file-level issues first, then by line, stably', () => {
		const a = issueError('csv-column-count', { line: 5 });
		const b = issueError('file-empty');
		const c = issueError('date-invalid', { line: 2 });
		const d = issueError('required-missing', { line: 5 });
		expect(sortIssues([a, b, c, d])).toEqual([b, c, a, d]);
	});
});
