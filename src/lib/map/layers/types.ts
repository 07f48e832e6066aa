/**
 * Shapes shared by the layer specs: a layer group is what the legend shows and a toggle switches,
 * drawn by one or more MapLibre layers over one of our GeoJSON sources.
 */
import type { CircleLayerSpecification, FillLayerSpecification, LineLayerSpecification } from 'maplibre-gl';

/** Our GeoJSON sources (see `sources.ts`); the last three only on the coverage map. */
export type MapSourceKey = 'communes' | 'epcis' | 'structures' | 'poles' | 'qpvs' | 'circles';

/** A MapLibre layer spec without `source`: the component binds it to its group's source. */
export type LayerSpecWithoutSource =
	| Omit<FillLayerSpecification, 'source'>
	| Omit<LineLayerSpecification, 'source'>
	| Omit<CircleLayerSpecification, 'source'>;

/** How a legend entry is drawn (HTML/SVG), with the same values as the layer's default paint. */
export type LegendSymbol =
	| {
			shape: 'area';
			fill: `#${string}`;
			/** 0–1 */
			fillOpacity: number;
			stroke: `#${string}`;
			/** CSS pixels */
			strokeWidth: number;
	  }
	| { shape: 'line'; stroke: `#${string}`; strokeWidth: number }
	| {
			shape: 'circle';
			/** CSS pixels, without the stroke */
			radius: number;
			fill: `#${string}`;
			stroke: `#${string}`;
			strokeWidth: number;
	  };

export interface LegendEntry {
	label: string;
	/** Says the shape in words, so meaning never relies on colour alone. */
	description: string;
	symbol: LegendSymbol;
}

export interface MapLayerGroup {
	/** Stable key, used by toggles and counts. */
	key: string;
	source: MapSourceKey;
	/** Drawn in order (first is lowest). */
	layers: readonly LayerSpecWithoutSource[];
	legend: LegendEntry;
	/** Whether hovering/clicking its features shows a tooltip and details. */
	interactive: boolean;
}
