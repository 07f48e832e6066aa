/**
 * Seeded random instances for the coverage tests (kept beside the benchmark generators):
 * communes, structures (zones, agrément dates, duplicates for exact ties), poles, QPVs, need
 * indicators and a travel-time matrix.
 */
import type { CoverageInput, CoverageStructure, TravelTime } from '../../src/lib/analysis';
import type { Polygon } from 'geojson';
import { createRandom, pick, randomInt, type Random } from '../../src/lib/domain/random';

/** Size and spread of a random instance. */
export interface RandomShape {
	communes: number;
	structures: number;
	poles: number;
	/** [west, south, east, north], degrees. */
	box: [number, number, number, number];
	withQpvs: boolean;
	withMatrix: boolean;
}

const DATES: [string | null, string | null][] = [
	['2022-01-01', '2026-12-31'],
	['2022-01-01', '2026-12-31'],
	['2022-01-01', '2026-12-31'],
	['2018-01-01', '2021-12-31'],
	['2026-01-01', '2029-12-31'],
	[null, null],
	['2020-01-01', null]
];

/** A random shape: from a handful to a few hundred communes, in a département or a wider box. */
/** A star-shaped contour of 5 to 11 vertices around (lon, lat), up to ≈ 2 km across, from its index only. */
function qpvContour(lon: number, lat: number, k: number): Polygon {
	const n = 5 + (k % 7);
	const ring: [number, number][] = [];
	for (let v = 0; v < n; v++) {
		const angle = (2 * Math.PI * v) / n + k;
		const r = 0.002 + 0.008 * (((k + 1) * (v + 3)) % 5) / 4;
		ring.push([lon + r * Math.cos(angle) * 1.4, lat + r * Math.sin(angle)]);
	}
	ring.push(ring[0]);
	return { type: 'Polygon', coordinates: [ring] };
}

export function randomShape(random: Random): RandomShape {
	const boxes: [number, number, number, number][] = [
		[-0.2, 46, 1.3, 47.2],
		[0.2, 46.4, 0.5, 46.7],
		[-5, 42, 8, 51]
	];
	return {
		communes: randomInt(random, 1, 300),
		structures: randomInt(random, 0, 50),
		poles: randomInt(random, 0, 15),
		box: pick(random, boxes),
		withQpvs: random() < 0.7,
		withMatrix: random() < 0.6
	};
}

function point(random: Random, box: [number, number, number, number]): [number, number] {
	return [box[0] + random() * (box[2] - box[0]), box[1] + random() * (box[3] - box[1])];
}

function placeOf(p: { lon: number; lat: number }): [number, number] {
	return [p.lon, p.lat];
}

/** A random instance from a seed. */
export function randomInput(seed: number, shape?: RandomShape): CoverageInput {
	const random = createRandom(seed);
	const s = shape ?? randomShape(random);
	const communes = Array.from({ length: s.communes }, (_, i) => {
		const [lon, lat] = point(random, s.box);
		const familles = randomInt(random, 0, 400);
		return {
			code: `R${String(i).padStart(4, '0')}`,
			name: `Commune ${i}`,
			population: random() < 0.05 ? 0 : randomInt(random, 20, 20_000),
			lon,
			lat,
			epci: `E${i % 4}`,
			needs:
				random() < 0.15
					? null
					: {
							taux_pauvrete: random() < 0.1 ? null : Math.round(random() * 400) / 10,
							familles,
							familles_monoparentales: random() < 0.1 ? null : randomInt(random, 0, familles)
						}
		};
	});
	const structures: CoverageStructure[] = [];
	for (let j = 0; j < s.structures; j++) {
		// Some structures share the exact place of another (ties) or of a commune's reference point.
		const roll = random();
		const [lon, lat] =
			roll < 0.1 && structures.length > 0
				? placeOf(pick(random, structures))
				: roll < 0.2 && communes.length > 0
					? placeOf(pick(random, communes))
					: point(random, s.box);
		const [agrementStart, agrementEnd] = pick(random, DATES);
		const zone = random() < 0.3 ? Array.from({ length: randomInt(random, 1, 4) }, () => pick(random, communes).code) : null;
		structures.push({
			id: random() < 0.5 ? j + 1 : `S${j}`,
			type: random() < 0.55 ? 'CS' : 'EVS',
			lon,
			lat,
			communeCode: communes.length > 0 ? pick(random, communes).code : null,
			zoneCommunes: zone,
			agrementStart,
			agrementEnd,
			supplyWeight: random() < 0.1 ? Math.round(random() * 30) / 10 : null
		});
	}
	const poles = Array.from({ length: s.poles }, (_, k) => {
		const [lon, lat] = random() < 0.5 && communes.length > 0 ? placeOf(pick(random, communes)) : point(random, s.box);
		return { id: `P${k}`, lon, lat, communeCode: communes.length > 0 ? pick(random, communes).code : null };
	});
	const qpvs = s.withQpvs
		? communes
				.filter(() => random() < 0.08)
				.map((c, k) => {
					const lon = c.lon + (random() - 0.5) * 0.02;
					const lat = c.lat + (random() - 0.5) * 0.02;
					// Two QPV in three get a contour (drawn without the random stream, so the other draws stay as they were).
					return { code: `QN${k}`, lon, lat, communeCode: c.code, population: randomInt(random, 500, 5000), geometry: k % 3 === 2 ? null : qpvContour(lon, lat, k) };
				})
		: null;
	const travelTimes: TravelTime[] = [];
	if (s.withMatrix && communes.length > 0) {
		const destinations = [...structures.map((x) => String(x.id)), ...poles.map((p) => String(p.id)), ...communes.map((c) => c.code), 'inconnu'];
		for (let r = 0; r < communes.length; r++) {
			travelTimes.push({ origin: pick(random, communes).code, destination: pick(random, destinations), minutes: Math.round(random() * 600) / 10 });
		}
	}
	return { communes, structures, poles, qpvs, travelTimes };
}
