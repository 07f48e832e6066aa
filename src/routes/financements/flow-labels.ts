/**
 * The short labels of the funding Sankey's nodes (`p:` partners, `i:` instruments, `s:` structures,
 * `e:` EPCI), from the page's options: see `$lib/charts/short-labels`.
 */
import { instrumentShortLabel, partnerShortLabel, placeShortLabel } from '$lib/charts/short-labels';
import type { FlowGraph } from '$lib/funding/aggregate';

interface Options {
	partners: readonly { id: number; name: string; kind: string }[];
	instruments: readonly { id: number; code: string; label: string }[];
}

/** Node id → short label, for every node of `graph`. */
export function flowShortLabels(graph: FlowGraph, options: Options): Record<string, string> {
	const partners = new Map(options.partners.map((p) => [`p:${p.id}`, p]));
	const instruments = new Map(options.instruments.map((i) => [`i:${i.id}`, i]));
	const out: Record<string, string> = {};
	for (const node of graph.nodes) {
		const partner = partners.get(node.id);
		const instrument = instruments.get(node.id);
		out[node.id] = partner
			? partnerShortLabel(partner)
			: instrument
				? instrumentShortLabel(instrument)
				: placeShortLabel(node.label);
	}
	return out;
}
