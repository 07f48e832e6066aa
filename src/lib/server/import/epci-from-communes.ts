/**
 * EPCI outlines built from the communes (issue 14 §2): when no EPCI file gave an outline, each
 * EPCI of the territory is drawn as the dissolve of its member communes of the territory
 * (`$lib/analysis/dissolve`, topojson `merge`: exact, no slivers), for the full and the display
 * geometry. An EPCI with members outside the territory (interdepartmental) or not loaded gets only
 * the territory's part and the flag `outline_partial`. Names come from the official list
 * (`@etalab/decoupage-administratif`). Runs inside the import transaction; idempotent (an
 * unchanged outline is not rewritten).
 */
import type { Kysely } from 'kysely';
import type { MultiPolygon, Polygon } from 'geojson';
import { dissolveByGroup } from '../../analysis/dissolve';
import type { OfficialGeography } from '../../domain/official-geography';
import type { Database } from '../db/schema';
import { communeInTerritory, epciInTerritory } from '../db/work-territory';
import { upsertRows, type UpsertCounts, type UpsertSpec } from './upsert';

/** An EPCI row with its outline, upserted by SIREN: the outlines built here and those of an EPCI file. */
export const EPCI_OUTLINE_UPSERT: UpsertSpec = {
	table: 'epci',
	columns: ['siren', 'name', 'nature', 'geometry', 'display_geometry', 'outline_source', 'outline_partial', 'interdepartemental'],
	conflict: ['siren'],
	versioned: true
};

/** The départements of an EPCI's official members (empty when the SIREN is not in the list). */
export function officialEpciDepartements(official: OfficialGeography, siren: string): Set<string> {
	const deps = new Set<string>();
	for (const code of official.epci(siren)?.memberCodes ?? []) {
		const r = official.resolve(code);
		if (r.status === 'current') deps.add(r.commune.departementCode);
	}
	return deps;
}

export interface EpciOutlineResult extends UpsertCounts {
	/** EPCI drawn from their communes (whatever changed). */
	built: number;
	/** Of which only the territory's part is drawn. */
	partial: number;
}

/** Draws the outline of every territory EPCI without a file outline from its member communes. */
export async function buildEpciOutlinesFromCommunes(db: Kysely<Database>, official: OfficialGeography): Promise<EpciOutlineResult> {
	const [epcis, communes] = await Promise.all([
		db
			.selectFrom('epci')
			.select(['siren', 'name', 'nature', 'interdepartemental'])
			.where(epciInTerritory('epci'))
			.where((eb) => eb.or([eb('outline_source', 'is', null), eb('outline_source', '=', 'communes')]))
			.execute(),
		db
			.selectFrom('commune')
			.select(['code', 'epci_siren', 'geometry', 'display_geometry'])
			.where(communeInTerritory('commune'))
			.where('epci_siren', 'is not', null)
			.orderBy('code')
			.execute()
	]);
	if (epcis.length === 0) return { inserted: 0, updated: 0, unchanged: 0, built: 0, partial: 0 };
	const wanted = new Set(epcis.map((e) => e.siren));
	const members = communes.filter((c) => wanted.has(c.epci_siren!));
	const groups = members.map((c) => c.epci_siren);
	const full = dissolveByGroup(members.map((c) => (c.geometry as Polygon | MultiPolygon | null) ?? null), groups);
	const display = dissolveByGroup(members.map((c) => (c.display_geometry as Polygon | MultiPolygon | null) ?? c.geometry ?? null), groups);
	const loaded = new Map<string, Set<string>>();
	for (const c of members) {
		let set = loaded.get(c.epci_siren!);
		if (!set) loaded.set(c.epci_siren!, (set = new Set()));
		set.add(c.code);
	}

	let partial = 0;
	const rows: unknown[][] = [];
	for (const e of epcis) {
		const outline = full.get(e.siren);
		if (!outline) continue;
		const officialMembers = official.epci(e.siren)?.memberCodes ?? [];
		const mine = loaded.get(e.siren) ?? new Set();
		// Partial: an official member of the EPCI is not among the territory's communes drawn.
		const isPartial = officialMembers.some((code) => !mine.has(code));
		if (isPartial) partial++;
		const interdepartemental = e.interdepartemental || officialEpciDepartements(official, e.siren).size > 1;
		rows.push([
			e.siren,
			official.epci(e.siren)?.name ?? e.name,
			e.nature ?? official.epci(e.siren)?.nature ?? null,
			JSON.stringify(outline),
			JSON.stringify(display.get(e.siren) ?? outline),
			'communes',
			isPartial,
			interdepartemental
		]);
	}
	const counts = await upsertRows(db, EPCI_OUTLINE_UPSERT, rows);
	return { inserted: counts.inserted, updated: counts.updated, unchanged: counts.unchanged, built: rows.length, partial };
}
