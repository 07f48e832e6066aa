/**
 * Centres sociaux and EVS: filtered list, one structure's full record, the rows of the
 * structures CSV export, and the create / edit / close writes of the structure forms (audited,
 * optimistically locked through `changes.ts`, zone de compétence in the same transaction).
 * Dates are `YYYY-MM-DD`; `today` is always passed in.
 */
import type { ExpressionBuilder, Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from './schema';
import { agrementStatus, currentAgrement, mainAgrementKind, type AgrementStatus } from '$lib/domain/agrement-status';
import type { DemoAgrement, DemoStaffPost } from '$lib/demo/types';
import { structureAgrementStatus } from '$lib/domain/agrement-coverage';
import * as referenceParameters from './reference-parameters';
import { epciInTerritory, structureInTerritory } from './work-territory';
import { MANAGEMENT_MODE_UNSET, NO_EPCI } from '$lib/ui/filters';
import { createRow, updateRow } from './changes';
import { record, type AuditActor } from './audit';

export type StructureType = 'CS' | 'EVS';
export type AgrementKind = Database['agrement']['kind'];
export type StaffPostKind = Database['staff_post']['kind'];
export type FundingStatus = Database['funding_line']['status'];

/** Structures joined to their commune and that commune's EPCI (either may be missing). */
export function structuresWithPlace(db: Kysely<Database>) {
	return db.selectFrom('structure').leftJoin('commune', 'commune.code', 'structure.commune_code').leftJoin('epci', 'epci.siren', 'commune.epci_siren');
}

/** A structure is open on `today` unless it closed on or before that day. */
export function openOn(today: string) {
	return (eb: ExpressionBuilder<Database, 'structure'>) =>
		eb.or([eb('structure.closed_on', 'is', null), eb('structure.closed_on', '>', today)]);
}

/** A staff post is held on `today`: started on or before (or start unknown), not ended before. */
export function heldOn(today: string) {
	return (eb: ExpressionBuilder<Database, 'staff_post'>) =>
		eb.and([
			eb.or([eb('staff_post.start_date', 'is', null), eb('staff_post.start_date', '<=', today)]),
			eb.or([eb('staff_post.end_date', 'is', null), eb('staff_post.end_date', '>=', today)])
		]);
}

/** A staff post is vacant on `today` from `vacant_from` to `vacant_until`, both inclusive, while the post exists. */
export function vacantOn(today: string) {
	return (eb: ExpressionBuilder<Database, 'staff_post'>) =>
		eb.and([
			eb('staff_post.vacant_from', '<=', today),
			eb.or([eb('staff_post.vacant_until', 'is', null), eb('staff_post.vacant_until', '>=', today)]),
			heldOn(today)(eb)
		]);
}

export interface AgrementSummary extends Pick<DemoAgrement, 'kind' | 'startDate' | 'endDate' | 'decision' | 'isFirst' | 'decisionDate'> {
	id: number;
}

export interface StructureListFilters {
	type?: StructureType | null;
	/** `management_mode` code, or `non_renseigne` for structures without one. */
	managementMode?: string | null;
	/** SIREN of the EPCI of the structure's commune, or `aucun` for communes outside any EPCI. */
	epci?: string | null;
	/** INSEE code of the commune where the structure is located. */
	commune?: string | null;
	/** Status on `today` of the structure's current founding agrément, or `aucun` when none was granted. */
	agrement?: AgrementFilter | null;
}

/** Values of the agrément filter: a structure-level status (`structureAgrementStatus`), or `aucun`. */
export const AGREMENT_FILTERS = ['en_cours', 'expire_bientot', 'echu_renouvellement', 'expire', 'retire', 'a_venir', 'aucun'] as const;
export type AgrementFilter = (typeof AGREMENT_FILTERS)[number];

/** The agrément filter value of a structure's status. */
export function agrementFilterOf(status: AgrementStatus | null): AgrementFilter {
	if (!status) return 'aucun';
	// The structure-level status comes from a granted agrément: never en_instruction nor refuse.
	return status.kind === 'en_instruction' || status.kind === 'refuse' ? 'aucun' : status.kind;
}

export interface StructureListItem {
	id: number;
	name: string;
	type: StructureType;
	siret: string | null;
	communeCode: string;
	communeName: string | null;
	epciSiren: string | null;
	epciName: string | null;
	managerName: string | null;
	managementMode: string | null;
	/** The granted founding agrément (AGC for a CS, animation locale for an EVS) governing today. */
	currentAgrement: AgrementSummary | null;
	/**
	 * The structure's status today: its founding agrément's, or « agrément échu, renouvellement en
	 * cours » during the grace period (lead time and grace period in force today); null without one.
	 */
	agrementStatus: AgrementStatus | null;
	/** Director / référent familles posts vacant today; null when the reader may not see posts. */
	vacantPosts: StaffPostKind[] | null;
}

export { MANAGEMENT_MODE_UNSET };

/** Open structures of the territory (not of its border band) on `today` matching `filters`, by name; vacant posts only when `include.posts`. */
export async function list(
	db: Kysely<Database>,
	today: string,
	filters: StructureListFilters = {},
	include: Pick<StructureParts, 'posts'> = { posts: true }
): Promise<StructureListItem[]> {
	let query = structuresWithPlace(db)
		.select([
			'structure.id',
			'structure.name',
			'structure.type',
			'structure.siret',
			'structure.commune_code as communeCode',
			'commune.name as communeName',
			'commune.epci_siren as epciSiren',
			'epci.name as epciName',
			'structure.manager_name as managerName',
			'structure.management_mode as managementMode'
		])
		.where(openOn(today))
		.where(structureInTerritory('structure'))
		.orderBy('structure.name')
		.orderBy('structure.id');
	if (filters.type) query = query.where('structure.type', '=', filters.type);
	if (filters.managementMode === MANAGEMENT_MODE_UNSET) query = query.where('structure.management_mode', 'is', null);
	else if (filters.managementMode) query = query.where('structure.management_mode', '=', filters.managementMode);
	if (filters.epci === NO_EPCI) query = query.where('commune.epci_siren', 'is', null);
	else if (filters.epci) query = query.where('commune.epci_siren', '=', filters.epci);
	if (filters.commune) query = query.where('structure.commune_code', '=', filters.commune);
	const rows = await query.execute();
	if (rows.length === 0) return [];

	const ids = rows.map((r) => r.id);
	const [agrements, vacancies, rules] = await Promise.all([
		db
			.selectFrom('agrement')
			.select([
				'id',
				'structure_id as structureId',
				'kind',
				'start_date as startDate',
				'end_date as endDate',
				'decision',
				'is_first as isFirst',
				'decision_date as decisionDate'
			])
			.where('structure_id', 'in', ids)
			.execute(),
		include.posts
			? db
					.selectFrom('staff_post')
					.select(['structure_id as structureId', 'kind'])
					.where('structure_id', 'in', ids)
					.where('kind', 'in', ['directeur', 'referent_familles'])
					.where(vacantOn(today))
					.orderBy('kind')
					.execute()
			: null,
		referenceParameters.renewalRules(db, today)
	]);
	const statusRules = { warningMonths: rules.lead.months, graceMonths: rules.grace.months };
	const items = rows.map((row) => {
		const main = mainAgrementKind(row.type);
		const own = agrements.filter((a) => a.structureId === row.id && a.kind === main);
		const current = currentAgrement(own, today);
		return {
			...row,
			currentAgrement: current ? toSummary(current) : null,
			agrementStatus: structureAgrementStatus(own, today, statusRules),
			vacantPosts: vacancies ? vacancies.filter((v) => v.structureId === row.id).map((v) => v.kind) : null
		};
	});
	return filters.agrement ? items.filter((i) => agrementFilterOf(i.agrementStatus) === filters.agrement) : items;
}

function toSummary(a: AgrementSummary & { structureId?: number }): AgrementSummary {
	return { id: a.id, kind: a.kind, startDate: a.startDate, endDate: a.endDate, decision: a.decision, isFirst: a.isFirst, decisionDate: a.decisionDate };
}

export interface StructureFilterOptions {
	managementModes: string[];
	/** Whether some structure has no management mode recorded. */
	hasUnsetManagementMode: boolean;
	epcis: { siren: string; name: string }[];
}

/** The values the structure filters can take, from the data. */
export async function filterOptions(db: Kysely<Database>): Promise<StructureFilterOptions> {
	const [modes, epcis] = await Promise.all([
		db.selectFrom('structure').select('management_mode').distinct().where(structureInTerritory('structure')).orderBy('management_mode').execute(),
		db.selectFrom('epci').select(['siren', 'name']).where(epciInTerritory('epci')).orderBy('name').execute()
	]);
	return {
		managementModes: modes.map((m) => m.management_mode).filter((m): m is string => m !== null),
		hasUnsetManagementMode: modes.some((m) => m.management_mode === null),
		epcis
	};
}

/** A dated staff post (one holder and period; `startDate`/`endDate` null: unknown start, still held). */
export interface StaffPost extends Omit<DemoStaffPost, 'structureId' | 'kind'> {
	id: number;
	kind: StaffPostKind;
	/** True when the post is held on `today` (started, not ended). */
	held: boolean;
	/** True when vacant on `today`. */
	vacant: boolean;
}

/** A structure's record: the fields its forms edit (`StructureEdit`, but the zone as communes) and the rest. */
export interface StructureDetail extends Omit<StructureEdit, 'zoneCommuneCodes'> {
	id: number;
	communeName: string | null;
	epciSiren: string | null;
	epciName: string | null;
	federationMember: boolean | null;
	territoryType: string | null;
	territorySize: string | null;
	specificities: string[];
	closedOn: string | null;
	/** Of the border band (« hors département »): shown, never counted in the département's figures. */
	outside: boolean;
	zoneCommunes: { code: string; name: string | null; population: number | null }[];
	/** The agrément records; null when the reader may not read agréments (`include.agrements`). */
	agrements: (AgrementSummary & { comment: string | null; durationException: string | null; status: AgrementStatus })[] | null;
	currentAgrement: AgrementSummary | null;
	/** The structure's status today (founding agrément, with the renewal grace period); null without one. */
	agrementStatus: AgrementStatus | null;
	/** Key posts and their vacancies; null when the reader may not read them (`include.posts`). */
	staffPosts: StaffPost[] | null;
}

/** Which embedded parts to load (from the policy: `canSee(user, 'structure.agrements')`, …). */
export interface StructureParts {
	agrements: boolean;
	posts: boolean;
}

/**
 * The record of structure `id`, or null when there is none. The agrément records and the posts
 * are part of it only when `include` says the reader may see them.
 */
export async function get(
	db: Kysely<Database>,
	id: number,
	today: string,
	include: StructureParts = { agrements: true, posts: true }
): Promise<StructureDetail | null> {
	const row = await structuresWithPlace(db)
		.selectAll('structure')
		.select(['commune.name as commune_name', 'commune.epci_siren as epci_siren', 'epci.name as epci_name', structureInTerritory('structure').as('in_territory')])
		.where('structure.id', '=', id)
		.executeTakeFirst();
	if (!row) return null;
	// Funding is not part of the record: it is read through the row scope (`funding.structureFunding`).
	const [zone, agrements, posts, rules] = await Promise.all([
		db
			.selectFrom('structure_zone_commune as z')
			.leftJoin('commune', 'commune.code', 'z.commune_code')
			.select(['z.commune_code as code', 'commune.name', 'commune.population'])
			.where('z.structure_id', '=', id)
			.orderBy('commune.name')
			.orderBy('z.commune_code')
			.execute(),
		db
			.selectFrom('agrement')
			.select([
				'id',
				'kind',
				'start_date as startDate',
				'end_date as endDate',
				'decision',
				'is_first as isFirst',
				'decision_date as decisionDate',
				'comment',
				'duration_exception as durationException'
			])
			.where('structure_id', '=', id)
			.orderBy('start_date')
			.orderBy('kind')
			.execute(),
		include.posts
			? db
					.selectFrom('staff_post')
					.select([
						'id',
						'kind',
						'etp',
						'qualification_level as qualificationLevel',
						'vacant_from as vacantFrom',
						'vacant_until as vacantUntil',
						'start_date as startDate',
						'end_date as endDate',
						'holder'
					])
					.where('structure_id', '=', id)
					.orderBy('kind')
					.orderBy('start_date')
					.orderBy('id')
					.execute()
			: null,
		referenceParameters.renewalRules(db, today)
	]);
	const main = mainAgrementKind(row.type);
	const founding = agrements.filter((a) => a.kind === main);
	const current = currentAgrement(founding, today);
	const statusRules = { warningMonths: rules.lead.months, graceMonths: rules.grace.months };
	return {
		id: row.id,
		...editedFields(row),
		communeName: row.commune_name,
		epciSiren: row.epci_siren,
		epciName: row.epci_name,
		federationMember: row.federation_member,
		territoryType: row.territory_type,
		territorySize: row.territory_size,
		specificities: Array.isArray(row.specificities) ? row.specificities : [],
		closedOn: row.closed_on,
		outside: !row.in_territory,
		zoneCommunes: zone,
		// The current agrément is part of the structure (it is why it counts on the map); the records are not.
		agrements: include.agrements ? agrements.map((a) => ({ ...a, status: agrementStatus(a, today, { warningMonths: statusRules.warningMonths }) })) : null,
		currentAgrement: current ? toSummary(current) : null,
		agrementStatus: structureAgrementStatus(founding, today, statusRules),
		staffPosts:
			posts?.map((p) => {
				const held = (p.startDate === null || p.startDate <= today) && (p.endDate === null || p.endDate >= today);
				return {
					...p,
					held,
					vacant: held && p.vacantFrom !== null && p.vacantFrom <= today && (p.vacantUntil === null || p.vacantUntil >= today)
				};
			}) ?? null
	};
}

export interface StructureExportRow extends StructureListItem {
	establishment: string | null;
	address: string | null;
	managerSiren: string | null;
	firstAgrementDate: string | null;
	projetFamilles: boolean;
	federationMember: boolean | null;
	lon: number;
	lat: number;
	locationApproximate: boolean;
	zoneCommuneCount: number;
}

/** Every open structure of the territory on `today` with the columns of the CSV export, by name. */
export async function exportRows(db: Kysely<Database>, today: string): Promise<StructureExportRow[]> {
	const items = await list(db, today);
	if (items.length === 0) return [];
	const ids = items.map((i) => i.id);
	const [extra, zones] = await Promise.all([
		db
			.selectFrom('structure')
			.select([
				'id',
				'establishment',
				'address',
				'manager_siren as managerSiren',
				'first_agrement_date as firstAgrementDate',
				'projet_familles as projetFamilles',
				'federation_member as federationMember',
				'lon',
				'lat',
				'location_approximate as locationApproximate'
			])
			.where('id', 'in', ids)
			.execute(),
		db
			.selectFrom('structure_zone_commune')
			.select(['structure_id', (eb) => eb.fn.countAll<number>().as('n')])
			.where('structure_id', 'in', ids)
			.groupBy('structure_id')
			.execute()
	]);
	const extraById = new Map(extra.map((e) => [e.id, e]));
	const zoneById = new Map(zones.map((z) => [z.structure_id, Number(z.n)]));
	return items.map((item) => {
		const { id: _id, ...rest } = extraById.get(item.id)!;
		void _id;
		return { ...item, ...rest, zoneCommuneCount: zoneById.get(item.id) ?? 0 };
	});
}

// --- Create, edit, close (the structure forms) ------------------------------------------------

/** What the structure forms write: the identity columns and the zone de compétence. */
export interface StructureEdit {
	externalId: string | null;
	siret: string | null;
	/** Establishment suffix or internal number: tells apart the structures of one SIRET (multi-site). */
	establishment: string | null;
	name: string;
	type: StructureType;
	communeCode: string;
	address: string | null;
	/** WGS84 degrees. */
	lon: number;
	lat: number;
	/** True when placed at the commune's reference point for want of coordinates. */
	locationApproximate: boolean;
	managerName: string | null;
	managerSiren: string | null;
	managementMode: string | null;
	firstAgrementDate: string | null;
	projetFamilles: boolean;
	/** INSEE codes, each once. */
	zoneCommuneCodes: string[];
}

/** A structure as its edit form loads it: the editable fields, its version and closing date. */
export interface StructureEditable extends StructureEdit {
	id: number;
	version: number;
	closedOn: string | null;
}

type Db = Kysely<Database> | Transaction<Database>;

function toRow(input: StructureEdit) {
	return {
		external_id: input.externalId,
		siret: input.siret,
		establishment: input.establishment,
		name: input.name,
		type: input.type,
		commune_code: input.communeCode,
		address: input.address,
		lon: input.lon,
		lat: input.lat,
		location_approximate: input.locationApproximate,
		manager_name: input.managerName,
		manager_siren: input.managerSiren,
		management_mode: input.managementMode,
		first_agrement_date: input.firstAgrementDate,
		projet_familles: input.projetFamilles
	};
}

/** The fields of a structure row that its forms edit (all but the zone de compétence): the reverse of `toRow`. */
function editedFields(row: Selectable<Database['structure']>): Omit<StructureEdit, 'zoneCommuneCodes'> {
	return {
		externalId: row.external_id,
		siret: row.siret,
		establishment: row.establishment,
		name: row.name,
		type: row.type,
		communeCode: row.commune_code,
		address: row.address,
		lon: row.lon,
		lat: row.lat,
		locationApproximate: row.location_approximate,
		managerName: row.manager_name,
		managerSiren: row.manager_siren,
		managementMode: row.management_mode,
		firstAgrementDate: row.first_agrement_date,
		projetFamilles: row.projet_familles
	};
}

/** The editable fields of structure `id` with its version, or null. */
export async function getEditable(db: Kysely<Database>, id: number): Promise<StructureEditable | null> {
	const row = await db.selectFrom('structure').selectAll().where('id', '=', id).executeTakeFirst();
	if (!row) return null;
	const zone = await db
		.selectFrom('structure_zone_commune')
		.select('commune_code')
		.where('structure_id', '=', id)
		.orderBy('commune_code')
		.execute();
	return {
		id: row.id,
		version: row.version,
		closedOn: row.closed_on,
		...editedFields(row),
		zoneCommuneCodes: zone.map((z) => z.commune_code)
	};
}

/** The communes among `codes` that the database knows, with their reference point (WGS84 degrees). */
export async function knownCommunes(
	db: Kysely<Database>,
	codes: readonly string[]
): Promise<Map<string, { name: string; refLon: number; refLat: number }>> {
	const unique = [...new Set(codes)].filter((c) => c !== '');
	if (unique.length === 0) return new Map();
	const rows = await db.selectFrom('commune').select(['code', 'name', 'ref_lon', 'ref_lat']).where('code', 'in', unique).execute();
	return new Map(rows.map((r) => [r.code, { name: r.name, refLon: r.ref_lon, refLat: r.ref_lat }]));
}

/** Other structures already holding this identifier or SIRET (natural keys are unique). */
export async function keyConflicts(
	db: Kysely<Database>,
	keys: { externalId: string | null; siret: string | null; establishment: string | null },
	exceptId: number | null
): Promise<{
	externalId?: { id: number; name: string };
	siret?: { id: number; name: string };
	/** Other structures of the same SIRET with another establishment (multi-site: allowed). */
	sameSiret: { id: number; name: string; establishment: string | null }[];
}> {
	const out: Awaited<ReturnType<typeof keyConflicts>> = { sameSiret: [] };
	if (keys.externalId) {
		let query = db.selectFrom('structure').select(['id', 'name']).where('external_id', '=', keys.externalId);
		if (exceptId !== null) query = query.where('id', '!=', exceptId);
		const hit = await query.executeTakeFirst();
		if (hit) out.externalId = hit;
	}
	if (keys.siret) {
		// SIRET + establishment is the key: one SIRET may carry several establishments (multi-site).
		let query = db.selectFrom('structure').select(['id', 'name', 'establishment']).where('siret', '=', keys.siret).orderBy('id');
		if (exceptId !== null) query = query.where('id', '!=', exceptId);
		const same = await query.execute();
		const clash = same.find((s) => (s.establishment ?? '') === (keys.establishment ?? ''));
		if (clash) out.siret = { id: clash.id, name: clash.name };
		out.sameSiret = same.filter((s) => s !== clash);
	}
	return out;
}

/** Replaces the zone de compétence of `id` by `codes`; records the change when there is one. */
async function replaceZone(trx: Db, actor: AuditActor, id: number, codes: readonly string[]): Promise<void> {
	const before = (
		await trx.selectFrom('structure_zone_commune').select('commune_code').where('structure_id', '=', id).orderBy('commune_code').execute()
	).map((z) => z.commune_code);
	const after = [...new Set(codes)].sort();
	if (before.length === after.length && before.every((c, i) => c === after[i])) return;
	await trx.deleteFrom('structure_zone_commune').where('structure_id', '=', id).execute();
	if (after.length > 0) {
		await trx
			.insertInto('structure_zone_commune')
			.values(after.map((commune_code) => ({ structure_id: id, commune_code })))
			.execute();
	}
	await record(trx, actor, { action: 'update', entity: 'structure_zone_commune', entityId: id, before, after });
}

/** Creates a structure and its zone de compétence in one transaction; returns its id. */
export async function create(db: Kysely<Database>, actor: AuditActor, input: StructureEdit): Promise<number> {
	return db.transaction().execute(async (trx) => {
		const row = await createRow(trx, actor, 'structure', toRow(input));
		const id = Number(row.id);
		await replaceZone(trx, actor, id, input.zoneCommuneCodes);
		return id;
	});
}

/**
 * Saves the form of structure `id`, loaded at `expectedVersion`, with its zone de compétence, in
 * one transaction. @throws ConflictError when someone saved it meanwhile (nothing is written).
 */
export async function update(
	db: Kysely<Database>,
	actor: AuditActor,
	id: number,
	expectedVersion: number,
	input: StructureEdit
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		await updateRow(trx, actor, 'structure', id, expectedVersion, toRow(input));
		await replaceZone(trx, actor, id, input.zoneCommuneCodes);
	});
}

/**
 * Closes structure `id` on `closedOn` (`YYYY-MM-DD`), or reopens it with null: structures are
 * never deleted, their history stays. @throws ConflictError when the row moved on.
 */
export async function setClosedOn(
	db: Kysely<Database>,
	actor: AuditActor,
	id: number,
	expectedVersion: number,
	closedOn: string | null
): Promise<void> {
	await updateRow(db, actor, 'structure', id, expectedVersion, { closed_on: closedOn });
}
