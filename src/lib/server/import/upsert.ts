/**
 * Batched upsert by natural key that tells inserted, updated and unchanged rows apart:
 * `insert … on conflict (key) do update … where (old columns) is distinct from (new columns)
 * returning (xmax = 0)`. An unchanged row is not touched (its `version` and `updated_at` stay);
 * a changed editable row gets `version + 1` and `updated_at = now()`. Same SQL on PGlite and
 * PostgreSQL. jsonb values must arrive as `JSON.stringify` text.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';

export interface UpsertSpec {
	table: keyof Database;
	/** Inserted columns, in the order of each row's values. */
	columns: readonly string[];
	/** The natural key (a unique constraint of the table). */
	conflict: readonly string[];
	/** Whether the table has `version`/`updated_at` (editable rows). */
	versioned: boolean;
}

export interface UpsertCounts {
	inserted: number;
	updated: number;
	unchanged: number;
}

export interface UpsertResult extends UpsertCounts {
	/** Natural keys (values joined by `|`) of the rows inserted or updated. */
	changedKeys: string[];
}

/** Rows per statement: 500 rows × ≤ 12 columns stays far below the 65,535 parameters of a query. */
export const UPSERT_BATCH = 500;

/** Upserts `rows` (arrays of values in `spec.columns` order), in batches; returns the counts. */
export async function upsertRows(
	db: Kysely<Database>,
	spec: UpsertSpec,
	rows: readonly (readonly unknown[])[],
	onBatch?: (done: number) => void
): Promise<UpsertResult> {
	const counts: UpsertResult = { inserted: 0, updated: 0, unchanged: 0, changedKeys: [] };
	const table = sql.id(spec.table);
	const updated = spec.columns.filter((c) => !spec.conflict.includes(c));
	const set = updated.map((c) => sql`${sql.id(c)} = excluded.${sql.id(c)}`);
	if (spec.versioned) set.push(sql`version = ${table}.version + 1`, sql`updated_at = now()`);
	const before = sql.join(updated.map((c) => sql`${table}.${sql.id(c)}`));
	const after = sql.join(updated.map((c) => sql`excluded.${sql.id(c)}`));
	const columns = sql.join(spec.columns.map((c) => sql.id(c)));
	const conflict = sql.join(spec.conflict.map((c) => sql.id(c)));
	for (let start = 0; start < rows.length; start += UPSERT_BATCH) {
		const batch = rows.slice(start, start + UPSERT_BATCH);
		const values = sql.join(batch.map((row) => sql`(${sql.join(row)})`));
		const action =
			updated.length === 0
				? sql`do nothing`
				: sql`do update set ${sql.join(set)} where (${before}) is distinct from (${after})`;
		const result = await sql<{ inserted: boolean; natural_key: string }>`
			insert into ${table} (${columns}) values ${values}
			on conflict (${conflict}) ${action}
			returning (xmax = 0) as inserted, concat_ws('|', ${conflict}) as natural_key`.execute(db);
		for (const r of result.rows) counts.changedKeys.push(r.natural_key);
		const inserted = result.rows.filter((r) => r.inserted).length;
		counts.inserted += inserted;
		counts.updated += result.rows.length - inserted;
		counts.unchanged += batch.length - result.rows.length;
		onBatch?.(start + batch.length);
	}
	return counts;
}

/** Adds counts. */
export function addCounts(a: UpsertCounts, b: UpsertCounts): UpsertCounts {
	return { inserted: a.inserted + b.inserted, updated: a.updated + b.updated, unchanged: a.unchanged + b.unchanged };
}

/** Counts without the keys. */
export function countsOf(r: UpsertCounts): UpsertCounts {
	return { inserted: r.inserted, updated: r.updated, unchanged: r.unchanged };
}
