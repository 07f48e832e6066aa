import type { PageServerLoad } from './$types';
import * as pilotage from '$lib/server/db/pilotage';
import { loadSchemaProgress } from '$lib/server/pilotage/schema-progress';
import { can, rowScope } from '$lib/domain/policy';
import { isoDateInParis } from '$lib/format';

export const load: PageServerLoad = async ({ locals }) => {
	const today = isoDateInParis(new Date());
	const scope = rowScope(locals.user, 'read');
	const [schemas, decisions] = await Promise.all([loadSchemaProgress(locals.db, scope, today), pilotage.committeeDecisions(locals.db)]);
	return {
		today,
		schemas,
		decisions,
		canEdit: can(locals.user, 'schema_directeur', 'write'),
		publishedOnly: scope.kind !== 'all'
	};
};
