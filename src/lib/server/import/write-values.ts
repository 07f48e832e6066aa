/**
 * Stores activity poles (natural key commune + name) and territorial indicators (natural key
 * territory kind + code + year + key) inside the import transaction.
 */
import { sql, type Kysely } from 'kysely';
import type { IndicatorInput, PoleInput } from '../../domain/territory';
import type { PoleDefinitionRecord } from '../../io/to-poles-insee';
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

/**
 * Stores the poles of an INSEE zoning (`import poles-insee`): the definition row (dated reference
 * data, with the file as its source), the poles by commune + name + definition, and removes the
 * poles of the same zoning family (`insee-bv…`, `insee-aav…`: any vintage) that the new set no
 * longer holds — the file's set replaces the zoning's poles. Returns the counts and the removed.
 */
export async function writeInseePoles(
	db: Kysely<Database>,
	items: readonly PoleInput[],
	definition: PoleDefinitionRecord,
	fileName: string,
	onBatch?: (done: number) => void
): Promise<UpsertCounts & { removed: number }> {
	await upsertRows(
		db,
		{
			table: 'pole_definition',
			columns: ['code', 'label', 'producer', 'zoning', 'vintage', 'valid_from', 'source', 'comment'],
			conflict: ['code'],
			versioned: true
		},
		[
			[
				definition.code,
				definition.label,
				definition.producer,
				definition.zoning,
				definition.vintage,
				definition.validFrom,
				`INSEE, table d’appartenance géographique des communes (fichier ${fileName})`,
				definition.comment
			]
		]
	);
	const counts = await writePoles(db, items, onBatch);
	const family = definition.code.replace(/\d+$/, '');
	const keep = items.map((p) => `${p.communeCode}|${p.name}|${p.definitionCode ?? definition.code}`);
	let stale = db
		.deleteFrom('activity_pole')
		.where('definition_code', 'like', `${family}%`)
		.where('definition_code', '!=', 'fichier');
	if (keep.length > 0) stale = stale.where(sql<string>`commune_code || '|' || name || '|' || definition_code`, 'not in', keep);
	const removed = await stale.executeTakeFirst();
	return { ...counts, removed: Number(removed.numDeletedRows) };
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
