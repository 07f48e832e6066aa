/**
 * Grouping alerts for the AlertList: by a first key (the kind), then optionally a second (the
 * partner), with counts at each level, in a stable order. Pure.
 */

export type AlertTone = 'danger' | 'warning' | 'info';

/** One alert as shown: its sentence, and where to act on it. */
export interface AlertItem {
	text: string;
	href?: string;
}

/** A group of alerts (a kind, or a partner within a kind) with its count. */
export interface AlertGroup {
	key: string;
	title: string;
	tone: AlertTone;
	/** Alerts in the group, subgroups included. */
	count: number;
	/** A sentence under the group's title (the threshold that fires it…). */
	detail?: string;
	items: AlertItem[];
	subgroups: AlertGroup[];
}

interface Level<A> {
	key: (alert: A) => string;
	title: (alert: A) => string;
	tone?: (alert: A) => AlertTone;
	detail?: (alert: A) => string | undefined;
}

/**
 * Groups `alerts` by `levels[0]` then, inside each group, by `levels[1]` (if given); each alert
 * becomes an item through `item`. Groups keep the order of their first alert unless `order` lists
 * the first-level keys; subgroups are sorted by title.
 */
export function groupAlerts<A>(
	alerts: readonly A[],
	item: (alert: A) => AlertItem,
	levels: [Level<A>] | [Level<A>, Level<A>],
	order: readonly string[] = []
): AlertGroup[] {
	const [first, second] = levels;
	const groups = new Map<string, { group: AlertGroup; members: A[] }>();
	for (const alert of alerts) {
		const key = first.key(alert);
		let entry = groups.get(key);
		if (!entry) {
			entry = {
				group: { key, title: first.title(alert), tone: first.tone?.(alert) ?? 'warning', count: 0, detail: first.detail?.(alert), items: [], subgroups: [] },
				members: []
			};
			groups.set(key, entry);
		}
		entry.group.count++;
		entry.members.push(alert);
	}
	const rank = (key: string) => {
		const i = order.indexOf(key);
		return i === -1 ? order.length : i;
	};
	return [...groups.values()]
		.sort((a, b) => rank(a.group.key) - rank(b.group.key))
		.map(({ group, members }) => {
			if (!second) return { ...group, items: members.map(item) };
			const sub = groupAlerts(members, item, [{ ...second, tone: second.tone ?? (() => group.tone) }]);
			sub.sort((a, b) => a.title.localeCompare(b.title, 'fr'));
			return { ...group, subgroups: sub };
		});
}

/** « 12 alertes : 3 écarts aux engagements, 9 dépendances » — the one-line summary of groups. */
export function alertSummary(groups: readonly AlertGroup[]): string {
	const total = groups.reduce((sum, g) => sum + g.count, 0);
	if (total === 0) return 'Aucune alerte.';
	const parts = groups.map((g) => `${g.title.toLowerCase()} : ${g.count}`);
	return `${total} alerte${total > 1 ? 's' : ''} (${parts.join(' ; ')}).`;
}
