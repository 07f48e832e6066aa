/**
 * The coverage of one commune, for its page (`/territoires/[code]`): its category and the French
 * reasons, the nearest CS, EVS and activity pole with their distances (and travel times), its 2SFCA
 * accessibility, the structures whose zone de compétence lists it, its neighbours with their
 * categories, and the small map of all that. One analysis of the département at the date (the
 * same as `/carte` and `maillage analyze coverage` with the parameters in force).
 */
import type { Kysely } from 'kysely';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { CoverageCategory, PointId } from '$lib/analysis';
import { activeThresholds } from '$lib/analysis/options';
import { analysedStructuresToFeatures, polesToFeatures, withCoverage } from '$lib/map/coverage-geojson';
import type { Bounds, CommuneProperties, MapData } from '$lib/map/map-data';
import { boundsAround, computeBounds } from '$lib/map/to-geojson';
import { coverageCategories } from '$lib/palette';
import type { Database } from '../db/schema';
import type { LoadedPole, LoadedStructure } from './inputs';
import { mapGeometryResource } from './map-resource';
import { runCoverageAnalysis } from './report';

/** A structure or pole near the commune, with its distance. */
export interface Nearby {
	id: number;
	name: string;
	/** `CS` / `EVS` for a structure, the pole's kind for a pole. */
	kind: string;
	communeCode: string;
	communeName: string | null;
	/** Straight line, km. */
	km: number;
	/** Travel time compared with the threshold (minutes metric), else null. */
	minutes: number | null;
}

export interface CommuneCoverageView {
	date: string;
	category: CoverageCategory;
	categoryLabel: string;
	covered: boolean;
	isolated: boolean | null;
	reinforce: boolean | null;
	/** The reasons, in French, with names (and the source of a compared travel time). */
	reasons: string[];
	/** The thresholds of the analysis, in its unit. */
	thresholds: { unit: 'km' | 'min'; radiusCs: number; radiusEvs: number; isolation: number };
	nearest: { cs: Nearby | null; evs: Nearby | null; pole: Nearby | null };
	/** 2SFCA: CS-equivalents per 10,000 inhabitants within reach, and its ratio to the département's median. */
	accessibility: number;
	accessibilityRelative: number | null;
	/** Counted structures whose zone de compétence lists the commune. */
	zoneStructures: { id: number; name: string; type: 'CS' | 'EVS'; communeName: string | null }[];
	/** Communes sharing a border with it, by name. */
	neighbours: { code: string; name: string; population: number; category: CoverageCategory; categoryLabel: string }[];
	/** The commune, its neighbours (coloured by category), those structures and the nearest pole. */
	map: MapData;
}

const categoryLabel = (key: string) => coverageCategories.find((c) => c.key === key)?.label ?? key;

/**
 * The coverage of commune `code` on `date`, or null when it is not in the analysis.
 * @throws RejectedDataError / UserFacingError when the analysis cannot run (a parameter in force is unusable)
 */
export async function communeCoverage(db: Kysely<Database>, code: string, date: string): Promise<CommuneCoverageView | null> {
	const [run, outlines] = await Promise.all([runCoverageAnalysis(db, { date }), mapGeometryResource(db)]);
	const { result, inputs, report } = run;
	const index = result.communes.findIndex((c) => c.code === code);
	if (index < 0) return null;
	const c = result.communes[index];
	const communeNames = new Map(inputs.communes.map((x) => [x.code, x.name]));
	const communeName = (k: string) => communeNames.get(k) ?? null;
	const structureById = new Map(inputs.structures.map((s) => [String(s.id), s]));
	const poleById = new Map(inputs.poles.map((p) => [String(p.id), p]));
	const byCode = new Map(result.communes.map((x) => [x.code, x]));

	const structureNear = (id: PointId | null, km: number | null, minutes: number | null): Nearby | null => {
		const s = id === null ? undefined : structureById.get(String(id));
		return s && km !== null ? { id: s.id, name: s.name, kind: s.type, communeCode: s.communeCode, communeName: communeName(s.communeCode), km, minutes } : null;
	};
	const pole = c.nearestPoleId === null ? undefined : poleById.get(String(c.nearestPoleId));
	const nearest = {
		cs: structureNear(c.nearestCsId, c.nearestCsKm, c.nearestCsMinutes),
		evs: structureNear(c.nearestEvsId, c.nearestEvsKm, c.nearestEvsMinutes),
		pole:
			pole && c.nearestPoleKm !== null
				? { id: pole.id, name: pole.name, kind: pole.kind, communeCode: pole.communeCode ?? '', communeName: pole.communeCode ? communeName(pole.communeCode) : null, km: c.nearestPoleKm, minutes: c.nearestPoleMinutes }
				: null
	};
	const zone = c.zoneStructureIds.map((id) => structureById.get(String(id))).filter((s): s is LoadedStructure => s !== undefined);
	const neighbourCodes = outlines.neighbours.get(code) ?? [];
	const neighbours = neighbourCodes.flatMap((k) => {
		const n = byCode.get(k);
		return n ? [{ code: k, name: n.name, population: n.population, category: n.category, categoryLabel: categoryLabel(n.category) }] : [];
	});
	neighbours.sort((a, b) => a.name.localeCompare(b.name, 'fr'));

	// The map: the commune and its neighbours in their category colours, the structures serving it
	// or nearest to it, its nearest pole; the view fits all of them.
	const shown = new Set([code, ...neighbourCodes]);
	const geometry = outlines.geometry();
	const communes: FeatureCollection<Polygon | MultiPolygon, CommuneProperties> = {
		type: 'FeatureCollection',
		features: geometry.communes.features.filter((f) => shown.has(f.properties.code))
	};
	const mapStructures = uniqueById([...zone, ...[nearest.cs, nearest.evs].flatMap((n) => (n ? [structureById.get(String(n.id))!] : []))]);
	const mapPoles: LoadedPole[] = pole ? [pole] : [];
	const own = computeBounds(communes.features.filter((f) => f.properties.code === code).map((f) => f.geometry));
	const around = computeBounds(communes.features.map((f) => f.geometry));
	const bounds: Bounds | null = boundsAround(around ?? own, [...mapStructures, ...mapPoles].map((p) => [p.lon, p.lat] as const));
	const epci = c.epci ? geometry.epcis.features.filter((f) => f.properties.siren === c.epci) : [];
	const map: MapData = {
		communes: withCoverage(communes, (k) => byCode.get(k)?.category ?? null, null),
		epcis: { type: 'FeatureCollection', features: epci },
		structures: analysedStructuresToFeatures(
			mapStructures.map((s) => ({ id: s.id, name: s.name, type: s.type, communeCode: s.communeCode, communeName: communeName(s.communeCode), approximate: s.approximate, lon: s.lon, lat: s.lat }))
		),
		poles: polesToFeatures(mapPoles, communeName),
		qpvs: { type: 'FeatureCollection', features: geometry.qpvs.features.filter((f) => (inputs.qpvs ?? []).some((q) => q.code === f.properties.code && q.communeCode === code)) },
		circles: { type: 'FeatureCollection', features: [] },
		bounds
	};

	const t = activeThresholds(result.parameters);
	return {
		date: run.inputs.date,
		category: c.category,
		categoryLabel: categoryLabel(c.category),
		covered: c.covered,
		isolated: c.isolated,
		reinforce: c.reinforce,
		reasons: report.communes[index].reasons.map((r) => r.text),
		thresholds: { unit: t.unit, radiusCs: t.radiusCs, radiusEvs: t.radiusEvs, isolation: t.isolation },
		nearest,
		accessibility: c.accessibility,
		accessibilityRelative: c.accessibilityRelative,
		zoneStructures: zone.map((s) => ({ id: s.id, name: s.name, type: s.type, communeName: communeName(s.communeCode) })),
		neighbours,
		map
	};
}

function uniqueById<T extends { id: number }>(items: readonly T[]): T[] {
	const seen = new Set<number>();
	return items.filter((s) => (seen.has(s.id) ? false : (seen.add(s.id), true)));
}
