/**
 * A static map of the département (or one EPCI) as SVG paths, for the committee screens and the
 * printed dossier: communes filled by coverage category, EPCI outlines, structures as markers.
 * d3-geo draws the paths through a planar transform: longitude scaled by cos(mean latitude)
 * (equirectangular, ample at département scale), y reversed, fitted into the box, coordinates
 * rounded to 0.1 unit. Planar on purpose: d3's spherical projections expect clockwise rings,
 * GeoJSON files counter-clockwise. Input WGS84 [lng, lat]; output in SVG user units. Pure.
 */
import { geoPath, geoTransform } from 'd3';
import type { MultiPolygon, Polygon, Position } from 'geojson';

export interface MapCommuneInput {
	code: string;
	name: string;
	geometry: Polygon | MultiPolygon | null;
	/** A style key (coverage category), null when unknown. */
	category: string | null;
}

export interface MapEpciInput {
	siren: string;
	geometry: Polygon | MultiPolygon | null;
}

export interface MapStructureInput {
	id: number;
	type: 'CS' | 'EVS';
	lon: number;
	lat: number;
	name: string;
}

export interface MapSvgLayout {
	width: number;
	height: number;
	communes: { code: string; name: string; category: string | null; d: string }[];
	epcis: { siren: string; d: string }[];
	structures: { id: number; type: 'CS' | 'EVS'; name: string; x: number; y: number }[];
}

function eachPosition(geometry: Polygon | MultiPolygon, visit: (p: Position) => void): void {
	const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
	for (const polygon of polygons) for (const ring of polygon) for (const p of ring) visit(p);
}

const round = (v: number) => Math.round(v * 10) / 10;

/**
 * Lays out the map in a `width` × `height` box with `padding` units of margin (defaults 600 × 600, 8).
 * The box is shrunk to the territory's aspect ratio. Communes without geometry are left out.
 */
export function layoutMapSvg(
	communes: readonly MapCommuneInput[],
	epcis: readonly MapEpciInput[],
	structures: readonly MapStructureInput[],
	options: { width?: number; height?: number; padding?: number } = {}
): MapSvgLayout {
	const maxWidth = options.width ?? 600;
	const maxHeight = options.height ?? 600;
	const padding = options.padding ?? 8;
	let west = Infinity;
	let east = -Infinity;
	let south = Infinity;
	let north = -Infinity;
	for (const c of communes) {
		if (!c.geometry) continue;
		eachPosition(c.geometry, ([lon, lat]) => {
			if (lon < west) west = lon;
			if (lon > east) east = lon;
			if (lat < south) south = lat;
			if (lat > north) north = lat;
		});
	}
	if (!Number.isFinite(west)) return { width: maxWidth, height: maxHeight, communes: [], epcis: [], structures: [] };
	const kx = Math.cos((((south + north) / 2) * Math.PI) / 180);
	const spanX = Math.max((east - west) * kx, 1e-9);
	const spanY = Math.max(north - south, 1e-9);
	const scale = Math.min((maxWidth - 2 * padding) / spanX, (maxHeight - 2 * padding) / spanY);
	const width = Math.round(spanX * scale + 2 * padding);
	const height = Math.round(spanY * scale + 2 * padding);
	const project = (lon: number, lat: number): [number, number] => [
		round(padding + (lon - west) * kx * scale),
		round(padding + (north - lat) * scale)
	];
	const path = geoPath(
		geoTransform({
			point(lon, lat) {
				const [x, y] = project(lon, lat);
				this.stream.point(x, y);
			}
		})
	);
	const d = (geometry: Polygon | MultiPolygon) => path(geometry) ?? '';
	return {
		width,
		height,
		communes: communes.filter((c) => c.geometry).map((c) => ({ code: c.code, name: c.name, category: c.category, d: d(c.geometry!) })),
		epcis: epcis.filter((e) => e.geometry).map((e) => ({ siren: e.siren, d: d(e.geometry!) })),
		structures: structures
			.filter((s) => s.lon >= west - 0.5 && s.lon <= east + 0.5 && s.lat >= south - 0.5 && s.lat <= north + 0.5)
			.map((s) => {
				const [x, y] = project(s.lon, s.lat);
				return { id: s.id, type: s.type, name: s.name, x, y };
			})
	};
}

/** XML-escapes text for an SVG document. */
export function escapeXml(text: string): string {
	return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/**
 * The layout as a standalone SVG document (for the PDF): `fills` maps a category to a colour
 * (`fallback` otherwise); CS as filled discs, EVS as rings, like the interactive map.
 */
export function mapSvgDocument(
	layout: MapSvgLayout,
	style: { fills: Record<string, string>; fallback: string; communeStroke: string; epciStroke: string; cs: string; evs: string; paper: string; title: string }
): string {
	const parts: string[] = [];
	parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}">`);
	parts.push(`<title>${escapeXml(style.title)}</title>`);
	for (const c of layout.communes) {
		const fill = (c.category && style.fills[c.category]) || style.fallback;
		parts.push(`<path d="${c.d}" fill="${fill}" stroke="${style.communeStroke}" stroke-width="0.4"/>`);
	}
	for (const e of layout.epcis) parts.push(`<path d="${e.d}" fill="none" stroke="${style.epciStroke}" stroke-width="1.4"/>`);
	for (const s of layout.structures) {
		parts.push(
			s.type === 'CS'
				? `<circle cx="${s.x}" cy="${s.y}" r="4" fill="${style.cs}" stroke="${style.paper}" stroke-width="1.2"/>`
				: `<circle cx="${s.x}" cy="${s.y}" r="2.8" fill="${style.paper}" stroke="${style.evs}" stroke-width="1.6"/>`
		);
	}
	parts.push('</svg>');
	return parts.join('');
}
