import { error, fail, redirect } from '@sveltejs/kit';
import { readForm } from '$lib/server/http/input-guard';
import type { Actions, PageServerLoad } from './$types';
import { can } from '$lib/domain/policy';
import { isoDateInParis } from '$lib/format';
import { actorOf } from '$lib/server/auth/request';
import { ConflictError } from '$lib/server/db/changes';
import * as scenarios from '$lib/server/db/scenarios';
import { RejectedDataError } from '$lib/server/errors';
import { loadGeometry, loadPayload } from '../payload.server';

/** `nouveau`, or a scenario id. */
function parseId(param: string): number | 'nouveau' {
	if (param === 'nouveau') return 'nouveau';
	const id = Number(param);
	if (!Number.isInteger(id) || id <= 0) error(404, 'Scénario introuvable');
	return id;
}

export const load: PageServerLoad = async ({ params, locals }) => {
	const user = locals.user!;
	const id = parseId(params.id);
	const canEdit = can(user, 'scenarios', 'write');
	if (id === 'nouveau' && !canEdit) error(403, 'Accès refusé : votre rôle ne permet pas de créer un scénario.');
	const scenario = id === 'nouveau' ? null : await scenarios.get(locals.db, id);
	if (id !== 'nouveau' && !scenario) error(404, 'Scénario introuvable : il a peut-être été supprimé.');
	const date = isoDateInParis(new Date());
	const [payload, geometry] = await Promise.all([loadPayload(locals.db, date), loadGeometry(locals.db)]);
	return { scenario, payload, geometry, canEdit };
};

export const actions: Actions = {
	enregistrer: async ({ request, params, locals }) => {
		const id = parseId(params.id);
		const form = await readForm(request);
		const name = String(form.get('name') ?? '');
		const description = String(form.get('description') ?? '');
		let changes: unknown;
		try {
			changes = JSON.parse(String(form.get('changes') ?? '[]'));
		} catch {
			return fail(400, { message: 'Les modifications du scénario sont illisibles : rechargez la page.', name, description });
		}
		const actor = actorOf(locals.user!);
		try {
			if (id === 'nouveau') {
				const created = await scenarios.create(locals.db, actor, { name, description, changes });
				redirect(303, `/scenarios/${created.id}?enregistre=1`);
			}
			const version = Number(form.get('version'));
			if (!Number.isInteger(version)) return fail(400, { message: 'Version du scénario manquante : rechargez la page.', name, description });
			const updated = await scenarios.update(locals.db, actor, id, version, { name, description, changes });
			return { saved: true as const, version: updated.version, updatedAt: updated.updatedAt };
		} catch (e) {
			if (e instanceof ConflictError) return fail(409, { message: e.message, name, description, conflict: true });
			if (e instanceof RejectedDataError) return fail(400, { message: e.message, name, description });
			throw e;
		}
	}
};
