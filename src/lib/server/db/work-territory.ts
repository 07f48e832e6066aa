/**
 * The territory of work of a real database — its départements and the width of the border band
 * kept around them — and **the one rule** that tells a département's features from those of the
 * band (« hors département »): a commune by its département, a structure or a pole by its
 * commune's INSEE code, a zone (QPV of any generation, IRIS) when one of its communes is of the
 * territory, an EPCI when it holds one of the territory's communes. Band features count for
 * distances and coverage; every figure of the département (counts, structures per 10,000
 * inhabitants, funding, exports, overview, committee, dossier, observatory) filters with the
 * predicates below. Without a territory (the demo), everything is « in ».
 *
 * The predicates read `work_territory` in SQL, so callers pass no territory around.
 */
import { sql, type Expression, type Kysely, type RawBuilder, type SqlBool, type Transaction } from 'kysely';
import departementsData from '@etalab/decoupage-administratif/data/departements.json';
import { STANDARD_INSTRUMENTS } from '../../funding/reference-input';
import { defaultPartners, type DepartementName } from '../../funding/default-references';
import { record, type AuditActor } from './audit';
import { ConflictError, createRow } from './changes';
import { instrumentValues, partnerValues } from './funding-reference';
import * as meta from './meta';
import type { Database } from './schema';

type Db = Kysely<Database> | Transaction<Database>;

export interface WorkTerritory {
	/** Département codes, sorted. */
	departements: string[];
	/** Width of the border band, km. */
	bandKm: number;
	version: number;
	updatedAt: string;
}

const DEPARTEMENTS = departementsData as { code: string; nom: string; typeLiaison: number; zone: string }[];

/** The COG name of a département (`72` → Sarthe) with its article, or null for an unknown code. */
export function departementName(code: string): DepartementName | null {
	const d = DEPARTEMENTS.find((x) => x.code === code);
	return d ? { code: d.code, name: d.nom, typeLiaison: d.typeLiaison } : null;
}

/** « Sarthe (72) », « Sarthe (72), Mayenne (53) ». */
export function describeDepartements(codes: readonly string[]): string {
	return codes.map((c) => `${departementName(c)?.name ?? 'département'} (${c})`).join(', ');
}

/** The territory of work, or null when none is set. */
export async function get(db: Db): Promise<WorkTerritory | null> {
	const row = await db.selectFrom('work_territory').selectAll().where('id', '=', 1).executeTakeFirst();
	if (!row) return null;
	return {
		departements: [...row.departement_codes].sort(),
		bandKm: Number(row.band_km),
		version: Number(row.version),
		updatedAt: new Date(row.updated_at).toISOString()
	};
}

/** True when a territory of work is set. */
export async function exists(db: Db): Promise<boolean> {
	return (await db.selectFrom('work_territory').select('id').executeTakeFirst()) !== undefined;
}

/** The default band width (reference parameter `territory.band_km` in force on `date`), km. */
export async function defaultBandKm(db: Db, date: string): Promise<number> {
	const row = await db
		.selectFrom('reference_parameter')
		.select('value')
		.where('key', '=', 'territory.band_km')
		.where('valid_from', '<=', date)
		.where((eb) => eb.or([eb('valid_until', 'is', null), eb('valid_until', '>=', date)]))
		.orderBy('valid_from', 'desc')
		.executeTakeFirst();
	const value = Number(row?.value);
	if (!Number.isFinite(value) || value < 0) throw new Error(`territory.band_km: no usable value in force on ${date}`);
	return value;
}

/** Why a territory cannot be set: a French sentence (CLI exit 2, form error). */
export class TerritoryInputError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'TerritoryInputError';
	}
}

/** Checks the codes (known départements, no duplicates) and the band (0 to 100 km). */
export function checkTerritoryInput(departements: readonly string[], bandKm: number): string[] {
	if (departements.length === 0) throw new TerritoryInputError('indiquez au moins un département (par exemple --departement 72).');
	const unknown = departements.filter((c) => !departementName(c));
	if (unknown.length > 0) {
		throw new TerritoryInputError(`département inconnu : ${unknown.map((c) => `« ${c} »`).join(', ')} (01 à 95, 2A, 2B, 971 à 976).`);
	}
	if (!Number.isFinite(bandKm) || bandKm < 0 || bandKm > 100) {
		throw new TerritoryInputError(`largeur de bande invalide : ${bandKm} km (de 0 à 100 km).`);
	}
	return [...new Set(departements)].sort();
}

export interface SetTerritoryResult {
	territory: WorkTerritory;
	created: boolean;
	/** Codes of the default partners and instruments created now (those whose code was free). */
	partnersAdded: string[];
	instrumentsAdded: string[];
}

/**
 * Sets the territory of work (creates it, or updates it at `expectedVersion` — a concurrent change
 * is a ConflictError, never overwritten), audited; on creation, adds the default partners and
 * instruments whose codes are free; marks the dataset as real. Call inside a transaction when
 * other writes go with it. Refuses the demo database.
 */
export async function set(
	db: Db,
	actor: AuditActor,
	input: { departements: readonly string[]; bandKm: number; expectedVersion?: number | null }
): Promise<SetTerritoryResult> {
	const departements = checkTerritoryInput(input.departements, input.bandKm);
	if ((await meta.datasetKind(db)) === 'demo') {
		throw new TerritoryInputError(
			'la base contient le département fictif de démonstration : elle n’a pas de territoire de travail. ' +
				'Videz-la d’abord avec « npm run maillage -- db reset --yes ».'
		);
	}
	const current = await get(db);
	const values = { departement_codes: JSON.stringify(departements), band_km: input.bandKm };
	let created = false;
	if (!current) {
		await db.insertInto('work_territory').values({ id: 1, ...values }).execute();
		await record(db, actor, { action: 'create', entity: 'work_territory', entityId: 1, after: { departements, bandKm: input.bandKm } });
		created = true;
	} else {
		const expected = input.expectedVersion ?? current.version;
		const updated = await db
			.updateTable('work_territory')
			.set({ ...values, version: sql`version + 1`, updated_at: sql`now()` })
			.where('id', '=', 1)
			.where('version', '=', expected)
			.executeTakeFirst();
		if (Number(updated.numUpdatedRows) === 0) throw new ConflictError('work_territory', 1, current.version);
		await record(db, actor, {
			action: 'update',
			entity: 'work_territory',
			entityId: 1,
			before: { departements: current.departements, bandKm: current.bandKm },
			after: { departements, bandKm: input.bandKm }
		});
	}
	const added = created ? await addDefaultReferences(db, actor, departements) : { partners: [], instruments: [] };
	if ((await meta.datasetKind(db)) === null) await meta.set(db, 'dataset', 'real');
	return { territory: (await get(db))!, created, partnersAdded: added.partners, instrumentsAdded: added.instruments };
}

/** Adds the default partners (named from the territory) and standard instruments whose code is free. */
export async function addDefaultReferences(
	db: Db,
	actor: AuditActor,
	departements: readonly string[]
): Promise<{ partners: string[]; instruments: string[] }> {
	const names = departements.map(departementName).filter((d): d is DepartementName => d !== null);
	const [partnerCodes, instrumentCodes] = await Promise.all([
		db.selectFrom('partner').select('code').execute(),
		db.selectFrom('funding_instrument').select('code').execute()
	]);
	const takenPartners = new Set(partnerCodes.map((p) => p.code));
	const takenInstruments = new Set(instrumentCodes.map((i) => i.code));
	const partners: string[] = [];
	const instruments: string[] = [];
	for (const p of defaultPartners(names)) {
		if (takenPartners.has(p.code)) continue;
		await createRow(db, actor, 'partner', partnerValues(p));
		partners.push(p.code);
	}
	for (const i of STANDARD_INSTRUMENTS) {
		if (takenInstruments.has(i.code)) continue;
		await createRow(db, actor, 'funding_instrument', instrumentValues(i));
		instruments.push(i.code);
	}
	return { partners, instruments };
}

// --- The shared rule ------------------------------------------------------------------------------

/** The département of an INSEE code column (`97411` → `974`), in SQL. */
export function departementOfCodeSql(column: Expression<string> | RawBuilder<string>): RawBuilder<string> {
	return sql<string>`(case when left(${column}, 2) = '97' then left(${column}, 3) else left(${column}, 2) end)`;
}

/** `dep` is one of the territory's départements, or there is no territory. */
function inTerritoryDepartements(dep: RawBuilder<string> | Expression<string>): RawBuilder<SqlBool> {
	return sql<SqlBool>`(not exists (select 1 from work_territory) or exists (select 1 from work_territory wt where wt.departement_codes @> jsonb_build_array(${dep})))`;
}

/** A commune of the territory (`alias.departement_code`). */
export function communeInTerritory(alias = 'commune'): RawBuilder<SqlBool> {
	return inTerritoryDepartements(sql.ref<string>(`${alias}.departement_code`));
}

/** A structure (or anything located by a commune code) in the territory: by `alias.<column>`. */
export function locatedInTerritory(alias: string, column = 'commune_code'): RawBuilder<SqlBool> {
	return inTerritoryDepartements(departementOfCodeSql(sql.ref<string>(`${alias}.${column}`)));
}

/** A structure of the territory. */
export function structureInTerritory(alias = 'structure'): RawBuilder<SqlBool> {
	return locatedInTerritory(alias, 'commune_code');
}

/** An activity pole of the territory. */
export function poleInTerritory(alias = 'activity_pole'): RawBuilder<SqlBool> {
	return locatedInTerritory(alias, 'commune_code');
}

/** A zone (QPV, IRIS…) lying in the territory: one of its communes is. */
export function zoneInTerritory(alias = 'zone'): RawBuilder<SqlBool> {
	const code = sql.ref<string>('zc.code');
	return sql<SqlBool>`(not exists (select 1 from work_territory) or exists (
		select 1 from jsonb_array_elements_text(${sql.ref(`${alias}.commune_codes`)}) as zc(code), work_territory wt
		where wt.departement_codes @> jsonb_build_array(${departementOfCodeSql(code)})))`;
}

/** An EPCI holding at least one commune of the territory (stored communes). */
export function epciInTerritory(alias = 'epci'): RawBuilder<SqlBool> {
	return sql<SqlBool>`(not exists (select 1 from work_territory) or exists (
		select 1 from commune tc, work_territory wt
		where tc.epci_siren = ${sql.ref(`${alias}.siren`)} and wt.departement_codes @> jsonb_build_array(tc.departement_code)))`;
}

/** Pure twin of the rule for code already loaded: is département `dep` of `territory` (null: none → yes)? */
export function departementInTerritory(territory: Pick<WorkTerritory, 'departements'> | null, dep: string): boolean {
	return territory === null || territory.departements.includes(dep);
}

export interface TerritoryCounts {
	communes: { territory: number; band: number };
	structures: { territory: number; band: number };
	poles: { territory: number; band: number };
	epci: { territory: number; other: number };
	zones: { territory: number; other: number };
}

/** What the database holds in the territory and beside it (for `territory show` and Administration). */
export async function counts(db: Db): Promise<TerritoryCounts> {
	const split = async (table: 'commune' | 'structure' | 'activity_pole' | 'epci' | 'zone', inside: RawBuilder<SqlBool>) => {
		const row = await db
			.selectFrom(table)
			.select([sql<number>`count(*) filter (where ${inside})`.as('inside'), sql<number>`count(*)`.as('all')])
			.executeTakeFirstOrThrow();
		return { inside: Number(row.inside), other: Number(row.all) - Number(row.inside) };
	};
	const [c, s, p, e, z] = await Promise.all([
		split('commune', communeInTerritory('commune')),
		split('structure', structureInTerritory('structure')),
		split('activity_pole', poleInTerritory('activity_pole')),
		split('epci', epciInTerritory('epci')),
		split('zone', zoneInTerritory('zone'))
	]);
	return {
		communes: { territory: c.inside, band: c.other },
		structures: { territory: s.inside, band: s.other },
		poles: { territory: p.inside, band: p.other },
		epci: { territory: e.inside, other: e.other },
		zones: { territory: z.inside, other: z.other }
	};
}
