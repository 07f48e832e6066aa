import { error, fail, redirect } from '@sveltejs/kit';
import { readForm } from '$lib/server/http/input-guard';
import type { Actions, PageServerLoad } from './$types';
import * as structures from '$lib/server/db/structures';
import { ConflictError } from '$lib/server/db/changes';
import { isoDateInParis } from '$lib/format';
import { parseDate } from '$lib/io/values';
import { formValuesOf, readStructureForm, referencedCodes, validateStructureForm } from '../../structure-form';
import { actorOf, canEdit, keyErrors } from '../../form-actions.server';

function idOf(raw: string): number {
	const id = /^\d{1,9}$/.test(raw) ? Number(raw) : null;
	if (id === null) error(404, 'Structure introuvable');
	return id;
}

function versionOf(form: FormData): number | null {
	const raw = String(form.get('version') ?? '');
	return /^\d{1,9}$/.test(raw) ? Number(raw) : null;
}

export const load: PageServerLoad = async ({ locals, params }) => {
	const structure = await structures.getEditable(locals.db, idOf(params.id));
	if (!structure) error(404, 'Structure introuvable');
	return {
		today: isoDateInParis(new Date()),
		structure: { id: structure.id, name: structure.name, version: structure.version, closedOn: structure.closedOn, locationApproximate: structure.locationApproximate },
		values: formValuesOf(structure),
		canEdit: canEdit(locals)
	};
};

export const actions: Actions = {
	/** Saves the form, only if nobody saved this structure since the form was loaded. */
	enregistrer: async ({ request, locals, params }) => {
		const id = idOf(params.id);
		const form = await readForm(request);
		const values = readStructureForm(form);
		const version = versionOf(form);
		if (version === null) return fail(400, { values, errors: {}, conflict: 'Formulaire incomplet (version manquante) : rechargez la page.' });
		const result = validateStructureForm(values, await structures.knownCommunes(locals.db, referencedCodes(values)));
		if (!result.ok) return fail(400, { values, errors: result.errors, conflict: null });
		const duplicates = await keyErrors(locals.db, result.input, id);
		if (duplicates) return fail(400, { values, errors: duplicates, conflict: null });
		try {
			await structures.update(locals.db, actorOf(locals), id, version, result.input);
		} catch (e) {
			if (e instanceof ConflictError) return fail(409, { values, errors: {}, conflict: e.message });
			throw e;
		}
		redirect(303, `/structures/${id}?enregistre=modification`);
	},

	/** Closes the structure on a date (never deletes it), or reopens it. */
	fermer: async ({ request, locals, params }) => {
		const id = idOf(params.id);
		const form = await readForm(request);
		const version = versionOf(form);
		const reopen = form.get('rouvrir') === '1';
		const raw = String(form.get('date_fermeture') ?? '').trim();
		const closedOn = reopen ? null : parseDate(raw);
		if (version === null) return fail(400, { closeError: 'Formulaire incomplet (version manquante) : rechargez la page.' });
		if (!reopen && !closedOn) return fail(400, { closeError: `Date de fermeture invalide : « ${raw} » (AAAA-MM-JJ ou JJ/MM/AAAA).` });
		try {
			await structures.setClosedOn(locals.db, actorOf(locals), id, version, closedOn ?? null);
		} catch (e) {
			if (e instanceof ConflictError) return fail(409, { closeError: e.message });
			throw e;
		}
		redirect(303, `/structures/${id}?enregistre=${reopen ? 'reouverture' : 'fermeture'}`);
	}
};
