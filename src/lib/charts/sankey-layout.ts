/**
 * Sankey layout of a funding flow graph (partners → instruments → structures or EPCI) with
 * d3-sankey. d3 computes positions in SVG pixels; the component only draws. The input is cloned
 * (d3-sankey mutates what it is given). Pure.
 */
import { sankey, sankeyLinkHorizontal, type SankeyGraph } from 'd3-sankey';
import type { FlowGraph } from '../funding/aggregate';
import { NEUTRAL, NEUTRAL_LINK } from './colours';

export interface SankeyOptions {
	/** SVG width in pixels. */
	width: number;
	/** SVG height in pixels. */
	height: number;
	/** Node rectangle width in pixels. Default 14. */
	nodeWidth?: number;
	/** Vertical gap between nodes in pixels. Default 6. */
	nodePadding?: number;
	/** Horizontal room kept for the labels left of column 0 and right of the last column, pixels. Default 0 and 0. */
	labelMargin?: { left: number; right: number };
	/** Partner id → colour (see `partnerColours`). */
	colours?: Record<number, string>;
}

export interface SankeyNodeLayout {
	id: string;
	label: string;
	column: 0 | 1 | 2;
	/** Euros through the node, as the graph gives it (exact cents; d3-sankey's own float sum is not used). */
	value: number;
	x0: number;
	x1: number;
	y0: number;
	y1: number;
	colour: string;
}

export interface SankeyLinkLayout {
	source: string;
	target: string;
	value: number;
	/** Stroke width in pixels. */
	width: number;
	/** SVG path (`d`) of the link's centre line. */
	path: string;
	colour: string;
}

export interface SankeyLayout {
	width: number;
	height: number;
	nodes: SankeyNodeLayout[];
	links: SankeyLinkLayout[];
}

interface NodeData {
	id: string;
	label: string;
	column: 0 | 1 | 2;
	partnerId: number | null;
	order: number;
}

interface LinkData {
	source: string;
	target: string;
	value: number;
}

/** Lays out `graph`; an empty graph gives no nodes. Columns stay as given, nodes keep their order. */
export function layoutSankey(graph: FlowGraph, options: SankeyOptions): SankeyLayout {
	const { width, height, nodeWidth = 14, nodePadding = 8, labelMargin = { left: 0, right: 0 }, colours = {} } = options;
	if (graph.nodes.length === 0 || graph.links.length === 0) return { width, height, nodes: [], links: [] };
	const input: SankeyGraph<NodeData, LinkData> = {
		nodes: graph.nodes.map((n, order) => ({ id: n.id, label: n.label, column: n.column, partnerId: n.partnerId, order })),
		links: graph.links.map((l) => ({ source: l.source, target: l.target, value: l.value }))
	};
	const layout = sankey<NodeData, LinkData>()
		.nodeId((d) => d.id)
		.nodeAlign((d) => d.column)
		.nodeSort((a, b) => a.order - b.order)
		.nodeWidth(nodeWidth)
		.nodePadding(nodePadding)
		.extent([
			[labelMargin.left, 1],
			[width - labelMargin.right, height - 1]
		]);
	const result = layout(input);
	const path = sankeyLinkHorizontal<NodeData, LinkData>();
	const exact = new Map(graph.nodes.map((n) => [n.id, n.value]));
	const colourOf = (n: NodeData) => (n.partnerId !== null ? (colours[n.partnerId] ?? NEUTRAL) : NEUTRAL);
	return {
		width,
		height,
		nodes: result.nodes.map((n) => ({
			id: n.id,
			label: n.label,
			column: n.column,
			value: exact.get(n.id) ?? n.value ?? 0,
			x0: n.x0 ?? 0,
			x1: n.x1 ?? 0,
			y0: n.y0 ?? 0,
			y1: n.y1 ?? 0,
			colour: colourOf(n)
		})),
		links: result.links.map((l) => {
			const source = l.source as NodeData;
			const target = l.target as NodeData;
			return {
				source: source.id,
				target: target.id,
				value: l.value,
				width: Math.max(1, l.width ?? 1),
				path: path(l) ?? '',
				colour: source.partnerId !== null ? colourOf(source) : NEUTRAL_LINK
			};
		})
	};
}

/** A height that gives every node of the busiest column room for a label, pixels. */
export function sankeyHeight(graph: FlowGraph, options: { rowPx?: number; minPx?: number } = {}): number {
	const rowPx = options.rowPx ?? 26;
	const counts = [0, 0, 0];
	for (const n of graph.nodes) counts[n.column]++;
	return Math.max(options.minPx ?? 240, Math.max(...counts) * rowPx);
}
