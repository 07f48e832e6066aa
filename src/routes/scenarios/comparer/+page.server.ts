import type { PageServerLoad } from './$types';
import { isoDateInParis } from '$lib/format';
import { smallMultipleShape } from '$lib/map/small-multiple';
import { comparisonRows } from '$lib/planning';
import { listCommuneGeo } from '$lib/server/db/geo';
import * as scenarios from '$lib/server/db/scenarios';

/** Ids from `?ids=1&ids=2` or `?ids=1,2`; without any, the 3 most recent scenarios. */
function parseIds(url: URL): number[] {
	return url.searchParams
		.getAll('ids')
		.flatMap((v) => v.split(','))
		.map(Number)
		.filter((n) => Number.isInteger(n) && n > 0);
}

export const load: PageServerLoad = async ({ url, locals }) => {
	let ids = parseIds(url);
	const asked = ids.length;
	if (ids.length === 0) ids = (await scenarios.list(locals.db)).slice(0, 3).map((s) => s.id);
	const date = isoDateInParis(new Date());
	const [comparison, communes] = await Promise.all([scenarios.compareStored(locals.db, date, ids), listCommuneGeo(locals.db)]);
	const shape = smallMultipleShape(
		communes.map((c) => ({ code: c.code, geometry: c.geometry as never })),
		320
	);
	return {
		date,
		tooMany: asked > 3,
		missing: comparison.missing,
		columns: comparison.columns.map((c) => ({
			id: c.id,
			label: c.label,
			categories: c.categories,
			changed: c.changed,
			ignored: c.ignored,
			managerFlags: c.managerFlags,
			changeCount: c.changeCount,
			authorLabel: c.authorLabel,
			updatedAt: c.updatedAt,
			newlyCovered: c.delta?.newlyCovered ?? null,
			leavingDepourvue: c.delta?.leavingDepourvue.codes.length ?? null
		})),
		rows: comparisonRows(comparison.columns),
		shape,
		csvHref: `/api/scenarios/comparaison?format=csv&ids=${comparison.columns.flatMap((c) => (c.id === null ? [] : [c.id])).join(',')}`
	};
};
