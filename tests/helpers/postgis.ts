/** Whether the PostgreSQL of TEST_DATABASE_URL has PostGIS, for the tests that compare with it. */
import pg from 'pg';
import { testDatabaseUrl } from './db';

/** Why a PostGIS check cannot run here (in French, for the skip message), or null when it can. */
export async function postgisUnavailable(): Promise<string | null> {
	if (!testDatabaseUrl) return 'TEST_DATABASE_URL absent';
	const client = new pg.Client({ connectionString: testDatabaseUrl });
	try {
		await client.connect();
		const r = await client.query<{ v: string }>('select postgis_version() as v');
		return r.rows[0]?.v ? null : 'postgis_version() sans réponse';
	} catch (error) {
		return `PostGIS indisponible (${(error as Error).message})`;
	} finally {
		await client.end().catch(() => undefined);
	}
}
