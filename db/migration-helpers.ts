// What several migrations do alike, written once. Not a migration itself (db/migrations/index.ts
// lists the migrations by name) and never imported from src/. Changing what a helper writes would
// change migrations already applied: like the migrations, it is frozen once landed.
import { sql, type Kysely } from 'kysely';

/** Columns every editable row carries: optimistic-locking version and timestamps. */
export function editable<T extends { addColumn: (...args: any[]) => T }>(table: T): T {
	return table
		.addColumn('version', 'integer', (c: any) => c.notNull().defaultTo(1))
		.addColumn('created_at', 'timestamptz', (c: any) => c.notNull().defaultTo(sql`now()`))
		.addColumn('updated_at', 'timestamptz', (c: any) => c.notNull().defaultTo(sql`now()`));
}

/**
 * Who did it and when, on a journal-like row: the time, the account (kept null once the account is
 * deleted) and the name shown, which survives the account.
 */
export function stampedBy<T extends { addColumn: (...args: any[]) => T }>(table: T, at: string, by: string): T {
	return table
		.addColumn(at, 'timestamptz', (c: any) => c.notNull().defaultTo(sql`now()`))
		.addColumn('user_id', 'integer', (c: any) => c.references('app_user.id').onDelete('set null'))
		.addColumn(by, 'text', (c: any) => c.notNull());
}

/** A check that a period's start (when known) is not after its end (when known). */
export async function addPeriodCheck(db: Kysely<any>, table: string, name: string, from: string, until: string): Promise<void> {
	await db.schema
		.alterTable(table)
		.addCheckConstraint(name, sql`${sql.ref(from)} is null or ${sql.ref(until)} is null or ${sql.ref(from)} <= ${sql.ref(until)}`)
		.execute();
}

// Regimes and sources cited by the first seeds (2026-11-27), spelled « CNAF », « CAF » as they were
// then: 2026-12-06T0300 restyles them in the database.
export const CIRCULAR_2012 = 'Circulaire CNAF n°2012-013';
export const SOURCE_CIRCULAR = 'Circulaire CNAF n°2012-013 du 20 juin 2012 relative à l’animation de la vie sociale';
export const DEPARTMENTAL_DEFAULT = 'Paramètre départemental (valeur par défaut)';
export const SOURCE_DEFAULT = 'Maillage : valeur par défaut, à ajuster par la CAF dans le schéma directeur';

/** One dated row of `reference_parameter` as a seeding migration writes it. */
export interface ParameterRow {
	key: string;
	valid_from: string;
	valid_until?: string | null;
	/** Stored as JSON; null stays SQL null, the mark of a figure « à compléter ». */
	value: unknown;
	unit?: string | null;
	regime: string;
	source?: string;
	comment?: string | null;
}

/**
 * Inserts dated reference parameters, in the order given (ids follow it). `ifAbsent`: a row whose
 * key and date already exist is left as it is, instead of failing the migration.
 */
export async function insertParameters(db: Kysely<any>, rows: ParameterRow[], options: { ifAbsent: boolean }): Promise<void> {
	const insert = db.insertInto('reference_parameter').values(
		rows.map((row) => ({ ...row, valid_until: row.valid_until ?? null, value: row.value === null ? null : JSON.stringify(row.value) }))
	);
	await (options.ifAbsent ? insert.onConflict((oc) => oc.columns(['key', 'valid_from']).doNothing()) : insert).execute();
}

/** Deletes the dated parameters a migration inserted (by key and date). */
export async function deleteParameters(db: Kysely<any>, rows: Pick<ParameterRow, 'key' | 'valid_from'>[]): Promise<void> {
	for (const row of rows) {
		await db.deleteFrom('reference_parameter').where('key', '=', row.key).where('valid_from', '=', row.valid_from).execute();
	}
}
