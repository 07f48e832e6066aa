/**
 * Communes and EPCI for the « Territoires » pages: a searchable, sortable, paginated commune
 * table with the number of structures located in each commune, an EPCI summary, and one
 * commune's page (indicators by year, QPV and IRIS, structures located there or serving it,
 * mini-map rows).
 * Search ignores case, accents, hyphens and apostrophes on both PGlite and PostgreSQL
 * (`translate`, no extension needed). Lists and summaries cover the territory of work; a commune
 * of the border band still has its page, marked « hors département ».
 */
import { sql, type ExpressionBuilder, type Kysely, type RawBuilder } from 'kysely';
import { structureMarkers } from './geo';
import type { Database } from './schema';
import { openOn } from './structures';
import { communeInTerritory, epciInTerritory, structureInTerritory } from './work-territory';
import { COMMUNE_SORT_KEYS, NO_EPCI, type CommuneSortKey } from '$lib/ui/filters';

export { COMMUNE_SORT_KEYS, NO_EPCI, type CommuneSortKey };
/** The mini-maps' commune rows live with the other map queries. */
export { communeGeoRows } from './geo';

export interface CommuneQuery {
	/** Text searched in the name (accent-insensitive) or at the start of the INSEE code. */
	q?: string | null;
	/** EPCI SIREN, or `aucun` for communes outside any EPCI. */
	epci?: string | null;
	/** Only these INSEE codes (e.g. the communes of one coverage category); null: all. */
	codes?: readonly string[] | null;
	sort?: CommuneSortKey;
	descending?: boolean;
	/** 1-based page number (clamped to the last page). */
	page?: number;
	/** Rows per page (default 50, at most 500). */
	pageSize?: number;
}

export interface CommuneListItem {
	code: string;
	name: string;
	epciSiren: string | null;
	epciName: string | null;
	population: number | null;
	populationYear: number | null;
	/** Open centres sociaux / EVS whose address is in the commune. */
	cs: number;
	evs: number;
}

export interface CommunePage {
	rows: CommuneListItem[];
	/** Communes matching the search and filter (all pages). */
	total: number;
	page: number;
	pageSize: number;
	pageCount: number;
}

const ACCENTED_LOWER = 'àâäáãåéèêëíìîïóòôöõúùûüçñÿ';
const PLAIN_LOWER = 'aaaaaaeeeeiiiiooooouuuucny';
/** `translate` pairs: accented letters (both cases), hyphens and apostrophes → plain letters / spaces. */
export const FOLD_FROM = `${ACCENTED_LOWER}${ACCENTED_LOWER.toUpperCase()}-'’`;
export const FOLD_TO = `${PLAIN_LOWER}${PLAIN_LOWER}   `;

/** Folds `text` the way the SQL search folds names: lower case, no accents, no hyphen/apostrophe. */
export function foldForSearch(text: string): string {
	return text
		.toLowerCase()
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[-'’]/g, ' ')
		.replace(/œ/g, 'oe')
		.replace(/\s+/g, ' ')
		.trim();
}

/** SQL twin of `foldForSearch` applied to `commune.name` (lower() alone misses accented capitals in the C locale). */
function foldedName(): RawBuilder<string> {
	return sql<string>`btrim(regexp_replace(lower(replace(replace(translate(commune.name, ${FOLD_FROM}, ${FOLD_TO}), 'œ', 'oe'), 'Œ', 'oe')), '\\s+', ' ', 'g'))`;
}

function escapeLike(text: string): string {
	return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** One page of communes matching `query`, with their structure counts on `today`. */
export async function listCommunes(db: Kysely<Database>, today: string, query: CommuneQuery = {}): Promise<CommunePage> {
	const pageSize = Math.min(Math.max(Math.trunc(query.pageSize ?? 50), 1), 500);
	const counts = db
		.selectFrom('structure')
		.select([
			'structure.commune_code',
			(eb) => eb.fn.count<number>('structure.id').filterWhere('structure.type', '=', 'CS').as('cs'),
			(eb) => eb.fn.count<number>('structure.id').filterWhere('structure.type', '=', 'EVS').as('evs')
		])
		.where(openOn(today))
		.groupBy('structure.commune_code');

	let base = db
		.selectFrom('commune')
		.leftJoin('epci', 'epci.siren', 'commune.epci_siren')
		.leftJoin(counts.as('counts'), 'counts.commune_code', 'commune.code')
		.where(communeInTerritory('commune'));
	const q = query.q ? foldForSearch(query.q) : '';
	if (q) {
		const pattern = `%${escapeLike(q)}%`;
		base = base.where((eb) =>
			eb.or([
				eb(foldedName(), 'like', pattern),
				eb('commune.code', 'like', `${escapeLike(query.q!.trim().toUpperCase())}%`)
			])
		);
	}
	if (query.epci === NO_EPCI) base = base.where('commune.epci_siren', 'is', null);
	else if (query.epci) base = base.where('commune.epci_siren', '=', query.epci);
	if (query.codes) {
		// One jsonb parameter rather than an IN list: any number of codes, the same on both databases.
		const codes = JSON.stringify(query.codes);
		base = base.where(sql<boolean>`commune.code in (select jsonb_array_elements_text(${codes}::jsonb))`);
	}

	const totalRow = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
	const total = Number(totalRow.n);
	const pageCount = Math.max(1, Math.ceil(total / pageSize));
	const page = Math.min(Math.max(Math.trunc(query.page ?? 1), 1), pageCount);

	const direction = query.descending ? 'desc' : 'asc';
	const nulls = query.descending ? sql`nulls last` : sql`nulls first`;
	let rowsQuery = base.select([
		'commune.code',
		'commune.name',
		'commune.epci_siren as epciSiren',
		'epci.name as epciName',
		'commune.population',
		'commune.population_year as populationYear',
		(eb) => eb.fn.coalesce('counts.cs', eb.lit(0)).as('cs'),
		(eb) => eb.fn.coalesce('counts.evs', eb.lit(0)).as('evs')
	]);
	switch (query.sort ?? 'nom') {
		case 'code':
			rowsQuery = rowsQuery.orderBy('commune.code', direction);
			break;
		case 'population':
			rowsQuery = rowsQuery.orderBy(sql`commune.population ${sql.raw(direction)} ${nulls}`);
			break;
		case 'structures':
			rowsQuery = rowsQuery.orderBy(sql`coalesce(counts.cs, 0) + coalesce(counts.evs, 0) ${sql.raw(direction)}`);
			break;
		case 'epci':
			rowsQuery = rowsQuery.orderBy(sql`epci.name ${sql.raw(direction)} ${nulls}`);
			break;
		case 'nom':
			rowsQuery = rowsQuery.orderBy(foldedName(), direction);
			break;
	}
	const rows = await rowsQuery
		.orderBy(foldedName())
		.orderBy('commune.code')
		.limit(pageSize)
		.offset((page - 1) * pageSize)
		.execute();
	return {
		rows: rows.map((r) => ({ ...r, cs: Number(r.cs), evs: Number(r.evs) })),
		total,
		page,
		pageSize,
		pageCount
	};
}

export interface EpciSummary {
	/** null for the communes outside any EPCI. */
	siren: string | null;
	name: string;
	nature: string | null;
	/** Its communes span several départements: the counts are the territory's part. */
	interdepartemental: boolean;
	communes: number;
	population: number;
	cs: number;
	evs: number;
}

/**
 * One row per EPCI of the territory (by name), plus a last row for its communes outside any EPCI
 * when there are some. Counts are the territory's: an interdepartmental EPCI shows its part.
 */
export async function epciSummary(db: Kysely<Database>, today: string): Promise<EpciSummary[]> {
	const [communes, structures, epcis] = await Promise.all([
		db
			.selectFrom('commune')
			.select([
				'epci_siren',
				(eb) => eb.fn.countAll<number>().as('n'),
				(eb) => eb.fn.coalesce(eb.fn.sum<number>('population'), eb.lit(0)).as('population')
			])
			.where(communeInTerritory('commune'))
			.groupBy('epci_siren')
			.execute(),
		db
			.selectFrom('structure')
			.innerJoin('commune', 'commune.code', 'structure.commune_code')
			.select(['commune.epci_siren', 'structure.type', (eb) => eb.fn.countAll<number>().as('n')])
			.where(openOn(today))
			.where(structureInTerritory('structure'))
			.groupBy(['commune.epci_siren', 'structure.type'])
			.execute(),
		db.selectFrom('epci').select(['siren', 'name', 'nature', 'interdepartemental']).where(epciInTerritory('epci')).orderBy('name').execute()
	]);
	const structureCount = (siren: string | null, type: 'CS' | 'EVS') =>
		Number(structures.find((s) => s.epci_siren === siren && s.type === type)?.n ?? 0);
	const summary: EpciSummary[] = epcis.map((e) => {
		const c = communes.find((row) => row.epci_siren === e.siren);
		return {
			siren: e.siren,
			name: e.name,
			nature: e.nature,
			interdepartemental: e.interdepartemental,
			communes: Number(c?.n ?? 0),
			population: Number(c?.population ?? 0),
			cs: structureCount(e.siren, 'CS'),
			evs: structureCount(e.siren, 'EVS')
		};
	});
	const outside = communes.find((row) => row.epci_siren === null);
	if (outside) {
		summary.push({
			siren: null,
			name: 'Communes hors EPCI',
			nature: null,
			interdepartemental: false,
			communes: Number(outside.n),
			population: Number(outside.population),
			cs: structureCount(null, 'CS'),
			evs: structureCount(null, 'EVS')
		});
	}
	return summary;
}

/** EPCI of the territory for filters, by name. */
export async function epciOptions(db: Kysely<Database>): Promise<{ siren: string; name: string }[]> {
	return db.selectFrom('epci').select(['siren', 'name']).where(epciInTerritory('epci')).orderBy('name').execute();
}

export interface CommuneIndicatorTable {
	/** Years with at least one value, ascending. */
	years: number[];
	/** One row per indicator key (documented keys first, then others by name); values by year. */
	rows: { key: string; values: Record<number, number>; sources: string[] }[];
}

export interface CommuneZone {
	kind: 'qpv' | 'iris';
	code: string;
	name: string;
	population: number | null;
}

export interface CommuneStructure {
	id: number;
	name: string;
	type: 'CS' | 'EVS';
	communeCode: string;
	communeName: string | null;
	/** Located in this commune. */
	located: boolean;
	/** This commune is in its zone de compétence. */
	serving: boolean;
	lon: number;
	lat: number;
	approximate: boolean;
}

export interface CommuneDetail {
	code: string;
	name: string;
	departementCode: string;
	epciSiren: string | null;
	epciName: string | null;
	epciNature: string | null;
	population: number | null;
	populationYear: number | null;
	areaKm2: number | null;
	refLon: number;
	refLat: number;
	refPointSource: 'centroid' | 'point_on_surface' | 'supplied';
	/** A commune of the border band: « hors département », in no figure of the département. */
	outside: boolean;
	indicators: CommuneIndicatorTable;
	zones: CommuneZone[];
	/** Open structures located in the commune or serving it, by name. */
	structures: CommuneStructure[];
}

const DOCUMENTED_ORDER = ['population', 'familles', 'familles_monoparentales', 'allocataires', 'allocataires_bas_revenus', 'taux_pauvrete'];

/** Indicator values of one territory arranged as a key × year table. */
export function indicatorTable(values: readonly { key: string; year: number; value: number; source: string | null }[]): CommuneIndicatorTable {
	const years = [...new Set(values.map((v) => v.year))].sort((a, b) => a - b);
	const byKey = new Map<string, { key: string; values: Record<number, number>; sources: string[] }>();
	for (const v of values) {
		const row = byKey.get(v.key) ?? { key: v.key, values: {}, sources: [] };
		row.values[v.year] = v.value;
		if (v.source && !row.sources.includes(v.source)) row.sources.push(v.source);
		byKey.set(v.key, row);
	}
	const rank = (key: string) => {
		const i = DOCUMENTED_ORDER.indexOf(key);
		return i === -1 ? DOCUMENTED_ORDER.length : i;
	};
	const rows = [...byKey.values()].sort((a, b) => rank(a.key) - rank(b.key) || a.key.localeCompare(b.key, 'fr'));
	return { years, rows };
}

/** The structure's zone de compétence includes commune `code`. */
function servesCommune(eb: ExpressionBuilder<Database, 'structure'>, code: string) {
	return eb.exists(
		eb
			.selectFrom('structure_zone_commune as z')
			.select('z.structure_id')
			.whereRef('z.structure_id', '=', 'structure.id')
			.where('z.commune_code', '=', code)
	);
}

/**
 * Everything the commune page shows: identity, EPCI, indicators by year, QPV and IRIS of the
 * commune, and the structures open on `today` located there or serving it. Null when unknown.
 */
export async function getCommune(db: Kysely<Database>, code: string, today: string): Promise<CommuneDetail | null> {
	const row = await db
		.selectFrom('commune')
		.leftJoin('epci', 'epci.siren', 'commune.epci_siren')
		.select([
			'commune.code',
			'commune.name',
			'commune.departement_code',
			'commune.epci_siren',
			'epci.name as epci_name',
			'epci.nature as epci_nature',
			'commune.population',
			'commune.population_year',
			'commune.area_km2',
			'commune.ref_lon',
			'commune.ref_lat',
			'commune.ref_point_source',
			communeInTerritory('commune').as('in_territory')
		])
		.where('commune.code', '=', code)
		.executeTakeFirst();
	if (!row) return null;
	const [indicators, zones, structures] = await Promise.all([
		db
			.selectFrom('territorial_indicator')
			.select(['key', 'year', 'value', 'source'])
			.where('territory_kind', '=', 'commune')
			.where('territory_code', '=', code)
			.execute(),
		db
			.selectFrom('zone')
			.select(['kind', 'code', 'name', 'population'])
			.where((eb) =>
				eb.or([
					eb('commune_codes', '@>', sql<string[]>`${JSON.stringify([code])}::jsonb`),
					eb.and([eb('kind', '=', 'iris'), eb('code', 'like', `${code}%`)])
				])
			)
			.orderBy('kind', 'desc')
			.orderBy('code')
			.execute(),
		structureMarkers(db)
			.select((eb) => servesCommune(eb, code).as('serving'))
			.where(openOn(today))
			.where((eb) => eb.or([eb('structure.commune_code', '=', code), servesCommune(eb, code)]))
			.execute()
	]);
	return {
		code: row.code,
		name: row.name,
		departementCode: row.departement_code,
		epciSiren: row.epci_siren,
		epciName: row.epci_name,
		epciNature: row.epci_nature,
		population: row.population,
		populationYear: row.population_year,
		areaKm2: row.area_km2,
		refLon: row.ref_lon,
		refLat: row.ref_lat,
		refPointSource: row.ref_point_source,
		outside: !row.in_territory,
		indicators: indicatorTable(indicators.map((i) => ({ ...i, value: Number(i.value) }))),
		zones,
		structures: structures.map((s) => ({ ...s, located: s.communeCode === code, serving: Boolean(s.serving) }))
	};
}
