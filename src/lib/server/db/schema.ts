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
	decision: Generated<'en_instruction' | 'accorde' | 'refuse'>;
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
}

export interface ParticipationCountTable {
	structure_id: number;
	year: number;
	level: 1 | 2 | 3 | 4 | 5;
	count: number;
}

export interface StructureYearTable extends Editable {
	structure_id: number;
	year: number;
	staff_headcount: number | null;
	staff_etp: number | null;
	volunteers_activity: number | null;
	volunteers_governance: number | null;
	zone_population: number | null;
	budget_total: number | null;
	project_axes: Json<string[]>;
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
	value: Json<unknown>;
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
	epci: EpciTable;
	commune: CommuneTable;
	zone: ZoneTable;
	territorial_indicator: TerritorialIndicatorTable;
	activity_pole: ActivityPoleTable;
	structure: StructureTable;
	structure_zone_commune: StructureZoneCommuneTable;
	agrement: AgrementTable;
	agrement_criterion: AgrementCriterionTable;
	staff_post: StaffPostTable;
	participation_count: ParticipationCountTable;
	structure_year: StructureYearTable;
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
	import_log: ImportLogTable;
	audit_log: AuditLogTable;
	scenario: ScenarioTable;
	travel_time: TravelTimeTable;
	travel_time_source: TravelTimeSourceTable;
}

/** Every table, in an order where each table comes after those it references. */
export const TABLES_IN_DEPENDENCY_ORDER = [
	'app_meta',
	'epci',
	'commune',
	'zone',
	'territorial_indicator',
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
	'import_log',
	'audit_log',
	'scenario',
	'travel_time_source',
	'travel_time'
] as const satisfies readonly (keyof Database)[];

export type CommuneRow = Selectable<CommuneTable>;
export type StructureRow = Selectable<StructureTable>;
