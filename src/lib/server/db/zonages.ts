/**
 * Communal zonings (ZFRR) as dated lists (`zonage_commune`): the communes in force on a day, and
 * the lists imported (for the pages that say what the priorities rest on).
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema';

type Db = Kysely<Database> | Transaction<Database>;

/** INSEE codes of the communes of `zonage` on `date`. */
export async function communesOn(db: Db, zonage: 'zfrr', date: string): Promise<Set<string>> {
	const rows = await db
		.selectFrom('zonage_commune')
		.select('commune_code')
		.where('zonage', '=', zonage)
		.where('valid_from', '<=', date)
		.where((eb) => eb.or([eb('valid_until', 'is', null), eb('valid_until', '>=', date)]))
		.execute();
	return new Set(rows.map((r) => r.commune_code));
}

/** The lists of `zonage`: each start date with its commune count and source, latest first. */
export async function lists(db: Db, zonage: 'zfrr'): Promise<{ validFrom: string; communes: number; source: string | null }[]> {
	const rows = await db
		.selectFrom('zonage_commune')
		.select((eb) => ['valid_from', 'source', eb.fn.countAll<number>().as('n')])
		.where('zonage', '=', zonage)
		.groupBy(['valid_from', 'source'])
		.orderBy('valid_from', 'desc')
		.execute();
	return rows.map((r) => ({ validFrom: r.valid_from, communes: Number(r.n), source: r.source }));
}
