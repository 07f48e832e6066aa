/**
 * Issue 11, item 9: progressive delays per (account, address) pair instead of hard locks, stored
 * in the database (they survive a restart), listed for the admin — on PGlite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects, type TestDb } from '../helpers/db';
import { suiteTempDir } from '../helpers/suite-temp-dir';
import { createDb } from '../../src/lib/server/db/index';
import { migrate } from '../../src/lib/server/db/migrate';
import * as users from '../../src/lib/server/db/users';
import { attemptSucceeded, beginAttempt, delayedPairs } from '../../src/lib/server/auth/login-throttle';

const T0 = new Date('2026-12-06T10:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const ADMIN = 'admin@caf.fr';

for (const dialect of testDialects()) {
	describe(`login throttle on ${dialect.kind}`, () => {
		let t: TestDb;
		beforeAll(async () => {
			t = await dialect.open();
			await users.create(t.db, { userId: null, label: 'test' }, { email: ADMIN, role: 'admin', password: 'un mot de passe robuste' });
		});
		afterAll(() => t?.dispose());

		it('lets three attempts through, then makes each wait twice as long as the previous', async () => {
			for (let i = 0; i < 3; i++) expect(await beginAttempt(t.db, 'Admin@CAF.fr', '203.0.113.9', at(i))).toEqual({ allowed: true });
			expect(await beginAttempt(t.db, ADMIN, '203.0.113.9', at(10))).toEqual({ allowed: false, waitMs: 992 });
			expect(await beginAttempt(t.db, ADMIN, '203.0.113.9', at(1_002))).toEqual({ allowed: true });
			expect(await beginAttempt(t.db, ADMIN, '203.0.113.9', at(2_000))).toEqual({ allowed: false, waitMs: 1_002 });
			expect(await beginAttempt(t.db, ADMIN, '203.0.113.9', at(3_002))).toEqual({ allowed: true });
		});

		it('never locks the account: its owner from another address signs in at once', async () => {
			expect(await beginAttempt(t.db, ADMIN, '198.51.100.7', at(3_100))).toEqual({ allowed: true });
			await attemptSucceeded(t.db, ADMIN, '198.51.100.7');
			// The attacker's pair is still delayed; the owner's is clear.
			expect((await beginAttempt(t.db, ADMIN, '203.0.113.9', at(3_200))).allowed).toBe(false);
			expect(await beginAttempt(t.db, ADMIN, '198.51.100.7', at(3_300))).toEqual({ allowed: true });
		});

		it('nobody else behind the attacker’s address is slowed down', async () => {
			expect(await beginAttempt(t.db, 'agent@caf.fr', '203.0.113.9', at(3_400))).toEqual({ allowed: true });
		});

		it('parallel guesses of one pair cannot slip through together', async () => {
			const decisions = await Promise.all(Array.from({ length: 8 }, () => beginAttempt(t.db, 'cible@caf.fr', '192.0.2.1', at(5_000))));
			// Every attempt at the same instant competes for the same count: at most the free ones pass.
			expect(decisions.filter((d) => d.allowed).length).toBeLessThanOrEqual(3);
			expect(decisions.filter((d) => d.allowed).length).toBeGreaterThanOrEqual(1);
		});

		it('lists the pairs under delay for the admin, known account or not', async () => {
			const pairs = await delayedPairs(t.db, at(3_500));
			expect(pairs.map((p) => [p.account, p.address, p.failures, p.knownAccount])).toContainEqual([ADMIN, '203.0.113.9', 5, true]);
			expect(pairs.find((p) => p.account === ADMIN)?.delayedUntil).toBe(at(3_002 + 4_000).toISOString());
			expect(pairs.some((p) => p.address === '198.51.100.7')).toBe(false);
		});

		it('a success clears the pair; a day later everything is forgotten', async () => {
			await attemptSucceeded(t.db, ADMIN, '203.0.113.9');
			expect((await delayedPairs(t.db, at(3_600))).some((p) => p.account === ADMIN)).toBe(false);
			const dayLater = at(25 * 3_600_000);
			expect(await beginAttempt(t.db, 'cible@caf.fr', '192.0.2.1', dayLater)).toEqual({ allowed: true });
			expect(await delayedPairs(t.db, dayLater)).toEqual([]);
		});
	});
}

describe('login throttle across a restart (embedded database folder)', () => {
	const inTemp = suiteTempDir('maillage-throttle-');

	it('keeps the delay after the database is closed and opened again', { timeout: 180_000 }, async () => {
		const config = { databaseUrl: null, dataDir: inTemp('pglite'), schema: 'maillage' };
		const first = await createDb(config);
		await migrate(first.db, config.schema);
		for (let i = 0; i < 6; i++) await beginAttempt(first.db, ADMIN, '203.0.113.9', at(i * 60_000));
		await first.close();
		const second = await createDb(config);
		try {
			expect(await beginAttempt(second.db, ADMIN, '203.0.113.9', at(5 * 60_000 + 1_000))).toEqual({ allowed: false, waitMs: 7_000 });
		} finally {
			await second.close();
		}
	});
});
