/**
 * The Database interface Kysely types every query with. One `*Table` per table of
 * `db/migrations`; nullable columns are `T | null`, never optional (Kysely's guidance).
 * Row aliases (`Selectable<...>`) are for repositories only: routes get domain types.
 */
import type { ColumnType, Generated, Selectable } from 'kysely';
import type { Geometry, MultiPolygon, Polygon } from 'geojson';
import type { Role } from '../../domain/policy';

export type { Role };

/** numeric columns: both drivers are set (in `createDb`) to return JS numbers. */
export type Numeric = number;
/** date columns: both drivers are set to return the ISO `YYYY-MM-DD` text, never a Date. */
export type DateColumn = string;
export type DateColumnNullable = string | null;
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamp the database fills by default (`now()`). */
export type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type TimestampNullable = ColumnType<Date | null, Date | string | null, Date | string | null>;
/** jsonb: always written as `JSON.stringify(value)` (pg would send arrays as Postgres arrays). */
export type Json<T> = ColumnType<T, string, string>;
export type JsonNullable<T> = ColumnType<T | null, string | null, string | null>;

interface Editable {
	version: Generated<number>;
	created_at: GeneratedTimestamp;
	updated_at: GeneratedTimestamp;
}

export interface AppMetaTable {
	key: string;
	value: string;
}

export interface EpciTable extends Editable {
	siren: string;
	name: string;
	nature: string | null;
	geometry: JsonNullable<Polygon | MultiPolygon>;
	display_geometry: JsonNullable<Polygon | MultiPolygon>;
	/** Member communes in several départements (official list, or the file). */
	interdepartemental: Generated<boolean>;
	/** Where the outline comes from: an EPCI file, or the dissolve of its member communes. */
	outline_source: 'fichier' | 'communes' | null;
	/** The outline covers only the territory's part of an interdepartmental EPCI. */
	outline_partial: Generated<boolean>;
}

/**
 * The territory of work of a real database (migration 2026-12-06T0400): one row, id 1. No row:
 * no territory (the demo, or a database where nothing was imported yet).
 */
export interface WorkTerritoryTable extends Editable {
	id: number;
	/** Département codes, e.g. ["72"]. */
	departement_codes: Json<string[]>;
	/** Width of the border band kept around the territory, km. */
	band_km: number;
}

/** Where activity poles come from: a file, or an INSEE zoning with its vintage (dated reference data). */
export interface PoleDefinitionTable extends Editable {
	code: string;
	label: string;
	producer: string | null;
	zoning: string | null;
	vintage: number | null;
	valid_from: DateColumn;
	source: string | null;
	comment: string | null;
}

export interface CommuneTable extends Editable {
	code: string;
	name: string;
	departement_code: string;
	epci_siren: string | null;
	population: number | null;
	population_year: number | null;
	area_km2: number | null;
	geometry: JsonNullable<Polygon | MultiPolygon>;
	display_geometry: JsonNullable<Polygon | MultiPolygon>;
	ref_lon: number;
	ref_lat: number;
	ref_point_source: Generated<'centroid' | 'point_on_surface' | 'supplied'>;
	urban: boolean | null;
}

export interface ZoneTable extends Editable {
	id: Generated<number>;
	kind: 'qpv' | 'iris';
	code: string;
	name: string;
	commune_codes: Json<string[]>;
	population: number | null;
	geometry: JsonNullable<Geometry>;
	display_geometry: JsonNullable<Geometry>;
	ref_lon: number | null;
	ref_lat: number | null;
	/** QPV generation (`2015`, `2024`); null when unknown (or for IRIS). */
	generation: string | null;
	valid_from: DateColumnNullable;
	valid_until: DateColumnNullable;
}

export interface TerritorialIndicatorTable {
	id: Generated<number>;
	territory_kind: 'commune' | 'epci' | 'qpv' | 'iris' | 'departement';
	territory_code: string;
	year: number;
	key: string;
	value: number;
	source: string | null;
}

export interface ActivityPoleTable extends Editable {
	id: Generated<number>;
	commune_code: string;
	name: string;
	type: string;
	lon: number;
	lat: number;
	location_approximate: Generated<boolean>;
	/** `pole_definition.code`: `fichier` for poles imported from a file. */
	definition_code: Generated<string>;
}

export interface StructureTable extends Editable {
	id: Generated<number>;
	external_id: string | null;
	siret: string | null;
	name: string;
	type: 'CS' | 'EVS';
	commune_code: string;
	address: string | null;
	lon: number;
	lat: number;
	location_approximate: Generated<boolean>;
	manager_name: string | null;
	manager_siren: string | null;
	management_mode: string | null;
	first_agrement_date: DateColumnNullable;
	projet_familles: Generated<boolean>;
	federation_member: boolean | null;
	territory_type: string | null;
	territory_size: string | null;
	specificities: Json<string[]>;
	closed_on: DateColumnNullable;
	/** Establishment suffix or internal number (`A-Z0-9`, 1–12): tells apart the structures of one SIRET. */
	establishment: string | null;
}

export interface StructureZoneCommuneTable {
	structure_id: number;
	commune_code: string;
}

export interface AgrementTable extends Editable {
	id: Generated<number>;
	structure_id: number;
	kind: 'animation_globale' | 'animation_collective_familles' | 'animation_locale';
	start_date: DateColumn;
	end_date: DateColumn;
	is_first: Generated<boolean>;
	decision: Generated<'en_instruction' | 'accorde' | 'proroge' | 'refuse' | 'retire'>;
	decision_date: DateColumnNullable;
	duration_exception: string | null;
	comment: string | null;
}

export interface AgrementCriterionTable {
	agrement_id: number;
	framework: 'projet_social' | 'projet_familles';
	criterion: number;
	status: 'satisfait' | 'partiel' | 'insuffisant' | 'non_evalue';
	comment: string | null;
}

export interface StaffPostTable extends Editable {
	id: Generated<number>;
	structure_id: number;
	kind: 'directeur' | 'referent_familles' | 'autre';
	etp: number;
	qualification_level: number | null;
	vacant_from: DateColumnNullable;
	vacant_until: DateColumnNullable;
	/** First day the holder holds the post; null when held since before it was recorded. */
	start_date: DateColumnNullable;
	/** Last day held; null while held. */
	end_date: DateColumnNullable;
	/** Name of the holder, when recorded. */
	holder: string | null;
}

export interface ParticipationCountTable {
	structure_id: number;
	year: number;
	level: 1 | 2 | 3 | 4 | 5;
	count: number;
}

/** The yearly data of a structure for the observatory (migrations 0200 and 2026-12-06T0500). */
export interface StructureYearTable extends Editable {
	id: Generated<number>;
	structure_id: number;
	year: number;
	staff_headcount: number | null;
	staff_etp: number | null;
	volunteers_activity: number | null;
	volunteers_governance: number | null;
	zone_population: number | null;
	/** Total of the charges of the year (euros). */
	budget_total: Numeric | null;
	project_axes: Json<string[]>;
	volunteer_hours: number | null;
	people_reached: number | null;
	families_reached: number | null;
	users_count: number | null;
	members_count: number | null;
	age_0_5: number | null;
	age_6_11: number | null;
	age_12_17: number | null;
	age_18_25: number | null;
	age_26_59: number | null;
	age_60_plus: number | null;
	board_inhabitants: number | null;
	board_users: number | null;
	board_partners: number | null;
	board_meetings: number | null;
	associations_hosted: number | null;
	produits_total: Numeric | null;
	produits_users: Numeric | null;
	contributions_in_kind: Numeric | null;
	collective_agreement: string | null;
	collective_agreement_other: string | null;
	senacs_answered: boolean | null;
	senacs_answered_on: DateColumnNullable;
	comment: string | null;
}

export interface StructureYearActivityTable {
	structure_id: number;
	year: number;
	domain: string;
	public: string;
	actions: number | null;
	participants: number | null;
}

export interface StructureYearPartnerTable {
	structure_id: number;
	year: number;
	partner_kind: string;
	partners: number | null;
	conventions: number | null;
}

export interface StructureYearContractTable {
	structure_id: number;
	year: number;
	contract_type: string;
	headcount: number | null;
	etp: Numeric | null;
}

export interface PartnerTable extends Editable {
	id: Generated<number>;
	code: string;
	name: string;
	kind: string;
	territory_code: string | null;
}

export interface FundingInstrumentTable extends Editable {
	id: Generated<number>;
	code: string;
	label: string;
	family: string;
	partner_kind: string | null;
	valid_from: DateColumnNullable;
	valid_until: DateColumnNullable;
}

export interface FundingLineTable extends Editable {
	id: Generated<number>;
	structure_id: number;
	partner_id: number;
	instrument_id: number;
	year: number;
	amount: Numeric;
	status: 'previsionnel' | 'notifie' | 'verse';
	comment: string | null;
	published: Generated<boolean>;
}

export interface EligibleExpenseTable extends Editable {
	structure_id: number;
	instrument_id: number;
	year: number;
	amount: Numeric;
}

export interface ReferenceParameterTable extends Editable {
	id: Generated<number>;
	key: string;
	valid_from: DateColumn;
	valid_until: DateColumnNullable;
	/** Null when the regime's figure is not public yet (« à compléter »). */
	value: JsonNullable<unknown>;
	unit: string | null;
	regime: string;
	source: string | null;
	comment: string | null;
}

export interface AccordCadreTable extends Editable {
	id: Generated<number>;
	name: string;
	start_year: number;
	end_year: number;
	signed_on: DateColumnNullable;
}

export interface AccordCadreSignatoryTable {
	accord_cadre_id: number;
	partner_id: number;
}

export interface CommitmentTable extends Editable {
	id: Generated<number>;
	accord_cadre_id: number;
	partner_id: number;
	year: number;
	kind: 'montant' | 'structures_financees' | 'creations_prioritaires';
	value: Numeric;
	epci_siren: string | null;
	instrument_id: number | null;
	published: Generated<boolean>;
	comment: string | null;
}

export interface SchemaDirecteurTable extends Editable {
	id: Generated<number>;
	name: string;
	start_year: number;
	end_year: number;
	adopted_on: DateColumnNullable;
}

export interface SchemaSignatoryTable {
	schema_id: number;
	partner_id: number;
}

export interface OrientationTable extends Editable {
	id: Generated<number>;
	schema_id: number;
	position: number;
	title: string;
}

export interface ObjectiveTable extends Editable {
	id: Generated<number>;
	orientation_id: number;
	position: number;
	title: string;
	description: string | null;
}

export interface IndicatorTable extends Editable {
	id: Generated<number>;
	objective_id: number;
	label: string;
	unit: string;
	computation: string | null;
	baseline_year: number | null;
	baseline_value: number | null;
	higher_is_better: Generated<boolean>;
	source: string | null;
	published: Generated<boolean>;
}

export interface IndicatorTargetTable {
	indicator_id: number;
	year: number;
	target: number;
}

export interface IndicatorValueTable {
	indicator_id: number;
	year: number;
	value: number;
	source: string | null;
}

export interface CommitteeDecisionTable extends Editable {
	id: Generated<number>;
	decided_on: DateColumn;
	body: string;
	decision: string;
	commune_codes: Json<string[]>;
	structure_ids: Json<number[]>;
}


export interface AppUserTable extends Editable {
	id: Generated<number>;
	email: string;
	display_name: string;
	role: Role;
	partner_id: number | null;
	password_hash: string;
	active: Generated<boolean>;
	password_changed_at: TimestampNullable;
	reset_code_hash: string | null;
	reset_code_expires_at: TimestampNullable;
	last_login_at: TimestampNullable;
}

export interface UserSessionTable {
	id: string;
	user_id: number;
	created_at: GeneratedTimestamp;
	last_seen_at: GeneratedTimestamp;
	expires_at: Timestamp;
	user_agent: string | null;
}

/** Failed sign-in attempts of one (account, address) pair (migration 2026-12-06T0100). */
export interface LoginThrottleTable {
	/** The e-mail as typed, lower-cased (whether or not such an account exists). */
	account: string;
	address: string;
	failures: number;
	first_failure_at: Timestamp;
	last_failure_at: Timestamp;
}

export interface ImportLogTable {
	id: Generated<number>;
	at: GeneratedTimestamp;
	user_id: number | null;
	actor: string;
	kind: string;
	file_name: string;
	file_hash: string;
	status: 'accepted' | 'rejected' | 'partial';
	counts: Json<Record<string, number>>;
	issues: Json<unknown[]>;
}

/** A planning scenario: named changes over the current structures (migration 2026-11-27T0710). */
export interface ScenarioTable extends Editable {
	id: Generated<number>;
	name: string;
	description: string | null;
	/** `ScenarioChange[]` of `$lib/planning` (validated with `parseScenarioChanges` when read). */
	changes: Json<unknown[]>;
	author_user_id: number | null;
	/** The author's e-mail (or `ligne de commande`), kept when the account is deleted. */
	author_label: string;
}

export interface AuditLogTable {
	id: Generated<string | number>;
	at: GeneratedTimestamp;
	user_id: number | null;
	actor: string;
	action: 'create' | 'update' | 'delete' | 'import';
	entity: string;
	entity_id: string | null;
	before: JsonNullable<unknown>;
	after: JsonNullable<unknown>;
	import_log_id: number | null;
}

/**
 * An imported travel time, minutes (> 0), from a commune to a commune (INSEE code: every structure
 * and pole located there) or to a structure (its id, as text). Natural key: the three text columns.
 */
export interface TravelTimeTable {
	origin_commune: string;
	destination_kind: 'commune' | 'structure' | 'pole';
	destination: string;
	minutes: number;
	/** `osm:<extract date>`, `osrm:<url>` or `import:<file>`. */
	source: Generated<string>;
	/** True for times computed by `maillage routes compute`; an imported row wins over a computed one. */
	computed: Generated<boolean>;
}

/** One source of travel times present in `travel_time` (issue 16). */
export interface TravelTimeSourceTable {
	source: string;
	kind: 'osm' | 'osrm' | 'import';
	/** Complete: a pair missing means « beyond the cutoff », never an estimate. */
	complete: boolean;
	cutoff_minutes: number | null;
	file_name: string | null;
	file_sha256: string | null;
	extract_date: string | null;
	computed_at: ColumnType<Date, Date | string | undefined, Date | string>;
	pairs: Generated<number>;
	details: Json<Record<string, unknown>>;
}

/** bytea: both drivers return bytes (pg a Buffer, PGlite a Uint8Array); written as a Uint8Array. */
export type Bytes = ColumnType<Uint8Array, Uint8Array, Uint8Array>;

export interface AgrementDocumentTable {
	id: Generated<number>;
	agrement_id: number;
	kind: string;
	title: string;
	file_name: string;
	media_type: string;
	size_bytes: number;
	sha256: string;
	content: Bytes;
	uploaded_at: GeneratedTimestamp;
	user_id: number | null;
	uploaded_by: string;
}

export interface CommitteeSnapshotTable {
	id: Generated<number>;
	taken_on: string;
	body: string;
	title: string;
	figures: Json<unknown>;
	created_at: GeneratedTimestamp;
	user_id: number | null;
	created_by: string;
}

export interface Database {
	app_meta: AppMetaTable;
	work_territory: WorkTerritoryTable;
	epci: EpciTable;
	commune: CommuneTable;
	zone: ZoneTable;
	territorial_indicator: TerritorialIndicatorTable;
	pole_definition: PoleDefinitionTable;
	activity_pole: ActivityPoleTable;
	structure: StructureTable;
	structure_zone_commune: StructureZoneCommuneTable;
	agrement: AgrementTable;
	agrement_criterion: AgrementCriterionTable;
	staff_post: StaffPostTable;
	participation_count: ParticipationCountTable;
	structure_year: StructureYearTable;
	structure_year_activity: StructureYearActivityTable;
	structure_year_partner: StructureYearPartnerTable;
	structure_year_contract: StructureYearContractTable;
	partner: PartnerTable;
	funding_instrument: FundingInstrumentTable;
	funding_line: FundingLineTable;
	eligible_expense: EligibleExpenseTable;
	reference_parameter: ReferenceParameterTable;
	accord_cadre: AccordCadreTable;
	accord_cadre_signatory: AccordCadreSignatoryTable;
	commitment: CommitmentTable;
	schema_directeur: SchemaDirecteurTable;
	schema_signatory: SchemaSignatoryTable;
	orientation: OrientationTable;
	objective: ObjectiveTable;
	indicator: IndicatorTable;
	indicator_target: IndicatorTargetTable;
	indicator_value: IndicatorValueTable;
	committee_decision: CommitteeDecisionTable;
	app_user: AppUserTable;
	agrement_document: AgrementDocumentTable;
	committee_snapshot: CommitteeSnapshotTable;
	user_session: UserSessionTable;
	login_throttle: LoginThrottleTable;
	import_log: ImportLogTable;
	audit_log: AuditLogTable;
	scenario: ScenarioTable;
	travel_time: TravelTimeTable;
	travel_time_source: TravelTimeSourceTable;
	zonage_commune: ZonageCommuneTable;
}

/** A commune's membership of a communal zoning (ZFRR), over a period. */
export interface ZonageCommuneTable {
	zonage: 'zfrr';
	commune_code: string;
	valid_from: DateColumn;
	valid_until: DateColumnNullable;
	source: string | null;
	import_log_id: number | null;
}

/** Every table, in an order where each table comes after those it references. */
export const TABLES_IN_DEPENDENCY_ORDER = [
	'app_meta',
	'work_territory',
	'epci',
	'commune',
	'zone',
	'territorial_indicator',
	'pole_definition',
	'activity_pole',
	'structure',
	'structure_zone_commune',
	'agrement',
	'agrement_criterion',
	'staff_post',
	'participation_count',
	'structure_year',
	'partner',
	'funding_instrument',
	'funding_line',
	'eligible_expense',
	'reference_parameter',
	'accord_cadre',
	'accord_cadre_signatory',
	'commitment',
	'schema_directeur',
	'schema_signatory',
	'orientation',
	'objective',
	'indicator',
	'indicator_target',
	'indicator_value',
	'committee_decision',
	'app_user',
	'agrement_document',
	'committee_snapshot',
	'user_session',
	'login_throttle',
	'import_log',
	'audit_log',
	'scenario',
	'travel_time_source',
	'travel_time',
	'zonage_commune'
] as const satisfies readonly (keyof Database)[];

export type CommuneRow = Selectable<CommuneTable>;
export type StructureRow = Selectable<StructureTable>;
