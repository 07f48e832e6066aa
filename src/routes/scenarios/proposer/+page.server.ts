import { fail, redirect } from '@sveltejs/kit';
import { readForm } from '$lib/server/http/input-guard';
import type { Actions, PageServerLoad } from './$types';
import { can } from '$lib/domain/policy';
import { isoDateInParis } from '$lib/format';
import { smallMultipleShape } from '$lib/map/small-multiple';
import { addSites, explainSite, parseRecommendRequest, requestIssueText, type RawRecommendRequest } from '$lib/planning';
import { actorOf } from '$lib/server/auth/request';
import { listCommuneGeo } from '$lib/server/db/geo';
import * as scenarios from '$lib/server/db/scenarios';
import { epciOptions } from '$lib/server/db/territories';
import { UserFacingError } from '$lib/server/errors';

/** The form's fields, from the query string or the posted form. */
function rawOf(get: (name: string) => string | null, getAll: (name: string) => string[]): RawRecommendRequest & { mode: string; scenario: string } {
	const mode = get('mode') === 'part' ? 'part' : 'nombre';
	return {
		mode,
		type: get('type') ?? 'EVS',
		k: mode === 'nombre' ? (get('k') ?? '3') : null,
		targetShare: mode === 'part' ? (get('targetShare') ?? '') : null,
		only: getAll('only'),
		epci: get('epci'),
		weight: get('weight') ?? 'population',
		scenario: get('scenario') ?? ''
	};
}

function scenarioIdOf(value: string): number | null {
	const id = Number(value);
	return value && Number.isInteger(id) && id > 0 ? id : null;
}

export const load: PageServerLoad = async ({ url, locals }) => {
	const user = locals.user!;
	const q = url.searchParams;
	const raw = rawOf((n) => q.get(n), (n) => q.getAll(n));
	const [epcis, list] = await Promise.all([epciOptions(locals.db), scenarios.list(locals.db)]);
	const base = {
		form: { ...raw, only: raw.only as string[] },
		epcis,
		scenarios: list.map((s) => ({ id: s.id, name: s.name })),
		canEdit: can(user, 'scenarios', 'write')
	};
	if (!q.has('type')) return { ...base, result: null, issues: [] as string[] };
	const { request, issues } = parseRecommendRequest(raw);
	if (!request) return { ...base, result: null, issues: issues.map(requestIssueText) };
	try {
		const [planned, communes] = await Promise.all([
			scenarios.planSites(locals.db, isoDateInParis(new Date()), request, scenarioIdOf(raw.scenario)),
			listCommuneGeo(locals.db)
		]);
		const r = planned.recommendation;
		const covered = new Set(r.sites.flatMap((s) => s.communes));
		return {
			...base,
			issues: [] as string[],
			result: {
				parameters: r.parameters,
				baseline: r.baseline,
				totals: r.totals,
				ms: r.timings?.total ?? null,
				scenario: planned.scenario,
				sites: r.sites.map((s) => ({ ...s, explanation: explainSite(s, r.parameters.type, planned.centreOf) })),
				shape: smallMultipleShape(
					communes.map((c) => ({ code: c.code, geometry: c.geometry as never })),
					420
				),
				coveredCodes: [...covered]
			}
		};
	} catch (error) {
		if (error instanceof UserFacingError) return { ...base, result: null, issues: [error.message] };
		throw error;
	}
};

export const actions: Actions = {
	/** Turns the proposal into a scenario (recomputed from the same request, so it is exactly what was shown). */
	creer: async ({ request, locals }) => {
		const form = await readForm(request);
		const raw = rawOf((n) => (form.get(n) === null ? null : String(form.get(n))), (n) => form.getAll(n).map(String));
		const parsed = parseRecommendRequest(raw);
		if (!parsed.request) return fail(400, { message: parsed.issues.map(requestIssueText).join(' ') });
		const scenarioId = scenarioIdOf(raw.scenario);
		try {
			const planned = await scenarios.planSites(locals.db, isoDateInParis(new Date()), parsed.request, scenarioId);
			const r = planned.recommendation;
			if (r.sites.length === 0) return fail(400, { message: 'Aucun site proposé : il n’y a rien à transformer en scénario.' });
			const baseChanges = scenarioId !== null ? ((await scenarios.get(locals.db, scenarioId))?.changes ?? []) : [];
			const typeName = r.parameters.type === 'CS' ? (r.sites.length >= 2 ? 'centres sociaux' : 'centre social') : 'EVS';
			const name =
				String(form.get('name') ?? '').trim() ||
				`${r.sites.length} ${typeName} proposé${r.sites.length >= 2 ? 's' : ''}${planned.scenario ? ` — à partir de « ${planned.scenario.name} »` : ''}`;
			const created = await scenarios.create(locals.db, actorOf(locals.user!), {
				name,
				description: `Sites proposés le ${isoDateInParis(new Date())} : ${r.sites.map((s) => s.name).join(', ')}.`,
				changes: addSites(baseChanges, r.parameters.type, r.sites)
			});
			redirect(303, `/scenarios/${created.id}?enregistre=1`);
		} catch (error) {
			if (error instanceof UserFacingError) return fail(400, { message: error.message });
			throw error;
		}
	}
};
