/**
 * Geometry of the coverage map: commune and EPCI outlines (display geometry, else the full one)
 * and QPV outlines. Points (structures, poles) and circles come from the analysis inputs.
 */
import type { Kysely } from 'kysely';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { Bounds, CommuneProperties, EpciProperties, QpvProperties } from '$lib/map/map-data';
import { qpvsToFeatures } from '$lib/map/coverage-geojson';
import { inForceOn } from '../db/qpvs';
import { computeBounds, toMapData } from '$lib/map/to-geojson';
import type { MapGeometryInput } from '$lib/map/topology';
import type { Database } from '../db/schema';
import { listCommuneGeo, listEpciGeo } from '../db/geo';
import { zoneInTerritory } from '../db/work-territory';

/** The outlines the coverage map draws. */
export interface CoverageMapGeometry {
	communes: FeatureCollection<Polygon | MultiPolygon, CommuneProperties>;
	epcis: FeatureCollection<Polygon | MultiPolygon, EpciProperties>;
	qpvs: FeatureCollection<Polygon | MultiPolygon, QpvProperties>;
	/** [west, south, east, north] of all communes, or null. */
	bounds: Bounds | null;
	/** Bounds of each EPCI's communes, by SIREN (for the EPCI filter). */
	epciBounds: Record<string, Bounds>;
	/** Every EPCI (with or without an outline), by SIREN, for filters and the encoder. */
	epciList: (EpciProperties & { geometry: Polygon | MultiPolygon | null })[];
}

/** Outlines of the map; the QPV are those in force on `date` (their generation), every QPV without a date. */
export async function loadCoverageMapGeometry(db: Kysely<Database>, date: string | null = null): Promise<CoverageMapGeometry> {
	const [communes, epcis, qpvRows] = await Promise.all([
		listCommuneGeo(db),
		listEpciGeo(db),
		db
			.selectFrom('zone')
			.select((eb) => ['code', 'name', 'population', eb.fn.coalesce('display_geometry', 'geometry').as('geometry')])
			.where('kind', '=', 'qpv')
			.$if(date !== null, (q) => q.where(inForceOn(date!)))
			.where(zoneInTerritory('zone'))
			.orderBy('code')
			.execute()
	]);
	const base = toMapData({ communes, epcis, structures: [] });
	const epciBounds: Record<string, Bounds> = {};
	for (const siren of new Set(base.communes.features.map((f) => f.properties.epciSiren))) {
		if (!siren) continue;
		const bounds = computeBounds(base.communes.features.filter((f) => f.properties.epciSiren === siren).map((f) => f.geometry));
		if (bounds) epciBounds[siren] = bounds;
	}
	return {
		communes: base.communes,
		epcis: base.epcis,
		qpvs: qpvsToFeatures(qpvRows.map((q) => ({ code: q.code, name: q.name, population: q.population, geometry: q.geometry }))),
		bounds: base.bounds,
		epciBounds,
		epciList: epcis.map((e) => ({
			siren: e.siren,
			name: e.name,
			geometry: e.geometry && (e.geometry.type === 'Polygon' || e.geometry.type === 'MultiPolygon') ? e.geometry : null
		}))
	};
}

/** The encoder's input (`$lib/map/topology`) from the loaded geometry. */
export function mapGeometryInput(geometry: CoverageMapGeometry): MapGeometryInput {
	return { communes: geometry.communes.features, epcis: geometry.epciList, qpvs: geometry.qpvs.features };
}
