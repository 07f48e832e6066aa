import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects, type TestDb } from '../helpers/db';
import * as users from '../../src/lib/server/db/users';
import { createSession, revokeSession, validateSession } from '../../src/lib/server/auth/sessions';
import { CLI_ACTOR } from '../../src/lib/server/db/audit';

const limits = { idleMs: 60 * 60_000, absoluteMs: 4 * 60 * 60_000 };
const t0 = new Date('2026-03-01T08:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

for (const dialect of testDialects()) {
	describe(`accounts and sessions on ${dialect.kind}`, () => {
		let t: TestDb;
		let partnerId: number;
		beforeAll(async () => {
			t = await dialect.open();
			const partner = await t.db
				.insertInto('partner')
				.values({ code: 'CD', name: 'Conseil départemental', kind: 'departement' })
				.returning('id')
				.executeTakeFirstOrThrow();
			partnerId = partner.id;
		});
		afterAll(() => t?.dispose());

		it('creates an account with an argon2id hash and audits it without the hash', async () => {
			const user = await users.create(t.db, CLI_ACTOR, { email: 'Admin@CAF.fr ', role: 'admin', password: 'correct horse battery' });
			expect(user.email).toBe('admin@caf.fr');
			const row = await t.db.selectFrom('app_user').select('password_hash').where('id', '=', user.id).executeTakeFirstOrThrow();
			expect(row.password_hash).toMatch(/^\$argon2id\$/);
			const audit = await t.db.selectFrom('audit_log').selectAll().where('entity', '=', 'app_user').executeTakeFirstOrThrow();
			expect(JSON.stringify(audit.after)).not.toContain('argon2');
		});

		it('refuses bad input with French messages', async () => {
			await expect(users.create(t.db, CLI_ACTOR, { email: 'x', role: 'admin', password: 'correct horse battery' })).rejects.toThrow(/Adresse électronique invalide/);
			await expect(users.create(t.db, CLI_ACTOR, { email: 'a@b.fr', role: 'chef', password: 'correct horse battery' })).rejects.toThrow(/Rôle inconnu/);
			await expect(users.create(t.db, CLI_ACTOR, { email: 'a@b.fr', role: 'partenaire', password: 'correct horse battery' })).rejects.toThrow(/rattaché/);
			await expect(users.create(t.db, CLI_ACTOR, { email: 'a@b.fr', role: 'agent', password: 'court' })).rejects.toThrow(/12 caractères/);
			await expect(users.create(t.db, CLI_ACTOR, { email: 'admin@caf.fr', role: 'agent', password: 'correct horse battery' })).rejects.toThrow(/existe déjà/);
		});

		it('authenticates only with the right password and an active account', async () => {
			const partner = await users.create(t.db, CLI_ACTOR, { email: 'cd@dep.fr', role: 'partenaire', partnerId, password: 'un mot de passe long' });
			expect(partner.partnerName).toBe('Conseil départemental');
			expect(await users.authenticate(t.db, 'cd@dep.fr', 'mauvais mot de passe', t0)).toBeNull();
			expect(await users.authenticate(t.db, 'inconnu@dep.fr', 'un mot de passe long', t0)).toBeNull();
			expect((await users.authenticate(t.db, 'CD@dep.fr', 'un mot de passe long', t0))?.id).toBe(partner.id);
			await users.setActive(t.db, CLI_ACTOR, partner.id, partner.version, false);
			expect(await users.authenticate(t.db, 'cd@dep.fr', 'un mot de passe long', t0)).toBeNull();
		});

		it('expires sessions when idle and at their absolute limit, and on sign-out', async () => {
			const user = await users.create(t.db, CLI_ACTOR, { email: 'agent@caf.fr', role: 'agent', password: 'encore un mot de passe' });
			const { token } = await createSession(t.db, user.id, { now: t0, limits });
			expect((await validateSession(t.db, token, { now: at(30), limits }))?.role).toBe('agent');
			expect(await validateSession(t.db, token, { now: at(30 + 61), limits })).toBeNull();
			const second = await createSession(t.db, user.id, { now: t0, limits });
			for (const m of [50, 100, 150, 200]) expect(await validateSession(t.db, second.token, { now: at(m), limits })).not.toBeNull();
			expect(await validateSession(t.db, second.token, { now: at(241), limits })).toBeNull();
			const third = await createSession(t.db, user.id, { now: t0, limits });
			await revokeSession(t.db, third.token);
			expect(await validateSession(t.db, third.token, { now: at(1), limits })).toBeNull();
		});

		it('ends the other sessions when the password changes, and resets with a one-time code', async () => {
			const user = await users.create(t.db, CLI_ACTOR, { email: 'obs@caf.fr', role: 'observateur', password: 'observateur prudent' });
			const a = await createSession(t.db, user.id, { now: t0, limits });
			const b = await createSession(t.db, user.id, { now: t0, limits });
			await expect(users.changePassword(t.db, CLI_ACTOR, user.id, 'faux', 'nouveau mot de passe')).rejects.toThrow(/actuel est incorrect/);
			await users.changePassword(t.db, CLI_ACTOR, user.id, 'observateur prudent', 'nouveau mot de passe', a.token);
			expect(await validateSession(t.db, a.token, { now: at(1), limits })).not.toBeNull();
			expect(await validateSession(t.db, b.token, { now: at(1), limits })).toBeNull();

			const code = await users.issueResetCode(t.db, CLI_ACTOR, user.id, t0);
			await expect(users.resetWithCode(t.db, 'obs@caf.fr', 'mauvais', 'troisième mot de passe', at(1))).rejects.toThrow(/invalide ou expiré/);
			await users.resetWithCode(t.db, 'obs@caf.fr', code, 'troisième mot de passe', at(1));
			expect(await validateSession(t.db, a.token, { now: at(2), limits })).toBeNull();
			await expect(users.resetWithCode(t.db, 'obs@caf.fr', code, 'quatrième mot de passe', at(2))).rejects.toThrow(/invalide ou expiré/);
			expect(await users.authenticate(t.db, 'obs@caf.fr', 'troisième mot de passe', at(3))).not.toBeNull();
			const late = await users.issueResetCode(t.db, CLI_ACTOR, user.id, t0);
			await expect(users.resetWithCode(t.db, 'obs@caf.fr', late, 'cinquième mot de passe', at(25 * 60))).rejects.toThrow(/expiré/);
		});
	});
}
