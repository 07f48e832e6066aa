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
import { readForm } from '$lib/server/http/input-guard';
import { parseId, type Parsed } from '$lib/funding/line-input';

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

/** What a form action of these pages works with. */
export interface FormContext {
	locals: App.Locals;
	user: SessionUser;
	writer: Writer;
	get: (name: string) => string | null;
}

/** A form action on one versioned row (`id`, `version` hidden fields): messages go to `${prefix}-${id}`. */
export interface RowContext extends FormContext {
	id: number;
	version: number;
	target: string;
}

interface ActionOptions {
	/** Staff-only: the French 403 message for anyone else. */
	staff?: string;
}

/**
 * A form action: signed-in user (staff only when `staff` says why), the form read within the body
 * limit, and the repository errors of `write` turned into French failures on `target`.
 */
export function formAction<R>(
	options: ActionOptions & { target: string | ((get: FormContext['get']) => string) },
	write: (form: FormContext & { target: string }) => Promise<R>
) {
	return async ({ locals, request }: { locals: App.Locals; request: Request }) => {
		const user = currentUser(locals);
		if (options.staff) requireStaff(user, options.staff);
		const get = formGetter(await readForm(request));
		const target = typeof options.target === 'function' ? options.target(get) : options.target;
		try {
			return await write({ locals, user, writer: writerOf(user), get, target });
		} catch (e) {
			return failure(e, target);
		}
	};
}

/**
 * A form action on one row, based on the version the page showed: a missing id or version is a 400
 * with `missing` (« Ligne ou version manquante »), then `write` as in `formAction`.
 */
export function rowAction<R>(options: ActionOptions & { prefix: string; missing: string }, write: (row: RowContext) => Promise<R>) {
	return async ({ locals, request }: { locals: App.Locals; request: Request }) => {
		const user = currentUser(locals);
		if (options.staff) requireStaff(user, options.staff);
		const get = formGetter(await readForm(request));
		const id = parseId(get('id'));
		const version = parseId(get('version'));
		const target = `${options.prefix}-${id}`;
		if (id === null || version === null) return fail(400, { target, message: `${options.missing} : rechargez la page.` });
		try {
			return await write({ locals, user, writer: writerOf(user), get, id, version, target });
		} catch (e) {
			return failure(e, target);
		}
	};
}

/** The create / edit / delete actions of a staff-maintained reference list (funders, instruments). */
export function referenceListActions<V, F extends string>(list: {
	/** Who may change it (403 message). */
	staff: string;
	/** Target prefix of a row's messages, and the message of a row without id or version. */
	prefix: string;
	missing: string;
	parse: (get: (name: string) => string | null) => Parsed<V, F>;
	create: (db: App.Locals['db'], writer: Writer, value: V) => Promise<unknown>;
	update: (db: App.Locals['db'], writer: Writer, id: number, version: number, value: V) => Promise<unknown>;
	remove: (db: App.Locals['db'], writer: Writer, id: number, version: number) => Promise<unknown>;
	created: (value: V) => string;
	deleted: string;
}) {
	const row = { staff: list.staff, prefix: list.prefix, missing: list.missing };
	return {
		creer: formAction({ staff: list.staff, target: 'creation' }, async ({ locals, writer, get }) => {
			const parsed = list.parse(get);
			if (!parsed.ok) return invalid('creation', parsed.errors);
			await list.create(locals.db, writer, parsed.value);
			return { target: 'creation', saved: list.created(parsed.value) };
		}),
		modifier: rowAction(row, async ({ locals, writer, get, id, version, target }) => {
			const parsed = list.parse(get);
			if (!parsed.ok) return invalid(target, parsed.errors);
			await list.update(locals.db, writer, id, version, parsed.value);
			return { target, saved: 'Enregistré.' };
		}),
		supprimer: rowAction(row, async ({ locals, writer, id, version }) => {
			await list.remove(locals.db, writer, id, version);
			return { target: 'creation', saved: list.deleted };
		})
	};
}
