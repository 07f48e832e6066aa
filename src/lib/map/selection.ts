/**
 * What the pointer or the keyboard points at on the map, and the French text describing it
 * (tooltip, details panel). Pure: the component only renders `describeSelection(selection)`.
 */
import { formatNumber, MISSING, NBSP } from '$lib/format';
import { structureTypes } from '$lib/palette';
import type { CommuneProperties, MapData, PoleProperties, StructureProperties } from './map-data';
import type { MapSourceKey } from './layers/types';

/** How a feature of the border band is named in tooltips and panels. */
export const OUTSIDE = '— hors département';

export type MapSelection =
	| { kind: 'commune'; properties: CommuneProperties }
	| { kind: 'structure'; properties: StructureProperties }
	| { kind: 'pole'; properties: PoleProperties };

/** The source and promoted feature id of a selection (for feature-state). */
export function selectionTarget(selection: MapSelection): { source: MapSourceKey; id: string | number } {
	if (selection.kind === 'commune') return { source: 'communes', id: selection.properties.code };
	if (selection.kind === 'pole') return { source: 'poles', id: selection.properties.id };
	return { source: 'structures', id: selection.properties.id };
}

/** Two selections point at the same feature. */
export function sameSelection(a: MapSelection | null, b: MapSelection | null): boolean {
	if (!a || !b) return a === b;
	const ta = selectionTarget(a);
	const tb = selectionTarget(b);
	return ta.source === tb.source && ta.id === tb.id;
}

/** Lookup of feature properties by promoted id, built once per `MapData`. */
export interface SelectionIndex {
	communes: Map<string, CommuneProperties>;
	structures: Map<number, StructureProperties>;
	poles: Map<number, PoleProperties>;
}

export function buildSelectionIndex(data: MapData): SelectionIndex {
	return {
		communes: new Map(data.communes.features.map((f) => [f.properties.code, f.properties])),
		structures: new Map(data.structures.features.map((f) => [f.properties.id, f.properties])),
		poles: new Map((data.poles?.features ?? []).map((f) => [f.properties.id, f.properties]))
	};
}

/**
 * The selection for a rendered feature (source id key + promoted id), looked up in our data rather
 * than in the rendered properties (MapLibre may drop null properties). Null when unknown.
 */
export function selectionFor(
	index: SelectionIndex,
	source: MapSourceKey,
	id: string | number | undefined
): MapSelection | null {
	if (id === undefined) return null;
	if (source === 'communes') {
		const properties = index.communes.get(String(id));
		return properties ? { kind: 'commune', properties } : null;
	}
	if (source === 'structures') {
		const properties = index.structures.get(Number(id));
		return properties ? { kind: 'structure', properties } : null;
	}
	if (source === 'poles') {
		const properties = index.poles.get(Number(id));
		return properties ? { kind: 'pole', properties } : null;
	}
	return null;
}

/** Label of a structure type (`Centre social`). */
export function structureTypeLabel(type: StructureProperties['type']): string {
	return structureTypes.find((t) => t.key === type)?.label ?? type;
}

export interface SelectionText {
	/** e.g. `Commune`, `Centre social` */
	kind: string;
	title: string;
	facts: { label: string; value: string }[];
	/** Page with the full record, when there is one. */
	href: string | null;
}

/** French description of a selection for tooltips and the details panel. */
export function describeSelection(selection: MapSelection): SelectionText {
	if (selection.kind === 'commune') {
		const c = selection.properties;
		return {
			kind: c.outside ? `Commune ${OUTSIDE}` : 'Commune',
			title: c.name,
			facts: [
				{ label: 'Code INSEE', value: c.code },
				{
					label: 'Population',
					value: c.population === null ? MISSING : `${formatNumber(c.population)}${NBSP}hab.`
				},
				{ label: 'EPCI', value: c.epciName ?? MISSING }
			],
			href: null
		};
	}
	if (selection.kind === 'pole') {
		const p = selection.properties;
		return {
			kind: p.outside ? `Pôle d’activités ${OUTSIDE}` : 'Pôle d’activités',
			title: p.name,
			facts: [
				{ label: 'Nature', value: p.kind },
				{ label: 'Commune', value: p.communeName ? `${p.communeName} (${p.communeCode})` : p.communeCode }
			],
			href: null
		};
	}
	const s = selection.properties;
	const facts = [
		{ label: 'Type', value: `${structureTypeLabel(s.type)} (${s.type})` },
		{ label: 'Commune', value: s.communeName ? `${s.communeName} (${s.communeCode})` : s.communeCode }
	];
	if (s.approximate) facts.push({ label: 'Localisation', value: 'approximative' });
	if (s.renewalPending) facts.push({ label: 'Agrément', value: 'agrément échu, renouvellement en cours' });
	return { kind: s.outside ? `${structureTypeLabel(s.type)} ${OUTSIDE}` : structureTypeLabel(s.type), title: s.name, facts, href: `/structures/${s.id}` };
}
