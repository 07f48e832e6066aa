/**
 * Data for the coverage benchmark and tests: real commune contours from ../shared/data (when
 * present) reduced to reference points, or a generated territory; seeded generated structures,
 * poles, QPVs and need indicators. Node-only (reads files), never imported by the app.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { CoverageCommune, CoveragePole, CoverageQpv, CoverageStructure } from '../../src/lib/analysis';
import { createPointSearch } from '../../src/lib/analysis/point-index';
import { referencePoint } from '../../src/lib/analysis/reference-point';
import { randomInt, randomNormal, type Random } from '../../src/lib/domain/random';

/** `../shared/data` relative to the repository root. */
export const SHARED_DATA = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/data');

/** Absolute path of a shared data file, or null when it is absent. */
export function sharedFile(name: string): string | null {
	const path = resolve(SHARED_DATA, name);
	return existsSync(path) ? path : null;
}

const require = createRequire(import.meta.url);
let populations: Map<string, { name: string; population: number; epci: string | null }> | null = null;

function officialCommunes() {
	if (!populations) {
		const rows = require('@etalab/decoupage-administratif/data/communes.json') as {
			code: string;
			nom: string;
			type: string;
			population?: number;
		}[];
		const epci = require('@etalab/decoupage-administratif/data/epci.json') as { code: string; membres: { code: string }[] }[];
		const epciOf = new Map<string, string>();
		for (const e of epci) for (const m of e.membres) epciOf.set(m.code, e.code);
		populations = new Map();
		for (const r of rows) {
			if (r.type === 'commune-actuelle' && r.population != null) {
				populations.set(r.code, { name: r.nom, population: r.population, epci: epciOf.get(r.code) ?? null });
			}
		}
	}
	return populations;
}

/** A commune population when the official list lacks it: log-normal around 400 inhabitants. */
function generatedPopulation(random: Random): number {
	return Math.round(Math.exp(randomNormal(random, Math.log(400), 1.1)));
}

/**
 * Communes of a shared GeoJSON file with reference points (`reference-point.ts`: area-weighted
 * centroid, or a point on the surface when it falls outside), official
 * names, populations and EPCI (`@etalab/decoupage-administratif`), populations generated where
 * the code is unknown (COG changes). Null when the file is absent.
 */
export function loadSharedCommunes(file: string, random: Random): CoverageCommune[] | null {
	const path = sharedFile(file);
	if (!path) return null;
	const fc = JSON.parse(readFileSync(path, 'utf8')) as FeatureCollection<Polygon | MultiPolygon>;
	const official = officialCommunes();
	const seen = new Set<string>();
	const communes: CoverageCommune[] = [];
	for (const f of fc.features as Feature<Polygon | MultiPolygon, Record<string, unknown>>[]) {
		const code = String(f.properties?.insee ?? f.id);
		if (seen.has(code) || !f.geometry) continue;
		seen.add(code);
		const { lon, lat } = referencePoint(f.geometry);
		const o = official.get(code);
		communes.push({
			code,
			name: o?.name ?? String(f.properties?.name ?? code),
			population: o?.population ?? generatedPopulation(random),
			lon,
			lat,
			epci: o?.epci ?? null
		});
	}
	return communes;
}

/**
 * A generated territory: `count` communes scattered in a box (metropolitan France by default),
 * clustered around a few hundred "towns" so that densities vary as in reality.
 */
export function generateCommunes(
	random: Random,
	count: number,
	box: [number, number, number, number] = [-4.5, 42.5, 7.8, 50.9],
	prefix = 'G'
): CoverageCommune[] {
	const [w, s, e, n] = box;
	const towns = Array.from({ length: Math.max(3, Math.round(count / 60)) }, () => [w + random() * (e - w), s + random() * (n - s)]);
	return Array.from({ length: count }, (_, i) => {
		const clustered = random() < 0.6;
		const t = towns[randomInt(random, 0, towns.length - 1)];
		const spread = (e - w) / 40;
		const lon = clustered ? Math.min(e, Math.max(w, t[0] + randomNormal(random, 0, spread))) : w + random() * (e - w);
		const lat = clustered ? Math.min(n, Math.max(s, t[1] + randomNormal(random, 0, spread * 0.7))) : s + random() * (n - s);
		return { code: `${prefix}${String(i).padStart(5, '0')}`, name: `Commune ${i}`, population: generatedPopulation(random), lon, lat, epci: null };
	});
}

/** Adds seeded need indicators: `taux_pauvrete` (%), `familles`, `familles_monoparentales`; some left unknown. */
export function withNeeds(random: Random, communes: readonly CoverageCommune[], unknownShare = 0.05): CoverageCommune[] {
	return communes.map((c) => {
		if (random() < unknownShare) return { ...c, needs: { taux_pauvrete: null, familles: null, familles_monoparentales: null } };
		const familles = Math.round(c.population * (0.25 + 0.05 * random()));
		return {
			...c,
			needs: {
				taux_pauvrete: Math.max(2, randomNormal(random, 14, 5)),
				familles,
				familles_monoparentales: Math.round(familles * Math.max(0.03, randomNormal(random, 0.22, 0.06)))
			}
		};
	});
}

/** Picks a commune index with probability ∝ population^0.8 (structures and poles sit in towns). */
function populationSampler(random: Random, communes: readonly CoverageCommune[]): () => number {
	const cumulative = new Float64Array(communes.length);
	let total = 0;
	communes.forEach((c, i) => {
		total += Math.pow(c.population + 1, 0.8);
		cumulative[i] = total;
	});
	return () => {
		const x = random() * total;
		let lo = 0;
		let hi = cumulative.length - 1;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (cumulative[mid] < x) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	};
}

/**
 * `count` structures (60 % CS) in communes drawn by population, ~1 km from the reference point;
 * 30 % with a zone de compétence (host + up to 5 communes within 10 km); agréments: 88 % in force
 * on `date`, 5 % expired, 2 % not yet started, 5 % without dates.
 */
export function generateStructures(random: Random, communes: readonly CoverageCommune[], count: number): CoverageStructure[] {
	const sample = populationSampler(random, communes);
	const search = createPointSearch(
		communes.map((c) => c.lon),
		communes.map((c) => c.lat)
	);
	const near: number[] = [];
	return Array.from({ length: count }, (_, j) => {
		const i = sample();
		const c = communes[i];
		const lon = c.lon + randomNormal(random, 0, 0.012);
		const lat = c.lat + randomNormal(random, 0, 0.008);
		let zoneCommunes: string[] | null = null;
		if (random() < 0.3) {
			search.within(c.lon, c.lat, 10, near);
			zoneCommunes = near.slice(0, 1 + randomInt(random, 0, 5)).map((k) => communes[k].code);
			if (!zoneCommunes.includes(c.code)) zoneCommunes.unshift(c.code);
		}
		const roll = random();
		const [agrementStart, agrementEnd] =
			roll < 0.88 ? ['2022-01-01', '2026-12-31'] : roll < 0.93 ? ['2018-01-01', '2021-12-31'] : roll < 0.95 ? ['2027-01-01', '2030-12-31'] : [null, null];
		return { id: j + 1, type: random() < 0.6 ? 'CS' : 'EVS', lon, lat, communeCode: c.code, zoneCommunes, agrementStart, agrementEnd };
	});
}

/** `count` poles at the reference points of the most populous communes. */
export function generatePoles(communes: readonly CoverageCommune[], count: number): CoveragePole[] {
	return communes
		.map((c, i) => ({ c, i }))
		.sort((a, b) => b.c.population - a.c.population || a.i - b.i)
		.slice(0, count)
		.map(({ c }) => ({ id: `P${c.code}`, lon: c.lon, lat: c.lat, communeCode: c.code }));
}

/** One to three QPVs, within ~1.5 km of the centre, for every commune of at least `minPopulation` inhabitants. */
export function generateQpvs(random: Random, communes: readonly CoverageCommune[], minPopulation = 15_000): CoverageQpv[] {
	const qpvs: CoverageQpv[] = [];
	for (const c of communes) {
		if (c.population < minPopulation) continue;
		const k = randomInt(random, 1, 3);
		for (let q = 0; q < k; q++) {
			qpvs.push({
				code: `QN${c.code}${q}`,
				lon: c.lon + randomNormal(random, 0, 0.015),
				lat: c.lat + randomNormal(random, 0, 0.01),
				communeCode: c.code,
				population: Math.round(c.population * (0.03 + 0.07 * random()))
			});
		}
	}
	return qpvs;
}
