/**
 * The one place where the database dialect is chosen: embedded PGlite by default,
 * node-postgres when a `databaseUrl` is given. Both keep every table in one schema
 * (`maillage` by default) and return numbers for numeric/bigint and `YYYY-MM-DD` text for dates,
 * so repositories behave the same on both.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PGliteDialect, PostgresDialect, sql } from 'kysely';
import type { Database } from './schema';
import type { DbConfig } from '../config';
import { EnvironmentError } from '../errors';
import { lockDataFolder, type FolderLock } from './lock';
import { holdPrivateUmask, PRIVATE_DIR_MODE, restrictTree } from './private-files';

export type DbKind = 'pglite' | 'postgres';

export interface DbHandle {
	db: Kysely<Database>;
	kind: DbKind;
	/** Where the data lives, for messages (never the password). */
	location: string;
	schema: string;
	close(): Promise<void>;
}

const OID = { int8: 20, numeric: 1700, date: 1082 } as const;

function assertSchemaName(schema: string): void {
	if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name: ${schema}`);
}

function redactUrl(url: string): string {
	try {
		const u = new URL(url);
		if (u.password) u.password = '***';
		return u.toString();
	} catch {
		return 'DATABASE_URL';
	}
}

async function openPglite(config: DbConfig): Promise<DbHandle> {
	const { PGlite } = await import('@electric-sql/pglite');
	const inMemory = config.dataDir.startsWith('memory://');
	let lock: FolderLock | null = null;
	// Files created while PGlite is open are private (umask 077); what it unpacks is tightened below.
	const umask = inMemory ? null : holdPrivateUmask();
	if (!inMemory) {
		try {
			fs.mkdirSync(path.dirname(path.resolve(config.dataDir)), { recursive: true, mode: PRIVATE_DIR_MODE });
			lock = lockDataFolder(config.dataDir);
		} catch (error) {
			umask?.release();
			if (error instanceof EnvironmentError) throw error;
			throw new EnvironmentError(`Impossible de créer le dossier de données : ${(error as Error).message}`);
		}
	}
	let pglite;
	try {
		pglite = await PGlite.create(inMemory ? undefined : config.dataDir, {
			parsers: {
				[OID.int8]: (v: string) => Number(v),
				[OID.numeric]: (v: string) => Number(v),
				[OID.date]: (v: string) => v
			}
		});
		await pglite.exec(`create schema if not exists ${config.schema}; set search_path to ${config.schema}, public;`);
		if (!inMemory) restrictTree(config.dataDir);
	} catch (error) {
		lock?.release();
		umask?.release();
		throw new EnvironmentError(
			`Impossible d'ouvrir la base embarquée ${config.dataDir} : ${(error as Error).message}`
		);
	}
	const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
	return {
		db,
		kind: 'pglite',
		location: inMemory ? 'mémoire' : path.resolve(config.dataDir),
		schema: config.schema,
		async close() {
			await db.destroy(); // closes the PGlite instance too
			if (!inMemory) restrictTree(config.dataDir);
			lock?.release();
			umask?.release();
		}
	};
}

async function openPostgres(config: DbConfig & { databaseUrl: string }): Promise<DbHandle> {
	const pg = (await import('pg')).default;
	const builtin = pg.types;
	const pool = new pg.Pool({
		connectionString: config.databaseUrl,
		options: `-c search_path=${config.schema},public`,
		connectionTimeoutMillis: 10_000,
		max: 10,
		types: {
			getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
				if (oid === OID.int8 || oid === OID.numeric) return (v: string) => Number(v);
				if (oid === OID.date) return (v: string) => v;
				return builtin.getTypeParser(oid, format);
			}) as typeof builtin.getTypeParser
		}
	});
	// An idle client erroring (server restart) must not crash the process.
	pool.on('error', () => {});
	const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
	try {
		await sql`create schema if not exists ${sql.id(config.schema)}`.execute(db);
	} catch (error) {
		await db.destroy().catch(() => {});
		throw new EnvironmentError(
			`Impossible de joindre la base PostgreSQL ${redactUrl(config.databaseUrl)} : ${(error as Error).message}`
		);
	}
	return {
		db,
		kind: 'postgres',
		location: redactUrl(config.databaseUrl),
		schema: config.schema,
		close: () => db.destroy()
	};
}

/** Opens the database described by `config` (see `readDbConfig`). Throws EnvironmentError in French. */
export async function createDb(config: DbConfig): Promise<DbHandle> {
	assertSchemaName(config.schema);
	return config.databaseUrl
		? openPostgres({ ...config, databaseUrl: config.databaseUrl })
		: openPglite(config);
}
