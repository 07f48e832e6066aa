/**
 * Three fictional QPV (quartiers prioritaires de la politique de la ville): small polygons inside
 * the préfecture (two) and the largest town (one).
 */
import { randomInt, shuffle, type Random } from '../domain/random';
import { distanceKm, distanceToRing, lerp, ringCentroid, toLngLat, toPolygon, type Xy } from './geometry';
import type { Territory } from './territory';
import type { DemoZone } from './types';

/** Name endings, used for the QPV (« Quartier des Ajoncs ») and the centres sociaux there. */
const QUARTIERS = [
	'des Ajoncs',
	'du Port-Neuf',
	'de la Lande',
	'des Mouettes',
	'du Moulin-Blanc',
	'des Genêts',
	'de Bellevue',
	'des Salines'
];
const CODE_LETTERS = 'ABCDEFGHJKLMNPRSTUVWXZ';

export interface Qpv extends Omit<DemoZone, 'generation' | 'validFrom'> {
	/** « des Ajoncs »: the quartier's name without « Quartier ». */
	suffix: string;
	/** Index of its commune in `territory.communes`. */
	communeIndex: number;
	/** Centre in the territory frame (km). */
	xy: Xy;
}

/** A star-shaped, nearly regular polygon (9 vertices) of radius ≈ `radiusKm` around `centre`. */
function blob(random: Random, centre: Xy, radiusKm: number): Xy[] {
	const ring: Xy[] = [];
	const count = 9;
	const turn = random() * 2 * Math.PI;
	for (let i = 0; i < count; i++) {
		const angle = turn + (i / count) * 2 * Math.PI + (random() - 0.5) * 0.25;
		const r = radiusKm * (0.72 + 0.28 * random());
		ring.push([centre[0] + r * Math.cos(angle), centre[1] + r * Math.sin(angle)]);
	}
	return ring;
}

/** The three QPV: two in the préfecture, one in the largest town. */
export function generateQpvs(random: Random, territory: Territory): Qpv[] {
	const suffixes = shuffle(random, QUARTIERS);
	const hosts: { commune: number; population: [number, number] }[] = [
		{ commune: territory.prefecture, population: [4000, 6000] },
		{ commune: territory.prefecture, population: [2200, 3600] },
		{ commune: territory.villes[0], population: [1500, 2800] }
	];
	// Centres: two opposite sides of the préfecture's cell, and near the town's centre.
	const centres: Xy[] = [];
	const prefCell = territory.cells[territory.prefecture].slice(0, -1);
	const prefRef = territory.refXy[territory.prefecture];
	const a = prefCell[randomInt(random, 0, prefCell.length - 1)];
	const b = prefCell.reduce((far, v) => (distanceKm(v, a) > distanceKm(far, a) ? v : far), a);
	centres.push(lerp(prefRef, a, 0.45), lerp(prefRef, b, 0.45));
	const villeCell = territory.cells[territory.villes[0]].slice(0, -1);
	centres.push(lerp(territory.refXy[territory.villes[0]], villeCell[randomInt(random, 0, villeCell.length - 1)], 0.3));

	return hosts.map((host, i) => {
		const centre = centres[i];
		let radius = Math.min(1.1, 0.8 * distanceToRing(centre, territory.cells[host.commune]));
		if (i < 2) radius = Math.min(radius, 0.45 * distanceKm(centres[0], centres[1]));
		const ring = blob(random, centre, radius);
		const commune = territory.communes[host.commune];
		const [lo, hi] = host.population;
		const population = Math.min(Math.round(lo + (hi - lo) * random()), Math.round(commune.population * 0.3));
		const letter = CODE_LETTERS[randomInt(random, 0, CODE_LETTERS.length - 1)];
		return {
			kind: 'qpv',
			code: `QN0000${i + 1}${letter}`,
			name: `Quartier ${suffixes[i]}`,
			communeCodes: [commune.code],
			population,
			geometry: toPolygon(territory.frame, ring),
			refPoint: toLngLat(territory.frame, ringCentroid(ring)),
			suffix: suffixes[i],
			communeIndex: host.commune,
			xy: centre
		} satisfies Qpv;
	});
}

/** The plain zone rows (without the generator's working fields). */
export function toDemoZone(qpv: Qpv): DemoZone {
	const { kind, code, name, communeCodes, population, geometry, refPoint } = qpv;
	return { kind, code, name, communeCodes, population, geometry, refPoint, generation: '2024', validFrom: '2024-01-01' };
}
