/**
 * The demo territory: an irregular outline in the Atlantic Ocean west of France (so it can never
 * be mistaken for real communes on a real basemap), tiled by 300 communes.
 *
 * Method, in named steps:
 * 1. `makeShape`: a smooth star-shaped outline (a few random harmonics around a mean radius).
 * 2. `placeTowns`: the préfecture near the centre, 4 towns around it, 6 bourgs spread out.
 * 3. `placeSites`: blue-noise seed points (Mitchell's best candidate), denser around towns.
 * 4. `ghostRing`: points just outside the outline so the border cells are bounded.
 * 5. `buildCells`: Voronoi cells (d3-delaunay) of the inner points. Cells share exact vertices,
 *    are convex, and together tile the département, which is their dissolved union.
 * 6. `assignPopulation`: a skewed population (préfecture, towns, suburbs, log-normal villages).
 * 7. Names are invented and codes `00001`… given in alphabetical order, as INSEE does.
 */
import { Delaunay } from 'd3-delaunay';
import { area as turfArea, featureCollection, feature, union as turfUnion } from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import { randomNormal, type Random } from '../domain/random';
import {
	createFrame,
	distanceKm,
	ringCentroid,
	toLngLat,
	toPolygon,
	type LocalFrame,
	type Xy
} from './geometry';
import { inventUniqueNames, sortKey } from './names';
import type { DemoCommune, DemoDepartementInfo } from './types';

/** Centre of the fictional département, in the ocean off the French Atlantic coast. */
export const DEMO_CENTER: [number, number] = [-5.25, 45.9];
export const DEMO_DEPARTEMENT_CODE = '00';
export const DEMO_DEPARTEMENT_NAME = 'Département fictif de démonstration';
export const COMMUNE_COUNT = 300;
/** Year of the (fictional) legal populations. */
export const POPULATION_YEAR = 2022;

const MEAN_RADIUS_KM = 40;
const INNER_MARGIN_KM = 1.4;
const GHOST_OFFSET_KM = 1.5;
const GHOST_SPACING_KM = 2.4;
const RURAL_SPACING_KM = 4.2;

export type TownRole = 'prefecture' | 'ville' | 'bourg';

interface Town {
	role: TownRole;
	xy: Xy;
	/** No other seed point closer than this (km): gives the town a cell of its own size. */
	exclusionKm: number;
	/** Seed spacing right next to the town, growing to the rural spacing at `influenceKm`. */
	innerSpacingKm: number;
	influenceKm: number;
}

/** The generated territory plus the planar data later steps need (index-aligned with `communes`). */
export interface Territory {
	frame: LocalFrame;
	departement: DemoDepartementInfo;
	/** Sorted by code; `epciSiren` is filled in by the EPCI step. */
	communes: DemoCommune[];
	/** Each commune's cell in the frame (km), closed ring. */
	cells: Xy[][];
	/** Each commune's area-weighted centroid in the frame (km). */
	refXy: Xy[];
	/** Indices of neighbouring communes (shared border segment). */
	adjacency: number[][];
	/** Commune indices of the préfecture, the 4 towns (largest first) and the 6 bourgs (largest first). */
	prefecture: number;
	villes: number[];
	bourgs: number[];
}

interface Shape {
	radiusAt(theta: number): number;
	maxRadius: number;
}

/** Step 1: r(θ) = R·(1 + Σ aₖ·sin(kθ + φₖ)), stretched east–west; star-shaped hence simple. */
function makeShape(random: Random): Shape {
	const harmonics = [
		{ k: 2, a: 0.13 },
		{ k: 3, a: 0.09 },
		{ k: 4, a: 0.05 },
		{ k: 5, a: 0.035 },
		{ k: 7, a: 0.02 }
	].map((h) => ({ ...h, phase: random() * 2 * Math.PI }));
	const stretch = 1.12;
	const radiusAt = (theta: number) => {
		let f = 1;
		for (const h of harmonics) f += h.a * Math.sin(h.k * theta + h.phase);
		const c = Math.cos(theta);
		const s = Math.sin(theta);
		// Ellipse-like stretch: wider east–west than north–south.
		const e = 1 / Math.sqrt((c / stretch) ** 2 + (s * stretch) ** 2);
		return MEAN_RADIUS_KM * f * e;
	};
	return { radiusAt, maxRadius: MEAN_RADIUS_KM * 1.35 * stretch };
}

function polar(shape: Shape, theta: number, fraction: number): Xy {
	const r = shape.radiusAt(theta) * fraction;
	return [r * Math.cos(theta), r * Math.sin(theta)];
}

function insideShape(shape: Shape, p: Xy, marginKm: number): boolean {
	const r = Math.hypot(p[0], p[1]);
	return r <= shape.radiusAt(Math.atan2(p[1], p[0])) - marginKm;
}

/** Step 2. */
function placeTowns(random: Random, shape: Shape): Town[] {
	const towns: Town[] = [
		{
			role: 'prefecture',
			xy: polar(shape, random() * 2 * Math.PI, 0.05 + 0.15 * random()),
			exclusionKm: 4.6,
			innerSpacingKm: 1.0,
			influenceKm: 13
		}
	];
	const base = random() * 2 * Math.PI;
	for (let i = 0; i < 4; i++) {
		const theta = base + (i * Math.PI) / 2 + (random() - 0.5) * 0.8;
		towns.push({
			role: 'ville',
			xy: polar(shape, theta, 0.45 + 0.25 * random()),
			exclusionKm: 3.1,
			innerSpacingKm: 1.5,
			influenceKm: 8
		});
	}
	while (towns.length < 11) {
		const xy = polar(shape, random() * 2 * Math.PI, 0.25 + 0.6 * random());
		if (towns.every((t) => distanceKm(t.xy, xy) >= 11)) {
			towns.push({ role: 'bourg', xy, exclusionKm: 2.1, innerSpacingKm: 2.4, influenceKm: 5 });
		}
	}
	return towns;
}

function localSpacing(towns: Town[], p: Xy): number {
	let spacing = RURAL_SPACING_KM;
	for (const t of towns) {
		const f = Math.min(1, distanceKm(t.xy, p) / t.influenceKm);
		spacing = Math.min(spacing, t.innerSpacingKm + (RURAL_SPACING_KM - t.innerSpacingKm) * f);
	}
	return spacing;
}

/** Step 3: towns first, then best candidates maximising (nearest distance / local spacing). */
function placeSites(random: Random, shape: Shape, towns: Town[], count: number): Xy[] {
	const sites: Xy[] = towns.map((t) => t.xy);
	const candidatesPerSite = 12;
	const R = shape.maxRadius;
	while (sites.length < count) {
		let best: Xy | null = null;
		let bestScore = -Infinity;
		for (let c = 0; c < candidatesPerSite; ) {
			const p: Xy = [(random() * 2 - 1) * R, (random() * 2 - 1) * R];
			if (!insideShape(shape, p, INNER_MARGIN_KM)) continue;
			if (towns.some((t) => distanceKm(t.xy, p) < t.exclusionKm)) continue;
			c++;
			let nearest = Infinity;
			for (const s of sites) nearest = Math.min(nearest, distanceKm(s, p));
			const score = nearest / localSpacing(towns, p);
			if (score > bestScore) {
				bestScore = score;
				best = p;
			}
		}
		sites.push(best!);
	}
	return sites;
}

/** Step 4: points every ~2.4 km just outside the outline. */
function ghostRing(shape: Shape): Xy[] {
	const ghosts: Xy[] = [];
	const steps = 4000;
	let travelled = GHOST_SPACING_KM;
	let previous = polar(shape, 0, 1);
	for (let i = 0; i < steps; i++) {
		const theta = (i / steps) * 2 * Math.PI;
		const p = polar(shape, theta, 1);
		travelled += distanceKm(previous, p);
		previous = p;
		if (travelled >= GHOST_SPACING_KM) {
			travelled = 0;
			const r = shape.radiusAt(theta) + GHOST_OFFSET_KM;
			ghosts.push([r * Math.cos(theta), r * Math.sin(theta)]);
		}
	}
	return ghosts;
}

/** Step 5: Voronoi cells of the inner sites, and their adjacency. */
function buildCells(sites: Xy[], ghosts: Xy[]): { cells: Xy[][]; adjacency: number[][] } {
	const points = [...sites, ...ghosts];
	let x0 = Infinity;
	let y0 = Infinity;
	let x1 = -Infinity;
	let y1 = -Infinity;
	for (const [x, y] of points) {
		x0 = Math.min(x0, x);
		y0 = Math.min(y0, y);
		x1 = Math.max(x1, x);
		y1 = Math.max(y1, y);
	}
	const pad = 20;
	const bounds = [x0 - pad, y0 - pad, x1 + pad, y1 + pad] as const;
	const voronoi = Delaunay.from(points).voronoi([...bounds]);
	const cells: Xy[][] = [];
	const adjacency: number[][] = [];
	for (let i = 0; i < sites.length; i++) {
		const polygon = voronoi.cellPolygon(i);
		if (!polygon) throw new Error(`buildCells: no cell for site ${i}`);
		const ring = polygon.map(([x, y]) => [x, y] as Xy);
		if (ring.some(([x, y]) => x === bounds[0] || x === bounds[2] || y === bounds[1] || y === bounds[3])) {
			throw new Error(`buildCells: cell ${i} reaches the viewport (ghost ring too sparse)`);
		}
		cells.push(ring);
		adjacency.push([...voronoi.neighbors(i)].filter((j) => j < sites.length).sort((a, b) => a - b));
	}
	return { cells, adjacency };
}

/** Step 6: populations (inhabitants), indexed like `sites`. */
function assignPopulation(random: Random, sites: Xy[], towns: Town[]): number[] {
	const prefecture = towns[0].xy;
	const villes = towns.filter((t) => t.role === 'ville').map((t) => t.xy);
	const fixed: number[] = [];
	fixed.push(Math.round(52000 + 14000 * random()));
	const villeRanges: [number, number][] = [
		[18000, 24000],
		[12500, 17000],
		[9500, 12000],
		[8000, 9400]
	];
	for (const [lo, hi] of villeRanges) fixed.push(Math.round(lo + (hi - lo) * random()));
	for (let i = 5; i < towns.length; i++) fixed.push(Math.round(2600 + 3400 * random()));

	const rest: number[] = [];
	for (let i = towns.length; i < sites.length; i++) {
		let p = Math.exp(randomNormal(random, Math.log(480), 0.8));
		p = Math.min(2800, Math.max(60, p));
		const dPref = distanceKm(sites[i], prefecture);
		if (dPref < 10) p = Math.min(7500, p * (2.5 + 2.5 * random()) * (1.4 - dPref / 25));
		else if (villes.some((v) => distanceKm(sites[i], v) < 6)) p *= 1.5 + random();
		rest.push(p);
	}
	const target = 380000 + 50000 * random();
	const fixedTotal = fixed.reduce((a, b) => a + b, 0);
	const restTotal = rest.reduce((a, b) => a + b, 0);
	const scale = (target - fixedTotal) / restTotal;
	return [...fixed, ...rest.map((p) => Math.max(40, Math.round(p * scale)))];
}

/** Builds the whole territory; every step draws from `random` in a fixed order. */
export function generateTerritory(random: Random): Territory {
	const frame = createFrame(DEMO_CENTER[0], DEMO_CENTER[1]);
	const shape = makeShape(random);
	const towns = placeTowns(random, shape);
	const sites = placeSites(random, shape, towns, COMMUNE_COUNT);
	const { cells, adjacency } = buildCells(sites, ghostRing(shape));
	const population = assignPopulation(random, sites, towns);
	const names = inventUniqueNames(random, COMMUNE_COUNT, towns.length);
	const prefectureXy = towns[0].xy;

	// Codes in alphabetical order of names, as INSEE numbers communes.
	const order = names.map((_, i) => i).sort((a, b) => (sortKey(names[a]) < sortKey(names[b]) ? -1 : 1));
	const rank = new Array<number>(order.length);
	order.forEach((siteIndex, r) => (rank[siteIndex] = r));
	const code = (r: number) => String(r + 1).padStart(5, '0');

	const communes: DemoCommune[] = [];
	const sortedCells: Xy[][] = [];
	const refXy: Xy[] = [];
	const sortedAdjacency: number[][] = [];
	for (const i of order) {
		const geometry = toPolygon(frame, cells[i]);
		const centroid = ringCentroid(cells[i]);
		const isSuburb = distanceKm(sites[i], prefectureXy) < 10;
		communes.push({
			code: code(rank[i]),
			name: names[i],
			population: population[i],
			populationYear: POPULATION_YEAR,
			areaKm2: Math.round(turfArea(geometry) / 1000) / 1000,
			urban: i < 5 || population[i] >= 3500 || (isSuburb && population[i] >= 1500),
			geometry,
			displayGeometry: geometry,
			refPoint: toLngLat(frame, centroid),
			epciSiren: '',
			neighbours: adjacency[i].map((j) => code(rank[j])).sort()
		});
		sortedCells.push(cells[i]);
		refXy.push(centroid);
		sortedAdjacency.push(adjacency[i].map((j) => rank[j]).sort((a, b) => a - b));
	}

	const outline = dissolve(communes.map((c) => c.geometry));
	return {
		frame,
		departement: {
			code: DEMO_DEPARTEMENT_CODE,
			name: DEMO_DEPARTEMENT_NAME,
			outline,
			areaKm2: Math.round(turfArea(outline) / 1000) / 1000
		},
		communes,
		cells: sortedCells,
		refXy,
		adjacency: sortedAdjacency,
		prefecture: rank[0],
		villes: [1, 2, 3, 4].map((i) => rank[i]),
		bourgs: [5, 6, 7, 8, 9, 10].sort((a, b) => population[b] - population[a]).map((i) => rank[i])
	};
}

/** The dissolved union of polygons (turf union), e.g. an EPCI's or the département's outline. */
export function dissolve(polygons: Polygon[]): Polygon | MultiPolygon {
	const merged = turfUnion(featureCollection(polygons.map((p) => feature(p))));
	if (!merged) throw new Error('dissolve: empty input');
	return merged.geometry;
}
