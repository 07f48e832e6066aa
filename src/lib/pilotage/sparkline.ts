/**
 * A sparkline of an indicator: its values over the years (solid line and dots) and its targets
 * (dashed line), on a shared y scale that includes the baseline. d3 computes the paths; the
 * component draws them. Coordinates in SVG user units. Pure.
 */
import { line, scaleLinear } from 'd3';

export interface SparklineInput {
	years: readonly number[];
	values: readonly { year: number; value: number }[];
	targets: readonly { year: number; target: number }[];
	baselineValue?: number | null;
}

export interface SparklineLayout {
	width: number;
	height: number;
	/** SVG path of the values, '' when fewer than one value. */
	valuePath: string;
	targetPath: string;
	points: { x: number; y: number; year: number; value: number }[];
	/** Minimum and maximum of the y scale. */
	yDomain: [number, number];
}

/** Lays out a sparkline of `width` × `height` px with `padding` px inside (default 3). */
export function layoutSparkline(input: SparklineInput, width = 120, height = 32, padding = 3): SparklineLayout {
	const years = [...input.years].sort((a, b) => a - b);
	const all = [
		...input.values.map((v) => v.value),
		...input.targets.map((t) => t.target),
		...(input.baselineValue === null || input.baselineValue === undefined ? [] : [input.baselineValue])
	];
	let lo = all.length ? Math.min(...all) : 0;
	let hi = all.length ? Math.max(...all) : 1;
	if (lo === hi) {
		lo -= 1;
		hi += 1;
	}
	const first = years[0] ?? 0;
	const last = years.at(-1) ?? first;
	const x = scaleLinear()
		.domain(first === last ? [first - 1, last + 1] : [first, last])
		.range([padding, width - padding]);
	const y = scaleLinear().domain([lo, hi]).range([height - padding, padding]);
	const inYears = (year: number) => year >= first && year <= last;
	const values = input.values.filter((v) => inYears(v.year)).sort((a, b) => a.year - b.year);
	const targets = input.targets.filter((t) => inYears(t.year)).sort((a, b) => a.year - b.year);
	const path = line<{ year: number; v: number }>()
		.x((d) => x(d.year))
		.y((d) => y(d.v));
	return {
		width,
		height,
		valuePath: values.length ? (path(values.map((v) => ({ year: v.year, v: v.value }))) ?? '') : '',
		targetPath: targets.length ? (path(targets.map((t) => ({ year: t.year, v: t.target }))) ?? '') : '',
		points: values.map((v) => ({ x: x(v.year), y: y(v.value), year: v.year, value: v.value })),
		yDomain: [lo, hi]
	};
}
