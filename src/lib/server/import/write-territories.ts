/**
 * Stores communes, EPCI and zones (QPV, IRIS) inside the import transaction, by natural key:
 * commune code, EPCI SIREN, zone kind + code.
 */
import { sql, type Kysely } from 'kysely';
import type { OfficialGeography } from '../../domain/official-geography';
import type { CommuneInput, EpciInput, ZoneInput } from '../../domain/territory';
import type { Database } from '../db/schema';
import { addCounts, upsertRows, type UpsertCounts, type UpsertSpec } from './upsert';
import { EPCI_OUTLINE_UPSERT, officialEpciDepartements } from './epci-from-communes';

/** An EPCI row without outline (a membership file, or the official list): the stored outline stays. */
const EPCI_NAME_UPSERT: UpsertSpec = { table: 'epci', columns: ['siren', 'name', 'nature', 'interdepartemental'], conflict: ['siren'], versioned: true };

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

/** Upserts communes by INSEE code (creating their EPCI from the official list when missing). */
export async function writeCommunes(
	db: Kysely<Database>,
	items: readonly CommuneInput[],
	official: OfficialGeography,
	onBatch?: (done: number) => void
): Promise<UpsertCounts> {
	const referenced = items.map((c) => c.epciSiren).filter((s): s is string => s !== null);
	if (referenced.length > 0) {
		const existing = await db.selectFrom('epci').select('siren').execute();
		const known = new Set(existing.map((e) => e.siren));
		const missing = [...new Set(referenced)].filter((s) => !known.has(s));
		const rows = missing.flatMap((siren) => {
			const epci = official.epci(siren);
			return epci ? [[siren, epci.name, epci.nature, officialEpciDepartements(official, siren).size > 1]] : [];
		});
		if (rows.length > 0) {
			await upsertRows(db, EPCI_NAME_UPSERT, rows);
		}
	}
	return upsertRows(
		db,
		{
			table: 'commune',
			columns: [
				'code',
				'name',
				'departement_code',
				'epci_siren',
				'population',
				'population_year',
				'area_km2',
				'geometry',
				'display_geometry',
				'ref_lon',
				'ref_lat',
				'ref_point_source'
			],
			conflict: ['code'],
			versioned: true
		},
		items.map((c) => [
			c.code,
			c.name,
			c.departementCode,
			c.epciSiren,
			c.population,
			c.populationYear,
			c.areaKm2,
			json(c.geometry),
			json(c.displayGeometry),
			c.refLon,
			c.refLat,
			c.refPointSource
		]),
		onBatch
	);
}

/**
 * Upserts EPCI by SIREN. Outlines replace the stored ones; a membership-only row keeps the
 * stored outline. Listed members get `epci_siren` set (communes of the database only); an EPCI
 * whose row was unchanged but whose membership changed counts as updated.
 */
export async function writeEpci(
	db: Kysely<Database>,
	items: readonly EpciInput[],
	onBatch?: (done: number) => void
): Promise<UpsertCounts> {
	const outlined = items.filter((e) => e.geometry !== null);
	const bare = items.filter((e) => e.geometry === null);
	const a = await upsertRows(
		db,
		EPCI_OUTLINE_UPSERT,
		outlined.map((e) => [
			e.siren,
			e.name,
			e.nature,
			json(e.geometry),
			json(e.displayGeometry),
			e.outlineSource ?? 'fichier',
			e.outlinePartial ?? false,
			e.interdepartemental ?? false
		])
	);
	const b = await upsertRows(
		db,
		EPCI_NAME_UPSERT,
		bare.map((e) => [e.siren, e.name, e.nature, e.interdepartemental ?? false])
	);
	const counts = addCounts(a, b);
	const touched = new Set([...a.changedKeys, ...b.changedKeys]);
	let done = 0;
	for (const epci of items) {
		done++;
		if (!epci.memberCodes || epci.memberCodes.length === 0) continue;
		const changed = await db
			.updateTable('commune')
			.set({ epci_siren: epci.siren, version: sql`version + 1`, updated_at: sql`now()` })
			.where('code', 'in', epci.memberCodes)
			.where(sql<boolean>`epci_siren is distinct from ${epci.siren}`)
			.executeTakeFirst();
		// Membership changes of an otherwise unchanged EPCI make it « updated ».
		if (Number(changed.numUpdatedRows) > 0 && !touched.has(epci.siren)) {
			counts.unchanged--;
			counts.updated++;
		}
		if (done % 100 === 0) onBatch?.(done);
	}
	onBatch?.(items.length);
	return counts;
}

/** Upserts QPV or IRIS by kind + code. */
export async function writeZones(
	db: Kysely<Database>,
	items: readonly ZoneInput[],
	onBatch?: (done: number) => void
): Promise<UpsertCounts> {
	return upsertRows(
		db,
		{
			table: 'zone',
			columns: [
				'kind',
				'code',
				'name',
				'commune_codes',
				'population',
				'geometry',
				'display_geometry',
				'ref_lon',
				'ref_lat',
				'generation',
				'valid_from',
				'valid_until'
			],
			conflict: ['kind', 'code'],
			versioned: true
		},
		items.map((z) => [
			z.kind,
			z.code,
			z.name,
			JSON.stringify(z.communeCodes),
			z.population,
			json(z.geometry),
			json(z.displayGeometry),
			z.refLon,
			z.refLat,
			z.generation,
			z.validFrom,
			z.validUntil
		]),
		onBatch
	);
}
