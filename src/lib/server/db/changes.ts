/**
 * Audited, optimistically locked writes shared by every editable entity. An update names the
 * version it was based on; if the row moved on meanwhile, nothing is written and a
 * ConflictError tells the user, so a concurrent edit is never silently overwritten.
 */
import { sql, type DeleteQueryBuilder, type Kysely, type Transaction, type UpdateQueryBuilder } from 'kysely';
import type { Database } from './schema';
import { record, type AuditActor } from './audit';

type Db = Kysely<Database> | Transaction<Database>;

/** Tables whose rows carry `version`, with the column that identifies a row. */
export const EDITABLE_KEYS = {
	work_territory: 'id',
	pole_definition: 'code',
	epci: 'siren',
	commune: 'code',
	zone: 'id',
	activity_pole: 'id',
	structure: 'id',
	agrement: 'id',
	staff_post: 'id',
	structure_year: 'id',
	partner: 'id',
	funding_instrument: 'id',
	funding_line: 'id',
	reference_parameter: 'id',
	accord_cadre: 'id',
	commitment: 'id',
	schema_directeur: 'id',
	orientation: 'id',
	objective: 'id',
	indicator: 'id',
	committee_decision: 'id',
	app_user: 'id',
	scenario: 'id'
} as const satisfies Partial<Record<keyof Database, string>>;

export type EditableTable = keyof typeof EDITABLE_KEYS;

/** The row changed since the user loaded it (or was deleted). */
export class ConflictError extends Error {
	constructor(
		readonly entity: string,
		readonly id: string | number,
		readonly currentVersion: number | null
	) {
		super(
			currentVersion === null
				? 'Cet élément a été supprimé entre-temps par un autre utilisateur.'
				: `Cet élément a été modifié entre-temps par un autre utilisateur (version ${currentVersion}). ` +
						'Rechargez la page pour voir ses nouvelles valeurs, puis refaites votre modification.'
		);
		this.name = 'ConflictError';
	}
}

export class NotFoundError extends Error {
	constructor(entity: string, id: string | number) {
		super(`Élément introuvable : ${entity} ${id}`);
		this.name = 'NotFoundError';
	}
}

function jsonify(values: Record<string, unknown>): Record<string, unknown> {
	// jsonb values must be sent as JSON text (pg would send arrays as Postgres arrays).
	const out: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(values)) {
		out[key] = value !== null && typeof value === 'object' && !(value instanceof Date) ? JSON.stringify(value) : value;
	}
	return out;
}

// Kysely cannot type a table chosen at run time; the public signatures below stay typed.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyUpdate = UpdateQueryBuilder<any, any, any, any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyWrite = AnyUpdate | DeleteQueryBuilder<any, any, any>;

/**
 * Runs `write` (an UPDATE or DELETE of `table`) on row `id` only while it is at `expectedVersion`;
 * returns the row it returned.
 * @throws ConflictError, with the row's current version (null when deleted), when it moved on.
 */
async function atVersion(
	anyDb: AnyDb,
	table: EditableTable,
	id: string | number,
	expectedVersion: number,
	write: AnyWrite
): Promise<Record<string, unknown>> {
	const key: string = EDITABLE_KEYS[table];
	// A DELETE builder has the same `where` and `returningAll`; TypeScript cannot call a method of a union of overloaded builders.
	const row = await (write as AnyUpdate).where(key, '=', id).where('version', '=', expectedVersion).returningAll().executeTakeFirst();
	if (row) return row;
	const current = await anyDb.selectFrom(table).select('version').where(key, '=', id).executeTakeFirst();
	throw new ConflictError(table, id, current ? Number(current.version) : null);
}

/** Inserts one row and records a `create` audit entry; returns the stored row. */
export async function createRow<T extends EditableTable>(
	db: Db,
	actor: AuditActor,
	table: T,
	values: Record<string, unknown>
): Promise<Record<string, unknown>> {
	const key: string = EDITABLE_KEYS[table];
	const name: string = table;
	const row = await (db as unknown as AnyDb)
		.insertInto(name)
		.values(jsonify(values))
		.returningAll()
		.executeTakeFirstOrThrow();
	await record(db, actor, { action: 'create', entity: table, entityId: row[key] as string, after: row });
	return row;
}

/**
 * Applies `patch` to the row `id` of `table` only if its version is still `expectedVersion`;
 * bumps the version, records an `update` audit entry and returns the new row.
 * @throws ConflictError when the row moved on or was deleted.
 */
export async function updateRow<T extends EditableTable>(
	db: Db,
	actor: AuditActor,
	table: T,
	id: string | number,
	expectedVersion: number,
	patch: Record<string, unknown>
): Promise<Record<string, unknown>> {
	const key: string = EDITABLE_KEYS[table];
	const name: string = table;
	const anyDb = db as unknown as AnyDb;
	// Inside a transaction, FOR UPDATE makes `before` the very row the update replaces.
	const before = await anyDb.selectFrom(name).selectAll().where(key, '=', id).forUpdate().executeTakeFirst();
	if (!before) throw new ConflictError(table, id, null);
	const after = await atVersion(anyDb, table, id, expectedVersion, anyDb.updateTable(name).set({ ...jsonify(patch), version: sql`version + 1`, updated_at: sql`now()` }));
	await record(db, actor, { action: 'update', entity: table, entityId: id, before, after });
	return after;
}

/** Deletes the row if still at `expectedVersion`, recording a `delete` audit entry. */
export async function deleteRow<T extends EditableTable>(
	db: Db,
	actor: AuditActor,
	table: T,
	id: string | number,
	expectedVersion: number
): Promise<void> {
	const anyDb = db as unknown as AnyDb;
	const before = await atVersion(anyDb, table, id, expectedVersion, anyDb.deleteFrom(table));
	await record(db, actor, { action: 'delete', entity: table, entityId: id, before });
}
