import { fail } from '@sveltejs/kit';
import { readForm } from '$lib/server/http/input-guard';
import type { Actions, PageServerLoad } from './$types';
import * as users from '$lib/server/db/users';
import { actorOf } from '$lib/server/auth/request';
import { ConflictError } from '$lib/server/db/changes';
import { RejectedDataError } from '$lib/server/errors';
import { ROLES, ROLE_LABELS } from '$lib/domain/policy';
import { formatDateTime } from '../journal/describe';

export const load: PageServerLoad = async ({ locals }) => {
	const [accounts, partners] = await Promise.all([users.list(locals.db), users.partners(locals.db)]);
	return {
		currentUserId: locals.user!.id,
		accounts: accounts.map((a) => ({
			id: a.id,
			email: a.email,
			displayName: a.displayName,
			role: a.role,
			roleLabel: ROLE_LABELS[a.role],
			partnerName: a.partnerName,
			active: a.active,
			version: a.version,
			lastLogin: a.lastLoginAt ? { at: a.lastLoginAt.toISOString(), text: formatDateTime(a.lastLoginAt.toISOString()) } : null
		})),
		partners,
		roles: ROLES.map((value) => ({ value, label: ROLE_LABELS[value] }))
	};
};

/** The one-time code the page shows once, with what to do with it. */
function issued(email: string, code: string, expiresAt: Date, created: boolean) {
	return { email, code, expiresAtText: formatDateTime(expiresAt.toISOString()), created };
}

function field(form: FormData, name: string, max = 256): string {
	return String(form.get(name) ?? '').trim().slice(0, max);
}

/** A positive integer form field, or null. */
function intField(form: FormData, name: string): number | null {
	const raw = field(form, name, 12);
	return /^\d{1,9}$/.test(raw) ? Number(raw) : null;
}

export const actions: Actions = {
	creer: async ({ request, locals }) => {
		const form = await readForm(request);
		const values = {
			email: field(form, 'email', 320),
			displayName: field(form, 'displayName', 200),
			role: field(form, 'role', 32),
			partnerId: field(form, 'partnerId', 12)
		};
		// Without JavaScript the partner select is always sent: « aucun » is the empty value.
		const partnerId = values.partnerId === '' ? null : /^\d{1,9}$/.test(values.partnerId) ? Number(values.partnerId) : -1;
		try {
			const created = await users.createWithResetCode(
				locals.db,
				actorOf(locals.user!),
				{ email: values.email, displayName: values.displayName, role: values.role, partnerId },
				new Date()
			);
			return { action: 'creer' as const, issued: issued(created.user.email, created.code, created.expiresAt, true) };
		} catch (error) {
			if (error instanceof users.AccountFieldError)
				return fail(400, { action: 'creer' as const, errors: error.problems, values, message: 'Le compte n’a pas été créé : corrigez les champs signalés.' });
			throw error;
		}
	},

	reinitialiser: async ({ request, locals }) => {
		const form = await readForm(request);
		const id = intField(form, 'id');
		const account = id === null ? null : await users.get(locals.db, id);
		if (!account) return fail(404, { action: 'reinitialiser' as const, message: 'Compte introuvable : il a peut-être été supprimé.' });
		const now = new Date();
		try {
			const code = await users.issueResetCode(locals.db, actorOf(locals.user!), account.id, now);
			return { action: 'reinitialiser' as const, issued: issued(account.email, code, users.resetCodeExpiry(now), false) };
		} catch (error) {
			if (error instanceof RejectedDataError || error instanceof ConflictError)
				return fail(error instanceof ConflictError ? 409 : 400, { action: 'reinitialiser' as const, message: error.message });
			throw error;
		}
	},

	statut: async ({ request, locals }) => {
		const form = await readForm(request);
		const id = intField(form, 'id');
		const version = intField(form, 'version');
		const active = field(form, 'active', 8) === 'true';
		if (id === null || version === null) return fail(400, { action: 'statut' as const, message: 'Requête invalide : compte ou version manquant.' });
		const account = await users.get(locals.db, id);
		if (!account) return fail(404, { action: 'statut' as const, message: 'Compte introuvable : il a peut-être été supprimé.' });
		try {
			await users.setActive(locals.db, actorOf(locals.user!), id, version, active);
		} catch (error) {
			if (error instanceof ConflictError) return fail(409, { action: 'statut' as const, message: error.message });
			if (error instanceof RejectedDataError) return fail(400, { action: 'statut' as const, message: error.message });
			throw error;
		}
		return {
			action: 'statut' as const,
			success: active
				? `Compte ${account.email} réactivé : la personne peut de nouveau se connecter.`
				: `Compte ${account.email} désactivé : ses sessions sont fermées et elle ne peut plus se connecter.`
		};
	}
};
