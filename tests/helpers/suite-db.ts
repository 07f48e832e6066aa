/** The database of one integration suite (one `describe` per dialect of `testDialects()`). */
import { afterAll, beforeAll } from 'vitest';
import type { TestDb, TestDialect } from './db';

/**
 * A fresh, migrated, empty database for the tests of the enclosing `describe`: opened in a
 * `beforeAll` registered here (so before the suite's own set-up hooks), disposed in an `afterAll`.
 * The object returned is filled when the database opens: use it in hooks and tests only.
 */
export function suiteDatabase(dialect: TestDialect): TestDb {
	const t = {} as TestDb;
	beforeAll(async () => {
		Object.assign(t, await dialect.open());
	});
	afterAll(() => t.dispose?.());
	return t;
}
