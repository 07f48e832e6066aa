import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { isoDateInParis } from '$lib/format';
import { parseRecommendRequest, requestIssueText } from '$lib/planning';
import * as scenarios from '$lib/server/db/scenarios';
import { UserFacingError } from '$lib/server/errors';

/**
 * « Proposer des sites » as JSON, the same as `maillage plan sites --json`:
 * `?type=EVS&k=3` (or `targetShare=95`), `only=depourvue,isolee`, `epci=SIREN`, `weight=need`,
 * `scenario=ID` to plan on top of a stored scenario. 400 with French messages on bad parameters.
 */
export const GET: RequestHandler = async ({ url, locals }) => {
	const q = url.searchParams;
	const { request, issues } = parseRecommendRequest({
		type: q.get('type') ?? 'EVS',
		k: q.get('k'),
		targetShare: q.get('targetShare'),
		only: q.get('only'),
		epci: q.get('epci'),
		weight: q.get('weight')
	});
	const scenarioParam = q.get('scenario');
	const scenarioId = scenarioParam ? Number(scenarioParam) : null;
	if (!request || (scenarioId !== null && !(Number.isInteger(scenarioId) && scenarioId > 0))) {
		const messages = issues.map(requestIssueText);
		if (scenarioId !== null && !(Number.isInteger(scenarioId) && scenarioId > 0)) messages.push(`Numéro de scénario invalide « ${scenarioParam} ».`);
		return json({ message: messages.join(' ') }, { status: 400 });
	}
	try {
		const planned = await scenarios.planSites(locals.db, isoDateInParis(new Date()), request, scenarioId);
		return json(scenarios.plannedSitesJson(planned), { headers: { 'Cache-Control': 'private, no-store' } });
	} catch (error) {
		if (error instanceof UserFacingError) return json({ message: error.message }, { status: 422 });
		throw error;
	}
};
