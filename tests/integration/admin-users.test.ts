/**
 * Account administration (issue 5): creation with a one-time code, per-field French refusals,
 * deactivation with optimistic locking, no self-deactivation — through the repository and through
 * the form actions of /administration/utilisateurs, on PGlite and, with TEST_DATABASE_URL, PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isActionFailure } from '@sveltejs/kit';
import { testDialects, type TestDb } from '../helpers/db';
import * as users from '../../src/lib/server/db/users';
import * as audit from '../../src/lib/server/db/audit';
import { ConflictError } from '../../src/lib/server/db/changes';
import { createSession, validateSession, type SessionUser } from '../../src/lib/server/auth/sessions';
import { actions } from '../../src/routes/administration/utilisateurs/+page.server';

const t0 = new Date('2026-03-01T08:00:00Z');
const limits = { idleMs: 60 * 60_000, absoluteMs: 4 * 60 * 60_000 };

type ActionEvent = Parameters<(typeof actions)['creer']>[0];

/** Calls a form action as SvelteKit would, with `fields` as the posted form. */
async function post(name: keyof typeof actions, db: TestDb['db'], user: SessionUser, fields: Record<string, string>) {
	const body = new URLSearchParams(fields);
	const request = new Request('http://localhost/administration/utilisateurs?/' + String(name), {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body
	});
	const event = { request, locals: { db, user, dataset: null, sessionToken: null } } as unknown as ActionEvent;
	return actions[name]!(event);
}

for (const dialect of testDialects()) {
	describe(`account administration on ${dialect.kind}`, () => {
		let t: TestDb;
		let partnerId: number;
		let admin: users.User;
		let adminSession: SessionUser;

		beforeAll(async () => {
			t = await dialect.open();
			partnerId = (
				await t.db.insertInto('partner').values({ code: 'CD', name: 'Conseil départemental', kind: 'departement' }).returning('id').executeTakeFirstOrThrow()
			).id;
			admin = await users.create(t.db, audit.CLI_ACTOR, { email: 'chef@caf.fr', role: 'admin', password: 'pilotage de la caf' });
			adminSession = { id: admin.id, role: 'admin', partnerId: null, email: admin.email, displayName: admin.displayName, partnerName: null };
		});
		afterAll(() => t?.dispose());

		it('createWithResetCode() creates the account and a code its owner redeems to choose a password', async () => {
			const actor = { userId: admin.id, label: admin.email };
			const { user, code, expiresAt } = await users.createWithResetCode(
				t.db,
				actor,
				{ email: ' Partenaire@Dep.fr', displayName: 'Service AVS', role: 'partenaire', partnerId },
				t0
			);
			expect(user).toMatchObject({ email: 'partenaire@dep.fr', displayName: 'Service AVS', role: 'partenaire', partnerName: 'Conseil départemental', active: true });
			expect(expiresAt.toISOString()).toBe('2026-03-02T08:00:00.000Z');
			expect(code).toMatch(/^[A-Za-z0-9_-]{12}$/);
			// Nobody knows the initial password: the code is the only way in.
			expect(await users.authenticate(t.db, 'partenaire@dep.fr', code, t0)).toBeNull();
			await users.resetWithCode(t.db, 'partenaire@dep.fr', code, 'mon propre mot de passe', new Date(t0.getTime() + 60_000));
			expect((await users.authenticate(t.db, 'partenaire@dep.fr', 'mon propre mot de passe', t0))?.id).toBe(user.id);

			const trail = await audit.list(t.db, { entity: 'app_user', entityId: String(user.id) });
			expect(trail.map((e) => [e.action, e.actor])).toEqual([
				['update', 'partenaire@dep.fr'],
				['update', 'chef@caf.fr'],
				['create', 'chef@caf.fr']
			]);
		});

		it('createWithResetCode() refuses bad values with one French message per field, and writes nothing', async () => {
			const before = await audit.count(t.db);
			const attempt = users.createWithResetCode(t.db, audit.CLI_ACTOR, { email: 'pas-une-adresse', role: 'chef', partnerId: null }, t0);
			await expect(attempt).rejects.toBeInstanceOf(users.AccountFieldError);
			const error = (await attempt.catch((e: unknown) => e)) as users.AccountFieldError;
			expect(Object.keys(error.problems).sort()).toEqual(['email', 'role']);
			expect(error.problems.email).toMatch(/^Adresse électronique invalide/);
			expect(error.problems.role).toMatch(/^Rôle inconnu : « chef »/);

			const problems = async (input: Omit<users.NewUser, 'password'>) => {
				const e = await users.createWithResetCode(t.db, audit.CLI_ACTOR, input, t0).catch((x: unknown) => x);
				return (e as users.AccountFieldError).problems;
			};
			expect(await problems({ email: 'x@dep.fr', role: 'partenaire' })).toEqual({ partnerId: 'Un compte « partenaire » doit être rattaché à un partenaire.' });
			expect(await problems({ email: 'x@dep.fr', role: 'agent', partnerId })).toEqual({ partnerId: 'Seul un compte « partenaire » est rattaché à un partenaire.' });
			expect(await problems({ email: 'x@dep.fr', role: 'partenaire', partnerId: 9999 })).toEqual({ partnerId: 'Partenaire introuvable : 9999.' });
			expect(await problems({ email: 'CHEF@caf.fr', role: 'agent' })).toEqual({ email: 'Un compte existe déjà pour chef@caf.fr.' });
			expect(await problems({ email: '', role: '' })).toEqual({ email: 'Indiquez l’adresse électronique.', role: 'Choisissez un rôle.' });
			expect(await audit.count(t.db)).toBe(before);
		});

		it('setActive() refuses to let anyone deactivate their own account', async () => {
			const me = { userId: admin.id, label: admin.email };
			await expect(users.setActive(t.db, me, admin.id, admin.version, false)).rejects.toThrow('Vous ne pouvez pas désactiver votre propre compte.');
			expect((await users.get(t.db, admin.id))?.active).toBe(true);
		});

		it('setActive() with a stale version throws the French conflict message and changes nothing', async () => {
			const actor = { userId: admin.id, label: admin.email };
			const target = await users.create(t.db, actor, { email: 'agent@caf.fr', role: 'agent', password: 'une personne de la caf' });
			const { token } = await createSession(t.db, target.id, { now: new Date(), limits });
			await users.setActive(t.db, actor, target.id, target.version, false);
			// Sessions end with the deactivation.
			expect(await validateSession(t.db, token, { now: new Date(), limits })).toBeNull();
			// A second admin still looking at the old version tries to deactivate, then to reactivate.
			const stale = users.setActive(t.db, actor, target.id, target.version, true);
			await expect(stale).rejects.toBeInstanceOf(ConflictError);
			await expect(users.setActive(t.db, actor, target.id, target.version, true)).rejects.toThrow(/modifié entre-temps par un autre utilisateur \(version 2\)/);
			expect((await users.get(t.db, target.id))?.active).toBe(false);
			await users.setActive(t.db, actor, target.id, target.version + 1, true);
			expect((await users.get(t.db, target.id))?.active).toBe(true);
		});

		it('issueResetCode() refuses a deactivated account (its code could never be redeemed)', async () => {
			const actor = { userId: admin.id, label: admin.email };
			const target = await users.create(t.db, actor, { email: 'parti@caf.fr', role: 'observateur', password: 'observateur de passage' });
			await users.setActive(t.db, actor, target.id, target.version, false);
			await expect(users.issueResetCode(t.db, actor, target.id, t0)).rejects.toThrow(/désactivé : réactivez-le/);
		});

		it('form action « creer » returns the one-time code once, or per-field errors with the values typed', async () => {
			const ok = await post('creer', t.db, adminSession, { email: 'msa@msa.fr', displayName: '', role: 'observateur', partnerId: '' });
			expect(isActionFailure(ok)).toBe(false);
			const issued = (ok as { issued: { email: string; code: string; expiresAtText: string; created: boolean } }).issued;
			expect(issued).toMatchObject({ email: 'msa@msa.fr', created: true });
			expect(issued.expiresAtText).toMatch(/^\d{1,2}(?:er)?[\s\u202f]\p{L}+[\s\u202f]\d{4} à \d{2}:\d{2}$/u); // « 7 décembre 2026 à 05:17 »
			const created = (await users.list(t.db)).find((u) => u.email === 'msa@msa.fr');
			expect(created?.displayName).toBe('msa@msa.fr');
			const log = await audit.list(t.db, { entity: 'app_user', entityId: String(created!.id) });
			expect(log.every((e) => e.actor === 'chef@caf.fr' && e.userId === admin.id)).toBe(true);

			// Without JavaScript the partner select is sent even for other roles: refused, not ignored.
			const bad = await post('creer', t.db, adminSession, { email: 'autre@msa.fr', displayName: 'Autre', role: 'agent', partnerId: String(partnerId) });
			expect(isActionFailure(bad)).toBe(true);
			if (!isActionFailure(bad)) return;
			expect(bad.status).toBe(400);
			expect(bad.data).toMatchObject({
				action: 'creer',
				errors: { partnerId: 'Seul un compte « partenaire » est rattaché à un partenaire.' },
				values: { email: 'autre@msa.fr', displayName: 'Autre', role: 'agent', partnerId: String(partnerId) }
			});
			const garbage = await post('creer', t.db, adminSession, { email: 'autre@msa.fr', role: 'partenaire', partnerId: 'abc' });
			expect(isActionFailure(garbage) && garbage.data).toMatchObject({ errors: { partnerId: 'Partenaire introuvable.' } });
		});

		it('form action « statut » refuses self-deactivation (400) and a stale version (409) in French', async () => {
			const self = await post('statut', t.db, adminSession, { id: String(admin.id), version: String(admin.version), active: 'false' });
			expect(isActionFailure(self) && self.status).toBe(400);
			expect(isActionFailure(self) && self.data).toMatchObject({ message: 'Vous ne pouvez pas désactiver votre propre compte.' });

			const target = (await users.list(t.db)).find((u) => u.email === 'msa@msa.fr')!;
			const first = await post('statut', t.db, adminSession, { id: String(target.id), version: String(target.version), active: 'false' });
			expect(first).toMatchObject({ action: 'statut', success: expect.stringMatching(/^Compte msa@msa\.fr désactivé/) });
			const second = await post('statut', t.db, adminSession, { id: String(target.id), version: String(target.version), active: 'false' });
			expect(isActionFailure(second) && second.status).toBe(409);
			expect(isActionFailure(second) && second.data).toMatchObject({ message: expect.stringMatching(/^Cet élément a été modifié entre-temps/) });
			const missing = await post('statut', t.db, adminSession, { id: 'x', version: '1', active: 'true' });
			expect(isActionFailure(missing) && missing.status).toBe(400);
		});

		it('form action « reinitialiser » issues a new code that replaces the previous one', async () => {
			const target = (await users.list(t.db)).find((u) => u.email === 'partenaire@dep.fr')!;
			const first = (await post('reinitialiser', t.db, adminSession, { id: String(target.id) })) as { issued: { code: string; created: boolean } };
			const second = (await post('reinitialiser', t.db, adminSession, { id: String(target.id) })) as { issued: { code: string } };
			expect(first.issued.created).toBe(false);
			expect(second.issued.code).not.toBe(first.issued.code);
			await expect(users.resetWithCode(t.db, target.email, first.issued.code, 'encore un autre mot', new Date())).rejects.toThrow(/invalide ou expiré/);
			await users.resetWithCode(t.db, target.email, second.issued.code, 'encore un autre mot', new Date());
			const gone = await post('reinitialiser', t.db, adminSession, { id: '999999' });
			expect(isActionFailure(gone) && gone.status).toBe(404);
		});
	});
}
