import type { PageServerLoad } from './$types';
import * as agrements from '$lib/server/db/agrements';
import { agrementStatus, type AgrementStatus } from '$lib/domain/agrement-status';
import { isoDateInParis } from '$lib/format';
import { oneOf } from '$lib/ui/url';

const KINDS = ['animation_globale', 'animation_collective_familles', 'animation_locale'] as const;
const STATUSES = ['en_cours', 'expire_bientot', 'expire', 'a_venir', 'en_instruction', 'refuse'] as const satisfies readonly AgrementStatus['kind'][];

/** Display order of the statuses: what needs action first. */
const ORDER: AgrementStatus['kind'][] = ['expire_bientot', 'en_instruction', 'en_cours', 'a_venir', 'expire', 'refuse'];

export const load: PageServerLoad = async ({ locals, url }) => {
	const today = isoDateInParis(new Date());
	const params = url.searchParams;
	const filters = {
		kind: oneOf(params, 'nature', KINDS),
		structureType: oneOf(params, 'type', ['CS', 'EVS'] as const),
		status: oneOf(params, 'statut', STATUSES)
	};
	const [all, vacant] = await Promise.all([
		agrements.list(locals.db, { kind: filters.kind, structureType: filters.structureType }),
		agrements.vacantPosts(locals.db, today)
	]);
	const withStatus = all
		.map((a) => ({ ...a, status: agrementStatus(a, today) }))
		.sort((a, b) => {
			const group = ORDER.indexOf(a.status.kind) - ORDER.indexOf(b.status.kind);
			if (group !== 0) return group;
			// nearest deadline first; among expired ones, the most recently ended first
			const byEnd = a.endDate < b.endDate ? -1 : a.endDate > b.endDate ? 1 : 0;
			return a.status.kind === 'expire' ? -byEnd : byEnd;
		});
	const items = filters.status ? withStatus.filter((a) => a.status.kind === filters.status) : withStatus;
	const counts = Object.fromEntries(STATUSES.map((s) => [s, withStatus.filter((a) => a.status.kind === s).length])) as Record<
		(typeof STATUSES)[number],
		number
	>;
	return { today, filters, items, counts, vacant, total: all.length };
};
