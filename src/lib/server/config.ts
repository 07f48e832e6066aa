/**
 * Environment read once, for the dev server, the built server, the CLI and the tests alike.
 * Secrets only ever come from here (environment variables), never from the code.
 */
import path from 'node:path';

export interface DbConfig {
	/** postgres://… : use node-postgres; absent: embedded PGlite. */
	databaseUrl: string | null;
	/** PGlite data folder, or `memory://` for an in-memory database (tests). */
	dataDir: string;
	/** Postgres schema holding every table (`maillage`), so a reset drops only ours. */
	schema: string;
}

export function readDbConfig(env: NodeJS.ProcessEnv = process.env): DbConfig {
	return {
		databaseUrl: env.DATABASE_URL?.trim() || null,
		dataDir: env.MAILLAGE_DATA_DIR?.trim() || path.resolve('data/pglite'),
		schema: env.MAILLAGE_DB_SCHEMA?.trim() || 'maillage'
	};
}
