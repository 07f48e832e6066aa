import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testDialects } from '../helpers/db';
import { suiteDatabase } from '../helpers/suite-db';
import { migrate } from '../../src/lib/server/db/migrate';
import { TABLES_IN_DEPENDENCY_ORDER } from '../../src/lib/server/db/schema';

for (const dialect of testDialects()) {
	describe(`migrate(db) on ${dialect.kind}`, () => {
		const t = suiteDatabase(dialect);

		it('creates every table of the Database interface in our schema', async () => {
			const rows = await sql<{ table_name: string }>`
				select table_name from information_schema.tables where table_schema = ${t.schema}`.execute(t.db);
			const names = new Set(rows.rows.map((r) => r.table_name));
			for (const table of TABLES_IN_DEPENDENCY_ORDER) expect(names, table).toContain(table);
		});

		it('is idempotent: a second run applies nothing', async () => {
			expect(await migrate(t.db, t.schema)).toEqual([]);
		});

		it('returns numeric as numbers and dates as YYYY-MM-DD text on both drivers', async () => {
			const r = await sql<{ n: number; d: string; b: number }>`
				select 1234.5::numeric(14,2) as n, '2024-01-02'::date as d, 12::bigint as b`.execute(t.db);
			expect(r.rows[0]).toEqual({ n: 1234.5, d: '2024-01-02', b: 12 });
		});
	});
}
