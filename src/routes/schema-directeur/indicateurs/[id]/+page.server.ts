import { error, fail, redirect } from '@sveltejs/kit';
import { readForm } from '$lib/server/http/input-guard';
import type { Actions, PageServerLoad } from './$types';
import * as schemaDirecteur from '$lib/server/db/schema-directeur';
import { ConflictError } from '$lib/server/db/changes';
import { actorOf } from '$lib/server/auth/request';
import { can, rowScope } from '$lib/domain/policy';
import { isoDateInParis } from '$lib/format';
import { COMPUTATIONS, isComputationKey } from '$lib/pilotage/computed-indicators';
import { parseIndicatorForm, yearFields } from '$lib/pilotage/indicator-form';
import { computeIndicatorSeries } from '$lib/server/pilotage/computed-indicators';

function indicatorId(raw: string): number {
	if (!/^\d{1,9}$/.test(raw)) error(404, 'Indicateur introuvable');
	return Number(raw);
}

export const load: PageServerLoad = async ({ locals, params }) => {
	const id = indicatorId(params.id);
	const indicator = await schemaDirecteur.getIndicator(locals.db, id, rowScope(locals.user, 'read'));
	if (!indicator) error(404, 'Indicateur introuvable');
	const today = isoDateInParis(new Date());
	const key = isComputationKey(indicator.computation) ? indicator.computation : null;
	const computed = key ? ((await computeIndicatorSeries(locals.db, indicator.schema, [key], today)).get(key) ?? []) : [];
	const years = Array.from({ length: indicator.schema.endYear - indicator.schema.startYear + 1 }, (_, i) => indicator.schema.startYear + i);
	return {
		indicator,
		computation: key ? COMPUTATIONS[key] : null,
		computed,
		years: years.map((year) => ({ year, fields: yearFields(year) })),
		canEdit: can(locals.user, 'schema_directeur', 'write')
	};
};

export const actions: Actions = {
	default: async ({ locals, params, request }) => {
		if (!locals.user || !can(locals.user, 'schema_directeur', 'write')) error(403, 'Accès refusé : votre rôle ne permet pas cette action.');
		const id = indicatorId(params.id);
		const indicator = await schemaDirecteur.getIndicator(locals.db, id, rowScope(locals.user, 'read'));
		if (!indicator) error(404, 'Indicateur introuvable');
		const form = await readForm(request);
		const fields: Record<string, string> = {};
		for (const [k, v] of form.entries()) if (typeof v === 'string') fields[k] = v;
		const parsed = parseIndicatorForm(fields, indicator.schema, indicator.computation !== null);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: fields });
		try {
			await schemaDirecteur.saveIndicator(locals.db, actorOf(locals.user), id, Number(fields.version), parsed.value);
		} catch (e) {
			if (e instanceof ConflictError) return fail(409, { conflict: e.message, errors: {} as Record<string, string>, values: fields });
			throw e;
		}
		redirect(303, `/schema-directeur/indicateurs/${id}?enregistre=1`);
	}
};
