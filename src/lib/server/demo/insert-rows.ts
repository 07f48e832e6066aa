/**
 * Bulk inserts for the demo seed: one call per table whatever the number of rows, split into
 * INSERTs small enough for PostgreSQL's bind-parameter limit.
 */
import { sql, type Insertable, type Transaction } from 'kysely';
import type { Database } from '../db/schema';

/** Rows per INSERT: well under PostgreSQL's 65,535 bind parameters for our widest tables. */
const CHUNK = 400;

/** Inserts `rows` into `table` (nothing for none), or one row per item made by `toRow`. */
export async function insertRows<T extends keyof Database & string>(trx: Transaction<Database>, table: T, rows: readonly Insertable<Database[T]>[]): Promise<void>;
export async function insertRows<T extends keyof Database & string, I>(
	trx: Transaction<Database>,
	table: T,
	items: readonly I[],
	toRow: (item: I) => Insertable<Database[T]>
): Promise<void>;
export async function insertRows(trx: Transaction<Database>, table: keyof Database & string, items: readonly unknown[], toRow?: (item: unknown) => unknown): Promise<void> {
	for (let i = 0; i < items.length; i += CHUNK) {
		const chunk = items.slice(i, i + CHUNK);
		// Kysely cannot relate a row type to a table name chosen at run time; the overloads check each call.
		await trx.insertInto(table).values((toRow ? chunk.map(toRow) : chunk) as never).execute();
	}
}

/** Inserts one row into `table` and returns its generated id. */
export async function insertId<T extends keyof Database & string>(trx: Transaction<Database>, table: T, row: Insertable<Database[T]>): Promise<number> {
	const { id } = await trx
		.insertInto(table)
		.values(row as never)
		.returning(sql<number>`id`.as('id'))
		.executeTakeFirstOrThrow();
	return id;
}

/**
 * Inserts the partners or instruments whose code is free (an administrator may have created some
 * before loading data: those are reused, not duplicated); returns code → id for all of `rows`.
 */
export async function insertByCode<T extends 'partner' | 'funding_instrument'>(
	trx: Transaction<Database>,
	table: T,
	rows: readonly (Insertable<Database[T]> & { code: string })[]
): Promise<Map<string, number>> {
	if (rows.length === 0) return new Map();
	await trx
		.insertInto(table)
		.values(rows as never)
		.onConflict((oc) => oc.column('code').doNothing())
		.execute();
	const either: 'partner' | 'funding_instrument' = table;
	const stored = await trx
		.selectFrom(either)
		.select(['id', 'code'])
		.where('code', 'in', rows.map((r) => r.code))
		.execute();
	return new Map(stored.map((r) => [r.code, r.id]));
}
