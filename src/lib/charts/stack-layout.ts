/**
 * Stacked bars of yearly amounts per partner (one bar per year, one segment per partner) with
 * d3-shape's stack and d3-scale; positions in SVG pixels, axis ticks with French labels. Pure.
 */
import { stack } from 'd3-shape';
import { scaleBand, scaleLinear } from 'd3-scale';
import type { YearSeries } from '../funding/aggregate';
import { NEUTRAL } from './colours';

export interface StackOptions {
	width: number;
	height: number;
	/** Room for the axes, pixels. */
	margin?: { top: number; right: number; bottom: number; left: number };
	colours?: Record<number, string>;
	/** Tick label of the value axis. */
	formatTick?: (value: number) => string;
}

export interface BarSegment {
	year: number;
	partnerId: number;
	partnerName: string;
	/** Euros. */
	value: number;
	x: number;
	y: number;
	width: number;
	height: number;
	colour: string;
}

export interface StackLayout {
	width: number;
	height: number;
	plot: { left: number; top: number; right: number; bottom: number };
	segments: BarSegment[];
	/** One per year: the total and where its label goes. */
	totals: { year: number; value: number; x: number; y: number }[];
	xTicks: { year: number; x: number }[];
	yTicks: { value: number; y: number; label: string }[];
}

const DEFAULT_MARGIN = { top: 24, right: 12, bottom: 28, left: 72 };

/** Lays out `series` as stacked bars; zero segments are left out. */
export function layoutStackedBars(series: YearSeries, options: StackOptions): StackLayout {
	const { width, height, margin = DEFAULT_MARGIN, colours = {}, formatTick = (v) => String(v) } = options;
	const plot = { left: margin.left, top: margin.top, right: width - margin.right, bottom: height - margin.bottom };
	const x = scaleBand<number>().domain(series.years).range([plot.left, plot.right]).padding(0.25);
	const max = Math.max(0, ...series.yearTotals);
	const y = scaleLinear()
		.domain([0, max > 0 ? max : 1])
		.nice(5)
		.range([plot.bottom, plot.top]);
	// Rows = years, keys = partner indices (d3.stack's shape).
	const rows = series.years.map((_, yi) => series.partners.map((_, pi) => series.values[pi][yi]));
	const stacked = stack<number[], number>()
		.keys(series.partners.map((_, i) => i))
		.value((row, key) => row[key])(rows);
	const segments: BarSegment[] = [];
	stacked.forEach((layer, pi) => {
		const partner = series.partners[pi];
		layer.forEach(([y0, y1], yi) => {
			const value = series.values[pi][yi];
			if (value <= 0) return;
			segments.push({
				year: series.years[yi],
				partnerId: partner.id,
				partnerName: partner.name,
				value,
				x: x(series.years[yi]) ?? 0,
				y: y(y1),
				width: x.bandwidth(),
				height: Math.max(0, y(y0) - y(y1)),
				colour: colours[partner.id] ?? NEUTRAL
			});
		});
	});
	return {
		width,
		height,
		plot,
		segments,
		totals: series.years.map((year, yi) => ({ year, value: series.yearTotals[yi], x: (x(year) ?? 0) + x.bandwidth() / 2, y: y(series.yearTotals[yi]) - 6 })),
		xTicks: series.years.map((year) => ({ year, x: (x(year) ?? 0) + x.bandwidth() / 2 })),
		yTicks: y.ticks(5).map((value) => ({ value, y: y(value), label: formatTick(value) }))
	};
}
