/**
 * Layout of the agréments timeline of a structure: one row per agrément kind, one bar per period,
 * a year axis and a « today » mark. Pure (the component draws); x in SVG user units, dates
 * `YYYY-MM-DD` compared as calendar days.
 */
import { agrementStatus, daysBetween, type AgrementDecision, type AgrementStatus } from '$lib/domain/agrement-status';

export type TimelineKind = 'animation_globale' | 'animation_collective_familles' | 'animation_locale';

export interface TimelineAgrement {
	id: number;
	kind: TimelineKind;
	startDate: string;
	endDate: string;
	decision: AgrementDecision;
	decisionDate?: string | null;
}

export interface TimelineLayout {
	width: number;
	height: number;
	/** Left margin holding the row labels. */
	labelWidth: number;
	rows: { kind: TimelineKind; y: number; height: number }[];
	bars: { id: number; kind: TimelineKind; x: number; width: number; y: number; height: number; status: AgrementStatus; startDate: string; endDate: string }[];
	/** Ticks on 1 January of each year in the span. */
	years: { year: number; x: number }[];
	/** x of `today`, or null when outside the span. */
	todayX: number | null;
	axisY: number;
}

const KIND_ORDER: TimelineKind[] = ['animation_globale', 'animation_collective_familles', 'animation_locale'];

export interface TimelineOptions {
	today: string;
	/** The renewal lead time in force on `today` (`agrement.renewal_lead_months`), months. */
	warningMonths: number;
	width?: number;
	labelWidth?: number;
	rowHeight?: number;
}

/** Lays out `agrements` (any order) on `today`; an empty list gives no rows and no bars. */
export function layoutAgrementTimeline(agrements: readonly TimelineAgrement[], options: TimelineOptions): TimelineLayout {
	const { today, warningMonths, width = 720, labelWidth = 150, rowHeight = 28 } = options;
	const kinds = KIND_ORDER.filter((k) => agrements.some((a) => a.kind === k));
	const rows = kinds.map((kind, i) => ({ kind, y: 8 + i * (rowHeight + 8), height: rowHeight }));
	const axisY = 8 + kinds.length * (rowHeight + 8) + 4;
	const height = axisY + 24;
	if (agrements.length === 0) return { width, height: 0, labelWidth, rows: [], bars: [], years: [], todayX: null, axisY: 0 };

	// The span: whole years from the first start to the last end (or today, if later).
	const firstYear = Number(agrements.reduce((m, a) => (a.startDate < m ? a.startDate : m), agrements[0].startDate).slice(0, 4));
	const lastDate = agrements.reduce((m, a) => (a.endDate > m ? a.endDate : m), today);
	const lastYear = Number(lastDate.slice(0, 4)) + 1;
	const origin = `${firstYear}-01-01`;
	const span = daysBetween(origin, `${lastYear}-01-01`);
	// Room on the right for the last year's label.
	const plot = width - labelWidth - 20;
	const x = (date: string) => labelWidth + (daysBetween(origin, date) / span) * plot;

	const bars = agrements.map((a) => {
		const row = rows.find((r) => r.kind === a.kind)!;
		const x0 = x(a.startDate);
		// endDate is the last day covered: the bar runs to the end of that day.
		const x1 = labelWidth + ((daysBetween(origin, a.endDate) + 1) / span) * plot;
		return {
			id: a.id,
			kind: a.kind,
			x: x0,
			width: Math.max(2, x1 - x0),
			y: row.y + 3,
			height: row.height - 6,
			status: agrementStatus(a, today, { warningMonths }),
			startDate: a.startDate,
			endDate: a.endDate
		};
	});
	const years: { year: number; x: number }[] = [];
	const step = lastYear - firstYear > 12 ? 2 : 1;
	for (let year = firstYear; year <= lastYear; year += step) years.push({ year, x: x(`${year}-01-01`) });
	const todayX = today >= origin && today <= `${lastYear}-01-01` ? x(today) : null;
	return { width, height, labelWidth, rows, bars, years, todayX, axisY };
}
