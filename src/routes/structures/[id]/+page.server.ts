import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import * as structures from '$lib/server/db/structures';
import * as referenceParameters from '$lib/server/db/reference-parameters';
import { isoDateInParis } from '$lib/format';
import { can, canSee, rowScope } from '$lib/domain/policy';
import { structureFunding } from '$lib/server/db/funding';
import { zoneMap } from './zone-map.server';
import { decisionsForStructure } from '$lib/server/db/committee';
import * as structureYears from '$lib/server/db/structure-years';

export const load: PageServerLoad = async ({ locals, params }) => {
	const id = /^\d{1,9}$/.test(params.id) ? Number(params.id) : null;
	const today = isoDateInParis(new Date());
	// Agréments and posts are agrément follow-up: shown to those the policy lets read agréments only.
	const include = { agrements: canSee(locals.user, 'structure.agrements'), posts: canSee(locals.user, 'structure.postes') };
	const structure = id === null ? null : await structures.get(locals.db, id, today, include);
	if (!structure) error(404, 'Structure introuvable');
	// Funding lines are partner-owned: the panel shows only those this user may see (row scope in SQL).
	const funding = await structureFunding(locals.db, rowScope(locals.user, 'read'), structure.id);
	const rules = await referenceParameters.renewalRules(locals.db, today);
	// The yearly observatory data: CAF staff only (the SENACS correspondents).
	const observatoryYears = canSee(locals.user, 'structure.observatoire') ? await structureYears.yearsOf(locals.db, structure.id) : null;
	return {
		today,
		leadMonths: rules.lead.months,
		structure,
		funding,
		observatoryYears,
		zoneMap: await zoneMap(locals.db, structure),
		canEdit: can(locals.user, 'structures', 'write'),
		decisions: await decisionsForStructure(locals.db, structure.id)
	};
};
