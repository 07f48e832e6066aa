/**
 * French formatting of the département summary's figures (totals, medians, changes), shared by the
 * exports page, the schéma directeur and the committee screen. Pure.
 */
import { formatEuros, formatNumber, formatPercent, MISSING } from '../../format';
import type { SummaryValueType } from '../summary';

/** A total or median in its unit. */
export function summaryValue(value: number | null, type: SummaryValueType): string {
	if (value === null) return MISSING;
	if (type === 'euros') return formatEuros(value);
	if (type === 'part') return formatPercent(value);
	return formatNumber(value, { maximumFractionDigits: type === 'decimal' ? 2 : 1 });
}

/** A relative change with its sign (« +4,2 % »), or « — ». */
export function summaryChange(change: number | null): string {
	if (change === null) return MISSING;
	return `${change > 0 ? '+' : change < 0 ? '−' : ''}${formatPercent(Math.abs(change))}`;
}
