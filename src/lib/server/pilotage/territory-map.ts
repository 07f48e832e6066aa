/**
 * The static SVG map of the committee screens and of the printed dossier: commune display
 * geometries and EPCI outlines from the database, coloured by the categories of the figures
 * (frozen in a snapshot, or of the day), optionally restricted to one EPCI.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { listCommuneGeo, listEpciGeo } from '../db/geo';
import { layoutMapSvg, type MapSvgLayout } from '$lib/pilotage/map-svg';

export interface TerritoryMapInput {
	communeCategories: Record<string, string>;
	structures: { id: number; type: 'CS' | 'EVS'; name: string; communeCode: string; lon: number; lat: number }[];
}

/** Lays out the map of the département, or of EPCI `epciSiren` only. */
export async function territoryMapLayout(
	db: Kysely<Database>,
	input: TerritoryMapInput,
	options: { epciSiren?: string | null; width?: number; height?: number } = {}
): Promise<MapSvgLayout> {
	const [communes, epcis] = await Promise.all([listCommuneGeo(db), listEpciGeo(db)]);
	const epci = options.epciSiren ?? null;
	const kept = epci ? communes.filter((c) => c.epciSiren === epci) : communes;
	const codes = new Set(kept.map((c) => c.code));
	return layoutMapSvg(
		kept.map((c) => ({ code: c.code, name: c.name, geometry: c.geometry, category: input.communeCategories[c.code] ?? null })),
		epcis.filter((e) => !epci || e.siren === epci),
		epci ? input.structures.filter((s) => codes.has(s.communeCode)) : input.structures,
		{ width: options.width ?? 640, height: options.height ?? 560 }
	);
}
