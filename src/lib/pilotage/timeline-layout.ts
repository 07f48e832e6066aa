/**
 * Gantt layout of agréments: one row per structure (or per structure and kind), one bar per
 * agrément from its start to the day after its end, year ticks, and a line for today. d3 scales
 * compute, the Svelte component (`components/AgrementTimeline.svelte`) only draws. Positions in
 * SVG user units (CSS pixels at scale 1). Pure.
 */
import { scaleBand, scaleUtc } from 'd3';
import { addDays } from './dates';

export interface TimelineRowInput {
	key: string;
	label: string;
	/** Link of the row label (structure page), optional. */
	href?: string | null;
}

export interface TimelineBarInput {
	id: number | string;
	/** The `key` of its row. */
	row: string;
	/** First day, inclusive, `YYYY-MM-DD`. */
	start: string;
	/** Last day, inclusive. */
	end: string;
	/** A style key (agrément kind) the component maps to a fill. */
	kind: string;
	/** A style key (agrément status) the component maps to a pattern/outline. */
	status: string;
	/** Accessible description of the bar (« AGC du 01/01/2024 au 31/12/2027, en cours »). */
	label: string;
	href?: string | null;
}

export interface TimelineOptions {
	/** Total width, px (default 900). */
	width?: number;
	/** Width of the row labels column, px (default 240). */
	labelWidth?: number;
	/** Height of a row, px (default 28). */
	rowHeight?: number;
	/** Height of the axis band at the top, px (default 24). */
	axisHeight?: number;
	/** Domain of the time axis; default: from the earliest start to the latest end (plus today). */
	domain?: { start: string; end: string };
	/** Bars of several kinds in one row are stacked in sub-lanes (default true). */
	lanesByKind?: boolean;
}

export interface TimelineLayout {
	width: number;
	height: number;
	labelWidth: number;
	axisHeight: number;
	rows: (TimelineRowInput & { y: number; height: number })[];
	bars: (TimelineBarInput & { x: number; y: number; width: number; height: number; clippedStart: boolean; clippedEnd: boolean })[];
	ticks: { x: number; year: number; label: string }[];
	/** x of today, null when today is outside the domain. */
	todayX: number | null;
}

const toDate = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** Lays out `bars` in `rows` (rows in the given order; bars of unknown rows are ignored). */
export function layoutTimeline(
	rows: readonly TimelineRowInput[],
	bars: readonly TimelineBarInput[],
	today: string,
	options: TimelineOptions = {}
): TimelineLayout {
	const width = options.width ?? 900;
	const labelWidth = options.labelWidth ?? 240;
	const rowHeight = options.rowHeight ?? 28;
	const axisHeight = options.axisHeight ?? 24;
	const lanesByKind = options.lanesByKind ?? true;
	const known = new Set(rows.map((r) => r.key));
	const visible = bars.filter((b) => known.has(b.row));

	// Domain: whole years around the data and today.
	let start = options.domain?.start ?? null;
	let end = options.domain?.end ?? null;
	if (!start || !end) {
		const starts = visible.map((b) => b.start).concat(today);
		const ends = visible.map((b) => b.end).concat(today);
		start ??= `${starts.reduce((a, b) => (a < b ? a : b)).slice(0, 4)}-01-01`;
		end ??= `${ends.reduce((a, b) => (a > b ? a : b)).slice(0, 4)}-12-31`;
	}
	const x = scaleUtc()
		.domain([toDate(start), toDate(addDays(end, 1))])
		.range([labelWidth, width]);
	const y = scaleBand<string>()
		.domain(rows.map((r) => r.key))
		.range([axisHeight, axisHeight + rows.length * rowHeight])
		.paddingInner(0.2)
		.paddingOuter(0.1);

	const kindsOfRow = new Map<string, string[]>();
	for (const b of visible) {
		const list = kindsOfRow.get(b.row) ?? [];
		if (!list.includes(b.kind)) list.push(b.kind);
		kindsOfRow.set(b.row, list);
	}

	const laidBars = visible
		.filter((b) => b.end >= start! && b.start <= end!)
		.map((b) => {
			const from = b.start < start! ? start! : b.start;
			const to = b.end > end! ? end! : b.end;
			const x0 = x(toDate(from));
			const x1 = x(toDate(addDays(to, 1)));
			const lanes = lanesByKind ? kindsOfRow.get(b.row)! : [b.kind];
			const lane = lanesByKind ? lanes.indexOf(b.kind) : 0;
			const band = y.bandwidth();
			const laneHeight = band / lanes.length;
			return {
				...b,
				x: x0,
				width: Math.max(1, x1 - x0),
				y: y(b.row)! + lane * laneHeight,
				height: Math.max(2, laneHeight - (lanes.length > 1 ? 1 : 0)),
				clippedStart: b.start < start!,
				clippedEnd: b.end > end!
			};
		});

	const firstYear = Number(start.slice(0, 4));
	const lastYear = Number(end.slice(0, 4));
	const step = Math.max(1, Math.ceil((lastYear - firstYear + 1) / Math.max(1, Math.floor((width - labelWidth) / 56))));
	const ticks: TimelineLayout['ticks'] = [];
	for (let year = firstYear; year <= lastYear; year += step) {
		const tickDate = `${year}-01-01`;
		if (tickDate < start) continue;
		ticks.push({ x: x(toDate(tickDate)), year, label: String(year) });
	}
	const todayX = today >= start && today <= end ? x(toDate(today)) : null;

	return {
		width,
		height: axisHeight + rows.length * rowHeight + 4,
		labelWidth,
		axisHeight,
		rows: rows.map((r) => ({ ...r, y: y(r.key)!, height: y.bandwidth() })),
		bars: laidBars,
		ticks,
		todayX
	};
}
