/**
 * fast-check arbitraries for the import parsers: CSV-like text, GeoJSON-like text (valid shapes
 * and broken ones), mutations (cuts, inserted bytes) and raw bytes. The property test runs a
 * quick sample; a fuzz runner can take `importNeverThrows` to 10,000 runs.
 */
import fc from 'fast-check';
import { IMPORT_KINDS, readImportFile, type ImportKind } from '../../src/lib/io/import-file';
import { ISSUE_CODES } from '../../src/lib/io/issues';
import { formatIssue } from '../../src/lib/io/messages-fr';
import type { ImportContext } from '../../src/lib/io/context';

const COLUMN_NAMES = [
	'id', 'siret', 'nom', 'type', 'code_commune', 'adresse', 'latitude', 'longitude', 'gestionnaire',
	'gestionnaire_siren', 'mode_gestion', 'zone_competence', 'date_premier_agrement', 'agrement_debut',
	'agrement_fin', 'projet_familles', 'code', 'annee', 'indicateur', 'valeur', 'niveau', 'siren', 'Code Commune', ''
];

const CELL_VALUES = [
	'', ' ', '86194', '1001', '2A004', '2b033', '97411', 'ABCDE', '99999', '86231', '46,58', '0.34', '-0,5', '1e400', 'NaN',
	'CS', 'EVS', 'centre social', 'MJC', 'oui', 'non', 'peut-être', '31/02/2024', '2024-01-01', '01/01/2030', '2023-13-01',
	'77567013600016', '775670136', '123', 'association', 'CCAS', '86194|86041', '|||', 'Église', '"', '""', '"a;b"', '\n',
	's', 'familles', 'taux_pauvrete', 'QP086001', '200069854', '861940101', '2022', '-1', '0'
];

/** One CSV cell: a tricky known value or any short string. */
const cell = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...CELL_VALUES) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) });

/** CSV-like text: a header of known and odd names, rows of tricky cells, random separators and line ends. */
export const csvText: fc.Arbitrary<string> = fc
	.record({
		delimiter: fc.constantFrom(';', ',', '\t'),
		eol: fc.constantFrom('\n', '\r\n', '\r'),
		bom: fc.boolean(),
		header: fc.array(fc.oneof(fc.constantFrom(...COLUMN_NAMES), fc.string({ maxLength: 8 })), { minLength: 1, maxLength: 12 }),
		rows: fc.array(fc.array(cell, { maxLength: 14 }), { maxLength: 8 }),
		quoteAll: fc.boolean()
	})
	.map(({ delimiter, eol, bom, header, rows, quoteAll }) => {
		const quote = (v: string) => (quoteAll || v.includes(delimiter) ? `"${v.replace(/"/g, '""')}"` : v);
		const lines = [header.map(quote).join(delimiter), ...rows.map((r) => r.map(quote).join(delimiter))];
		return (bom ? '\ufeff' : '') + lines.join(eol);
	});

const coordinate = fc.oneof(
	{ weight: 6, arbitrary: fc.double({ min: -6, max: 10, noNaN: true }) },
	{ weight: 1, arbitrary: fc.constantFrom(Number.NaN, Infinity, 1e300, 700000, 6600000) },
	{ weight: 1, arbitrary: fc.constantFrom(null, '0.3', true) }
);
const position = fc.oneof({ weight: 8, arbitrary: fc.tuple(coordinate, fc.double({ min: 40, max: 52, noNaN: true })) }, { weight: 1, arbitrary: fc.array(coordinate, { maxLength: 3 }) });
const ring = fc.array(position, { maxLength: 8 }).map((r) => (r.length > 2 && r[0] ? [...r, r[0]] : r));
const geometry = fc.oneof(
	fc.record({ type: fc.constant('Polygon'), coordinates: fc.array(ring, { maxLength: 2 }) }),
	fc.record({ type: fc.constant('MultiPolygon'), coordinates: fc.array(fc.array(ring, { maxLength: 2 }), { maxLength: 2 }) }),
	fc.record({ type: fc.constant('Point'), coordinates: position }),
	fc.constantFrom(null, 42, 'x', { type: 'LineString', coordinates: [[0, 46], [1, 47]] })
);
const properties = fc.dictionary(fc.constantFrom(...COLUMN_NAMES, 'insee', 'INSEE_COM', 'name', 'NOM', 'code_qp', 'code_iris', 'centre', 'population', 'codeEpci', 'membres'), fc.oneof(cell, fc.integer(), fc.constant(null), position), { maxKeys: 6 });
const feature = fc.oneof(
	{ weight: 8, arbitrary: fc.record({ type: fc.constant('Feature'), id: fc.option(fc.oneof(cell, fc.integer())), properties: fc.option(properties), geometry }) },
	{ weight: 1, arbitrary: fc.constantFrom(null, 1, 'Feature', [], { type: 'Point' }) }
);

/** GeoJSON-like text: FeatureCollections (sometimes with a crs), or other JSON. */
export const geoJsonText: fc.Arbitrary<string> = fc.oneof(
	{
		weight: 8,
		arbitrary: fc
			.record({
				features: fc.array(feature, { maxLength: 6 }),
				crs: fc.option(fc.constantFrom('urn:ogc:def:crs:OGC:1.3:CRS84', 'EPSG:2154', 'EPSG:2975'))
			})
			.map(({ features, crs }) =>
				JSON.stringify({ type: 'FeatureCollection', ...(crs ? { crs: { type: 'name', properties: { name: crs } } } : {}), features })
			)
	},
	{ weight: 1, arbitrary: fc.json() }
);

/** Text with random damage: a cut, or a few inserted characters. */
export function mutated(text: fc.Arbitrary<string>): fc.Arbitrary<string> {
	return fc
		.tuple(text, fc.nat(), fc.nat(), fc.string({ maxLength: 3 }), fc.constantFrom('cut', 'insert', 'none'))
		.map(([t, a, b, s, op]) => {
			if (t.length === 0 || op === 'none') return t;
			const i = a % t.length;
			if (op === 'cut') return t.slice(0, i) + t.slice(i + (b % 20));
			return t.slice(0, i) + s + t.slice(i);
		});
}

const encoder = new TextEncoder();

/** Bytes of any of the above, or raw bytes. */
export const importBytes: fc.Arbitrary<Uint8Array> = fc.oneof(
	mutated(csvText).map((t) => encoder.encode(t)),
	mutated(geoJsonText).map((t) => encoder.encode(t)),
	fc.uint8Array({ maxLength: 200 })
);

export const IMPORT_KIND_LIST = Object.keys(IMPORT_KINDS) as ImportKind[];

/**
 * The property: for every kind, any bytes give `{ items, issues }` — never a throw — with known
 * issue codes that all have a French message, and skipped ≤ read.
 */
export function importNeverThrows(ctx: ImportContext) {
	return fc.asyncProperty(fc.constantFrom(...IMPORT_KIND_LIST), importBytes, async (kind, bytes) => {
		const result = await readImportFile(kind, bytes, ctx);
		if (!Array.isArray(result.items) || !Array.isArray(result.issues)) throw new Error('not { items, issues }');
		for (const issue of result.issues) {
			if (!(ISSUE_CODES as readonly string[]).includes(issue.code)) throw new Error(`unknown code ${issue.code}`);
			if (typeof formatIssue(issue) !== 'string') throw new Error('no message');
		}
		if (result.skipped > result.read && result.read > 0) throw new Error('skipped > read');
	});
}
