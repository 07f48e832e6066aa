/**
 * Stores activity poles (natural key commune + name) and territorial indicators (natural key
 * territory kind + code + year + key) inside the import transaction.
 */
import type { Kysely } from 'kysely';
import type { IndicatorInput, PoleInput } from '../../domain/territory';
import type { Database } from '../db/schema';
import { countsOf, upsertRows, type UpsertCounts } from './upsert';

/** Upserts activity poles by commune + name + definition (`fichier` for a poles file). */
export async function writePoles(
	db: Kysely<Database>,
	items: readonly PoleInput[],
	onBatch?: (done: number) => void
): Promise<UpsertCounts> {
	const result = await upsertRows(
		db,
		{
			table: 'activity_pole',
			columns: ['commune_code', 'name', 'definition_code', 'type', 'lon', 'lat', 'location_approximate'],
			conflict: ['commune_code', 'name', 'definition_code'],
			versioned: true
		},
		items.map((p) => [p.communeCode, p.name, p.definitionCode ?? 'fichier', p.type, p.lon, p.lat, p.locationApproximate]),
		onBatch
	);
	return countsOf(result);
}

/** Upserts indicator values by territory kind + code + year + key. */
export async function writeIndicators(
	db: Kysely<Database>,
	items: readonly IndicatorInput[],
	onBatch?: (done: number) => void
): Promise<UpsertCounts> {
	const result = await upsertRows(
		db,
		{
			table: 'territorial_indicator',
			columns: ['territory_kind', 'territory_code', 'year', 'key', 'value', 'source'],
			conflict: ['territory_kind', 'territory_code', 'year', 'key'],
			versioned: false
		},
		items.map((i) => [i.territoryKind, i.territoryCode, i.year, i.key, i.value, i.source]),
		onBatch
	);
	return countsOf(result);
}
