import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as structures from '$lib/server/db/structures';
import * as structureYears from '$lib/server/db/structure-years';
import { ConflictError } from '$lib/server/db/changes';
import { structureYearView } from '$lib/server/observatory/structure-year';
import { BLANK_ACTIVITY_ROWS, activityRowCount, formTextsOf, readFormTexts, validateYearForm } from '$lib/observatory/year-form';
import { MAX_ACTIVITY_YEAR, MIN_ACTIVITY_YEAR } from '$lib/observatory/activity-import';
import { listsInYear } from '$lib/observatory/lists';
import * as referenceParameters from '$lib/server/db/reference-parameters';
import { actorOf, canEdit } from '../../../form-actions.server';

function keysOf(params: { id: string; annee: string }): { id: number; year: number } {
	const id = /^\d{1,9}$/.test(params.id) ? Number(params.id) : null;
	const year = /^\d{4}$/.test(params.annee) ? Number(params.annee) : null;
	if (id === null) error(404, 'Structure introuvable');
	if (year === null || year < MIN_ACTIVITY_YEAR || year > MAX_ACTIVITY_YEAR) error(404, `Année introuvable : une année de ${MIN_ACTIVITY_YEAR} à ${MAX_ACTIVITY_YEAR} est attendue.`);
	return { id, year };
}

async function structureOf(locals: App.Locals, id: number) {
	const s = await structures.getEditable(locals.db, id);
	if (!s) error(404, 'Structure introuvable');
	return { id: s.id, name: s.name, type: s.type, siret: s.siret, establishment: s.establishment };
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { id, year } = keysOf(params);
	const [structure, view] = await Promise.all([structureOf(locals, id), structureYearView(locals.db, id, year)]);
	const texts = formTextsOf(view.stored?.data ?? null);
	return {
		structure,
		year,
		years: view.years,
		version: view.stored && view.stored.id !== 0 ? view.stored.version : null,
		texts,
		activityRows: activityRowCount(texts) + BLANK_ACTIVITY_ROWS,
		lists: view.lists,
		record: view.record,
		issues: view.issues,
		saved: url.searchParams.get('enregistre') === '1',
		canEdit: canEdit(locals)
	};
};

export const actions: Actions = {
	/** Saves the year, only if nobody saved it since the form was loaded. */
	default: async ({ request, locals, params }) => {
		const { id, year } = keysOf(params);
		const form = await request.formData();
		const lists = listsInYear(await referenceParameters.list(locals.db, ['observatory.']), year);
		const rows = Math.min(200, Number(form.get('lignes_activites')) || 0);
		const texts = readFormTexts(form, lists, rows);
		const rawVersion = String(form.get('version') ?? '');
		const version = rawVersion === '' ? null : /^\d{1,9}$/.test(rawVersion) ? Number(rawVersion) : NaN;
		if (Number.isNaN(version)) return fail(400, { texts, errors: {}, conflict: 'Formulaire incomplet (version illisible) : rechargez la page.' });
		const result = validateYearForm(texts, year, lists);
		if (!result.ok) return fail(400, { texts, errors: result.errors, conflict: null });
		await structureOf(locals, id);
		try {
			await structureYears.save(locals.db, actorOf(locals), id, result.data, version);
		} catch (e) {
			if (e instanceof ConflictError) return fail(409, { texts, errors: {}, conflict: e.message });
			throw e;
		}
		redirect(303, `/structures/${id}/annees/${year}?enregistre=1`);
	}
};
