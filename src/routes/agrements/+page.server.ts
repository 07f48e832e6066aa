import type { PageServerLoad } from './$types';
import * as agrements from '$lib/server/db/agrements';
import { agrementStatus, type AgrementStatus } from '$lib/domain/agrement-status';
import { can } from '$lib/domain/policy';
import { isoDateInParis } from '$lib/format';
import { oneOf } from '$lib/ui/url';
import { agrementKindShort } from '$lib/ui/labels';
import { checkDuration } from '$lib/pilotage/agrement-rules';
import { firstProjects } from '$lib/pilotage/first-projects';
import { overdueRenewals, parseWindowMonths, renewalsDue } from '$lib/pilotage/renewals';
import { vacancyDuration } from '$lib/pilotage/vacancies';
import { agrementStatusLabel } from '$lib/domain/agrement-status';
import { formatDate } from '$lib/format';

const KINDS = ['animation_globale', 'animation_collective_familles', 'animation_locale'] as const;
const STATUSES = ['en_cours', 'expire_bientot', 'expire', 'a_venir', 'en_instruction', 'refuse'] as const satisfies readonly AgrementStatus['kind'][];

/** Display order of the statuses: what needs action first. */
const ORDER: AgrementStatus['kind'][] = ['expire_bientot', 'en_instruction', 'en_cours', 'a_venir', 'expire', 'refuse'];

export const load: PageServerLoad = async ({ locals, url }) => {
	const today = isoDateInParis(new Date());
	const params = url.searchParams;
	const window = parseWindowMonths(params.get('mois'));
	const filters = {
		kind: oneOf(params, 'nature', KINDS),
		structureType: oneOf(params, 'type', ['CS', 'EVS'] as const),
		status: oneOf(params, 'statut', STATUSES)
	};
	const [all, posts, thresholds, rules, weak] = await Promise.all([
		agrements.list(locals.db),
		agrements.keyPosts(locals.db, today),
		agrements.vacancyThresholds(locals.db, today),
		agrements.durationRules(locals.db),
		agrements.weakCriteria(locals.db)
	]);
	const warning = { warningMonths: window.months };
	const open = all.filter((a) => a.structureClosedOn === null || a.structureClosedOn > today);

	// The list, filtered
	const filtered = all.filter(
		(a) => (!filters.kind || a.kind === filters.kind) && (!filters.structureType || a.structureType === filters.structureType)
	);
	const withStatus = filtered
		.map((a) => ({ ...a, status: agrementStatus(a, today, warning) }))
		.sort((a, b) => {
			const group = ORDER.indexOf(a.status.kind) - ORDER.indexOf(b.status.kind);
			if (group !== 0) return group;
			const byEnd = a.endDate < b.endDate ? -1 : a.endDate > b.endDate ? 1 : 0;
			return a.status.kind === 'expire' ? -byEnd : byEnd;
		});
	const items = filters.status ? withStatus.filter((a) => a.status.kind === filters.status) : withStatus;
	const counts = Object.fromEntries(STATUSES.map((s) => [s, withStatus.filter((a) => a.status.kind === s).length])) as Record<
		(typeof STATUSES)[number],
		number
	>;

	// Follow-up
	const due = renewalsDue(open, today, window.months);
	const overdue = overdueRenewals(open, today);
	const first = firstProjects(open, today, window.months);
	const vacancies = posts
		.map((p) => ({ ...p, duration: vacancyDuration(p, today, thresholds) }))
		.filter((p) => p.duration !== null)
		.sort((a, b) => b.duration!.days - a.duration!.days)
		.map((p) => ({ ...p, duration: p.duration! }));
	const durations = all
		.filter((a) => a.decision !== 'refuse')
		.map((a) => ({ agrement: a, check: checkDuration(a, rules) }))
		.filter((d) => d.check.status !== 'conforme');
	const weakByAgrement = new Map<number, number>();
	for (const w of weak) weakByAgrement.set(w.agrementId, (weakByAgrement.get(w.agrementId) ?? 0) + 1);
	const weakList = all
		.filter((a) => weakByAgrement.has(a.id))
		.map((a) => ({ ...a, weak: weakByAgrement.get(a.id)!, criteria: weak.filter((w) => w.agrementId === a.id) }));

	// Timeline of the département: open structures, from six years back to four years ahead.
	const year = Number(today.slice(0, 4));
	const structures = [...new Map(open.map((a) => [a.structureId, a])).values()].sort(
		(a, b) => a.structureType.localeCompare(b.structureType) || a.structureName.localeCompare(b.structureName, 'fr')
	);
	const timeline = {
		rows: structures.map((s) => ({ key: String(s.structureId), label: s.structureName, href: `/structures/${s.structureId}` })),
		bars: open.map((a) => ({
			id: a.id,
			row: String(a.structureId),
			start: a.startDate,
			end: a.endDate,
			kind: a.kind,
			status: a.decision,
			label: `${a.structureName} : ${agrementKindShort[a.kind]} du ${formatDate(a.startDate)} au ${formatDate(a.endDate)}, ${agrementStatusLabel(agrementStatus(a, today, warning))}`,
			href: `/agrements/${a.id}`
		})),
		domain: { start: `${year - 6}-01-01`, end: `${year + 4}-12-31` }
	};

	return {
		today,
		window,
		filters,
		items,
		counts,
		total: all.length,
		due,
		overdue,
		first,
		vacancies,
		thresholds,
		durations,
		rules,
		weakList,
		timeline,
		canImport: can(locals.user, 'import', 'write')
	};
};
