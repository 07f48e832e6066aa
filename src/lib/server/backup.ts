/**
 * Backup and restore of every table but sessions, exactly: rows travel as Postgres's own JSON
 * (`to_jsonb`, so numerics, timestamps with microseconds and jsonb come back bit for bit) in an
 * NDJSON stream — a header line, then one line per row, then the sequences — which both writes and
 * reads row by row, so a national database never has to fit in one string.
 * Restore replaces the whole content in one transaction, keeps identifiers and sequences, and
 * writes no audit entry of its own.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from './db/schema';
import { RejectedDataError } from './errors';

export const BACKUP_FORMAT = 'maillage-backup';
export const BACKUP_VERSION = 1;
/**
 * Sessions and sign-in delays are not saved (a restored database asks everyone to sign in again,
 * with fresh counters); migrations are the code's.
 */
const SKIPPED = new Set<string>(['user_session', 'login_throttle', 'kysely_migration', 'kysely_migration_lock']);

/**
 * Every table of our schema, each after the tables it references (read from the catalogue, so a
 * table added by a later migration is saved without touching this file).
 */
export async function tablesInDependencyOrder(db: Kysely<Database>, schema: string): Promise<string[]> {
	const tables = await sql<{ name: string }>`
		select table_name as name from information_schema.tables
		where table_schema = ${schema} and table_type = 'BASE TABLE' order by 1`.execute(db);
	const references = await sql<{ child: string; parent: string }>`
		select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent
		from pg_constraint c join pg_namespace n on n.oid = c.connamespace
		where c.contype = 'f' and n.nspname = ${schema}`.execute(db);
	const bare = (name: string) => name.replace(/^.*\./, '').replace(/"/g, '');
	const parents = new Map<string, Set<string>>(tables.rows.map((t) => [t.name, new Set<string>()]));
	for (const { child, parent } of references.rows) if (bare(child) !== bare(parent)) parents.get(bare(child))?.add(bare(parent));
	const ordered: string[] = [];
	const visit = (name: string, path: Set<string>) => {
		if (ordered.includes(name) || path.has(name)) return;
		path.add(name);
		for (const parent of parents.get(name) ?? []) visit(parent, path);
		ordered.push(name);
	};
	for (const name of [...parents.keys()].sort()) visit(name, new Set());
	return ordered;
}

async function backedUpTables(db: Kysely<Database>, schema: string): Promise<string[]> {
	return (await tablesInDependencyOrder(db, schema)).filter((t) => !SKIPPED.has(t));
}

interface Header {
	format: typeof BACKUP_FORMAT;
	version: number;
	createdAt: string;
	migrations: string[];
	tables: string[];
}
type Line = Header | { table: string; row: Record<string, unknown> } | { sequence: string; lastValue: number; isCalled: boolean };

async function appliedMigrations(db: Kysely<Database>, schema: string): Promise<string[]> {
	const result = await sql<{ name: string }>`select name from ${sql.id(schema, 'kysely_migration')} order by name`.execute(db);
	return result.rows.map((r) => r.name);
}

async function primaryKey(db: Kysely<Database>, schema: string, table: string): Promise<string[]> {
	const result = await sql<{ column_name: string }>`
		select a.attname as column_name
		from pg_index i
		join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
		where i.indrelid = ${`${schema}.${table}`}::regclass and i.indisprimary
		order by array_position(i.indkey, a.attnum)`.execute(db);
	return result.rows.map((r) => r.column_name);
}

async function sequences(db: Kysely<Database>, schema: string): Promise<string[]> {
	const result = await sql<{ name: string }>`
		select sequence_name as name from information_schema.sequences where sequence_schema = ${schema} order by 1`.execute(db);
	return result.rows.map((r) => r.name);
}

/** Streams the backup, line by line (each line is one JSON value, without the newline). */
export async function* backupLines(db: Kysely<Database>, schema: string, now: Date): AsyncGenerator<string> {
	const tables = await backedUpTables(db, schema);
	const header: Header = {
		format: BACKUP_FORMAT,
		version: BACKUP_VERSION,
		createdAt: now.toISOString(),
		migrations: await appliedMigrations(db, schema),
		tables
	};
	yield JSON.stringify(header);
	for (const table of tables) {
		const key = await primaryKey(db, schema, table);
		// Stable order: the primary key, or the whole row's text for a table without one.
		const order = key.length ? sql.join(key.map((c) => sql.ref(`t.${c}`))) : sql`t::text`;
		const pageSize = 2_000;
		for (let offset = 0; ; offset += pageSize) {
			const page = await sql<{ row: Record<string, unknown> | string }>`
				select to_jsonb(t) as row from ${sql.id(schema, table)} t order by ${order} limit ${pageSize} offset ${offset}`.execute(db);
			for (const { row } of page.rows) {
				const value = typeof row === 'string' ? JSON.parse(row) : row;
				yield JSON.stringify({ table, row: value });
			}
			if (page.rows.length < pageSize) break;
		}
	}
	for (const name of await sequences(db, schema)) {
		const result = await sql<{ last_value: number | string; is_called: boolean }>`
			select last_value, is_called from ${sql.id(schema, name)}`.execute(db);
		const { last_value, is_called } = result.rows[0];
		yield JSON.stringify({ sequence: name, lastValue: Number(last_value), isCalled: is_called });
	}
}

export interface RestoreSummary {
	rows: Record<string, number>;
	sequences: number;
}

/**
 * Replaces the database content with a backup, in one transaction: on any problem nothing is
 * changed. The database must be migrated to exactly the backup's migrations.
 */
export async function restoreFromLines(db: Kysely<Database>, schema: string, lines: AsyncIterable<string>): Promise<RestoreSummary> {
	const iterator = lines[Symbol.asyncIterator]();
	const first = await iterator.next();
	let header: Header;
	try {
		header = JSON.parse(first.done ? '' : first.value) as Header;
	} catch {
		throw new RejectedDataError("Ce fichier n'est pas une sauvegarde Maillage (première ligne illisible).");
	}
	if (header.format !== BACKUP_FORMAT) throw new RejectedDataError("Ce fichier n'est pas une sauvegarde Maillage.");
	if (header.version !== BACKUP_VERSION)
		throw new RejectedDataError(`Version de sauvegarde non prise en charge : ${header.version}.`);
	const current = await appliedMigrations(db, schema);
	if (JSON.stringify(current) !== JSON.stringify(header.migrations)) {
		throw new RejectedDataError(
			`La sauvegarde a été faite avec les migrations ${header.migrations.at(-1) ?? 'aucune'}, ` +
				`la base est à ${current.at(-1) ?? 'aucune'} : restaurez-la avec la même version de Maillage.`
		);
	}
	const known = new Set<string>(await backedUpTables(db, schema));
	const summary: RestoreSummary = { rows: {}, sequences: 0 };
	await db.transaction().execute(async (trx) => {
		const all = (await tablesInDependencyOrder(trx, schema))
			.filter((t) => !t.startsWith('kysely_migration'))
			.map((t) => sql.id(schema, t));
		await sql`truncate ${sql.join(all)}`.execute(trx);
		let batch: { table: string; rows: unknown[] } | null = null;
		const flush = async () => {
			if (!batch || batch.rows.length === 0) return;
			const target = sql.id(schema, batch.table);
			await sql`insert into ${target} select * from jsonb_populate_recordset(null::${target}, ${JSON.stringify(batch.rows)}::jsonb)`.execute(trx);
			summary.rows[batch.table] = (summary.rows[batch.table] ?? 0) + batch.rows.length;
			batch = null;
		};
		let lineNumber = 1;
		for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
			lineNumber++;
			if (!next.value.trim()) continue;
			let line: Line;
			try {
				line = JSON.parse(next.value) as Line;
			} catch {
				throw new RejectedDataError(`Sauvegarde illisible à la ligne ${lineNumber}.`);
			}
			if ('table' in line) {
				if (!known.has(line.table)) throw new RejectedDataError(`Ligne ${lineNumber} : table inconnue « ${line.table} ».`);
				if (batch && batch.table !== line.table) await flush();
				batch ??= { table: line.table, rows: [] };
				batch.rows.push(line.row);
				if (batch.rows.length >= 500) await flush();
			} else if ('sequence' in line) {
				await flush();
				await sql`select setval(${`${schema}.${line.sequence}`}::regclass, ${line.lastValue}, ${line.isCalled})`.execute(trx);
				summary.sequences++;
			}
		}
		await flush();
	});
	return summary;
}
