/**
 * The French sentence that says why a PS is due for the part of the year it is: which agréments
 * cover which days, the renewal grace period, and the refusals or withdrawals that stopped it.
 * One place for the wording. Pure.
 */
import { formatDate, formatPercent, NBSP } from '../format';
import type { PsCheckRow } from './ps';
import type { PsAgrement } from './ps-coverage';

const KIND_SHORT: Record<string, string> = {
	animation_globale: 'AGC',
	animation_collective_familles: 'ACF',
	animation_locale: 'animation locale'
};

/** « agrément ACF du 01/05/2022 au 30/04/2026 » */
export function agrementText(a: Pick<PsAgrement, 'kind' | 'startDate' | 'endDate' | 'decision'>): string {
	const what = a.decision === 'proroge' ? 'prorogation' : 'agrément';
	return `${what} ${KIND_SHORT[a.kind] ?? a.kind} du ${formatDate(a.startDate, 'short')} au ${formatDate(a.endDate, 'short')}`;
}

const days = (n: number) => `${n}${NBSP}jour${n > 1 ? 's' : ''}`;

/**
 * Why the PS of `row` is due for the share it is: « Due pour 120 jours sur 365 (32,9 %) : agrément
 * ACF du 01/05/2022 au 30/04/2026 ; non couvert du 01/05/2026 au 31/12/2026 (agrément ACF refusé
 * le 15/04/2026). »
 */
export function psCoverageText(row: Pick<PsCheckRow, 'coverage' | 'openedBy' | 'kind' | 'year'>): string {
	const c = row.coverage;
	if (row.kind === null) return `Ce dispositif n’est pas une prestation de service en ${row.year} selon les règles en vigueur cette année-là.`;
	const kinds = row.openedBy.kinds.map((k) => KIND_SHORT[k] ?? k).join(' ou ');
	const own = [...new Map(c.periods.filter((p) => p.basis === 'agrement').map((p) => [p.agrement.id, p.agrement])).values()];
	const stops = c.stops.map((s) =>
		s.agrement.decision === 'retire'
			? `agrément ${KIND_SHORT[s.agrement.kind] ?? s.agrement.kind} retiré le ${formatDate(s.agrement.decisionDate, 'short')}, plus couvert à partir du ${formatDate(s.from, 'short')}`
			: `agrément ${KIND_SHORT[s.agrement.kind] ?? s.agrement.kind} refusé${s.agrement.decisionDate ? ` le ${formatDate(s.agrement.decisionDate, 'short')}` : ''} à compter du ${formatDate(s.from, 'short')}`
	);
	if (c.coveredDays === 0) {
		return `Aucun agrément ${kinds} ne couvre ${row.year} : aucune PS n’est due${stops.length ? ` (${stops.join(' ; ')})` : ''}.`;
	}
	const measure =
		c.unit === 'mois'
			? `${c.coveredMonths}${NBSP}mois entiers sur 12`
			: `${days(c.coveredDays)} sur ${c.yearDays}`;
	const parts: string[] = [];
	parts.push(own.map(agrementText).join(', '));
	if (c.graceDays > 0) parts.push(`dont ${days(c.graceDays)} d’agrément échu, renouvellement en instruction`);
	if (c.gaps.length > 0) {
		parts.push(`non couvert ${c.gaps.map((g) => `du ${formatDate(g.from, 'short')} au ${formatDate(g.to, 'short')}`).join(', ')}${stops.length ? ` (${stops.join(' ; ')})` : ''}`);
	}
	const whole = c.share === 1 ? 'Due pour l’année entière' : `Due pour ${measure} (${formatPercent(c.share)})`;
	return `${whole} : ${parts.join(' ; ')}.`;
}
