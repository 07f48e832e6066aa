/**
 * What every funding and accord-cadre page needs on the server: the signed-in user, the writer
 * (policy actor + audit actor), whether the user is CAF staff, and the one translation of the
 * repositories' errors into form failures with French messages (`fail(409)` for a concurrent edit).
 */
import { error, fail, type ActionFailure } from '@sveltejs/kit';
import { rowScope } from '$lib/domain/policy';
import type { SessionUser } from '$lib/server/auth/sessions';
import { actorOf } from '$lib/server/auth/request';
import { ConflictError, NotFoundError } from '$lib/server/db/changes';
import { AccessDeniedError, FundingInputError, type Writer } from '$lib/server/db/funding';

/** The signed-in user (hooks set it; a missing one is refused). */
export function currentUser(locals: App.Locals): SessionUser {
	if (!locals.user) error(401, 'Connexion requise');
	return locals.user;
}

export function writerOf(user: SessionUser): Writer {
	return { user, audit: actorOf(user) };
}

/** CAF staff: every row, every write (admin and agent). */
export function isStaff(user: SessionUser): boolean {
	return rowScope(user, 'write').kind === 'all';
}

/** Refuses (403) a non-staff user, for staff-only actions and pages. */
export function requireStaff(user: SessionUser, what = 'Cette action est réservée à la Caf.'): void {
	if (!isStaff(user)) error(403, what);
}

/** `formData.get(name)` as a string or null. */
export function formGetter(form: FormData): (name: string) => string | null {
	return (name) => {
		const v = form.get(name);
		return typeof v === 'string' ? v : null;
	};
}

/** What a failed action returns: the row it concerns, a French message, the field in error. */
export interface ActionProblem {
	/** Which row or form the message belongs to (e.g. `ligne-12`, `creation`). */
	target: string;
	message: string;
	field?: string;
	fields?: Record<string, string>;
}

/**
 * The form failure of a repository error, or rethrows an unexpected one: conflict 409, not found
 * (or not visible to this user) 404, forbidden 403, refused value 400.
 */
export function failure(e: unknown, target: string): ActionFailure<ActionProblem> {
	if (e instanceof ConflictError) return fail(409, { target, message: e.message });
	if (e instanceof NotFoundError) return fail(404, { target, message: 'Élément introuvable, supprimé entre-temps ou non visible avec votre compte.' });
	if (e instanceof AccessDeniedError) return fail(403, { target, message: e.message });
	if (e instanceof FundingInputError) return fail(400, { target, message: e.message, field: e.field });
	throw e;
}

/** A 400 failure listing the fields in error. */
export function invalid(target: string, fields: Record<string, string | undefined>): ActionFailure<ActionProblem> {
	const clean = Object.fromEntries(Object.entries(fields).filter((e): e is [string, string] => typeof e[1] === 'string'));
	return fail(400, { target, message: `À corriger : ${Object.values(clean).join(' ')}`, fields: clean });
}
