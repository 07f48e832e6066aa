import type { PageServerLoad } from './$types';
import * as pilotage from '$lib/server/db/pilotage';
import { loadSchemaProgress } from '$lib/server/pilotage/schema-progress';
import { can, canSee, rowScope } from '$lib/domain/policy';
import { buildDepartementSummary } from '$lib/server/observatory';
import { isoDateInParis } from '$lib/format';

export const load: PageServerLoad = async ({ locals }) => {
	const today = isoDateInParis(new Date());
	const scope = rowScope(locals.user, 'read');
	const [schemas, decisions, summary] = await Promise.all([
		loadSchemaProgress(locals.db, scope, today),
		pilotage.committeeDecisions(locals.db),
		// The observation of the structures (SENACS) over the last closed year: aggregates for every reader.
		buildDepartementSummary(locals.db, Number(today.slice(0, 4)) - 1)
	]);
	const staff = canSee(locals.user, 'comite.observatoireStructures');
	return {
		observatory: summary.records.at(-1)!.count === 0 ? null : { ...summary, nonRespondents: staff ? summary.nonRespondents : [] },
		nonRespondentCount: summary.nonRespondents.length,
		observatoryStaff: staff,
		today,
		schemas,
		decisions,
		canEdit: can(locals.user, 'schema_directeur', 'write'),
		publishedOnly: scope.kind !== 'all'
	};
};
