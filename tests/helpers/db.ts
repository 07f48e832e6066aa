/**
 * Test databases, Kysely-style: every integration suite runs once per dialect — a fresh
 * in-memory PGlite always, and a real PostgreSQL server when TEST_DATABASE_URL is set (CI sets it).
 * On PostgreSQL each test file gets its own throw-away schema, so files run in parallel safely.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { createDb, type DbHandle, type DbKind } from '../../src/lib/server/db/index';
import { migrate } from '../../src/lib/server/db/migrate';

export interface TestDialect {
	kind: DbKind;
	/** Opens a fresh, migrated, empty database. */
	open(): Promise<TestDb>;
}

export interface TestDb extends DbHandle {
	/** Drops the test schema (PostgreSQL) and closes. */
	dispose(): Promise<void>;
}

const testUrl = process.env.TEST_DATABASE_URL?.trim() || null;
let warned = false;

function uniqueSchema(): string {
	return `test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

async function openFresh(databaseUrl: string | null): Promise<TestDb> {
	const schema = databaseUrl ? uniqueSchema() : 'maillage';
	const handle = await createDb({ databaseUrl, dataDir: 'memory://', schema });
	await migrate(handle.db, schema);
	return {
		...handle,
		async dispose() {
			if (handle.kind === 'postgres') await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(handle.db);
			await handle.close();
		}
	};
}

/** The dialects to run integration suites on: PGlite, plus PostgreSQL when TEST_DATABASE_URL is set. */
export function testDialects(): TestDialect[] {
	const list: TestDialect[] = [{ kind: 'pglite', open: () => openFresh(null) }];
	if (testUrl) list.push({ kind: 'postgres', open: () => openFresh(testUrl) });
	else if (!warned) {
		warned = true;
		console.warn('[tests] TEST_DATABASE_URL absent : la suite PostgreSQL est ignorée (PGlite seulement).');
	}
	return list;
}

/** The TEST_DATABASE_URL in use, or null. */
export const testDatabaseUrl = testUrl;
